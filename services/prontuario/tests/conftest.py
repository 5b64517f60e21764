"""Fixtures of the aws adapters' tests: a KMS key, a documents bucket and a record table in the
moto server of this test process, made the way ``infra/terraform/modules/data`` makes them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from libs import aws
from libs.settings import Settings
from services.prontuario.adapters.registros_dynamo import criar_tabela


@dataclass(frozen=True)
class RecursosAws:
    """Where the aws adapters of the tests point."""

    endpoint: str
    bucket: str
    tabela: str
    chave_kms: str


def criar_bucket(s3: Any, nome: str, chave_kms: str) -> None:
    """A private, versioned bucket whose default encryption is SSE-KMS under ``chave_kms``."""
    s3.create_bucket(Bucket=nome, CreateBucketConfiguration={"LocationConstraint": "sa-east-1"})
    s3.put_bucket_encryption(
        Bucket=nome,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": chave_kms,
                    },
                    "BucketKeyEnabled": True,
                }
            ]
        },
    )
    s3.put_bucket_versioning(Bucket=nome, VersioningConfiguration={"Status": "Enabled"})
    s3.put_public_access_block(
        Bucket=nome,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )


@pytest.fixture(scope="session")
def recursos_aws(moto_endpoint: str, test_data_dir: Path) -> RecursosAws:
    """A KMS key, a bucket and a table of this test process (unique names)."""
    settings = Settings(profile="local", aws_endpoint_url=moto_endpoint, data_dir=test_data_dir)
    sufixo = uuid.uuid4().hex[:12]
    chave = aws.client(settings, "kms").create_key(Description="documentos")["KeyMetadata"]["Arn"]
    bucket = f"healthmed-documentos-{sufixo}"
    criar_bucket(aws.s3_client(settings), bucket, chave)
    tabela = f"healthmed-prontuario-{sufixo}"
    criar_tabela(aws.client(settings, "dynamodb"), tabela)
    return RecursosAws(moto_endpoint, bucket, tabela, chave)
