"""Calls from one service to another: short timeouts, retries on idempotent calls, a service
token, and the caller's request id forwarded.

In the local profile the gateway hands every client an in-process ASGI transport per service,
so the call path is the same code as across a network, without a socket.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from libs import errors
from libs.observability import REQUEST_ID_HEADER, current_request_id

SERVICE_TOKEN_HEADER = "x-service-token"  # noqa: S105 - a header name
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_log = logging.getLogger("healthmed.service_client")


@dataclass(frozen=True)
class Endpoint:
    """Where a service answers: a base URL, and optionally an in-process transport."""

    base_url: str
    transport: httpx.AsyncBaseTransport | None = None


class ServiceClient:
    """An HTTP client for the other services, one connection pool per target service."""

    def __init__(
        self,
        endpoints: Mapping[str, Endpoint],
        *,
        token: str,
        timeout: float = 5.0,
        retries: int = 2,
    ) -> None:
        self._endpoints = dict(endpoints)
        self._token = token
        self._timeout = timeout
        self._retries = retries
        self._clients: dict[str, httpx.AsyncClient] = {}

    def _client(self, service: str) -> httpx.AsyncClient:
        if service not in self._clients:
            endpoint = self._endpoints.get(service)
            if endpoint is None:
                # Which service is for the log; the person reads one sentence naming none.
                _log.error("serviço %s não configurado", service)
                raise errors.ServicoIndisponivel()
            self._clients[service] = httpx.AsyncClient(
                base_url=endpoint.base_url,
                transport=endpoint.transport,
                timeout=httpx.Timeout(self._timeout, connect=min(self._timeout, 2.0)),
            )
        return self._clients[service]

    async def request(
        self,
        service: str,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        idempotent: bool | None = None,
    ) -> httpx.Response:
        """Send one call; retry transport failures and 502/503/504 on idempotent calls only."""
        method = method.upper()
        sent_headers = {SERVICE_TOKEN_HEADER: self._token, **(headers or {})}
        rid = current_request_id()
        if rid:
            sent_headers[REQUEST_ID_HEADER] = rid
        may_retry = method in _IDEMPOTENT if idempotent is None else idempotent
        attempts = 1 + (self._retries if may_retry else 0)
        client = self._client(service)
        last: Exception | None = None
        for attempt in range(attempts):
            try:
                response = await client.request(
                    method, path, json=json, params=params, headers=sent_headers
                )
            except httpx.TransportError as exc:
                last = exc
                _log.warning(
                    "falha ao chamar %s %s %s: %s", service, method, path, type(exc).__name__
                )
            else:
                if response.status_code in (502, 503, 504) and attempt + 1 < attempts:
                    last = None
                else:
                    return response
            if attempt + 1 < attempts:
                await asyncio.sleep(0.05 * 2**attempt)
        _log.warning("serviço %s não respondeu a %s %s", service, method, path)
        raise errors.ServicoIndisponivel() from last

    async def get(self, service: str, path: str, **kw: Any) -> httpx.Response:
        """GET (retried)."""
        return await self.request(service, "GET", path, **kw)

    async def post(self, service: str, path: str, **kw: Any) -> httpx.Response:
        """POST (not retried unless ``idempotent=True``)."""
        return await self.request(service, "POST", path, **kw)

    async def put(self, service: str, path: str, **kw: Any) -> httpx.Response:
        """PUT (retried)."""
        return await self.request(service, "PUT", path, **kw)

    async def delete(self, service: str, path: str, **kw: Any) -> httpx.Response:
        """DELETE (retried)."""
        return await self.request(service, "DELETE", path, **kw)

    async def aclose(self) -> None:
        """Close every connection pool."""
        for client in self._clients.values():
            await client.aclose()
        self._clients.clear()


def service_token_valid(presented: str | None, expected: str) -> bool:
    """Constant-time comparison of a presented service token."""
    return presented is not None and hmac.compare_digest(presented.encode(), expected.encode())
