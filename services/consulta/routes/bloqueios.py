"""HTTP of blocked periods."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response, status

from libs.auth import CurrentMedico
from services.consulta.routes.comum import NAO_ENCONTRADO, Ctx
from services.consulta.schemas.bloqueios import (
    BloqueioIn,
    BloqueioOut,
    BloqueiosOut,
    PeriodoBloqueadoItemOut,
    PeriodoBloqueadoOut,
)
from services.consulta.schemas.horarios import HorarioOut
from services.consulta.service import bloqueios as bloqueios_service

router = APIRouter(tags=["agenda"])


@router.post("/medico/horarios/bloqueio", response_model=BloqueioOut)
async def bloquear_periodo(body: BloqueioIn, medico: CurrentMedico, ctx: Ctx) -> Any:
    """Remove every free slot starting in ``[de, ate)`` at once (holiday, congress) and keep
    the period (``bloqueio``), so no slot is opened in it later; slots with an active
    appointment stay and are listed. ``simular``: only say what would happen."""
    bloqueio = await bloqueios_service.bloquear_periodo(
        ctx, medico_id=medico.id, de=body.de, ate=body.ate, simular=body.simular
    )
    guardado = bloqueio.bloqueio
    return {
        "removidos": bloqueio.removidos,
        "mantidos": [HorarioOut.from_domain(h, bloqueio.fuso) for h in bloqueio.mantidos],
        "bloqueio": (
            PeriodoBloqueadoOut.from_domain(guardado, bloqueio.fuso) if guardado else None
        ),
    }


@router.get("/medico/bloqueios", response_model=BloqueiosOut)
async def listar_bloqueios(medico: CurrentMedico, ctx: Ctx) -> Any:
    """The calling doctor's current and future blocked periods, soonest first."""
    lidos = await bloqueios_service.bloqueios_do_medico(ctx, medico_id=medico.id)
    return {"itens": [PeriodoBloqueadoItemOut.from_domain(b, lidos.fuso) for b in lidos.bloqueios]}


@router.delete(
    "/medico/bloqueios/{bloqueio_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=NAO_ENCONTRADO,
)
async def remover_bloqueio(bloqueio_id: uuid.UUID, medico: CurrentMedico, ctx: Ctx) -> Response:
    """Forget a blocked period (another doctor's: 404); the slots it removed are not
    recreated."""
    await bloqueios_service.remover_bloqueio(ctx, medico_id=medico.id, bloqueio_id=bloqueio_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
