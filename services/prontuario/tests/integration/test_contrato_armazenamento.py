"""The contract of the ``DocumentStorage`` port. Every adapter runs the same tests: the
fixture ``adaptador`` gives the storage plus how a client sends to and reads from its signed
URLs (the S3 adapter will add its own parameter here, against moto's server)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from libs import errors
from services.prontuario.adapters.armazenamento_local import (
    ROTA_ARQUIVOS,
    ArquivoCorrompido,
    AssinadorDeLinks,
    LocalDocumentStorage,
)
from services.prontuario.domain.documento import BYTES_INICIAIS, Documento, chave_objeto

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"


@dataclass
class Adaptador:
    storage: Any
    enviar: Any  # async (PedidoEnvio, bytes, tipo) -> None
    baixar: Any  # async (url) -> bytes


def _token(url: str) -> str:
    return url.split(ROTA_ARQUIVOS, 1)[1]


async def _partes(dados: bytes, tamanho: int = 65536) -> AsyncIterator[bytes]:
    for i in range(0, len(dados), tamanho):
        yield dados[i : i + tamanho]


def _local(raiz: Path) -> Adaptador:
    storage = LocalDocumentStorage(
        raiz,
        chave_mestra=b"m" * 32,
        assinador=AssinadorDeLinks(b"u" * 32),
        base_url="http://127.0.0.1:8000/api",
    )

    async def enviar(pedido: Any, dados: bytes, tipo: str | None = None) -> None:
        tipo = tipo or pedido.cabecalhos["Content-Type"]
        await storage.receber(_token(pedido.url), tipo_conteudo=tipo, corpo=_partes(dados))

    async def baixar(url: str) -> bytes:
        link = storage.link_de_download(_token(url))
        return bytes(await storage.ler(link.chave))

    return Adaptador(storage, enviar, baixar)


@pytest.fixture(params=["local"])
def adaptador(request: pytest.FixtureRequest, tmp_path: Path) -> Adaptador:
    """Each storage adapter, ready to use."""
    if request.param == "local":
        return _local(tmp_path / "prontuario")
    raise AssertionError(request.param)


def _documento(tipo: str = "application/pdf", tamanho: int = len(PDF)) -> Documento:
    pid, did = uuid.uuid4(), uuid.uuid4()
    return Documento(
        id=did,
        paciente_id=pid,
        nome="laudo.pdf",
        categoria="laudo",
        tipo_conteudo=tipo,
        tamanho=tamanho,
        status="pendente",
        criado_em=datetime.now(UTC),
        enviado_por=pid,
        chave_objeto=chave_objeto(pid, did),
    )


def _daqui(minutos: int = 5) -> datetime:
    return (datetime.now(UTC) + timedelta(minutes=minutos)).replace(microsecond=0)


async def test_envio_assinado_guarda_e_inspecao_descreve(adaptador: Adaptador):
    doc = _documento()
    pedido = await adaptador.storage.preparar_envio(documento=doc, expira_em=_daqui())
    assert pedido.metodo in ("PUT", "POST") and pedido.url.startswith("http")
    await adaptador.enviar(pedido, PDF)
    objeto = await adaptador.storage.inspecionar(doc.chave_objeto)
    assert objeto is not None
    assert objeto.tamanho == len(PDF)
    assert objeto.inicio == PDF[:BYTES_INICIAIS]
    assert objeto.sha256 == hashlib.sha256(PDF).hexdigest()


async def test_nada_enviado_inspecao_e_none(adaptador: Adaptador):
    assert await adaptador.storage.inspecionar(_documento().chave_objeto) is None


async def test_link_de_download_devolve_os_mesmos_bytes(adaptador: Adaptador):
    doc = _documento()
    await adaptador.enviar(
        await adaptador.storage.preparar_envio(documento=doc, expira_em=_daqui()), PDF
    )
    url = await adaptador.storage.preparar_download(documento=doc, expira_em=_daqui(1))
    assert await adaptador.baixar(url) == PDF
    assert await adaptador.storage.ler(doc.chave_objeto) == PDF


async def test_remover_apaga_e_pode_repetir(adaptador: Adaptador):
    doc = _documento()
    await adaptador.enviar(
        await adaptador.storage.preparar_envio(documento=doc, expira_em=_daqui()), PDF
    )
    await adaptador.storage.remover(doc.chave_objeto)
    assert await adaptador.storage.inspecionar(doc.chave_objeto) is None
    await adaptador.storage.remover(doc.chave_objeto)


async def test_envio_maior_que_o_declarado_e_recusado(adaptador: Adaptador):
    doc = _documento(tamanho=10)
    pedido = await adaptador.storage.preparar_envio(documento=doc, expira_em=_daqui())
    with pytest.raises(errors.MuitoGrande):
        await adaptador.enviar(pedido, PDF[:11])
    assert await adaptador.storage.inspecionar(doc.chave_objeto) is None


async def test_envio_com_outro_tipo_e_recusado(adaptador: Adaptador):
    doc = _documento()
    pedido = await adaptador.storage.preparar_envio(documento=doc, expira_em=_daqui())
    with pytest.raises(errors.TipoNaoSuportado):
        await adaptador.enviar(pedido, PDF, "text/html")
    assert await adaptador.storage.inspecionar(doc.chave_objeto) is None


def _arquivos_em_disco(raiz: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted(raiz.rglob("*.hmd"))]


# -- what only the local adapter promises (S3 gives the same through SSE-KMS and versioning) --
async def test_local_arquivo_em_disco_e_cifrado_com_chave_propria(tmp_path: Path):
    a = _local(tmp_path)
    d1, d2 = _documento(), _documento()
    for d in (d1, d2):
        await a.enviar(await a.storage.preparar_envio(documento=d, expira_em=_daqui()), PDF)
    em_disco = _arquivos_em_disco(tmp_path)
    assert len(em_disco) == 2
    for bruto in em_disco:
        assert b"%PDF" not in bruto and PDF[100:200] not in bruto
    # Same plaintext, different document keys and nonces: nothing in common but the header.
    assert em_disco[0][4:] != em_disco[1][4:]


async def test_local_arquivo_trocado_de_lugar_nao_abre(tmp_path: Path):
    a = _local(tmp_path)
    d1, d2 = _documento(), _documento()
    for d in (d1, d2):
        await a.enviar(await a.storage.preparar_envio(documento=d, expira_em=_daqui()), PDF)
    p1, p2 = (tmp_path / f"{d.chave_objeto}.hmd" for d in (d1, d2))
    p2.write_bytes(p1.read_bytes())
    with pytest.raises(ArquivoCorrompido):
        await a.storage.ler(d2.chave_objeto)


async def test_local_outra_chave_mestra_nao_abre(tmp_path: Path):
    a = _local(tmp_path)
    d = _documento()
    await a.enviar(await a.storage.preparar_envio(documento=d, expira_em=_daqui()), PDF)
    outra = LocalDocumentStorage(
        tmp_path, chave_mestra=b"n" * 32, assinador=AssinadorDeLinks(b"u" * 32), base_url=""
    )
    with pytest.raises(ArquivoCorrompido):
        await outra.ler(d.chave_objeto)


async def test_local_arquivo_gravado_uma_vez_so(tmp_path: Path):
    a = _local(tmp_path)
    d = _documento()
    pedido = await a.storage.preparar_envio(documento=d, expira_em=_daqui())
    await a.enviar(pedido, PDF)
    with pytest.raises(errors.Conflito):
        await a.enviar(pedido, b"%PDF-substituto" + PDF[15:])
    assert await a.storage.ler(d.chave_objeto) == PDF


async def test_pronto_quando_acessivel(adaptador: Adaptador):
    await adaptador.storage.pronto()
