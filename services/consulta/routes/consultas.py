"""HTTP of appointments: booking, the doctor's answer, cancelling, rescheduling, rating."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, status

from libs.auth import CurrentMedico, CurrentPaciente, CurrentUser
from libs.respostas import resposta_json
from services.consulta.domain.consulta import Status
from services.consulta.routes.comum import CONFLITO, NAO_ENCONTRADO, Ctx
from services.consulta.schemas.consultas import (
    AvaliacaoIn,
    AvaliacaoOut,
    CancelamentoIn,
    ComparecimentoIn,
    ConsultaIn,
    ConsultaOut,
    ConsultasOut,
    RecusaIn,
    RemarcacaoIn,
)
from services.consulta.service import consultas as consultas_service
from services.consulta.service import remarcacao as remarcacao_service

router = APIRouter(tags=["agenda"])


@router.post(
    "/consultas",
    status_code=status.HTTP_201_CREATED,
    response_model=ConsultaOut,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def reservar_consulta(body: ConsultaIn, paciente: CurrentPaciente, ctx: Ctx) -> Any:
    """Ask for a free slot: the appointment is ``pendente`` until the doctor answers."""
    consulta = await consultas_service.reservar(
        ctx, paciente_id=paciente.id, horario_id=body.horario_id
    )
    # A hot route: the model's fields without building it (libs.respostas).
    return resposta_json(
        ConsultaOut.campos(consulta, ctx.relogio()), status_code=status.HTTP_201_CREATED
    )


@router.get("/consultas", response_model=ConsultasOut)
async def listar_consultas(
    usuario: CurrentUser,
    ctx: Ctx,
    status: Annotated[
        Literal[
            "pendente",
            "confirmada",
            "recusada",
            "cancelada",
            "realizada",
            "nao_compareceu",
            "medico_ausente",
        ]
        | None,
        Query(),
    ] = None,
    pagina: Annotated[int, Query(ge=1)] = 1,
    por_pagina: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Any:
    """The caller's appointments (patient or doctor), soonest first."""
    consultas, total = await consultas_service.listar(
        ctx,
        usuario_id=usuario.id,
        papel=usuario.papel,
        status=Status(status) if status else None,
        pagina=pagina,
        por_pagina=por_pagina,
    )
    agora = ctx.relogio()
    # The hottest read: the page as plain values, serialized once (libs.respostas).
    return resposta_json(
        {
            "itens": [ConsultaOut.campos(c, agora) for c in consultas],
            "total": total,
            "pagina": pagina,
            "por_pagina": por_pagina,
        }
    )


@router.get("/consultas/{consulta_id}", response_model=ConsultaOut, responses=NAO_ENCONTRADO)
async def ver_consulta(consulta_id: uuid.UUID, usuario: CurrentUser, ctx: Ctx) -> Any:
    """One appointment (its participants only)."""
    consulta = await consultas_service.ver(ctx, usuario_id=usuario.id, consulta_id=consulta_id)
    return ConsultaOut.from_domain(consulta, ctx.relogio())


