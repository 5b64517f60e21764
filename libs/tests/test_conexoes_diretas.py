"""The direct connections of one-statement work (libs.conexoes_diretas, through db.direto on an
autocommit session): bounded, reused, and never reused when a statement did not end cleanly."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncEngine

from libs import db
from libs.conexoes_diretas import ConexoesDiretas
from libs.settings import ConfigurationError, Settings


def _settings(database_url: str, dados: Path, *, direto: int) -> Settings:
    # Its own data directory: the default one (.data) is shared by the parallel test workers,
    # which would race writing the local secrets there.
    return Settings(
        database_url=database_url, data_dir=dados, db_pool_size=4, db_pool_direto=direto
    )


@pytest.fixture
async def engine(database_url: str, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    settings = _settings(database_url, tmp_path, direto=2)
    motor = db.create_engine(settings, schema="public")
    yield motor
    await db.encerrar(motor)


def _diretas(engine: AsyncEngine) -> ConexoesDiretas:
    diretas = db.conexoes_diretas(engine)
    assert diretas is not None
    return diretas


async def _um(engine: AsyncEngine, sql: str, *args: Any) -> Any:
    sessoes = db.session_factory(engine, autocommit=True)
    async with sessoes() as sessao:
        linhas = await db.direto(sessao, sql, *args)
    return linhas[0].v if linhas else None


async def _pid(engine: AsyncEngine) -> int:
    pid: int = await _um(engine, "select pg_backend_pid() as v")
    return pid


async def test_no_maximo_tamanho_conexoes_e_quem_sobra_espera_a_vez(engine: AsyncEngine) -> None:
    diretas = _diretas(engine)
    pids = await asyncio.gather(
        *(_um(engine, "select pg_backend_pid() as v from pg_sleep(0.05)") for _ in range(6))
    )
    assert len(set(pids)) == 2
    assert diretas.abertas == 2
    # SQLAlchemy's own pool did not give them: its sessions keep db_pool_size - db_pool_direto.
    assert engine.sync_engine.pool.checkedout() == 0  # type: ignore[attr-defined]


async def test_recusa_do_servidor_devolve_a_conexao_inteira(engine: AsyncEngine) -> None:
    antes = await _pid(engine)
    with pytest.raises(DBAPIError) as erro:
        await _um(engine, "select 1 / 0 as v")
    assert not erro.value.connection_invalidated
    assert await _pid(engine) == antes
    assert _diretas(engine).abertas == 1


async def test_violacao_de_restricao_chega_como_integrity_error(
    engine: AsyncEngine, database_url: str
) -> None:
    tabela = f"teste_diretas_{uuid.uuid4().hex}"
    fora = await asyncpg.connect(db.asyncpg_dsn(database_url))
    try:
        await fora.execute(f"create table {tabela} (id int primary key)")
        inserir = f"insert into {tabela} values (1) returning id as v"  # noqa: S608 - our name
        await _um(engine, inserir)
        with pytest.raises(IntegrityError) as erro:
            await _um(engine, inserir)
        assert db.is_unique_violation(erro.value)
    finally:
        await fora.execute(f"drop table if exists {tabela}")
        await fora.close()


async def test_cancelada_no_meio_a_conexao_e_fechada_e_a_proxima_funciona(
    engine: AsyncEngine,
) -> None:
    antes = await _pid(engine)
    tarefa = asyncio.create_task(_um(engine, "select 1 as v from pg_sleep(5)"))
    await asyncio.sleep(0.2)
    tarefa.cancel()
    with pytest.raises(asyncio.CancelledError):
        await tarefa
    depois = await _pid(engine)
    assert depois != antes
    assert _diretas(engine).abertas == 1


async def _derrubar(database_url: str, *pids: int) -> None:
    fora = await asyncpg.connect(db.asyncpg_dsn(database_url))
    try:
        await fora.execute("select pg_terminate_backend(p) from unnest($1::int[]) p", list(pids))
    finally:
        await fora.close()


async def test_ociosas_que_o_servidor_derrubou_nao_chegam_a_ninguem(
    engine: AsyncEngine, database_url: str
) -> None:
    a, b = await asyncio.gather(
        *(_um(engine, "select pg_backend_pid() as v from pg_sleep(0.05)") for _ in range(2))
    )
    await _derrubar(database_url, a, b)
    await asyncio.sleep(0.2)
    assert await _pid(engine) not in (a, b)
    assert _diretas(engine).abertas == 1


async def test_perdida_no_meio_do_comando_e_um_503_e_as_ociosas_vao_junto(
    engine: AsyncEngine, database_url: str
) -> None:
    duas = await asyncio.gather(
        *(_um(engine, "select pg_backend_pid() as v from pg_sleep(0.05)") for _ in range(2))
    )
    marca = f"lenta_{uuid.uuid4().hex}"
    sql = f"select 1 as v, '{marca}' from pg_sleep(5)"  # noqa: S608 - our marker
    lenta = asyncio.create_task(_um(engine, sql))
    fora = await asyncpg.connect(db.asyncpg_dsn(database_url))
    try:
        for _ in range(200):
            alvo = await fora.fetchval(
                "select pid from pg_stat_activity where query like '%' || $1 || '%'"
                " and state = 'active' and pid <> pg_backend_pid()",
                marca,
            )
            if alvo is not None:
                break
            await asyncio.sleep(0.02)
    finally:
        await fora.close()
    assert alvo in duas
    await _derrubar(database_url, alvo)
    # The statement meets its connection gone: the error says so (a 503 for the caller), and
    # the idle one is closed as well (after a restart it would be dead too).
    with pytest.raises(DBAPIError) as erro:
        await lenta
    assert erro.value.connection_invalidated
    assert _diretas(engine).abertas == 0
    assert await _pid(engine) not in duas


async def test_sem_vaga_no_prazo_e_o_timeout_do_pool() -> None:
    async def abrir() -> asyncpg.Connection:
        raise AssertionError("não deve abrir além do tamanho")  # pragma: no cover

    diretas = ConexoesDiretas(abrir, tamanho=0, espera=0.05)
    with pytest.raises(PoolTimeout):
        await diretas.tomar()


async def test_conexao_velha_e_reciclada(database_url: str, tmp_path: Path) -> None:
    settings = _settings(database_url, tmp_path, direto=1)
    motor = db.create_engine(settings, schema="public")
    try:
        _diretas(motor)._reciclar = 0.0
        primeira = await _pid(motor)
        assert await _pid(motor) != primeira
        assert _diretas(motor).abertas == 1
    finally:
        await db.encerrar(motor)


async def test_encerrar_fecha_todas(engine: AsyncEngine, database_url: str) -> None:
    diretas = _diretas(engine)
    pids = await asyncio.gather(
        *(_um(engine, "select pg_backend_pid() as v from pg_sleep(0.05)") for _ in range(2))
    )
    await db.encerrar(engine)
    assert diretas.abertas == 0
    fora = await asyncpg.connect(db.asyncpg_dsn(database_url))
    try:
        for _ in range(50):
            vivos = await fora.fetchval(
                "select count(*) from pg_stat_activity where pid = any($1::int[])", pids
            )
            if vivos == 0:
                break
            await asyncio.sleep(0.05)
        assert vivos == 0
    finally:
        await fora.close()


def test_direto_nao_pode_levar_o_pool_todo(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="HEALTHMED_DB_POOL_DIRETO"):
        Settings(
            database_url="postgresql://x/y", data_dir=tmp_path, db_pool_size=3, db_pool_direto=3
        )


async def test_quem_desiste_de_esperar_sai_da_fila_sem_levar_conexao(
    database_url: str, tmp_path: Path
) -> None:
    settings = _settings(database_url, tmp_path, direto=1)
    motor = db.create_engine(settings, schema="public")
    diretas = _diretas(motor)
    try:
        ocupada = asyncio.create_task(_um(motor, "select 1 as v from pg_sleep(0.3)"))
        await asyncio.sleep(0.1)
        desistente = asyncio.create_task(_um(motor, "select 2 as v"))
        paciente = asyncio.create_task(_um(motor, "select 3 as v"))
        await asyncio.sleep(0.05)
        assert len(diretas._esperando) == 2
        desistente.cancel()
        with pytest.raises(asyncio.CancelledError):
            await desistente
        assert len(diretas._esperando) == 1  # it left the queue at once, not when passed over
        assert (await ocupada, await paciente) == (1, 3)
        assert (diretas.abertas, len(diretas._esperando)) == (1, 0)
    finally:
        await db.encerrar(motor)
