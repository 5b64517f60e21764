"""The client's address as the edge saw it, in the aws profile.

Behind CloudFront, API Gateway and the ALB, ``X-Forwarded-For`` gathers one address per hop,
and which of them is the person depends on what each hop appends. CloudFront knows: its
viewer-request function writes the viewer's address in one header of its own
(``infra/terraform/modules/edge``), replacing any value the client sent, and only requests that
came through CloudFront reach the services (the ALB requires CloudFront's origin secret). This
ASGI wrapper makes that header the request's client address, so per-IP limits and the record's
access log see the person, never an address the client chose. A value that is not an IP address
is ignored (the connection's address stays)."""

from __future__ import annotations

import ipaddress

from starlette.types import ASGIApp, Receive, Scope, Send


class IpDoCliente:
    """Takes ``scope["client"]`` from the header ``cabecalho`` (HTTP and WebSocket)."""

    def __init__(self, app: ASGIApp, cabecalho: str) -> None:
        self.app = app
        self._nome = cabecalho.lower().encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            for nome, valor in scope["headers"]:
                if nome == self._nome:
                    try:
                        ip = ipaddress.ip_address(valor.decode("latin-1").strip())
                    except ValueError:
                        break
                    scope = {**scope, "client": (str(ip), 0)}
                    break
        await self.app(scope, receive, send)
