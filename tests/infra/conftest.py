from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from libs import runner
from libs.postgres import EmbeddedPostgres, drop_database, ensure_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def auth_db(postgres_server: EmbeddedPostgres, tmp_path_factory) -> Iterator[str]:
    """A fresh database migrated by the runner itself, with only the auth schema."""
    name = f"healthmed_runner_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    url = ensure_database(postgres_server.uri(), name, drop=True)
    _, cls = runner.load("auth")
    runner.migrate("auth", cls(data_dir=tmp_path_factory.mktemp("runner"), database_url=url))
    yield url
    drop_database(postgres_server.uri(), name)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_auth(
    database_url: str, data_dir: Path, port: int, **extra_env: str
) -> subprocess.Popen[bytes]:
    """``python -m libs.runner auth`` as a container runs it, ready when /readyz answers."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HEALTHMED_PORT": str(port),
        "HEALTHMED_HOST": "127.0.0.1",
        "HEALTHMED_DATABASE_URL": database_url,
        "HEALTHMED_DATA_DIR": str(data_dir),
        "HEALTHMED_LOG_FORMAT": "json",
        **extra_env,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "libs.runner", "auth"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, as under a launcher
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    out = proc.stdout.read().decode() if proc.stdout else ""
    raise AssertionError(f"auth não ficou pronto:\n{out[-3000:]}")
