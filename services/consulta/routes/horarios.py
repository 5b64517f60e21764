"""HTTP of a doctor's slots and of the public agenda."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response, status

from libs.auth import CurrentMedico
from services.consulta.routes.comum import CONFLITO, NAO_ENCONTRADO, Ctx, DiaOuMomento
from services.consulta.schemas.horarios import (
    AgendaOut,
    HorarioEdicaoIn,
    HorarioIn,
    HorarioLivreOut,
    HorarioOut,
    HorariosCriadosOut,
    HorariosOut,
)
from services.consulta.service import horarios as horarios_service

router = APIRouter(tags=["agenda"])


@router.post(
    "/medico/horarios",
    status_code=status.HTTP_201_CREATED,
    response_model=HorariosCriadosOut,
    responses=CONFLITO,
)
async def criar_horarios(body: HorarioIn, medico: CurrentMedico, ctx: Ctx) -> Any:
    """Publish slots: one, a window split by ``duracao_minutos``, repeated by
    ``repetir_semanas``. All or nothing: one overlap (409) and nothing is created. A slot
    starting in a blocked period: 409 for a single window; a weekly repeat skips those and
    counts them in ``ignorados_por_bloqueio``."""
    criados = await horarios_service.criar_horarios(
        ctx,
        medico_id=medico.id,
        inicio=body.inicio,
        fim=body.fim,
        duracao_minutos=body.duracao_minutos,
        repetir_semanas=body.repetir_semanas,
    )
    return {
        "horarios": [HorarioOut.from_domain(h, criados.fuso) for h in criados.horarios],
        "ignorados_por_bloqueio": criados.ignorados_por_bloqueio,
    }


@router.get("/medico/horarios", response_model=HorariosOut)
async def listar_horarios(
    medico: CurrentMedico, ctx: Ctx, de: DiaOuMomento = None, ate: DiaOuMomento = None
) -> Any:
    """The calling doctor's slots (default: the next 31 days) and who holds each."""
    lidos = await horarios_service.horarios_do_medico(ctx, medico_id=medico.id, de=de, ate=ate)
    return {"horarios": [HorarioOut.from_domain(h, lidos.fuso) for h in lidos.horarios]}


@router.put(
    "/medico/horarios/{horario_id}",
    response_model=HorarioOut,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def alterar_horario(
    horario_id: uuid.UUID, body: HorarioEdicaoIn, medico: CurrentMedico, ctx: Ctx
) -> Any:
    """Move a free slot."""
    alterado = await horarios_service.alterar_horario(
        ctx, medico_id=medico.id, horario_id=horario_id, inicio=body.inicio, fim=body.fim
    )
    return HorarioOut.from_domain(alterado.horarios[0], alterado.fuso)


@router.delete(
    "/medico/horarios/{horario_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def remover_horario(horario_id: uuid.UUID, medico: CurrentMedico, ctx: Ctx) -> Response:
    """Delete a free slot."""
    await horarios_service.remover_horario(ctx, medico_id=medico.id, horario_id=horario_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/medicos/{medico_id}/agenda", response_model=AgendaOut, responses=NAO_ENCONTRADO)
async def agenda_do_medico(
    medico_id: uuid.UUID, ctx: Ctx, de: DiaOuMomento = None, ate: DiaOuMomento = None
) -> Any:
    """A doctor's free, bookable slots in a window (default 7 days, at most 31). No login."""
    livres = await horarios_service.agenda_publica(ctx, medico_id=medico_id, de=de, ate=ate)
    return {
        "horarios": [HorarioLivreOut.from_domain(h, livres.fuso) for h in livres.horarios],
        "fuso_horario": livres.fuso.key,
    }
