"""The KMS signer against moto's KMS: a key per doctor created on first use, the PDF's PAdES
signature validates against the authority that certified the KMS key, and breaks on one byte."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from libs import aws
from libs.settings import Settings
from services.prontuario.adapters import pdf_clinico
from services.prontuario.adapters.assinatura_kms import AssinadorKms, alias_do_medico
from services.prontuario.adapters.assinatura_teste import AutoridadeDeTeste
from services.prontuario.domain.receituario import Cabecalho, ItemReceita, Receita, Signatario


@pytest.fixture
def kms(moto_endpoint: str):
    return aws.client(Settings(profile="local", aws_endpoint_url=moto_endpoint), "kms")


def _pdf(signatario: Signatario) -> bytes:
    cabecalho = Cabecalho(
        signatario=signatario,
        paciente_nome="Ana Paciente",
        emitido_em=datetime(2026, 12, 5, 10, 0, tzinfo=UTC),
        consulta_em=datetime(2026, 12, 5, 9, 30, tzinfo=UTC),
        codigo="AAAA-BBBB-CCCC-DDDD",
        url_verificacao="http://127.0.0.1:8000/verificar/AAAA-BBBB-CCCC-DDDD",
        certificado_de_teste=True,
    )
    return pdf_clinico.receita(
        Receita((ItemReceita("Dipirona", "500 mg", "6/6 h", "3 dias"),)), cabecalho
    )


async def _valida(pdf: bytes, autoridade: AutoridadeDeTeste) -> tuple[bool, bool]:
    (assinatura,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    status = await async_validate_pdf_signature(
        assinatura, ValidationContext(trust_roots=[autoridade.raiz_asn1()])
    )
    return status.bottom_line, status.intact


async def test_assinatura_pela_chave_kms_do_medico_valida_e_quebra_com_um_byte(kms):
    autoridade = AutoridadeDeTeste(b"s" * 32)
    assinador = AssinadorKms(kms, autoridade)
    medico = Signatario(uuid.uuid4(), "Dra. Beatriz Médica", "123456", "SP")

    assinado = await assinador.assinar(_pdf(medico), signatario=medico, motivo="Receita")

    assert await _valida(assinado, autoridade) == (True, True)
    alterado = bytearray(assinado)
    alterado[12] ^= 0x01
    assert (await _valida(bytes(alterado), autoridade))[1] is False
    chave = kms.describe_key(KeyId=alias_do_medico(medico.id))["KeyMetadata"]
    assert (chave["KeySpec"], chave["KeyUsage"]) == ("ECC_NIST_P256", "SIGN_VERIFY")


async def test_cada_medico_tem_a_sua_chave_e_a_reusa(kms):
    autoridade = AutoridadeDeTeste(b"s" * 32)
    medico = Signatario(uuid.uuid4(), "Dr. Um", "111111", "RJ")
    outro = Signatario(uuid.uuid4(), "Dr. Dois", "222222", "MG")
    # Two copies of the service, each on its first document of the same doctor.
    for assinador in (AssinadorKms(kms, autoridade), AssinadorKms(kms, autoridade)):
        await assinador.assinar(_pdf(medico), signatario=medico, motivo="Receita")
    await AssinadorKms(kms, autoridade).assinar(_pdf(outro), signatario=outro, motivo="Receita")

    de_um = kms.describe_key(KeyId=alias_do_medico(medico.id))["KeyMetadata"]["KeyId"]
    de_dois = kms.describe_key(KeyId=alias_do_medico(outro.id))["KeyMetadata"]["KeyId"]
    assert de_um != de_dois
    tags = kms.list_resource_tags(KeyId=de_um)["Tags"]
    assert {"TagKey": "healthmed:medico", "TagValue": str(medico.id)} in tags
