"""The prontuario service app: the one place its adapters are chosen."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from libs.app import create_service_app
from libs.settings import ConfigurationError
from services.prontuario import routes, service
from services.prontuario.adapters.armazenamento_local import (
    AssinadorDeLinks,
    LocalDocumentStorage,
)
from services.prontuario.adapters.diretorio import DiretorioHttp
from services.prontuario.adapters.uow import ProntuarioUnitOfWork
from services.prontuario.settings import ProntuarioSettings


def build_local_storage(settings: ProntuarioSettings) -> LocalDocumentStorage:
    """Encrypted files under the data directory, uploaded and served by this service."""
    return LocalDocumentStorage(
        settings.documentos_dir(),
        chave_mestra=settings.chave_mestra(),
        assinador=AssinadorDeLinks(settings.chave_urls()),
        base_url=f"{settings.origin}/api",
    )


async def armazenamento(app: FastAPI) -> None:
    """Readiness: the document storage answers."""
    ctx: service.Prontuario = app.state.prontuario
    await ctx.storage.pronto()


def create_app(settings: ProntuarioSettings | None = None) -> FastAPI:
    """Build the prontuario service for the given settings."""
    settings = settings or ProntuarioSettings()

    @contextlib.asynccontextmanager
    async def setup(app: FastAPI) -> AsyncIterator[None]:
        if settings.armazenamento != "local":
            raise ConfigurationError(
                "the aws document storage (S3 + DynamoDB) is not built yet; "
                "set HEALTHMED_PRONTUARIO_ARMAZENAMENTO=local"
            )
        sessions = app.state.sessions
        chave_auditoria = settings.chave_auditoria()

        def uow() -> ProntuarioUnitOfWork:
            return ProntuarioUnitOfWork(sessions, chave_auditoria)

        app.state.prontuario = service.Prontuario(
            settings=settings,
            uow=uow,
            storage=build_local_storage(settings),
            diretorio=DiretorioHttp(app.state.client),
        )
        yield

    routers = [routes.router]
    if settings.armazenamento == "local":
        routers.insert(0, routes.arquivos)
    return create_service_app(
        name="prontuario",
        settings=settings,
        routers=routers,
        setup=setup,
        readiness=[armazenamento],
        description="Prontuário eletrônico: documentos, compartilhamentos e registro de acessos.",
    )
