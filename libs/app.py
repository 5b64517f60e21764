"""The skeleton every service app shares: lifespan resources, health, errors, request ids.

A service's ``create_app(settings)`` calls :func:`create_service_app` with its routers and a
``setup`` hook that chooses its adapters; nothing is created at import time.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncEngine

from libs import db, errors, fastapi_parametros
from libs.problems import install as install_problems
from libs.revogacoes import OuvinteRevogacoes, VigiaDeSessoes, liberar, ouvinte_do_processo
from libs.service_client import Endpoint, ServiceClient
from libs.settings import SERVICES, Settings
from libs.tokens import JwksCache, SessionCache, TokenVerifier, emissor, restante_da_sessao

Setup = Callable[[FastAPI], contextlib.AbstractAsyncContextManager[None]]
ReadinessCheck = Callable[[FastAPI], Awaitable[None]]
_log = logging.getLogger("healthmed.app")


def operation_id(route: APIRoute) -> str:
    """Stable OpenAPI operation ids (the function name), for the generated web client."""
    return route.name


def endpoints_from_settings(settings: Settings) -> dict[str, Endpoint]:
    """Service base URLs from ``HEALTHMED_SERVICE_URLS`` (compose, aws)."""
    return {name: Endpoint(url) for name, url in settings.service_urls.items()}


def set_endpoints(app: FastAPI, endpoints: Mapping[str, Endpoint]) -> None:
    """Tell an app, before it starts, how to reach the other services (the gateway does this)."""
    app.state.endpoints = dict(endpoints)


def build_verifier(
    settings: Settings, client: ServiceClient, revogacoes: OuvinteRevogacoes | None = None
) -> TokenVerifier:
    """A token verifier that reads the JWKS (of the auth service, or of the Cognito user pool)
    and asks the auth service for the session state; with ``revogacoes`` (the listener of
    revoked sessions), live sessions are remembered for ``sessao_cache_segundos``."""
    origem = emissor(settings)

    async def fetch_jwks() -> dict[str, Any]:
        if origem.jwks_url:
            async with httpx.AsyncClient(timeout=settings.service_timeout_seconds) as http:
                response = await http.get(origem.jwks_url)
        else:
            response = await client.get("auth", "/auth/.well-known/jwks.json")
        if response.status_code != 200:
            raise errors.ServicoIndisponivel("Não foi possível obter as chaves de verificação")
        data: dict[str, Any] = response.json()
        return data

    async def session_alive(sessao_id: uuid.UUID) -> float | None:
        response = await client.get("auth", f"/internal/sessoes/{sessao_id}")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            # Unknown is not "revoked": the caller gets a 503 to retry, never a wrong 401.
            raise errors.ServicoIndisponivel("Não foi possível verificar a sessão")
        return restante_da_sessao(response.json())

    sessions = SessionCache(
        session_alive,
        ttl=settings.sessao_cache_segundos if revogacoes is not None else 0.0,
        revogacoes=revogacoes,
    )
    return TokenVerifier(
        JwksCache(fetch_jwks, ttl=settings.jwks_cache_seconds),
        sessions,
        issuer=origem.issuer,
        audience=origem.audience,
        client_id=origem.client_id,
    )


def create_service_app(
    *,
    name: str,
    settings: Settings,
    routers: Sequence[APIRouter],
    setup: Setup | None = None,
    readiness: Sequence[ReadinessCheck] = (),
    description: str = "",
) -> FastAPI:
    """Build a service's FastAPI app; resources live in ``app.state`` for the app's lifetime."""
    assert name in SERVICES, name
    fastapi_parametros.instalar()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        endpoints = getattr(app.state, "endpoints", None) or endpoints_from_settings(settings)
        engine: AsyncEngine = db.create_engine(settings, schema=name)
        client = ServiceClient(
            endpoints,
            token=settings.secret("service_token"),
            timeout=settings.service_timeout_seconds,
            retries=settings.service_retries,
        )
        app.state.engine = engine
        app.state.sessions = db.session_factory(engine)
        # One-statement reads on the primary without BEGIN/ROLLBACK (see db.session_factory).
        app.state.sessions_avulsas = db.session_factory(engine, autocommit=True)
        # Reads that tolerate replica lag use these (on the replicas, or read-only on the
        # primary without them), one statement each, in autocommit.
        engine_leitura = db.create_read_engine(settings, schema=name)
        app.state.engine_leitura = engine_leitura
        app.state.sessions_leitura = db.session_factory(engine_leitura, autocommit=True)
        app.state.client = client
        # The listener of revoked sessions (one per process), only where the session cache is
        # on: it is what keeps the cache as immediate as asking auth every time.
        revogacoes: OuvinteRevogacoes | None = None
        if settings.sessao_cache_segundos > 0 and settings.sessao_revogacao_por_notify:
            assert settings.database_url is not None  # create_engine above checked it
            revogacoes = await ouvinte_do_processo(settings.database_url)
        app.state.revogacoes = revogacoes
        app.state.verifier = build_verifier(settings, client, revogacoes)
        # What a long-lived connection (a WebSocket) watches to end with its session.
        app.state.sessoes = VigiaDeSessoes(app.state.verifier, revogacoes)
        try:
            if setup is not None:
                async with setup(app):
                    yield
            else:
                yield
        finally:
            if revogacoes is not None:
                await liberar(revogacoes)
            await client.aclose()
            await db.encerrar(engine)
            await db.encerrar(engine_leitura)

    app = FastAPI(
        title=f"HealthMed {name}",
        version="0.1.0",
        description=description,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        # The product observes itself with its own metrics and logs (libs.observability), not
        # OpenTelemetry: off, FastAPI stops asking OpenTelemetry's providers (and reading the
        # environment) on every request to learn that nobody configured them (issue 14).
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    app.state.settings = settings
    app.state.service_name = name
    install_problems(app)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok", "servico": name}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        problems: list[str] = []
        try:
            await db.ping(app.state.engine)
        except Exception as exc:
            problems.append(f"banco de dados: {type(exc).__name__}")
        for check in readiness:
            try:
                await check(app)
            except Exception as exc:
                problems.append(
                    f"{getattr(check, '__name__', 'verificacao')}: {type(exc).__name__}"
                )
        status = "ok" if not problems else "indisponivel"
        return JSONResponse(
            {"status": status, "servico": name, "problemas": problems},
            status_code=200 if not problems else 503,
        )

    app.include_router(rotas_do_servico(routers))
    return app


def rotas_do_servico(routers: Sequence[APIRouter]) -> APIRouter:
    """The service's routers as one flat router, literal paths first. FastAPI matches an
    included router as one candidate that scans its own routes: a service split into a router
    per noun (consulta has eight) paid a scan of every router before the one that matched, and
    a literal path of a later router came after the templates of the earlier ones (issue 17's
    split made a booking ~0.09 ms dearer until this). Routes carry their own path, tags and
    dependencies, so moving them keeps each as declared."""
    unico = APIRouter()
    for router in routers:
        unico.routes.extend(router.routes)
    literais_primeiro(unico)
    return unico


def literais_primeiro(router: APIRouter) -> None:
    """Put the routes of literal paths before those with parameters, keeping the order within
    each. FastAPI tries the routes one by one, a few microseconds each: the hot literal ones
    (``/consultas``) were tried after a dozen templates (issue 14). A literal path declared
    after a template that matches it was unreachable for the methods the template has; first,
    it is reached, as was meant."""
    router.routes.sort(key=lambda rota: "{" in getattr(rota, "path", ""))
