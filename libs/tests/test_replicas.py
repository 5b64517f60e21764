"""Read replicas: a libpq multi-host URL, tried in a per-process order, a lost one skipped.

Against the real test PostgreSQL: the "replicas" are its Unix socket and hosts that cannot
answer (a socket directory with no server; a TCP server that accepts and never speaks, as an
instance that is gone does)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import text

from libs.db import Replicas, create_read_engine, urls_por_host
from libs.settings import Settings


def _socket(url: str) -> str:
    return parse_qs(urlsplit(url).query)["host"][0]


def _com_sockets(url: str, *sockets: str) -> str:
    """The test database's URL listing these socket directories as its hosts."""
    return url.replace("host=" + _socket(url), "host=" + ",".join(sockets))


def _manter_ordem(_hosts: list[str]) -> None:
    """No shuffling: the order written."""


@pytest.fixture
async def mudo() -> AsyncIterator[str]:
    """host:port of a TCP server that accepts connections and never answers."""
    abertas: list[asyncio.StreamWriter] = []

    async def aceitar(_r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
        abertas.append(w)

    servidor = await asyncio.start_server(aceitar, "127.0.0.1", 0)
    porta = servidor.sockets[0].getsockname()[1]
    yield f"127.0.0.1:{porta}"
    for w in abertas:
        w.close()
    servidor.close()
    await servidor.wait_closed()


def test_url_com_varios_hosts_vira_uma_url_por_host():
    assert urls_por_host("postgresql://u:p%40x@r1:5432,r2:5433/healthmed?ssl=require") == [
        "postgresql://u:p%40x@r1:5432/healthmed?ssl=require",
        "postgresql://u:p%40x@r2:5433/healthmed?ssl=require",
    ]
    assert urls_por_host("postgresql://postgres:@/db?host=/s1,/s2&sslmode=disable") == [
        "postgresql://postgres:@/db?sslmode=disable&host=/s1",
        "postgresql://postgres:@/db?sslmode=disable&host=/s2",
    ]
    um = "postgresql://u:p@r1:5432/healthmed?ssl=require"
    assert urls_por_host(um) == [um]
    assert urls_por_host("postgresql://postgres:@/db?host=/s1") == [
        "postgresql://postgres:@/db?host=/s1"
    ]


async def test_replica_sem_servidor_e_pulada_e_vai_para_o_fim_da_fila(database_url, tmp_path):
    vazio = tmp_path / "sem-servidor"
    vazio.mkdir()
    url = _com_sockets(database_url, str(vazio), _socket(database_url))
    replicas = Replicas(url, {"application_name": "teste-replicas"}, embaralhar=_manter_ordem)
    primeira, segunda = replicas.hosts
    conexao = await replicas.conectar()
    try:
        assert await conexao.fetchval("select current_setting('application_name')") == (
            "teste-replicas"
        )
    finally:
        await conexao.close()
    assert replicas.ordem() == [segunda, primeira]


async def test_replica_que_nao_responde_so_custa_a_espera(database_url, mudo):
    replicas = Replicas(database_url, {}, espera=0.3, embaralhar=_manter_ordem)
    (real,) = replicas.hosts
    calada = f"postgresql://postgres:@{mudo}/postgres"
    replicas.hosts.insert(0, calada)  # first in the order, as the shuffle may put it
    conexao = await replicas.conectar()
    try:
        assert await conexao.fetchval("select 1") == 1
    finally:
        await conexao.close()
    assert replicas.ordem() == [real, calada]


async def test_nenhuma_replica_responde_e_o_erro_chega(tmp_path: Path):
    url = f"postgresql://postgres:@/db?host={tmp_path / 'a'},{tmp_path / 'b'}"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(OSError):
        await Replicas(url, {}, embaralhar=_manter_ordem).conectar()


async def test_motor_de_leitura_usa_a_replica_que_responde_e_so_le(database_url, tmp_path):
    vazio = tmp_path / "sem-servidor"
    vazio.mkdir()
    settings = Settings(
        database_url=database_url,
        database_url_leitura=_com_sockets(database_url, str(vazio), _socket(database_url)),
    )
    engine = create_read_engine(settings, schema="medico")
    assert engine is not None
    try:
        async with engine.connect() as conn:
            linha = (
                await conn.execute(
                    text(
                        "select current_setting('transaction_read_only'),"
                        " current_setting('application_name'), current_setting('search_path')"
                    )
                )
            ).one()
        assert tuple(linha) == ("on", "healthmed-medico-leitura", "medico,public")
    finally:
        await engine.dispose()


async def test_passada_a_pausa_a_replica_volta_ao_seu_lugar(database_url, tmp_path):
    vazio = tmp_path / "sem-servidor"
    vazio.mkdir()
    url = _com_sockets(database_url, str(vazio), _socket(database_url))
    replicas = Replicas(url, {}, pausa=0.0, embaralhar=_manter_ordem)
    conexao = await replicas.conectar()
    await conexao.close()
    assert replicas.ordem() == replicas.hosts
