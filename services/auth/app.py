"""The auth service app: the one place its adapters are chosen."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI

from libs import aws
from libs.app import create_service_app
from services.auth import routes
from services.auth.adapters.hasher import Argon2Hasher
from services.auth.adapters.keys import KeyStore
from services.auth.adapters.mail import CaixaLocal, Despachante, SesEntrega
from services.auth.adapters.perfis import PerfisHttp
from services.auth.adapters.provedor_cognito import ProvedorCognito
from services.auth.adapters.provedor_local import ProvedorLocal
from services.auth.adapters.uow import AuthUnitOfWork
from services.auth.ports import Entrega, ProvedorIdentidade, RecuperacaoExterna
from services.auth.service import cadastro, fila_de_emails
from services.auth.service.identidade import Identidade
from services.auth.settings import AuthSettings

_log = logging.getLogger("healthmed.auth.reconciliacao")


def _provedor(
    settings: AuthSettings,
) -> tuple[ProvedorIdentidade, RecuperacaoExterna | None, KeyStore | None]:
    """Cognito (it keeps passwords, signs tokens, e-mails reset codes), or the built-in
    provider with its signing keys (reset links are the service's own)."""
    if settings.identidade_provedor == "cognito":
        assert settings.cognito_user_pool_id and settings.cognito_client_id  # settings checked
        cognito = ProvedorCognito(
            aws.client(settings, "cognito-idp"),
            user_pool_id=settings.cognito_user_pool_id,
            client_id=settings.cognito_client_id,
        )
        return cognito, cognito, None
    if settings.jwt_chave_privada is not None:
        keys = KeyStore.from_pem(settings.jwt_chave_privada.get_secret_value())
    else:
        keys = KeyStore.from_directory(settings.keys_dir(), create=settings.profile == "local")
    return ProvedorLocal(settings, Argon2Hasher(), keys), None, keys


async def _reconciliar_sempre(ctx: Identidade) -> None:
    """Settle pending registrations every interval; a failed round waits for the next."""
    while True:
        await asyncio.sleep(ctx.settings.reconciliacao_intervalo_segundos)
        try:
            await cadastro.reconciliar_pendentes(ctx)
        except Exception:
            _log.exception("reconciliação de cadastros pendentes falhou; nova rodada adiante")


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    """Build the auth service for the given settings."""
    settings = settings or AuthSettings()

    @contextlib.asynccontextmanager
    async def setup(app: FastAPI) -> AsyncIterator[None]:
        sessions = app.state.sessions

        def uow() -> AuthUnitOfWork:
            return AuthUnitOfWork(sessions)

        entrega: Entrega = CaixaLocal()
        if settings.email_provedor == "ses":
            entrega = SesEntrega(aws.client(settings, "ses"), settings.email_remetente)
        despachante = Despachante(lambda: fila_de_emails.despachar(uow, entrega))
        provedor, recuperacao, keys = _provedor(settings)
        app.state.keys = keys
        app.state.identidade = Identidade(
            settings=settings,
            uow=uow,
            provedor=provedor,
            recuperacao=recuperacao,
            on_email=despachante.acordar,
            perfis=PerfisHttp(app.state.client),
            **_revogacoes_ouvidas(app),
        )
        despachante.start()
        reconciliacao = asyncio.create_task(_reconciliar_sempre(app.state.identidade))
        try:
            yield
        finally:
            reconciliacao.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reconciliacao
            await despachante.stop()

    routers = [routes.router, routes.internal]
    if settings.profile == "local":
        routers.append(routes.dev)
    return create_service_app(
        name="auth",
        settings=settings,
        routers=routers,
        setup=setup,
        description="Identidade: login, sessões, recuperação de senha.",
    )


def _revogacoes_ouvidas(app: FastAPI) -> dict[str, Any]:
    """With a listener of revocations (the session cache is on), a revocation answers once this
    process has heard its announcement: the next request, to any service, is refused."""
    revogacoes = app.state.revogacoes
    return {} if revogacoes is None else {"revogacoes_ouvidas": revogacoes.aguardar}
