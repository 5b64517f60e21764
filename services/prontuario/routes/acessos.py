"""HTTP of the record's access log, as its patient reads it."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter

from libs.auth import CurrentUser
from services.prontuario.routes.contexto import Ctx
from services.prontuario.schemas.acessos import AcessoOut, AcessosOut
from services.prontuario.service import acessos

router = APIRouter(tags=["prontuario"])


@router.get("/prontuario/{paciente_id}/acessos", response_model=AcessosOut)
async def listar_acessos(paciente_id: uuid.UUID, usuario: CurrentUser, ctx: Ctx) -> Any:
    """Who reached the record, newest first (the patient only)."""
    itens = await acessos.acessos(ctx, usuario=usuario, paciente_id=paciente_id)
    return {"acessos": [AcessoOut.from_domain(a) for a in itens]}
