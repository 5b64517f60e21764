"""Alembic, the same way for every service: one schema, one version table inside it.

A service's ``migrations/env.py`` is two lines that call :func:`run_env`; the launcher and the
test fixtures call :func:`upgrade`.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from libs.db import async_url

SERVICES_DIR = Path(__file__).resolve().parent.parent / "services"


def alembic_config(service: str, database_url: str) -> Config:
    """The Alembic configuration of one service."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SERVICES_DIR / service / "migrations"))
    cfg.set_main_option("sqlalchemy.url", async_url(database_url).replace("%", "%%"))
    cfg.attributes["schema"] = service
    return cfg


def upgrade(service: str, database_url: str, revision: str = "head") -> None:
    """Bring one service's schema to ``revision`` (call outside a running event loop)."""
    command.upgrade(alembic_config(service, database_url), revision)


def run_env(metadata: MetaData, *, schema: str) -> None:
    """Body of every service's ``env.py`` (online mode, asyncpg)."""
    config = context.config
    url = config.get_main_option("sqlalchemy.url")
    assert url

    def do_run(connection: Connection) -> None:
        # On RDS the schema is made by the operator, owned by the service's own role, which may
        # not create schemas (infra/sql/papeis.sql): even CREATE SCHEMA IF NOT EXISTS checks that
        # privilege first, so create only what is missing (the local and test databases).
        existe = connection.execute(
            text("SELECT 1 FROM pg_namespace WHERE nspname = :schema"), {"schema": schema}
        ).scalar()
        if not existe:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        connection.execute(text(f'SET search_path TO "{schema}", public'))
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table_schema=schema,
            include_schemas=False,
        )
        with context.begin_transaction():
            context.run_migrations()

    async def run() -> None:
        engine = create_async_engine(url, poolclass=pool.NullPool)
        async with engine.begin() as conn:
            await conn.run_sync(do_run)
        await engine.dispose()

    asyncio.run(run())


def split_sql(script: str) -> list[str]:
    """Split a DDL script into statements (asyncpg runs one per call); ``$$`` bodies stay whole."""
    statements, current, in_dollar = [], [], False
    for line in script.splitlines():
        if line.count("$$") % 2 == 1:
            in_dollar = not in_dollar
        current.append(line)
        if not in_dollar and line.rstrip().endswith(";"):
            statement = "\n".join(current).strip().rstrip(";").strip()
            if statement:
                statements.append(statement)
            current = []
    tail = "\n".join(current).strip()
    if tail:
        statements.append(tail)
    return statements


def run_sql(script: str) -> None:
    """Run a DDL script inside a migration, one statement at a time."""
    for statement in split_sql(script):
        context.get_context().impl.execute(text(statement))
