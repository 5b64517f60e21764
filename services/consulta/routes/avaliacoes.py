"""HTTP of the ratings on the doctor's page: the public comments, the doctor's reply and
report."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from libs.auth import CurrentMedico
from services.consulta.routes.comum import CONFLITO, NAO_ENCONTRADO, Ctx
from services.consulta.schemas.avaliacoes import (
    AvaliacaoPublicaOut,
    AvaliacoesPublicasOut,
    DenunciaIn,
    RespostaIn,
)
from services.consulta.service import avaliacoes as avaliacoes_service

router = APIRouter(tags=["agenda"])


@router.get(
    "/medicos/{medico_id}/avaliacoes",
    response_model=AvaliacoesPublicasOut,
    responses=NAO_ENCONTRADO,
)
async def avaliacoes_do_medico(
    medico_id: uuid.UUID,
    ctx: Ctx,
    pagina: Annotated[int, Query(ge=1)] = 1,
    por_pagina: Annotated[int, Query(ge=1, le=50)] = 10,
) -> Any:
    """The doctor's verified ratings with a comment (only after a realizada appointment), newest
    first, with the doctor's replies; public."""
    lidas = await avaliacoes_service.do_medico(
        ctx, medico_id=medico_id, pagina=pagina, por_pagina=por_pagina
    )
    return {
        "itens": [AvaliacaoPublicaOut.from_domain(a, lidas.fuso) for a in lidas.itens],
        "total": lidas.total,
        "pagina": pagina,
        "por_pagina": por_pagina,
    }


@router.post(
    "/medico/avaliacoes/{avaliacao_id}/resposta",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def responder_avaliacao(
    avaliacao_id: uuid.UUID, body: RespostaIn, medico: CurrentMedico, ctx: Ctx
) -> Response:
    """The doctor replies, once, to a rating of theirs; the reply is public with it."""
    await avaliacoes_service.responder(
        ctx, medico_id=medico.id, consulta_id=avaliacao_id, texto=body.texto
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/medico/avaliacoes/{avaliacao_id}/denuncia",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def denunciar_avaliacao(
    avaliacao_id: uuid.UUID, body: DenunciaIn, medico: CurrentMedico, ctx: Ctx
) -> Response:
    """The doctor reports a rating's comment (offensive, not about the appointment, someone
    else's data): it leaves the page until an operator decides."""
    await avaliacoes_service.denunciar(
        ctx, medico_id=medico.id, consulta_id=avaliacao_id, motivo=body.motivo
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
