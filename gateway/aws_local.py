"""The aws profile on this machine: the AWS resources the product needs, created on a moto
server (``make dev-aws`` and the aws end-to-end tests), and the settings that point every
service at them.

What runs for real: Cognito (identity), S3 with SSE-KMS (documents), DynamoDB (record
metadata and meeting links), KMS, SES (e-mail) — all moto. What does not: Chime SDK, which moto
lacks, so video uses the built-in WebRTC room; and RDS, whose stand-in is the embedded
PostgreSQL.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from libs import aws
from libs.settings import Settings
from services.consulta.adapters import salas_dynamo
from services.prontuario.adapters.registros_dynamo import criar_tabela

REGIAO = "sa-east-1"
REMETENTE = "nao-responda@healthmed.dev"


@dataclass(frozen=True)
class RecursosAws:
    """The ids of what :func:`provisionar` created."""

    endpoint: str
    pool_id: str
    client_id: str
    bucket: str
    tabela: str
    chave_kms: str
    tabela_reunioes: str


def _atributo(nome: str, minimo: int, maximo: int, *, mutavel: bool = True) -> dict[str, Any]:
    return {
        "Name": nome,
        "AttributeDataType": "String",
        "Mutable": mutavel,
        "StringAttributeConstraints": {"MinLength": str(minimo), "MaxLength": str(maximo)},
    }


def provisionar(endpoint: str, prefixo: str = "healthmed-dev") -> RecursosAws:
    """Create, on the AWS endpoint, what infra/terraform creates for one environment."""
    settings = Settings(profile="local", aws_region=REGIAO, aws_endpoint_url=endpoint)
    sufixo = uuid.uuid4().hex[:8]
    kms = aws.client(settings, "kms")
    chave = kms.create_key(Description=f"{prefixo} documentos")["KeyMetadata"]["Arn"]

    bucket = f"{prefixo}-documentos-{sufixo}"
    s3 = aws.s3_client(settings)
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGIAO})
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": chave,
                    },
                    "BucketKeyEnabled": True,
                }
            ]
        },
    )
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_public_access_block(
        Bucket=bucket,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    # The browser posts the file straight to the bucket (presigned POST).
    s3.put_bucket_cors(
        Bucket=bucket,
        CORSConfiguration={
            "CORSRules": [
                {
                    "AllowedMethods": ["POST", "GET"],
                    "AllowedOrigins": ["*"],
                    "AllowedHeaders": ["*"],
                }
            ]
        },
    )

    tabela = f"{prefixo}-prontuario-{sufixo}"
    criar_tabela(aws.client(settings, "dynamodb"), tabela)
    tabela_reunioes = f"{prefixo}-reunioes-{sufixo}"
    salas_dynamo.criar_tabela(aws.client(settings, "dynamodb"), tabela_reunioes)

    idp = aws.client(settings, "cognito-idp")
    pool_id = idp.create_user_pool(
        PoolName=f"{prefixo}-{sufixo}",
        Policies={"PasswordPolicy": {"MinimumLength": 8}},
        Schema=[
            _atributo("email", 3, 254) | {"Required": True},
            _atributo("crm", 1, 10),
            _atributo("uf", 2, 2),
            _atributo("cpf_hash", 64, 64),
            _atributo("papel", 6, 8, mutavel=False),
        ],
        AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
    )["UserPool"]["Id"]
    for grupo in ("medico", "paciente"):
        idp.create_group(UserPoolId=pool_id, GroupName=grupo)
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=f"{prefixo}-api",
        GenerateSecret=False,
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]

    aws.client(settings, "ses").verify_email_identity(EmailAddress=REMETENTE)
    return RecursosAws(endpoint, pool_id, client_id, bucket, tabela, chave, tabela_reunioes)


def configuracao(recursos: RecursosAws, data_dir: Path) -> dict[str, Any]:
    """Settings for every service of the product in the aws profile, against ``recursos``.

    Secrets come from the data directory (as in the local profile), given explicitly because
    the aws profile refuses to invent them.
    """
    local = Settings(data_dir=data_dir)
    auditoria = data_dir / "aws-local-auditoria.key"
    if not auditoria.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        auditoria.write_text(secrets.token_urlsafe(32))
        auditoria.chmod(0o600)
    return {
        "profile": "aws",
        "data_dir": data_dir,
        "aws_region": REGIAO,
        "aws_endpoint_url": recursos.endpoint,
        "service_token": local.secret("service_token"),
        "chave_hash": local.secret("chave_hash"),
        "chave_dados": local.secret("chave_dados"),
        "cognito_user_pool_id": recursos.pool_id,
        "cognito_client_id": recursos.client_id,
        # moto serves the pool's keys on its own host; the issuer stays the real AWS form.
        "jwks_url": f"{recursos.endpoint}/{recursos.pool_id}/.well-known/jwks.json",
        "email_provedor": "ses",
        "email_remetente": REMETENTE,
        "documentos_bucket": recursos.bucket,
        "prontuario_tabela": recursos.tabela,
        "documentos_kms": recursos.chave_kms,
        "prontuario_armazenamento": "aws",
        "prontuario_chave_auditoria": auditoria.read_text(),
        "teleconsulta_provedor": "webrtc",  # moto has no Chime SDK
        "reunioes_tabela": recursos.tabela_reunioes,
    }
