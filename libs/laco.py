"""The background loop every outbox runs the same way: one pass when woken (right after a
commit that queued something) and every ``intervalo`` seconds as a safety net; a failed pass is
logged and the next one retries. Used by consulta's outboxes, auth's e-mail dispatcher and the
profile events' publisher (libs.perfis_publicados)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable


class LacoDeFundo:
    """Runs ``passo`` in the background: when :meth:`acordar` is called and every ``intervalo``
    seconds. ``agrupar`` waits that long after a wake so that one pass takes the commits that
    arrived together; ``com_traceback`` False logs only the error's type (an expected outage of
    the receiver, not a bug)."""

    def __init__(
        self,
        nome: str,
        passo: Callable[[], Awaitable[object]],
        *,
        intervalo: float,
        log: logging.Logger,
        falha: str,
        agrupar: float = 0.0,
        com_traceback: bool = True,
    ) -> None:
        self._nome = nome
        self._passo = passo
        self._intervalo = intervalo
        self._log = log
        self._falha = falha
        self._agrupar = agrupar
        self._com_traceback = com_traceback
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def acordar(self) -> None:
        """Something was queued: run a pass now."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._intervalo)
            if self._agrupar:
                await asyncio.sleep(self._agrupar)
            self._wake.clear()
            try:
                await self._passo()
            except Exception as exc:  # the next pass retries
                if self._com_traceback:
                    self._log.exception(self._falha)
                else:
                    self._log.warning("%s: %s", self._falha, type(exc).__name__)

    def start(self) -> None:
        """Start the loop (one per process and outbox)."""
        self._task = asyncio.create_task(self._run(), name=self._nome)

    async def stop(self) -> None:
        """Stop the loop; a pass cut short is run again by the next start (outboxes retry)."""
        tarefa, self._task = self._task, None
        if tarefa is not None:
            tarefa.cancel()
            await asyncio.gather(tarefa, return_exceptions=True)
