"""Faults: the product is stopped from outside, the way each launcher stops it.

Ctrl-C sends SIGINT; ``docker stop``, systemd, Kubernetes and CI runners send SIGTERM; a closed
terminal sends SIGHUP; each to the whole process group. Whatever the signal and however many
workers, the embedded PostgreSQL is stopped cleanly (no server left for the data directory, no
``postmaster.pid``, no handle left in the wheel's list) and the next start finds it so.

Each case starts the real product as ``make dev`` does (``python -m gateway`` in its own process
group, a free port); the cases share one data directory, so every start after the first is
also "a second start" of the same data.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.xdist_group("parada")


def _porta_livre() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _processos_do_postgres(pgdata: Path) -> list[int]:
    """Every live PostgreSQL process of ``pgdata``: the postmaster (whose command line names
    the directory) and its children (which renamed themselves ``postgres: ...``)."""
    pais: set[int] = set()
    filhos: dict[int, int] = {}
    alvo = str(pgdata).encode()
    for entrada in Path("/proc").iterdir():
        if not entrada.name.isdigit():
            continue
        try:
            linha = (entrada / "cmdline").read_bytes().split(b"\0")
            estado = (entrada / "stat").read_text()
        except OSError:
            continue  # ended while we looked
        campos = estado[estado.rindex(")") + 2 :].split()
        if campos[0] == "Z":
            continue
        pid = int(entrada.name)
        if linha and linha[0].endswith(b"/postgres") and alvo in linha:
            pais.add(pid)
        filhos[pid] = int(campos[1])
    return sorted(pais | {pid for pid, pai in filhos.items() if pai in pais})


def _postmaster(pgdata: Path) -> int | None:
    arquivo = pgdata / "postmaster.pid"
    return int(arquivo.read_text().split()[0]) if arquivo.exists() else None


def _assegurar_parado(pgdata: Path) -> None:
    """No server, no ``postmaster.pid`` and no holder left in the wheel's handle list."""
    assert _processos_do_postgres(pgdata) == []
    assert not (pgdata / "postmaster.pid").exists()
    handles = pgdata / ".handle_pids.json"
    assert not handles.exists() or json.loads(handles.read_text()) == []


@pytest.fixture(scope="module")
def pasta_de_dados() -> Iterator[Path]:
    """One data directory for every case (short path: the PostgreSQL socket lives there)."""
    base = Path(tempfile.mkdtemp(prefix="hm-parada-", dir="/tmp"))
    yield base
    for pid in _processos_do_postgres(base / "postgres"):  # a failed case must not leak a server
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree(base, ignore_errors=True)


def _iniciar(modulo: str, dados: Path, workers: int, log: Path) -> subprocess.Popen[bytes]:
    """``python -m <modulo>`` in its own process group, ready when ``/api/healthz`` answers."""
    porta = _porta_livre()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HEALTHMED_PORT": str(porta),
        "HEALTHMED_HOST": "127.0.0.1",
        "HEALTHMED_DATA_DIR": str(dados),
        "HEALTHMED_WORKERS": str(workers),
    }
    env.pop("HEALTHMED_DATABASE_URL", None)
    with log.open("wb") as saida:
        proc = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", modulo],
            cwd=ROOT,
            env=env,
            stdout=saida,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    prazo = time.monotonic() + 90
    while time.monotonic() < prazo and proc.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{porta}/api/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    raise AssertionError(f"{modulo} não ficou pronto:\n{log.read_text()[-3000:]}")


def _parar(proc: subprocess.Popen[bytes], sinal: signal.Signals, log: Path) -> None:
    """Send ``sinal`` to the whole process group, as a launcher does; wait for the end."""
    os.killpg(proc.pid, sinal)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise AssertionError(f"não parou com {sinal.name}:\n{log.read_text()[-3000:]}") from None


# One worker: uvicorn stops on SIGTERM, then raises it again (SIGHUP takes the same road, and
# costs less through libs.runner: tests/infra/test_runner.py). Several workers: uvicorn's
# supervisor took SIGHUP as "replace the workers" and the product never stopped.
@pytest.mark.parametrize(
    ("sinal", "workers"),
    [(signal.SIGTERM, 1), (signal.SIGHUP, 2)],
    ids=["sigterm", "sighup-2-workers"],
)
def test_make_dev_parado_por_sinal_para_o_postgresql(pasta_de_dados, sinal, workers):
    pgdata = pasta_de_dados / "postgres"
    if pgdata.exists():
        _assegurar_parado(pgdata)  # what the previous case left: the start below is a clean one
    log = pasta_de_dados / f"gateway-{sinal.name}-{workers}.log"
    proc = _iniciar("gateway", pasta_de_dados, workers, log)
    postmaster = _postmaster(pgdata)
    assert postmaster in _processos_do_postgres(pgdata)

    _parar(proc, sinal, log)

    _assegurar_parado(pgdata)
    assert proc.returncode == 0, log.read_text()[-3000:]
    assert "parando o PostgreSQL embutido" in log.read_text()


def test_make_dev_aws_parado_por_sigterm_para_moto_e_postgresql(pasta_de_dados):
    pgdata = pasta_de_dados / "postgres"
    log = pasta_de_dados / "dev-aws.log"
    proc = _iniciar("gateway.dev_aws", pasta_de_dados, 1, log)
    assert _processos_do_postgres(pgdata)

    _parar(proc, signal.SIGTERM, log)

    _assegurar_parado(pgdata)
    assert proc.returncode == 0, log.read_text()[-3000:]
