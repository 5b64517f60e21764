"""Fixtures of the adapter tests: the real PostgreSQL of the test run, and units of work over
it with the metadata in PostgreSQL (local) or in DynamoDB on moto's server (aws)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from libs import aws, db
from libs.settings import Settings
from services.prontuario.adapters.uow import DynamoProntuarioUnitOfWork, ProntuarioUnitOfWork
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


@pytest.fixture(scope="session")
async def dynamo_uow_factory(prontuario_settings: ProntuarioSettings, recursos_aws: Any) -> Any:
    """Units of work with the metadata in the moto table and the log in the test database."""
    engine = db.create_engine(prontuario_settings, schema="prontuario")
    sessions = db.session_factory(engine)
    chave = prontuario_settings.chave_auditoria()
    dynamodb = aws.client(Settings(aws_endpoint_url=recursos_aws.endpoint), "dynamodb")
    yield lambda: DynamoProntuarioUnitOfWork(
        sessions, chave, dynamodb=dynamodb, tabela=recursos_aws.tabela
    )
    await engine.dispose()