@router.post(
    "/medico/consultas/{consulta_id}/aceitar",
    response_model=ConsultaOut,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def aceitar_consulta(consulta_id: uuid.UUID, medico: CurrentMedico, ctx: Ctx) -> Any:
    """Accept a pending request."""
    consulta = await consultas_service.aceitar(ctx, medico_id=medico.id, consulta_id=consulta_id)
    return ConsultaOut.from_domain(consulta, ctx.relogio())


@router.post(
    "/medico/consultas/{consulta_id}/recusar",
    response_model=ConsultaOut,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def recusar_consulta(
    consulta_id: uuid.UUID, medico: CurrentMedico, ctx: Ctx, body: RecusaIn | None = None
) -> Any:
    """Refuse a pending request (optionally saying why); the slot is free again."""
    consulta = await consultas_service.recusar(
        ctx,
        medico_id=medico.id,
        consulta_id=consulta_id,
        justificativa=body.justificativa if body else None,
    )
    return ConsultaOut.from_domain(consulta, ctx.relogio())


@router.post(
    "/medico/consultas/{consulta_id}/encerrar",
    response_model=ConsultaOut,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def encerrar_consulta(consulta_id: uuid.UUID, medico: CurrentMedico, ctx: Ctx) -> Any:
    """The doctor ends the consultation from the room (from its opening, once in it): it counts
    as ended at once (``realizada`` if the patient came, who may then rate it); the room closes
    for both."""
    consulta = await consultas_service.encerrar_atendimento(
        ctx, medico_id=medico.id, consulta_id=consulta_id
    )
    return ConsultaOut.from_domain(consulta, ctx.relogio())


@router.post(
    "/medico/consultas/{consulta_id}/comparecimento",
    response_model=ConsultaOut,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def corrigir_comparecimento(
    consulta_id: uuid.UUID, body: ComparecimentoIn, medico: CurrentMedico, ctx: Ctx
) -> Any:
    """Confirm or correct whether the patient attended an ended appointment (up to 7 days
    after it): ``realizada`` or ``nao_compareceu``, whatever the room recorded."""
    consulta = await consultas_service.corrigir_comparecimento(
        ctx, medico_id=medico.id, consulta_id=consulta_id, compareceu=body.compareceu
    )
    return ConsultaOut.from_domain(consulta, ctx.relogio())


@router.delete(
    "/consultas/{consulta_id}",
    response_model=ConsultaOut,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def cancelar_consulta(
    consulta_id: uuid.UUID,
    usuario: CurrentUser,
    ctx: Ctx,
    body: CancelamentoIn | None = None,
    justificativa: Annotated[str | None, Query(max_length=1000)] = None,
) -> Any:
    """Cancel, saying why (at least 10 characters, in the body or as ``?justificativa=``);
    the slot is free again."""
    texto = body.justificativa if body and body.justificativa else justificativa
    consulta = await consultas_service.cancelar(
        ctx, usuario_id=usuario.id, consulta_id=consulta_id, justificativa=texto
    )
    return ConsultaOut.from_domain(consulta, ctx.relogio())


@router.post(
    "/consultas/{consulta_id}/remarcar",
    status_code=status.HTTP_201_CREATED,
    response_model=ConsultaOut,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def remarcar_consulta(
    consulta_id: uuid.UUID, body: RemarcacaoIn, paciente: CurrentPaciente, ctx: Ctx
) -> Any:
    """Move a pending or confirmed appointment to another free slot of the same doctor, in one
    step: the old one is cancelled (the same cutoff as cancelling) and a new ``pendente`` one is
    answered, linked both ways (``remarcada_de``/``remarcada_para``). If the new slot is taken,
    409 and nothing changes."""
    remarcacao = await remarcacao_service.remarcar(
        ctx,
        paciente_id=paciente.id,
        consulta_id=consulta_id,
        horario_id=body.horario_id,
        justificativa=body.justificativa,
    )
    return ConsultaOut.from_domain(remarcacao.nova, ctx.relogio())


@router.post(
    "/consultas/{consulta_id}/avaliacao",
    status_code=status.HTTP_201_CREATED,
    response_model=AvaliacaoOut,
    responses={**NAO_ENCONTRADO, **CONFLITO},
)
async def avaliar_consulta(
    consulta_id: uuid.UUID, body: AvaliacaoIn, paciente: CurrentPaciente, ctx: Ctx
) -> Any:
    """Rate a ``realizada`` appointment, once (1 to 5, with an optional comment)."""
    avaliacao = await consultas_service.avaliar(
        ctx,
        paciente_id=paciente.id,
        consulta_id=consulta_id,
        nota=body.nota,
        comentario=body.comentario,
    )
    return AvaliacaoOut.from_domain(avaliacao)
