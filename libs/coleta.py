"""The garbage collector of a server process, set once its app has started.

Everything built at startup (the apps, their routes and models, SQLAlchemy's metadata, the
imported modules: most of the heap) lives as long as the process, yet CPython's collector
would walk it again at every collection of the oldest generation, and collect the youngest one
every 700 allocations, a few times per request. Once the app has started (ASGI lifespan), the
heap so far is frozen out of the collector (:func:`gc.freeze`) and the youngest generation is
collected every 20,000 allocations: measured, ~10 % of a booking's Python CPU
(bench/python_por_requisicao.py, issue 14). Cycles are still collected; only less often, and
without the startup objects. Only the server entry points use it (``python -m gateway``,
``libs.runner``): the tests build and drop many apps in one process.
"""

from __future__ import annotations

import gc

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LIMIARES = (20_000, 50, 100)


def ajustar() -> None:
    """Freeze what exists now and collect the youngest generation less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*LIMIARES)


class ColetaAposPartida:
    """ASGI middleware: :func:`ajustar` once the app reports its startup complete."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "lifespan":
            await self.app(scope, receive, send)
            return

        async def enviar(mensagem: Message) -> None:
            if mensagem["type"] == "lifespan.startup.complete":
                ajustar()
            await send(mensagem)

        await self.app(scope, receive, enviar)
