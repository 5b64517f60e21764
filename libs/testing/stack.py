"""Test fixtures of the real database: the embedded PostgreSQL, a fresh migrated database per
test process, and the settings every service of a test stack gets. The stack itself (the
gateway with every service) is composed in ``gateway/testing.py``: libs never imports services."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from libs.postgres import EmbeddedPostgres, drop_database, ensure_database, migrate_all

ROOT = Path(__file__).resolve().parents[2]
TEST_DATA = ROOT / ".test-data"

# Generous limits for the suite; the tests of throttling build their own apps with small ones.
TEST_OVERRIDES: dict[str, Any] = {
    "gateway_limite_por_segundo": 100_000.0,
    "gateway_rajada": 100_000,
    "falhas_por_ip": 100_000,
    "recuperacoes_por_ip": 100_000,
    "cadastros_recusados_por_ip": 100_000,
    "db_pool_size": 5,
    "db_max_overflow": 20,
}


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def pytest_configure(config: pytest.Config) -> None:
    """Before any xdist worker starts (in the controller, or the only process): create the
    shared server's data directory if new, so that its one restart (to take
    ``libs.postgres.MAX_CONEXOES``) happens while nothing else holds the server. A worker
    restarting a server its sibling is connecting to broke that sibling's setup."""
    if hasattr(config, "workerinput"):
        return
    pgdata = TEST_DATA / "postgres"
    if "libs.postgres.MAX_CONEXOES" in _ler(pgdata / "postgresql.conf"):
        return
    TEST_DATA.mkdir(exist_ok=True)
    EmbeddedPostgres(pgdata).stop()


def _ler(arquivo: Path) -> str:
    return arquivo.read_text() if arquivo.exists() else ""


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[EmbeddedPostgres]:
    """One real PostgreSQL server for the whole run (shared by xdist workers)."""
    TEST_DATA.mkdir(exist_ok=True)
    server = EmbeddedPostgres(TEST_DATA / "postgres")
    yield server
    # The last worker out stops the server (the wheel counts handles across processes).
    server.stop()


@pytest.fixture(scope="session")
def database_url(postgres_server: EmbeddedPostgres) -> Iterator[str]:
    """A fresh, migrated database for this worker (named by pid: parallel runs never collide)."""
    name = f"healthmed_test_{_worker()}_{os.getpid()}"
    url = ensure_database(postgres_server.uri(), name, drop=True)
    migrate_all(url)
    yield url
    drop_database(postgres_server.uri(), name)


@pytest.fixture(scope="session")
def test_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory of this run (keys, secrets, documents)."""
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def stack_settings(database_url: str, test_data_dir: Path) -> dict[str, Any]:
    """The settings every service of the test stack gets."""
    return {
        "profile": "local",
        "database_url": database_url,
        "data_dir": test_data_dir,
        **TEST_OVERRIDES,
    }


def client_for(app: Any, ip: str = "127.0.0.1") -> httpx.AsyncClient:
    """An HTTP client speaking to ``app`` through ASGI, as if from ``ip``."""
    transport = httpx.ASGITransport(app=app, client=(ip, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver/api", timeout=30)
