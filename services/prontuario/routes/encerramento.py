"""Internal HTTP of closing the patient's account (called by the paciente service only)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from libs.auth import InternalCaller
from services.prontuario.routes.contexto import Ctx
from services.prontuario.schemas.encerramento import EncerramentoIn, EncerramentoOut
from services.prontuario.service import encerramento

internal = APIRouter(prefix="/internal", include_in_schema=False, dependencies=[InternalCaller])


@internal.post("/prontuarios/{paciente_id}/encerramento")
async def encerrar(paciente_id: uuid.UUID, body: EncerramentoIn, ctx: Ctx) -> EncerramentoOut:
    """The patient closed the account: revoke every share, close the record (idempotent)."""
    feito = await encerramento.encerrar(ctx, paciente_id=paciente_id, ip=body.ip)
    return EncerramentoOut(compartilhamentos_revogados=feito.compartilhamentos_revogados)
