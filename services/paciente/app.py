"""The paciente service app: the one place its adapters are chosen."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from functools import partial

from fastapi import FastAPI

from libs import crypto, perfis_publicados
from libs.app import create_service_app
from libs.credenciais import CredenciaisPaciente
from services.paciente import routes, service
from services.paciente.adapters.encerramento import EncerramentoHttp
from services.paciente.adapters.tables import eventos_perfil
from services.paciente.adapters.uow import PacienteUnitOfWork
from services.paciente.adapters.validador_cpf import ValidadorDigitosCpf
from services.paciente.settings import PacienteSettings


def create_app(settings: PacienteSettings | None = None) -> FastAPI:
    """Build the paciente service for the given settings."""
    settings = settings or PacienteSettings()

    @contextlib.asynccontextmanager
    async def setup(app: FastAPI) -> AsyncIterator[None]:
        sessions = app.state.sessions
        cipher = crypto.FieldCipher.from_settings(settings)
        cpf_hash = partial(crypto.keyed_hash, settings)

        # The consulta service's copy of each patient follows the profile's changes; tests
        # await ``app.state.publicador.drenar()`` rather than sleeping.
        async with perfis_publicados.publicando(
            sessions,
            eventos_perfil,
            app.state.client,
            "consulta",
            "/internal/copias/pacientes/{id}",
        ) as publicador:
            app.state.publicador = publicador

            def uow() -> PacienteUnitOfWork:
                return PacienteUnitOfWork(
                    sessions, cipher=cipher, cpf_hash=cpf_hash, ao_publicar=publicador.acordar
                )

            # The CPF check digits are the only validator today; an external validation
            # service would be chosen here from its setting (see ports.ValidadorCpf).
            app.state.pacientes = service.Pacientes(
                uow=uow,
                credenciais=CredenciaisPaciente(app.state.client),
                validador_cpf=ValidadorDigitosCpf(),
                outros=EncerramentoHttp(app.state.client),
            )
            yield

    return create_service_app(
        name="paciente",
        settings=settings,
        routers=[routes.router, routes.internal],
        setup=setup,
        description="Pacientes: cadastro e perfil.",
    )
