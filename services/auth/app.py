"""The auth service app: the one place its adapters are chosen."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from libs import aws
from libs.app import create_service_app
from services.auth import routes, service
from services.auth.adapters.hasher import Argon2Hasher
from services.auth.adapters.keys import KeyStore
from services.auth.adapters.mail import CaixaLocal, Despachante, Entrega, SesEntrega
from services.auth.adapters.provedor_local import ProvedorLocal
from services.auth.adapters.uow import AuthUnitOfWork
from services.auth.settings import AuthSettings


def create_app(settings: AuthSettings | None = None) -> FastAPI:
    """Build the auth service for the given settings."""
    settings = settings or AuthSettings()

    @contextlib.asynccontextmanager
    async def setup(app: FastAPI) -> AsyncIterator[None]:
        if settings.jwt_chave_privada is not None:
            keys = KeyStore.from_pem(settings.jwt_chave_privada.get_secret_value())
        else:
            keys = KeyStore.from_directory(settings.keys_dir(), create=settings.profile == "local")
        sessions = app.state.sessions

        def uow() -> AuthUnitOfWork:
            return AuthUnitOfWork(sessions)

        entrega: Entrega = CaixaLocal()
        if settings.email_provedor == "ses":
            entrega = SesEntrega(aws.client(settings, "ses"), settings.email_remetente)
        despachante = Despachante(uow, entrega)
        app.state.keys = keys
        app.state.identidade = service.Identidade(
            settings=settings,
            uow=uow,
            provedor=ProvedorLocal(settings, Argon2Hasher(), keys),
            on_email=despachante.acordar,
        )
        despachante.start()
        try:
            yield
        finally:
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
