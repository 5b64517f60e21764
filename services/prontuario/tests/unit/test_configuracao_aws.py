"""The aws storage refuses to start without its bucket, table and KMS key, naming what is
missing (the names the Terraform stack gives the task)."""

from __future__ import annotations

import base64

import pytest

from libs.settings import ConfigurationError
from services.prontuario.settings import ProntuarioSettings

RECURSOS = {
    "documentos_bucket": "healthmed-dev-documentos-123",
    "prontuario_tabela": "healthmed-dev-prontuario",
    "documentos_kms": "arn:aws:kms:sa-east-1:123456789012:key/abc",
}
SEGREDOS = {
    "service_token": "t" * 32,
    "chave_hash": "h" * 32,
    "chave_dados": base64.b64encode(bytes(32)).decode(),
    "prontuario_chave_auditoria": "a" * 32,
    # Who issues tokens is another matter (libs.settings checks Cognito's variables itself).
    "identidade_provedor": "local",
}


@pytest.fixture(autouse=True)
def _sem_ambiente(monkeypatch):
    # The process may run with an aws environment; these tests give everything explicitly.
    for nome in (*RECURSOS, "prontuario_armazenamento"):
        monkeypatch.delenv(f"HEALTHMED_{nome.upper()}", raising=False)


@pytest.mark.parametrize(
    ("faltando", "variavel"),
    [
        ("documentos_bucket", "HEALTHMED_DOCUMENTOS_BUCKET"),
        ("prontuario_tabela", "HEALTHMED_PRONTUARIO_TABELA"),
        ("documentos_kms", "HEALTHMED_DOCUMENTOS_KMS"),
    ],
)
def test_perfil_aws_sem_recurso_nao_inicia_e_nomeia_a_variavel(faltando, variavel, tmp_path):
    dados = {k: v for k, v in RECURSOS.items() if k != faltando}
    with pytest.raises(ConfigurationError, match=variavel) as erro:
        ProntuarioSettings(profile="aws", data_dir=tmp_path, **SEGREDOS, **dados)
    outras = {f"HEALTHMED_{k.upper()}" for k in RECURSOS} - {variavel}
    assert not any(o in str(erro.value) for o in outras)


def test_perfil_aws_sem_nada_nomeia_as_tres(tmp_path):
    with pytest.raises(ConfigurationError) as erro:
        ProntuarioSettings(profile="aws", data_dir=tmp_path, **SEGREDOS)
    for variavel in RECURSOS:
        assert f"HEALTHMED_{variavel.upper()}" in str(erro.value)


def test_perfil_aws_completo_escolhe_o_armazenamento_aws(tmp_path):
    settings = ProntuarioSettings(profile="aws", data_dir=tmp_path, **SEGREDOS, **RECURSOS)
    assert settings.armazenamento == "aws"


def test_armazenamento_aws_pedido_no_perfil_local_tambem_exige_os_recursos(tmp_path):
    with pytest.raises(ConfigurationError, match="HEALTHMED_DOCUMENTOS_BUCKET"):
        ProntuarioSettings(profile="local", data_dir=tmp_path, prontuario_armazenamento="aws")


def test_perfil_local_nao_precisa_de_recursos_aws(tmp_path):
    assert ProntuarioSettings(profile="local", data_dir=tmp_path).armazenamento == "local"


def test_assinatura_no_perfil_aws_so_quando_pedida(monkeypatch):
    # Until the task role may create and use the doctors' KMS keys, issuing answers 503 there;
    # HEALTHMED_PRONTUARIO_ASSINATURA=kms turns the KMS signer on.
    monkeypatch.delenv("HEALTHMED_PRONTUARIO_ASSINATURA", raising=False)
    aws = ProntuarioSettings(profile="aws", **RECURSOS, **SEGREDOS)
    assert aws.assinatura == "nenhuma"
    assert ProntuarioSettings(profile="local").assinatura == "teste"
    assert (
        ProntuarioSettings(profile="aws", prontuario_assinatura="kms", **RECURSOS, **SEGREDOS)
    ).assinatura == "kms"
