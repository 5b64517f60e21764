"""The consulta service app: the one place its adapters are chosen."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator, Callable

from fastapi import FastAPI

from libs import aws
from libs.app import create_service_app
from services.consulta.adapters.reuniao_chime import ReunioesChime
from services.consulta.adapters.reuniao_local import HubDeSinalizacao, ReunioesWebRTC
from services.consulta.adapters.salas_banco import SalasNoBanco
from services.consulta.adapters.salas_dynamo import SalasDynamo
from services.consulta.adapters.servicos import ServicosHttp
from services.consulta.adapters.sinalizacao_pg import HubPostgres
from services.consulta.adapters.uow import ConsultaUnitOfWork
from services.consulta.ports import Salas, Sinalizacao
from services.consulta.routes import (
    avaliacoes,
    bloqueios,
    calendario,
    consultas,
    copias,
    espera,
    horarios,
    internas,
)
from services.consulta.routes import teleconsulta as rotas_da_teleconsulta
from services.consulta.service import sinalizacao
from services.consulta.service.contexto import Agenda
from services.consulta.service.sincronizador import Sincronizador
from services.consulta.service.teleconsulta import Teleconsulta
from services.consulta.settings import ConsultaSettings


def create_app(settings: ConsultaSettings | None = None) -> FastAPI:
    """Build the consulta service for the given settings."""
    settings = settings or ConsultaSettings()

    @contextlib.asynccontextmanager
    async def setup(app: FastAPI) -> AsyncIterator[None]:
        sessions = app.state.sessions

        sessions_avulsas = app.state.sessions_avulsas

        def uow() -> ConsultaUnitOfWork:
            return ConsultaUnitOfWork(sessions)

        def uow_avulso() -> ConsultaUnitOfWork:
            return ConsultaUnitOfWork(sessions_avulsas)

        servicos = ServicosHttp(app.state.client)
        agenda = Agenda(
            settings=settings,
            uow=uow,
            diretorio=servicos,
            publicacao=servicos,
            correio=servicos,
            uow_avulso=uow_avulso,
        )
        sincronizador = Sincronizador(agenda)
        agenda.on_saida = sincronizador.acordar
        app.state.agenda = agenda
        hub: HubPostgres | None = None
        canal: Sinalizacao | None = None
        if _provedor(settings) == "webrtc":
            if settings.sinalizacao == "memoria":
                canal = HubDeSinalizacao()
            else:
                # Its own LISTEN connection, from the same database URL as the pool.
                hub = HubPostgres(
                    sessions,
                    settings.database_url or "",
                    batida=settings.sinalizacao_batida_segundos,
                    validade=settings.sinalizacao_validade_segundos,
                )
                await hub.iniciar()
                canal = hub
        tc = _teleconsulta(settings, agenda, _salas(settings, uow), canal)
        tc.reverificar_segundos = settings.sinalizacao_reverificar_segundos
        app.state.teleconsulta = tc

        async def ao_encerrar(consulta_id: uuid.UUID) -> None:
            await sinalizacao.avisar_encerramento(tc, consulta_id)

        # A cancelled (refused, rescheduled...) appointment closes its room's connections.
        agenda.ao_encerrar = ao_encerrar
        # Tests await ``app.state.sincronizador.drenar()`` rather than sleeping.
        app.state.sincronizador = sincronizador
        sincronizador.start()
        try:
            yield
        finally:
            await sincronizador.stop()
            if hub is not None:
                await hub.fechar()

    return create_service_app(
        name="consulta",
        settings=settings,
        routers=[
            horarios.router,
            bloqueios.router,
            consultas.router,
            calendario.router,
            espera.router,
            avaliacoes.router,
            rotas_da_teleconsulta.router,
            internas.internal,
            copias.copias,
        ],
        setup=setup,
        readiness=[reunioes],
        description="Agenda: horários dos médicos, consultas e seu ciclo de vida, avaliações.",
    )


async def reunioes(app: FastAPI) -> None:
    """Readiness: the meetings table answers (aws only: elsewhere the rooms are in the
    database, which ``/readyz`` checks for every service)."""
    salas = app.state.teleconsulta.salas
    if isinstance(salas, SalasDynamo):
        await salas.pronto()


def _provedor(settings: ConsultaSettings) -> str:
    """Chime SDK meetings in the aws profile, the built-in room elsewhere (unless set)."""
    return settings.teleconsulta_provedor or ("chime" if settings.profile == "aws" else "webrtc")


def _teleconsulta(
    settings: ConsultaSettings,
    agenda: Agenda,
    salas: Salas,
    sinalizacao: Sinalizacao | None = None,
) -> Teleconsulta:
    """The video provider over the rooms kept in ``salas``, and the built-in room's signaling
    relay (``sinalizacao``)."""
    if _provedor(settings) == "chime":
        regiao = settings.model_copy(update={"aws_region": settings.chime_regiao})
        cliente = aws.client(regiao, "chime-sdk-meetings")
        reunioes = ReunioesChime(cliente, media_region=settings.chime_media_region)
        return Teleconsulta(agenda, reunioes, salas, settings.origin)
    return Teleconsulta(
        agenda,
        ReunioesWebRTC(origem=settings.origin, ice_servers=settings.ice_servers),
        salas,
        settings.origin,
        sinalizacao=sinalizacao,
        ice_servers=settings.ice_servers,
    )


def _salas(settings: ConsultaSettings, uow: Callable[[], ConsultaUnitOfWork]) -> Salas:
    """Where the meeting links are kept: the DynamoDB table in the aws profile, the consulta
    schema elsewhere."""
    if settings.profile != "aws":
        return SalasNoBanco(uow)
    assert settings.reunioes_tabela  # checked by the settings
    return SalasDynamo(aws.client(settings, "dynamodb"), settings.reunioes_tabela)
