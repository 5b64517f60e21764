"""A WebSocket client of an ASGI app, in the test's own event loop (test helper).

Starlette's ``TestClient`` runs the app in another thread and loop, where the session-scoped
stack (its database pool, its signaling rooms) cannot be used; this speaks the ASGI WebSocket
protocol directly to the app (the gateway, usually), like ``httpx.ASGITransport`` does for HTTP::

    async with conectar(gateway, "/api/consultas/{id}/sala/sinalizacao") as ws:
        await ws.enviar_json({"tipo": "autenticar", "token": token})
        mensagem = await ws.receber_json()
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any


class Fechada(Exception):
    """The server closed the connection (or refused it): ``codigo`` and ``motivo`` say why."""

    def __init__(self, codigo: int, motivo: str = "") -> None:
        self.codigo = codigo
        self.motivo = motivo
        super().__init__(f"WebSocket fechado pelo servidor: {codigo} {motivo}".strip())


class SessaoWebSocket:
    """One client connection to an ASGI app."""

    def __init__(self, app: Any, caminho: str, ip: str = "127.0.0.1") -> None:
        self._app = app
        caminho, _, query = caminho.partition("?")
        self._scope: dict[str, Any] = {
            "type": "websocket",
            "asgi": {"version": "3.0", "spec_version": "2.4"},
            "http_version": "1.1",
            "scheme": "ws",
            "path": caminho,
            "raw_path": caminho.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [(b"host", b"testserver"), (b"origin", b"http://testserver")],
            "client": (ip, 50000),
            "server": ("testserver", 80),
            "subprotocols": [],
            "extensions": {},
        }
        self._para_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._do_app: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._tarefa: asyncio.Task[None] | None = None
        self.fechamento: Fechada | None = None

    async def _rodar(self) -> None:
        try:
            await self._app(self._scope, self._para_app.get, self._do_app.put)
        finally:
            # However the app ended, a reader waiting for a message must not wait forever.
            await self._do_app.put({"type": "websocket.close", "code": 1006, "reason": "fim"})

    async def abrir(self, espera: float = 10) -> None:
        """Connect; raises :class:`Fechada` when the server refuses before accepting."""
        self._tarefa = asyncio.create_task(self._rodar())
        await self._para_app.put({"type": "websocket.connect"})
        mensagem = await asyncio.wait_for(self._do_app.get(), espera)
        if mensagem["type"] != "websocket.accept":
            self._fechou(mensagem)

    def _fechou(self, mensagem: dict[str, Any]) -> None:
        self.fechamento = Fechada(int(mensagem.get("code", 1000)), mensagem.get("reason") or "")
        raise self.fechamento

    async def enviar_json(self, dados: Any) -> None:
        """Send one text message holding ``dados`` as JSON."""
        await self._para_app.put({"type": "websocket.receive", "text": json.dumps(dados)})

    async def enviar_texto(self, texto: str) -> None:
        """Send one raw text message."""
        await self._para_app.put({"type": "websocket.receive", "text": texto})

    async def receber_json(self, espera: float = 10) -> Any:
        """The next message from the server; raises :class:`Fechada` once it closed."""
        if self.fechamento is not None:
            raise self.fechamento
        mensagem = await asyncio.wait_for(self._do_app.get(), espera)
        if mensagem["type"] == "websocket.close":
            self._fechou(mensagem)
        texto = mensagem.get("text")
        if texto is None:
            texto = (mensagem.get("bytes") or b"").decode()
        return json.loads(texto)

    async def esperar_fechamento(self, espera: float = 10) -> Fechada:
        """Read (and drop) messages until the server closes; the close it sent."""
        while True:
            try:
                await self.receber_json(espera)
            except Fechada as fechada:
                return fechada

    async def fechar(self, codigo: int = 1000, espera: float = 10) -> None:
        """Disconnect (as a browser closing the tab) and wait for the app to finish."""
        await self._para_app.put({"type": "websocket.disconnect", "code": codigo})
        if self._tarefa is not None:
            await asyncio.wait_for(self._tarefa, espera)


@contextlib.asynccontextmanager
async def conectar(app: Any, caminho: str, ip: str = "127.0.0.1") -> AsyncIterator[SessaoWebSocket]:
    """An open WebSocket to ``app`` at ``caminho``, disconnected on leaving the block."""
    sessao = SessaoWebSocket(app, caminho, ip)
    try:
        await sessao.abrir()
        yield sessao
    finally:
        await sessao.fechar()
