"""HTTP of the consulta service: parse, call one use case, answer."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from pydantic import AwareDatetime, PlainValidator, TypeAdapter, ValidationError, WithJsonSchema

from libs.auth import CurrentMedico, CurrentPaciente, CurrentUser
from libs.respostas import resposta_json
from services.consulta import schemas, service
from services.consulta.domain.consulta import Status

router = APIRouter(tags=["agenda"])

_NAO_ENCONTRADO: dict[int | str, dict[str, Any]] = {404: {"description": "Não encontrado"}}
_CONFLITO: dict[int | str, dict[str, Any]] = {409: {"description": "Conflito"}}


async def _ctx(request: Request) -> service.Agenda:  # async: no worker-thread hop per request
    ctx: service.Agenda = request.app.state.agenda
    return ctx


Ctx = Annotated[service.Agenda, Depends(_ctx)]
_MOMENTO: TypeAdapter[Any] = TypeAdapter(AwareDatetime)


def _dia_ou_momento(valor: object) -> date:
    """``AAAA-MM-DD`` exactly is a day (a ``date``); anything else must be a moment with an
    offset, parsed as everywhere else (a ``datetime``, which is also a ``date``)."""
    if isinstance(valor, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", valor):
        try:
            return date.fromisoformat(valor)
        except ValueError:
            raise ValueError("Data inválida (use AAAA-MM-DD)") from None
    try:
        momento: date = _MOMENTO.validate_python(valor)
    except ValidationError:
        raise ValueError(
            "Use uma data (AAAA-MM-DD, o dia inteiro no fuso do médico) ou data e hora "
            "ISO 8601 com fuso (ex.: 2026-12-01T14:00:00-03:00)"
        ) from None
    return momento


# A listing's window: a plain date is the doctor's whole day (docs/api-extensoes.md).
DiaOuMomento = Annotated[
    date | None,
    PlainValidator(_dia_ou_momento),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
                {"type": "null"},
            ]
        }
    ),
    Query(
        description="AAAA-MM-DD (o dia inteiro no fuso do médico: 'de' desde o início dele, "
        "'ate' até o fim dele) ou ISO 8601 com fuso"
    ),
]


# The doctor's agenda -------------------------------------------------------------------------


@router.post(
    "/medico/horarios",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.HorariosCriadosOut,
    responses=_CONFLITO,
)
async def criar_horarios(body: schemas.HorarioIn, medico: CurrentMedico, ctx: Ctx) -> Any:
    """Publish slots: one, a window split by ``duracao_minutos``, repeated by
    ``repetir_semanas``. All or nothing: one overlap (409) and nothing is created. A slot
    starting in a blocked period: 409 for a single window; a weekly repeat skips those and
    counts them in ``ignorados_por_bloqueio``."""
    criados = await service.criar_horarios(
        ctx,
        medico_id=medico.id,
        inicio=body.inicio,
        fim=body.fim,
        duracao_minutos=body.duracao_minutos,
        repetir_semanas=body.repetir_semanas,
    )
    return {
        "horarios": [schemas.HorarioOut.from_domain(h, criados.fuso) for h in criados.horarios],
        "ignorados_por_bloqueio": criados.ignorados_por_bloqueio,
    }


@router.get("/medico/horarios", response_model=schemas.HorariosOut)
async def listar_horarios(
    medico: CurrentMedico, ctx: Ctx, de: DiaOuMomento = None, ate: DiaOuMomento = None
) -> Any:
    """The calling doctor's slots (default: the next 31 days) and who holds each."""
    lidos = await service.horarios_do_medico(ctx, medico_id=medico.id, de=de, ate=ate)
    return {"horarios": [schemas.HorarioOut.from_domain(h, lidos.fuso) for h in lidos.horarios]}


@router.post("/medico/horarios/bloqueio", response_model=schemas.BloqueioOut)
async def bloquear_periodo(body: schemas.BloqueioIn, medico: CurrentMedico, ctx: Ctx) -> Any:
    """Remove every free slot starting in ``[de, ate)`` at once (holiday, congress) and keep
    the period (``bloqueio``), so no slot is opened in it later; slots with an active
    appointment stay and are listed. ``simular``: only say what would happen."""
    bloqueio = await service.bloquear_periodo(
        ctx, medico_id=medico.id, de=body.de, ate=body.ate, simular=body.simular
    )
    guardado = bloqueio.bloqueio
    return {
        "removidos": bloqueio.removidos,
        "mantidos": [schemas.HorarioOut.from_domain(h, bloqueio.fuso) for h in bloqueio.mantidos],
        "bloqueio": (
            schemas.PeriodoBloqueadoOut.from_domain(guardado, bloqueio.fuso) if guardado else None
        ),
    }


