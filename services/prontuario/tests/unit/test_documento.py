"""Rules of a document: accepted types and sizes, and the check at confirmation."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from libs import errors
from services.prontuario.domain.documento import (
    Documento,
    ObjetoArmazenado,
    conteudo_confere,
    validar_pedido,
)
from services.prontuario.domain.erros import ArquivoNaoConfere

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _doc(tipo: str, tamanho: int) -> Documento:
    pid, did = uuid.uuid4(), uuid.uuid4()
    return Documento(
        id=did,
        paciente_id=pid,
        nome="exame",
        categoria="exame",
        tipo_conteudo=tipo,
        tamanho=tamanho,
        status="pendente",
        criado_em=datetime.now(UTC),
        enviado_por=pid,
        chave_objeto=f"{pid}/{did}",
    )


@pytest.mark.parametrize("tipo", ["application/pdf", "image/jpeg", "image/png", "text/plain"])
def test_tipos_aceitos(tipo):
    assert validar_pedido(tipo_conteudo=tipo, tamanho=10, max_bytes=100) == tipo


def test_tipo_e_normalizado():
    assert validar_pedido(tipo_conteudo="Text/Plain; charset=utf-8", tamanho=1, max_bytes=9) == (
        "text/plain"
    )


@pytest.mark.parametrize("tipo", ["application/zip", "text/html", "image/svg+xml", ""])
def test_outros_tipos_sao_415(tipo):
    with pytest.raises(errors.TipoNaoSuportado):
        validar_pedido(tipo_conteudo=tipo, tamanho=10, max_bytes=100)


def test_acima_do_limite_e_413_e_no_limite_passa():
    assert validar_pedido(tipo_conteudo="application/pdf", tamanho=100, max_bytes=100)
    with pytest.raises(errors.MuitoGrande):
        validar_pedido(tipo_conteudo="application/pdf", tamanho=101, max_bytes=100)


@pytest.mark.parametrize(
    ("tipo", "inicio", "ok"),
    [
        ("application/pdf", PDF, True),
        ("application/pdf", b"PDF%", False),
        ("image/jpeg", JPEG, True),
        ("image/jpeg", PNG, False),
        ("image/png", PNG, True),
        ("image/png", b"\x89PNG\r\n", False),
        ("image/png", b"just text", False),
        ("text/plain", "olá, prontuário".encode(), True),
        ("text/plain", b"com\x00nul", False),
        ("text/plain", b"\xff\xfe latin?", False),
    ],
)
def test_primeiros_bytes_conferem_com_o_tipo(tipo, inicio, ok):
    assert conteudo_confere(tipo, inicio, completo=True) is ok


def test_texto_cortado_no_meio_de_um_caractere_so_e_erro_se_o_arquivo_acabou():
    cortado = "ação".encode()[:-2]  # the last "ã" cut in half
    assert conteudo_confere("text/plain", cortado, completo=False)
    assert not conteudo_confere("text/plain", cortado, completo=True)


def test_confirmar_registra_sha256_e_fica_disponivel():
    d = _doc("application/pdf", len(PDF))
    d.confirmar(ObjetoArmazenado(len(PDF), PDF, "a" * 64))
    assert d.status == "disponivel" and d.sha256 == "a" * 64


def test_confirmar_registra_a_versao_conferida_do_objeto():
    d = _doc("application/pdf", len(PDF))
    d.confirmar(ObjetoArmazenado(len(PDF), PDF, "a" * 64, versao="3HL4kqtJlcpXroDTDmJ"))
    assert d.versao_objeto == "3HL4kqtJlcpXroDTDmJ"
    sem_versoes = _doc("application/pdf", len(PDF))
    sem_versoes.confirmar(ObjetoArmazenado(len(PDF), PDF, "a" * 64))
    assert sem_versoes.disponivel and sem_versoes.versao_objeto is None


def test_confirmar_sem_arquivo_tamanho_ou_tipo_diferente_e_conflito():
    d = _doc("image/png", 9)
    with pytest.raises(ArquivoNaoConfere):
        d.confirmar(None)
    with pytest.raises(ArquivoNaoConfere):
        d.confirmar(ObjetoArmazenado(10, b"x" * 10, "b" * 64))
    with pytest.raises(ArquivoNaoConfere):
        d.confirmar(ObjetoArmazenado(9, b"plaintext", "b" * 64, versao="v2"))
    assert d.status == "pendente" and d.sha256 is None and d.versao_objeto is None


def test_conferir_so_verifica_e_nada_registra():
    d = _doc("application/pdf", len(PDF))
    objeto = ObjetoArmazenado(len(PDF), PDF, "a" * 64, versao="rascunho-v1")
    assert d.conferir(objeto) is objeto
    assert d.status == "pendente" and d.sha256 is None and d.versao_objeto is None
    with pytest.raises(ArquivoNaoConfere):
        d.conferir(None)
    with pytest.raises(ArquivoNaoConfere):
        d.conferir(ObjetoArmazenado(len(PDF), b"x" * len(PDF), "b" * 64))


def test_sha256_do_navegador_diferente_e_conflito_e_igual_confirma():
    d = _doc("application/pdf", len(PDF))
    objeto = ObjetoArmazenado(len(PDF), PDF, "a" * 64)
    with pytest.raises(ArquivoNaoConfere, match="navegador"):
        d.conferir(objeto, sha256_enviado="b" * 64)
    with pytest.raises(ArquivoNaoConfere, match="navegador"):
        d.confirmar(objeto, sha256_enviado="b" * 64)
    assert d.status == "pendente" and d.sha256 is None
    d.confirmar(objeto, sha256_enviado="a" * 64)
    assert d.disponivel and d.sha256 == "a" * 64
