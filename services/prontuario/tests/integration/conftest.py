"""Fixtures of the adapter tests: the real PostgreSQL of the test run, the local storage."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from libs import db
from services.prontuario.adapters.uow import ProntuarioUnitOfWork
from services.prontuario.settings import ProntuarioSettings


@pytest.fixture(scope="session")
def prontuario_settings(database_url: str, test_data_dir: Path) -> ProntuarioSettings:
    """The settings the service of the test stack also gets (same keys)."""
    return ProntuarioSettings(profile="local", database_url=database_url, data_dir=test_data_dir)


@pytest.fixture(scope="session")
async def uow_factory(prontuario_settings: ProntuarioSettings) -> AsyncIterator[Any]:
    """Units of work over the prontuario schema of the test database."""
    engine = db.create_engine(prontuario_settings, schema="prontuario")
    sessions = db.session_factory(engine)
    chave = prontuario_settings.chave_auditoria()
    yield lambda: ProntuarioUnitOfWork(sessions, chave)
    await engine.dispose()
