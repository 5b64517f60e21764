"""Use case: a patient's whole history of appointments, for the LGPD export that the
prontuario service assembles (``GET /internal/pacientes/{id}/consultas``)."""

from __future__ import annotations

import uuid

from services.consulta.domain.historico import ConsultaNoHistorico
from services.consulta.service.contexto import Agenda


async def do_paciente(ctx: Agenda, *, paciente_id: uuid.UUID) -> list[ConsultaNoHistorico]:
    """Every appointment of the patient, oldest first, with rating, consents and room stays."""
    async with ctx.uow() as uow:
        return await uow.historico.do_paciente(paciente_id)
