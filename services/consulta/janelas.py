"""Use cases: the listings of a doctor's slots, with their window also given in plain dates.

``?de=2026-12-08`` is that day in the doctor's time zone from its first instant, and
``?ate=2026-12-08`` up to its end: what integrators and calendar widgets send. Full ISO 8601
moments with an offset go on as they are (a naive one is still refused). The doctor is looked
up for their zone only when a plain date is given.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from services.consulta import service
from services.consulta.domain import agenda


def _e_dia(valor: date | None) -> bool:
    return valor is not None and not isinstance(valor, datetime)


async def _limites(
    ctx: service.Agenda, medico_id: uuid.UUID, de: date | None, ate: date | None
) -> tuple[datetime | None, datetime | None]:
    # Without a plain date the zone is never used: no need to ask who the doctor is.
    fuso = (await service._medico(ctx, medico_id)).fuso if _e_dia(de) or _e_dia(ate) else UTC
    return (
        agenda.limite_da_janela(de, fuso, fim=False),
        agenda.limite_da_janela(ate, fuso, fim=True),
    )


async def horarios_do_medico(
    ctx: service.Agenda, *, medico_id: uuid.UUID, de: date | None, ate: date | None
) -> service.HorariosDoMedico:
    """The calling doctor's slots in a window of moments or of their own days."""
    inicio, fim = await _limites(ctx, medico_id, de, ate)
    return await service.horarios_do_medico(ctx, medico_id=medico_id, de=inicio, ate=fim)


async def agenda_publica(
    ctx: service.Agenda, *, medico_id: uuid.UUID, de: date | None, ate: date | None
) -> service.HorariosDoMedico:
    """A doctor's bookable slots in a window of moments or of the doctor's days."""
    inicio, fim = await _limites(ctx, medico_id, de, ate)
    return await service.agenda_publica(ctx, medico_id=medico_id, de=inicio, ate=fim)
