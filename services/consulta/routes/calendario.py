"""HTTP of calendars: one appointment's iCalendar file and the subscription (webcal)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response, status

from libs.auth import CurrentUser
from services.consulta.routes.comum import NAO_ENCONTRADO, Ctx
from services.consulta.schemas.calendario import AssinaturaCriadaOut, AssinaturaOut
from services.consulta.service import calendario as calendario_service

router = APIRouter(tags=["agenda"])


@router.get(
    "/consultas/{consulta_id}/calendario.ics",
    response_class=Response,
    responses={
        200: {
            "description": "O arquivo iCalendar (RFC 5545) da consulta",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        **NAO_ENCONTRADO,
    },
)
async def calendario_da_consulta(
    consulta_id: uuid.UUID, usuario: CurrentUser, ctx: Ctx
) -> Response:
    """The appointment as an iCalendar file to add to the participant's own calendar (its
    participants only); importing it again updates the same event."""
    arquivo = await calendario_service.calendario_da_consulta(
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


@router.post(
    "/calendario/assinatura",
    status_code=status.HTTP_201_CREATED,
    response_model=AssinaturaCriadaOut,
)
async def criar_assinatura_calendario(usuario: CurrentUser, ctx: Ctx) -> Any:
    """A new secret address of the caller's agenda for a calendar app to subscribe to; the
    previous address, if any, stops working. The address is answered this once only."""
    criada = await calendario_service.criar_assinatura(
        ctx, usuario_id=usuario.id, papel=usuario.papel
    )
    return AssinaturaCriadaOut(url=criada.url, criada_em=criada.criada_em)


@router.get("/calendario/assinatura", response_model=AssinaturaOut)
async def ver_assinatura_calendario(usuario: CurrentUser, ctx: Ctx) -> Any:
    """Whether the caller has a live subscription address, and since when."""
    assinatura = await calendario_service.ver_assinatura(ctx, usuario_id=usuario.id)
    if assinatura is None:
        return AssinaturaOut(ativa=False)
    return AssinaturaOut(ativa=True, criada_em=assinatura.criada_em)


@router.delete("/calendario/assinatura", status_code=status.HTTP_204_NO_CONTENT)
async def revogar_assinatura_calendario(usuario: CurrentUser, ctx: Ctx) -> Response:
    """The caller's subscription address stops working (204 even if there was none)."""
    await calendario_service.revogar_assinatura(ctx, usuario_id=usuario.id)
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
        **NAO_ENCONTRADO,
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
    conteudo = await calendario_service.agenda_assinada(ctx, arquivo=arquivo)
    return Response(
        content=conteudo.encode(),
        media_type="text/calendar; charset=utf-8",
        headers={"Cache-Control": "no-store"},
    )
