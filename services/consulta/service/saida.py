"""The outbox towards the medico service: a doctor's next free slot and the ratings.

Publications are never sent from inside a use case: they are written to the outbox in the
same transaction as the change, and :func:`drenar_saida` delivers them, so a crash or an
outage of the medico service loses nothing."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from services.consulta.ports import (
    UnitOfWork,
)
from services.consulta.service.contexto import Agenda
from services.consulta.service.pessoas import (
    conhecer_medico,
)

# The outbox ------------------------------------------------------------------------------------

_log = logging.getLogger("healthmed.consulta")


# How much one pass takes: the doctors whose items it publishes, the e-mails it sends.
LOTE_MEDICOS = 100


async def drenar_saida(ctx: Agenda) -> int:
    """Deliver what is due in the outbox; return how many items went out. One pass takes
    the due items of many doctors and publishes their next free slots in one call (issue 14:
    a publication per booking was most of a booking's cost). When that fails, each doctor is
    tried alone, so one doctor's failure is retried later (backoff) without holding up the
    others."""
    agora = ctx.relogio()
    itens: dict[uuid.UUID, list[tuple[str, dict[str, Any]]]] = {}
    try:
        async with ctx.uow() as uow:
            itens = await uow.saida.tomar(agora, limite=LOTE_MEDICOS)
            if not itens:
                return 0
            await _publicar(ctx, uow, itens, agora)
            await uow.commit()
        return sum(len(v) for v in itens.values())
    except Exception as exc:  # taken back by the rollback: retried doctor by doctor below
        _log.warning("falha ao publicar um lote da saída: %s", type(exc).__name__)
    entregues = 0
    for medico_id in itens:
        try:
            async with ctx.uow() as uow:
                so_ele = await uow.saida.tomar(agora, medicos=[medico_id])
                await _publicar(ctx, uow, so_ele, agora)
                await uow.commit()
            entregues += sum(len(v) for v in so_ele.values())
        except Exception as exc:  # one doctor's failure must not stop the others
            _log.warning("falha ao publicar para o médico %s: %s", medico_id, type(exc).__name__)
            async with ctx.uow() as uow:
                await uow.saida.adiar(medico_id, ctx.relogio())
                await uow.commit()
    return entregues


async def _publicar(
    ctx: Agenda,
    uow: UnitOfWork,
    itens: Mapping[uuid.UUID, Sequence[tuple[str, dict[str, Any]]]],
    agora: datetime,
) -> None:
    """Hand the taken items to the medico service: the ratings one by one (rare), the next
    free slot of every doctor that needs it in one call, remembered for the staleness check."""
    for medico_id, do_medico in itens.items():
        for tipo, carga in do_medico:
            if tipo == "avaliacao":
                await ctx.publicacao.avaliacao(
                    medico_id, uuid.UUID(str(carga["consulta_id"])), int(carga["nota"])
                )
    a_publicar = [
        m for m, do_medico in itens.items() if any(t == "proximo_horario" for t, _ in do_medico)
    ]
    if not a_publicar:
        return
    medicos = await uow.pessoas.medicos(a_publicar)
    for medico_id in a_publicar:
        if medico_id not in medicos and (medico := await conhecer_medico(ctx, medico_id)):
            medicos[medico_id] = medico
    # Only bookings since the last publication (items marked "tomado" by the booking's
    # statement): the next free slot is found from the one published (issue 14: walking every
    # slot a busy doctor has booked, on every pass, was most of the database's work).
    so_tomados = {
        m
        for m in a_publicar
        if all(t != "proximo_horario" or carga.get("tomado") for t, carga in itens[m])
    }
    proximos = await uow.horarios.proximos_livres(
        {m: agora + medico.antecedencia_minima for m, medico in medicos.items()},
        so_tomados=so_tomados,
    )
    await ctx.publicacao.proximos_horarios(proximos)
    await uow.proximos.guardar(
        {
            m: (proximo, proximo - medicos[m].antecedencia_minima if proximo else None)
            for m, proximo in proximos.items()
        }
    )


async def recalcular_vencidos(ctx: Agenda) -> int:
    """Queue a recomputation for doctors whose published next slot is no longer bookable."""
    async with ctx.uow() as uow:
        quantos = await uow.saida.enfileirar_vencidos(ctx.relogio())
        await uow.commit()
    return quantos
