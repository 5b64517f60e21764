"""The background runner of the outboxes: delivers right after each commit (when woken) and
every few seconds as a safety net; periodically queues the doctors whose published next slot
went stale and the reminders that are due. Tests await :meth:`Sincronizador.drenar`."""

from __future__ import annotations

import asyncio
import logging
import time

from libs.laco import LacoDeFundo
from services.consulta.service import notificacoes, saida
from services.consulta.service.contexto import Agenda

_log = logging.getLogger("healthmed.consulta.saida")
AGRUPAR_SEGUNDOS = 0.05


class Sincronizador:
    """Runs the outbox use cases (``saida.py``, ``notificacoes.py``) in the background."""

    def __init__(self, ctx: Agenda) -> None:
        self._ctx = ctx
        self._ultimo_recalculo = 0.0
        # Under load many commits wake the loop within a few milliseconds: it waits a moment so
        # that one pass delivers them together (issue 14: a pass per booking was a fixed cost of
        # several round trips each).
        self._laco = LacoDeFundo(
            "consulta-saida",
            self._passo_de_fundo,
            intervalo=ctx.settings.saida_intervalo_segundos,
            log=_log,
            falha="falha ao drenar a saída da agenda",
            agrupar=AGRUPAR_SEGUNDOS,
        )
        # One pass at a time in this process: whoever awaits drenar() also waits for a pass the
        # background loop already started (other replicas are kept apart by row locks).
        self._passo = asyncio.Lock()

    def acordar(self) -> None:
        """Something was written to the outbox: deliver it now."""
        self._laco.acordar()

    async def drenar(self) -> int:
        """Deliver everything that is due now (publications to the medico service, then
        e-mails); return how many items went out."""
        total = 0
        async with self._passo:
            while True:
                entregues = await saida.drenar_saida(self._ctx)
                entregues += await notificacoes.entregar_notificacoes(self._ctx)
                total += entregues
                if entregues == 0:
                    return total

    async def recalcular(self) -> int:
        """The periodic work, now: queue the doctors whose published next slot is stale, the
        reminders that are due and the notices of absences, then deliver."""
        quantos = await saida.recalcular_vencidos(self._ctx)
        quantos += await notificacoes.agendar_lembretes(self._ctx)
        quantos += await notificacoes.avisar_ausencias(self._ctx)
        await self.drenar()
        return quantos

    async def _passo_de_fundo(self) -> None:
        """One pass, not :meth:`drenar`'s until-empty: under load every pass finds the bookings
        committed while the previous one ran, and passes back to back, each a few items, cost
        a fixed share per booking (issue 14). What arrives meanwhile woke the loop, and waits
        for the next pass (after ``AGRUPAR_SEGUNDOS``); a full pass asks for another at once."""
        settings = self._ctx.settings
        if time.monotonic() - self._ultimo_recalculo >= settings.recalculo_intervalo_segundos:
            self._ultimo_recalculo = time.monotonic()
            await saida.recalcular_vencidos(self._ctx)
            await notificacoes.agendar_lembretes(self._ctx)
            await notificacoes.avisar_ausencias(self._ctx)
        async with self._passo:
            publicados = await saida.drenar_saida(self._ctx)
            enviados = await notificacoes.entregar_notificacoes(self._ctx)
        # Items, not doctors: at least as many, so this may ask for one pass too many, never
        # one too few.
        if publicados >= saida.LOTE_MEDICOS or enviados >= notificacoes.LOTE_NOTIFICACOES:
            self._laco.acordar()

    def start(self) -> None:
        """Start the background loop."""
        self._laco.start()

    async def stop(self) -> None:
        """Stop the loop."""
        await self._laco.stop()
