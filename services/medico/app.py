"""The medico service app: the one place its adapters are chosen."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from libs import perfis_publicados
from libs.app import create_service_app
from libs.credenciais import CredenciaisMedico
from services.medico import routes, service
from services.medico.adapters.tables import eventos_perfil
from services.medico.adapters.uow import MedicoLeituraUnitOfWork, MedicoUnitOfWork
from services.medico.adapters.validador_crm import ValidadorFormatoCrm
from services.medico.fhir import routes as fhir
from services.medico.fhir.adapters.fachada import Fachada
from services.medico.settings import MedicoSettings


def create_app(settings: MedicoSettings | None = None) -> FastAPI:
    """Build the medico service for the given settings."""
    settings = settings or MedicoSettings()

    @contextlib.asynccontextmanager
    async def setup(app: FastAPI) -> AsyncIterator[None]:
        sessions = app.state.sessions
        sessions_leitura = app.state.sessions_leitura

        # The consulta service's copy of each doctor follows the profile's changes; tests
        # await ``app.state.publicador.drenar()`` rather than sleeping.
        async with perfis_publicados.publicando(
            sessions, eventos_perfil, app.state.client, "consulta", "/internal/copias/medicos/{id}"
        ) as publicador:
            app.state.publicador = publicador

            def uow() -> MedicoUnitOfWork:
                return MedicoUnitOfWork(sessions, ao_publicar=publicador.acordar)

            def uow_leitura() -> MedicoUnitOfWork:
                return MedicoLeituraUnitOfWork(sessions_leitura)

            # The format check is the only CRM validator today; the CFM register would be
            # chosen here from its setting (see ports.ValidadorCrm).
            app.state.medicos = service.Medicos(
                uow=uow,
                uow_leitura=uow_leitura,
                credenciais=CredenciaisMedico(app.state.client),
                validador_crm=ValidadorFormatoCrm(),
            )
            # The FHIR facade's JSON API: the public routes, through the service client, made
            # per request so that it always uses the app's current client.
            app.state.api_json = lambda: Fachada(app.state.client)
            yield

    return create_service_app(
        name="medico",
        settings=settings,
        routers=[routes.router, routes.internal, fhir.router],
        setup=setup,
        description="Médicos: cadastro, perfil público, especialidades e busca.",
    )