@router.get("/medico/bloqueios", response_model=schemas.BloqueiosOut)
async def listar_bloqueios(medico: CurrentMedico, ctx: Ctx) -> Any:
    """The calling doctor's current and future blocked periods, soonest first."""
    lidos = await service.bloqueios_do_medico(ctx, medico_id=medico.id)
    return {
        "itens": [
            schemas.PeriodoBloqueadoItemOut.from_domain(b, lidos.fuso) for b in lidos.bloqueios
        ]
    }


@router.delete(
    "/medico/bloqueios/{bloqueio_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=_NAO_ENCONTRADO,
)
async def remover_bloqueio(bloqueio_id: uuid.UUID, medico: CurrentMedico, ctx: Ctx) -> Response:
    """Forget a blocked period (another doctor's: 404); the slots it removed are not
    recreated."""
    await service.remover_bloqueio(ctx, medico_id=medico.id, bloqueio_id=bloqueio_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put(
    "/medico/horarios/{horario_id}",
    response_model=schemas.HorarioOut,
    responses={**_NAO_ENCONTRADO, **_CONFLITO},
)
async def alterar_horario(
    horario_id: uuid.UUID, body: schemas.HorarioEdicaoIn, medico: CurrentMedico, ctx: Ctx
) -> Any:
    """Move a free slot."""
    alterado = await service.alterar_horario(
        ctx, medico_id=medico.id, horario_id=horario_id, inicio=body.inicio, fim=body.fim
    )
    return schemas.HorarioOut.from_domain(alterado.horarios[0], alterado.fuso)


@router.delete(
    "/medico/horarios/{horario_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**_NAO_ENCONTRADO, **_CONFLITO},
)
async def remover_horario(horario_id: uuid.UUID, medico: CurrentMedico, ctx: Ctx) -> Response:
    """Delete a free slot."""
    await service.remover_horario(ctx, medico_id=medico.id, horario_id=horario_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/medico/consultas/{consulta_id}/aceitar",
    response_model=schemas.ConsultaOut,
    responses={**_NAO_ENCONTRADO, **_CONFLITO},
)
async def aceitar_consulta(consulta_id: uuid.UUID, medico: CurrentMedico, ctx: Ctx) -> Any:
    """Accept a pending request."""
    consulta = await service.aceitar(ctx, medico_id=medico.id, consulta_id=consulta_id)
    return schemas.ConsultaOut.from_domain(consulta, ctx.relogio())


@router.post(
    "/medico/consultas/{consulta_id}/recusar",
    response_model=schemas.ConsultaOut,
    responses={**_NAO_ENCONTRADO, **_CONFLITO},
)
async def recusar_consulta(
    consulta_id: uuid.UUID, medico: CurrentMedico, ctx: Ctx, body: schemas.RecusaIn | None = None
) -> Any:
    """Refuse a pending request (optionally saying why); the slot is free again."""
    consulta = await service.recusar(
        ctx,
        medico_id=medico.id,
        consulta_id=consulta_id,
        justificativa=body.justificativa if body else None,
    )
    return schemas.ConsultaOut.from_domain(consulta, ctx.relogio())


@router.get(
    "/medicos/{medico_id}/agenda", response_model=schemas.AgendaOut, responses=_NAO_ENCONTRADO
)
async def agenda_do_medico(
    medico_id: uuid.UUID, ctx: Ctx, de: DiaOuMomento = None, ate: DiaOuMomento = None
) -> Any:
    """A doctor's free, bookable slots in a window (default 7 days, at most 31). No login."""
    livres = await service.agenda_publica(ctx, medico_id=medico_id, de=de, ate=ate)
    return {
        "horarios": [schemas.HorarioLivreOut.from_domain(h, livres.fuso) for h in livres.horarios],
        "fuso_horario": livres.fuso.key,
    }


# Appointments ---------------------------------------------------------------------------------


@router.post(
    "/consultas",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.ConsultaOut,
    responses={**_NAO_ENCONTRADO, **_CONFLITO},
)
async def reservar_consulta(body: schemas.ConsultaIn, paciente: CurrentPaciente, ctx: Ctx) -> Any:
    """Ask for a free slot: the appointment is ``pendente`` until the doctor answers."""
    consulta = await service.reservar(ctx, paciente_id=paciente.id, horario_id=body.horario_id)
    # A hot route: the model's fields without building it (libs.respostas).
    return resposta_json(
        schemas.ConsultaOut.campos(consulta, ctx.relogio()), status_code=status.HTTP_201_CREATED
    )


@router.get("/consultas", response_model=schemas.ConsultasOut)
async def listar_consultas(
    usuario: CurrentUser,
    ctx: Ctx,
    status: Annotated[
        Literal["pendente", "confirmada", "recusada", "cancelada", "realizada"] | None, Query()
    ] = None,
    pagina: Annotated[int, Query(ge=1)] = 1,
    por_pagina: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Any:
    """The caller's appointments (patient or doctor), soonest first."""
    consultas, total = await service.listar(
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
            "itens": [schemas.ConsultaOut.campos(c, agora) for c in consultas],
            "total": total,
            "pagina": pagina,
            "por_pagina": por_pagina,
        }
    )


@router.get(
    "/consultas/{consulta_id}", response_model=schemas.ConsultaOut, responses=_NAO_ENCONTRADO
)
async def ver_consulta(consulta_id: uuid.UUID, usuario: CurrentUser, ctx: Ctx) -> Any:
    """One appointment (its participants only)."""
    consulta = await service.ver(ctx, usuario_id=usuario.id, consulta_id=consulta_id)
    return schemas.ConsultaOut.from_domain(consulta, ctx.relogio())


@router.get(
    "/consultas/{consulta_id}/calendario.ics",
    response_class=Response,
    responses={
        200: {
            "description": "O arquivo iCalendar (RFC 5545) da consulta",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        **_NAO_ENCONTRADO,
    },
)
async def calendario_da_consulta(
    consulta_id: uuid.UUID, usuario: CurrentUser, ctx: Ctx
) -> Response:
    """The appointment as an iCalendar file to add to the participant's own calendar (its
    participants only); importing it again updates the same event."""
    arquivo = await service.calendario_da_consulta(
        ctx, usuario_id=usuario.id, consulta_id=consulta_id
    )
    return Response(
        content=arquivo.conteudo.encode(),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{arquivo.nome_arquivo}"',
            # Health data: never kept by a browser or a proxy cache.
            "Cache-Control": "no-store",
        },
    )


@router.delete(
    "/consultas/{consulta_id}",
    response_model=schemas.ConsultaOut,
    responses={**_NAO_ENCONTRADO, **_CONFLITO},
)
async def cancelar_consulta(
    consulta_id: uuid.UUID,
    usuario: CurrentUser,
    ctx: Ctx,
    body: schemas.CancelamentoIn | None = None,
    justificativa: Annotated[str | None, Query(max_length=1000)] = None,
) -> Any:
    """Cancel, saying why (at least 10 characters, in the body or as ``?justificativa=``);
    the slot is free again."""
    texto = body.justificativa if body and body.justificativa else justificativa
    consulta = await service.cancelar(
        ctx, usuario_id=usuario.id, consulta_id=consulta_id, justificativa=texto
    )
    return schemas.ConsultaOut.from_domain(consulta, ctx.relogio())


@router.post(
    "/consultas/{consulta_id}/remarcar",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.ConsultaOut,
    responses={**_NAO_ENCONTRADO, **_CONFLITO},
)
async def remarcar_consulta(
    consulta_id: uuid.UUID, body: schemas.RemarcacaoIn, paciente: CurrentPaciente, ctx: Ctx
) -> Any:
    """Move a pending or confirmed appointment to another free slot of the same doctor, in one
    step: the old one is cancelled (the same cutoff as cancelling) and a new ``pendente`` one is
    answered, linked both ways (``remarcada_de``/``remarcada_para``). If the new slot is taken,
    409 and nothing changes."""
    remarcacao = await service.remarcar(
        ctx,
        paciente_id=paciente.id,
        consulta_id=consulta_id,
        horario_id=body.horario_id,
        justificativa=body.justificativa,
    )
    return schemas.ConsultaOut.from_domain(remarcacao.nova, ctx.relogio())


@router.post(
    "/consultas/{consulta_id}/avaliacao",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.AvaliacaoOut,
    responses={**_NAO_ENCONTRADO, **_CONFLITO},
)
async def avaliar_consulta(
    consulta_id: uuid.UUID, body: schemas.AvaliacaoIn, paciente: CurrentPaciente, ctx: Ctx
) -> Any:
    """Rate a ``realizada`` appointment, once (1 to 5, with an optional comment)."""
    avaliacao = await service.avaliar(
        ctx,
        paciente_id=paciente.id,
        consulta_id=consulta_id,
        nota=body.nota,
        comentario=body.comentario,
    )
    return schemas.AvaliacaoOut.from_domain(avaliacao)


# Waiting for an earlier slot ("Avise-me") -----------------------------------------------------


@router.post(
    "/medicos/{medico_id}/avisos",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.AvisoOut,
    responses={200: {"description": "O aviso ativo teve a data trocada"}, **_NAO_ENCONTRADO},
)
async def pedir_aviso(
    medico_id: uuid.UUID,
    body: schemas.AvisoIn,
    paciente: CurrentPaciente,
    ctx: Ctx,
    response: Response,
) -> Any:
    """Be e-mailed once when a free slot of this doctor opens that starts before ``ate`` (201).
    One active request per doctor: asking again replaces the date (200)."""
    pedido, novo = await service.pedir_aviso(
        ctx, paciente_id=paciente.id, medico_id=medico_id, ate=body.ate
    )
    if not novo:
        response.status_code = status.HTTP_200_OK
    return schemas.AvisoOut.from_domain(pedido)


@router.get("/avisos", response_model=schemas.AvisosOut)
async def listar_avisos(paciente: CurrentPaciente, ctx: Ctx) -> Any:
    """The caller's active requests (not fired yet, date not past)."""
    pedidos = await service.meus_avisos(ctx, paciente_id=paciente.id)
    return {"itens": [schemas.AvisoOut.from_domain(p) for p in pedidos]}


@router.delete(
    "/avisos/{aviso_id}", status_code=status.HTTP_204_NO_CONTENT, responses=_NAO_ENCONTRADO
)
async def cancelar_aviso(aviso_id: uuid.UUID, paciente: CurrentPaciente, ctx: Ctx) -> Response:
    """Withdraw an active request of the caller's (404 for anyone else's)."""
    await service.cancelar_aviso(ctx, paciente_id=paciente.id, pedido_id=aviso_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# The calendar subscription (webcal) -----------------------------------------------------------


@router.post(
    "/calendario/assinatura",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.AssinaturaCriadaOut,
)
async def criar_assinatura_calendario(usuario: CurrentUser, ctx: Ctx) -> Any:
    """A new secret address of the caller's agenda for a calendar app to subscribe to; the
    previous address, if any, stops working. The address is answered this once only."""
    criada = await service.criar_assinatura(ctx, usuario_id=usuario.id, papel=usuario.papel)
    return schemas.AssinaturaCriadaOut(url=criada.url, criada_em=criada.criada_em)


@router.get("/calendario/assinatura", response_model=schemas.AssinaturaOut)
async def ver_assinatura_calendario(usuario: CurrentUser, ctx: Ctx) -> Any:
    """Whether the caller has a live subscription address, and since when."""
    assinatura = await service.ver_assinatura(ctx, usuario_id=usuario.id)
    if assinatura is None:
        return schemas.AssinaturaOut(ativa=False)
    return schemas.AssinaturaOut(ativa=True, criada_em=assinatura.criada_em)


@router.delete("/calendario/assinatura", status_code=status.HTTP_204_NO_CONTENT)
async def revogar_assinatura_calendario(usuario: CurrentUser, ctx: Ctx) -> Response:
    """The caller's subscription address stops working (204 even if there was none)."""
    await service.revogar_assinatura(ctx, usuario_id=usuario.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# Declared after /calendario/assinatura: the literal path wins over the parameter.
@router.get(
    "/calendario/{arquivo}",
    response_class=Response,
    responses={
        200: {
            "description": "A agenda assinada (iCalendar, RFC 5545)",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        **_NAO_ENCONTRADO,
    },
)
async def agenda_assinada(
    arquivo: Annotated[
        str,
        Path(max_length=200, description="{token}.ics: o endereço secreto é a credencial"),
    ],
    ctx: Ctx,
) -> Response:
    """The subscribed agenda behind a secret address, for calendar apps (no login: they cannot
    send one). Unknown or revoked: 404."""
    conteudo = await service.agenda_assinada(ctx, arquivo=arquivo)
    return Response(
        content=conteudo.encode(),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store"},
    )
