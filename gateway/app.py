"""The local gateway as one ASGI app.

``/api/*`` is dispatched by the routing table to the service apps, mounted in this process
(no network hop locally); ``/api/healthz`` reports every service's readiness;
``/api/openapi.json`` is the merged contract; everything else is the web app.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import Field
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send

from gateway import seguranca
from gateway.openapi import merge_openapi
from gateway.ratelimit import TokenBucket
from gateway.routing import RoutingTable
from libs.app import set_endpoints
from libs.errors import INDISPONIVEL, LimiteExcedido, MuitoGrande, NaoEncontrado
from libs.observability import ROUTE_TEMPLATE_KEY, RequestContextMiddleware
from libs.problems import from_error, problem
from libs.service_client import Endpoint
from libs.settings import Settings

_log = logging.getLogger("healthmed.gateway")
FRONTEND_DIST = Path(__file__).resolve().parent.parent / "frontend" / "dist"

_PLACEHOLDER = """<!doctype html><html lang="pt-BR"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>HealthMed</title></head>
<body><main><h1>HealthMed</h1><p>A API está em <a href="/api/openapi.json">/api</a>.
O aplicativo web ainda não foi construído
(<code>make dev</code> o constrói).</p></main></body></html>"""


class GatewaySettings(Settings):
    """Knobs of the gateway."""

    gateway_max_corpo_bytes: int = 1_048_576
    gateway_limite_por_segundo: float = 50.0
    gateway_rajada: int = 200
    frontend_dir: Path = FRONTEND_DIST
    workers: int = Field(default=1, ge=1, le=64)  # worker processes of `python -m gateway`


class Gateway:
    """Dispatch by the routing table; run every service's lifespan inside its own."""

    def __init__(self, settings: GatewaySettings, apps: dict[str, FastAPI]) -> None:
        self.settings = settings
        self.apps = apps
        self.table = RoutingTable.load(settings.profile)
        self.bucket = TokenBucket(settings.gateway_limite_por_segundo, settings.gateway_rajada)
        endpoints = {
            name: Endpoint(f"http://{name}.interno", httpx.ASGITransport(app=app))
            for name, app in apps.items()
        }
        for app in apps.values():
            set_endpoints(app, endpoints)
        self._openapi: dict[str, Any] | None = None
        # One access-log line, one request id and the metrics for every request.
        self._asgi = RequestContextMiddleware(self._dispatch, service="gateway")

    @contextlib.asynccontextmanager
    async def lifespan(self) -> AsyncIterator[None]:
        """Start every service (in order), stop them in reverse."""
        async with contextlib.AsyncExitStack() as stack:
            for app in self.apps.values():
                await stack.enter_async_context(app.router.lifespan_context(app))
            yield

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            # Every answer, the web app's and the API's, carries the security headers.
            await self._asgi(scope, receive, seguranca.com_cabecalhos(send))
        else:
            await self._asgi(scope, receive, send)

    async def _dispatch(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        if path == "/api" or path.startswith("/api/"):
            await self._api(scope, receive, send, path[4:] or "/")
        elif scope["type"] == "http":
            await self._frontend(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        message = await receive()
        assert message["type"] == "lifespan.startup"
        try:
            async with self.lifespan():
                await send({"type": "lifespan.startup.complete"})
                message = await receive()
                assert message["type"] == "lifespan.shutdown"
        except BaseException as exc:
            _log.exception("falha ao iniciar os serviços")
            await send({"type": "lifespan.startup.failed", "message": str(exc)})
            raise
        await send({"type": "lifespan.shutdown.complete"})

    async def _api(self, scope: Scope, receive: Receive, send: Send, sub: str) -> None:
        method = "WS" if scope["type"] == "websocket" else scope["method"]
        if method == "GET" and sub in ("/healthz", "/openapi.json", "/metrics"):
            scope[ROUTE_TEMPLATE_KEY] = sub
            await self._own(sub)(scope, receive, send)
            return
        client = (scope.get("client") or ("desconhecido", 0))[0]
        wait = self.bucket.take(client)
        if wait > 0:
            await self._reply(scope, receive, send, from_error(LimiteExcedido(math.ceil(wait))))
            return
        rota, path_known = self.table.match(method, sub)
        if rota is None:
            if path_known:
                resp: Response = problem(
                    405, "metodo-nao-permitido", "Método não permitido", "Método não permitido"
                )
            else:
                resp = from_error(NaoEncontrado("Recurso não encontrado"))
            await self._reply(scope, receive, send, resp)
            return
        app = self.apps.get(rota.servico)
        if app is None:
            await self._reply(
                scope,
                receive,
                send,
                problem(
                    503,
                    "servico-indisponivel",
                    "Serviço indisponível",
                    INDISPONIVEL,
                ),
            )
            return
        limit = rota.max_corpo or self.settings.gateway_max_corpo_bytes
        length = _content_length(scope)
        if length is not None and length > limit:
            await self._reply(
                scope, receive, send, from_error(MuitoGrande(f"O corpo excede {limit} bytes"))
            )
            return
        child = dict(scope)
        child["path"] = sub
        child["raw_path"] = sub.encode()
        child["root_path"] = ""
        # The one access line and the metrics (RequestContextMiddleware, around all of this)
        # name the route by the table's template.
        scope[ROUTE_TEMPLATE_KEY] = rota.caminho
        if length is None and scope["type"] == "http":
            # A body without Content-Length (chunked) is read here, up to the limit, first.
            buffered = await _read_capped(receive, limit)
            if buffered is None:
                await from_error(MuitoGrande(f"O corpo excede {limit} bytes"))(scope, receive, send)
                return
            receive = _replay(buffered, receive)
        await app(child, receive, send)

    async def _reply(self, scope: Scope, receive: Receive, send: Send, response: Response) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await response(scope, receive, send)

    def _own(self, sub: str) -> Any:
        if sub == "/healthz":
            return _AsyncResponse(self.healthz)
        if sub == "/metrics":
            return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
        return JSONResponse(self.openapi())

    async def healthz(self) -> Response:
        """Every service's readiness, checked in parallel."""

        async def ready(name: str, app: FastAPI) -> tuple[str, dict[str, Any]]:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gw") as http:
                try:
                    r = await asyncio.wait_for(http.get("/readyz"), 5)
                    return name, r.json()
                except Exception as exc:
                    return name, {"status": "indisponivel", "problemas": [type(exc).__name__]}

        results = dict(await asyncio.gather(*(ready(n, a) for n, a in self.apps.items())))
        ok = all(r.get("status") == "ok" for r in results.values())
        return JSONResponse(
            {"status": "ok" if ok else "indisponivel", "servicos": results},
            status_code=200 if ok else 503,
        )

    def openapi(self) -> dict[str, Any]:
        """The merged contract of every service, restricted to the routing table."""
        if self._openapi is None:
            self._openapi = merge_openapi(
                {n: a.openapi() for n, a in self.apps.items()}, self.table
            )
        return self._openapi

    async def _frontend(self, scope: Scope, receive: Receive, send: Send) -> None:
        dist = self.settings.frontend_dir
        path: str = scope["path"]
        if scope["method"] not in ("GET", "HEAD"):
            await problem(
                405, "metodo-nao-permitido", "Método não permitido", "Método não permitido"
            )(scope, receive, send)
            return
        index = dist / "index.html"
        if not index.exists():
            await HTMLResponse(_PLACEHOLDER)(scope, receive, send)
            return
        candidate = (dist / path.lstrip("/")).resolve()
        if path != "/" and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            cache = "public, max-age=31536000, immutable" if "/assets/" in path else "no-cache"
            await FileResponse(candidate, headers={"Cache-Control": cache})(scope, receive, send)
            return
        # Every app route (/sala/{id}, /medicos/...) answers with the app itself.
        await FileResponse(index, headers={"Cache-Control": "no-cache"})(scope, receive, send)


class _AsyncResponse:
    def __init__(self, produce: Any) -> None:
        self.produce = produce

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.produce()
        await response(scope, receive, send)


async def _read_capped(receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None once it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _content_length(scope: Scope) -> int | None:
    for k, v in scope.get("headers", []):
        if k == b"content-length":
            try:
                return int(v)
            except ValueError:
                return None
    return None


def create_gateway(
    settings: GatewaySettings | None = None, apps: dict[str, FastAPI] | None = None
) -> Gateway:
    """The whole product as one ASGI app."""
    from gateway.services import build_apps

    settings = settings or GatewaySettings()
    overrides = {"database_url": settings.database_url} if settings.database_url else {}
    return Gateway(settings, apps if apps is not None else build_apps(overrides))
