"""Internal HTTP of the consulta service: what other services ask of the agenda."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from libs.auth import InternalCaller
from services.consulta import service

internal = APIRouter(prefix="/internal", include_in_schema=False, dependencies=[InternalCaller])


def _ctx(request: Request) -> service.Agenda:
    ctx: service.Agenda = request.app.state.agenda
    return ctx


Ctx = Annotated[service.Agenda, Depends(_ctx)]


class EncerramentoOut(BaseModel):
    """What closing a patient's account did to the agenda."""

    consultas_canceladas: int


@internal.post("/pacientes/{paciente_id}/encerramento")
async def encerrar_paciente(paciente_id: uuid.UUID, ctx: Ctx) -> EncerramentoOut:
    """The patient closed the account: cancel their future appointments (idempotent)."""
    n = await service.encerrar_paciente(ctx, paciente_id=paciente_id)
    return EncerramentoOut(consultas_canceladas=n)
