"""HTTP of the "Avise-me" waitlist (``/avisos``)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response, status

from libs.auth import CurrentPaciente
from services.consulta.routes.comum import NAO_ENCONTRADO, Ctx
from services.consulta.schemas.espera import AvisoIn, AvisoOut, AvisosOut
from services.consulta.service import espera as espera_service

router = APIRouter(tags=["agenda"])


@router.post(
    "/medicos/{medico_id}/avisos",
    status_code=status.HTTP_201_CREATED,
    response_model=AvisoOut,
    responses={200: {"description": "O aviso ativo teve a data trocada"}, **NAO_ENCONTRADO},
)
async def pedir_aviso(
    medico_id: uuid.UUID,
    body: AvisoIn,
    paciente: CurrentPaciente,
    ctx: Ctx,
    response: Response,
) -> Any:
    """Be e-mailed once when a free slot of this doctor opens that starts before ``ate`` (201).
    One active request per doctor: asking again replaces the date (200)."""
    pedido, novo = await espera_service.pedir_aviso(
        ctx, paciente_id=paciente.id, medico_id=medico_id, ate=body.ate
    )
    if not novo:
        response.status_code = status.HTTP_200_OK
    return AvisoOut.from_domain(pedido)


@router.get("/avisos", response_model=AvisosOut)
async def listar_avisos(paciente: CurrentPaciente, ctx: Ctx) -> Any:
    """The caller's active requests (not fired yet, date not past)."""
    pedidos = await espera_service.meus_avisos(ctx, paciente_id=paciente.id)
    return {"itens": [AvisoOut.from_domain(p) for p in pedidos]}


@router.delete(
    "/avisos/{aviso_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NAO_ENCONTRADO
)
async def cancelar_aviso(aviso_id: uuid.UUID, paciente: CurrentPaciente, ctx: Ctx) -> Response:
    """Withdraw an active request of the caller's (404 for anyone else's)."""
    await espera_service.cancelar_aviso(ctx, paciente_id=paciente.id, pedido_id=aviso_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
