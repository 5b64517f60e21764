"""Helpers of the prontuario API tests: people registered through the public API, and the
three steps of an upload."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from libs.db import async_url
from libs.testing.contas import registrar_medico, registrar_paciente
from services.prontuario.settings import ProntuarioSettings

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + b"0" * 2000 + b"\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
TEXTO = b"Hemograma: normal.\nGlicemia: 90 mg/dL\n"


@pytest.fixture
async def paciente(api: httpx.AsyncClient) -> dict[str, Any]:
    return await registrar_paciente(api, nome="Ana Paciente")


@pytest.fixture
async def medico(api: httpx.AsyncClient) -> dict[str, Any]:
    return await registrar_medico(api, nome="Dra. Beatriz Médica")


@pytest.fixture(scope="session")
def prontuario_settings(database_url: str, test_data_dir: Path) -> ProntuarioSettings:
    """The settings the prontuario service of the test stack runs with."""
    return ProntuarioSettings(profile="local", database_url=database_url, data_dir=test_data_dir)


@pytest.fixture
async def banco(database_url: str):
    """A direct connection to the test database (to make time pass for a share)."""
    conn = await asyncpg.connect(
        async_url(database_url).replace("postgresql+asyncpg://", "postgresql://")
    )
    yield conn
    await conn.close()


async def pedir(
    api: httpx.AsyncClient,
    paciente: dict[str, Any],
    *,
    tipo: str = "application/pdf",
    tamanho: int = len(PDF),
    nome: str = "laudo.pdf",
    categoria: str = "laudo",
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """Step one: ask to upload."""
    return await api.post(
        f"/prontuario/{paciente['id']}/upload",
        json={"nome": nome, "categoria": categoria, "tipo_conteudo": tipo, "tamanho": tamanho},
        headers=headers or paciente["headers"],
    )


async def enviar_bytes(
    api: httpx.AsyncClient, upload: dict[str, Any], dados: bytes
) -> httpx.Response:
    """Step two: send the bytes where step one said (the URL is absolute, as a browser sees it)."""
    assert upload["metodo"] == "PUT"
    return await api.put(upload["url"], content=dados, headers=upload["cabecalhos"])


async def confirmar(
    api: httpx.AsyncClient, paciente: dict[str, Any], doc_id: str, corpo: Any = None
) -> httpx.Response:
    """Step three: confirm (``corpo``: the optional JSON body, e.g. the browser's sha256)."""
    return await api.post(
        f"/prontuario/{paciente['id']}/documentos/{doc_id}/confirmar",
        headers=paciente["headers"],
        json=corpo,
    )


async def documento_enviado(
    api: httpx.AsyncClient,
    paciente: dict[str, Any],
    dados: bytes = PDF,
    tipo: str = "application/pdf",
    nome: str = "laudo.pdf",
) -> dict[str, Any]:
    """A document uploaded and confirmed (all three steps succeed)."""
    r = await pedir(api, paciente, tipo=tipo, tamanho=len(dados), nome=nome)
    assert r.status_code == 201, r.text
    envio = r.json()
    r = await enviar_bytes(api, envio["upload"], dados)
    assert r.status_code == 204, r.text
    r = await confirmar(api, paciente, envio["documento"]["id"])
    assert r.status_code == 200, r.text
    doc: dict[str, Any] = r.json()
    return doc


async def compartilhar(
    api: httpx.AsyncClient, paciente: dict[str, Any], medico: dict[str, Any], **body: Any
) -> httpx.Response:
    """Share the record (or ``documentos``) with a doctor; default two hours."""
    if "expira_em" not in body and "duracao_horas" not in body:
        body["duracao_horas"] = 2
    return await api.post(
        f"/prontuario/{paciente['id']}/compartilhar",
        json={"medico_id": medico["id"], **body},
        headers=paciente["headers"],
    )


async def consulta_atendida(
    api: httpx.AsyncClient,
    banco: asyncpg.Connection,
    medico: dict[str, Any],
    paciente: dict[str, Any],
    ordem: int = 0,
) -> dict[str, Any]:
    """A consultation of ``medico`` and ``paciente``, booked and accepted through the API, then
    moved by SQL (the passing of time, which the API cannot do) so that it began 10 minutes
    plus ``ordem`` hours ago: with ``ordem=0`` it is under way (confirmada), with more it
    happened (realizada). Distinct ``ordem`` in one test: no two overlap."""
    consulta = await consulta_futura(api, medico, paciente, dias=2 + ordem)
    novo = datetime.now(UTC) - timedelta(minutes=10, hours=ordem)
    for tabela, chave in (("horarios", consulta["horario_id"]), ("consultas", consulta["id"])):
        await banco.execute(
            f"update consulta.{tabela} set inicio = $2, fim = $3 where id = $1::uuid",  # noqa: S608
            chave,
            novo,
            novo + timedelta(minutes=30),
        )
    # Both entered the room at the start (otherwise an ended one is a no-show, not realizada).
    await banco.execute(
        "update consulta.consultas set medico_entrou_em = $2, paciente_entrou_em = $2"
        " where id = $1::uuid",
        consulta["id"],
        novo,
    )
    return consulta


async def consulta_futura(
    api: httpx.AsyncClient, medico: dict[str, Any], paciente: dict[str, Any], dias: int = 2
) -> dict[str, Any]:
    """A consultation booked and accepted ``dias`` days ahead (its room not open yet)."""
    inicio = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=dias)
    r = await api.post(
        "/medico/horarios",
        json={"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()},
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    r = await api.post(
        "/consultas",
        json={"horario_id": r.json()["horarios"][0]["id"]},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text
    consulta: dict[str, Any] = r.json()
    r = await api.post(f"/medico/consultas/{consulta['id']}/aceitar", headers=medico["headers"])
    assert r.status_code == 200, r.text
    return consulta
