"""HTTP of shares: the patient grants, lists and revokes them; the doctor lists the records
shared with them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response, status

from libs.auth import CurrentMedico, CurrentUser
from services.prontuario.routes.contexto import Ctx, ip_de
from services.prontuario.schemas.compartilhamentos import (
    CompartilhadoOut,
    CompartilhadosOut,
    CompartilhamentoOut,
    CompartilhamentosOut,
    CompartilharIn,
)
from services.prontuario.service import compartilhamentos

router = APIRouter(tags=["prontuario"])
# A literal path under /prontuario: mounted before the documents' ``/prontuario/{paciente_id}``,
# which would otherwise take it for a patient id (app.create_app keeps that order).
do_medico = APIRouter(tags=["prontuario"])


@do_medico.get("/prontuario/compartilhados", response_model=CompartilhadosOut)
async def compartilhados(medico: CurrentMedico, ctx: Ctx) -> Any:
    """The records currently shared with the calling doctor, with their expiry."""
    itens = await compartilhamentos.compartilhados(ctx, medico=medico)
    return {"compartilhados": [CompartilhadoOut.from_domain(s) for s in itens]}


@router.post(
    "/prontuario/{paciente_id}/compartilhar",
    status_code=status.HTTP_201_CREATED,
    response_model=CompartilhamentoOut,
)
async def compartilhar(
    paciente_id: uuid.UUID,
    body: CompartilharIn,
    usuario: CurrentUser,
    request: Request,
    ctx: Ctx,
) -> Any:
    """Share the record (or chosen documents) with a doctor for at most 30 days."""
    c = await compartilhamentos.compartilhar(
        ctx,
        usuario=usuario,
        paciente_id=paciente_id,
        medico_id=body.medico_id,
        documentos=body.documentos,
        expira_em=body.expira_em,
        duracao_horas=body.duracao_horas,
        ip=ip_de(request),
    )
    return CompartilhamentoOut.from_domain(c, datetime.now(UTC))


@router.get("/prontuario/{paciente_id}/compartilhamentos", response_model=CompartilhamentosOut)
async def listar_compartilhamentos(paciente_id: uuid.UUID, usuario: CurrentUser, ctx: Ctx) -> Any:
    """Every share the patient granted, with whether it is active."""
    itens = await compartilhamentos.compartilhamentos(ctx, usuario=usuario, paciente_id=paciente_id)
    agora = datetime.now(UTC)
    return {"compartilhamentos": [CompartilhamentoOut.from_domain(c, agora) for c in itens]}


@router.delete(
    "/prontuario/{paciente_id}/compartilhamentos/{compartilhamento_id}",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def revogar_compartilhamento(
    paciente_id: uuid.UUID,
    compartilhamento_id: uuid.UUID,
    usuario: CurrentUser,
    request: Request,
    ctx: Ctx,
) -> Response:
    """Revoke a share: the doctor's access ends at once."""
    await compartilhamentos.revogar(
        ctx,
        usuario=usuario,
        paciente_id=paciente_id,
        compartilhamento_id=compartilhamento_id,
        ip=ip_de(request),
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
