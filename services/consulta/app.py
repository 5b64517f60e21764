"""The consulta service app: the one place its adapters are chosen."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from libs.app import create_service_app
from services.consulta import routes, service
from services.consulta.adapters.servicos import ServicosHttp
from services.consulta.adapters.uow import ConsultaUnitOfWork
from services.consulta.settings import ConsultaSettings
from services.consulta.sincronizador import Sincronizador


def create_app(settings: ConsultaSettings | None = None) -> FastAPI:
    """Build the consulta service for the given settings."""
    settings = settings or ConsultaSettings()

    @contextlib.asynccontextmanager
    async def setup(app: FastAPI) -> AsyncIterator[None]:
        sessions = app.state.sessions

        def uow() -> ConsultaUnitOfWork:
            return ConsultaUnitOfWork(sessions)

        servicos = ServicosHttp(app.state.client)
        agenda = service.Agenda(
            settings=settings, uow=uow, diretorio=servicos, publicacao=servicos, correio=servicos
        )
        sincronizador = Sincronizador(agenda)
        agenda.on_saida = sincronizador.acordar
        app.state.agenda = agenda
        # Tests await ``app.state.sincronizador.drenar()`` rather than sleeping.
        app.state.sincronizador = sincronizador
        sincronizador.start()
        try:
            yield
        finally:
            await sincronizador.stop()

    return create_service_app(
        name="consulta",
        settings=settings,
        routers=[routes.router],
        setup=setup,
        description="Agenda: horários dos médicos, consultas e seu ciclo de vida, avaliações.",
    )
