"""Calendars: one appointment's iCalendar file, and the subscription to a person's agenda."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from libs import crypto
from services.consulta.domain import calendario
from services.consulta.domain.consulta import Papel
from services.consulta.domain.erros import (
    AssinaturaNaoEncontrada,
)
from services.consulta.service.consultas import ver
from services.consulta.service.contexto import Agenda


async def calendario_da_consulta(
    ctx: Agenda, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID
) -> calendario.Calendario:
    """The appointment as an iCalendar file for one of its participants (404 for anyone else):
    what the file says depends on who asks (see ``domain/calendario.py``)."""
    consulta = await ver(ctx, usuario_id=usuario_id, consulta_id=consulta_id)
    papel = consulta.papel_de(usuario_id)
    assert papel is not None  # ``ver`` admits participants only
    return calendario.calendario(
        consulta, papel=papel, agora=ctx.relogio(), origem=ctx.settings.origin
    )


@dataclass(frozen=True)
class AssinaturaCriada:
    """A new subscription: its secret address, shown once and never stored."""

    url: str
    criada_em: datetime


async def criar_assinatura(ctx: Agenda, *, usuario_id: uuid.UUID, papel: Papel) -> AssinaturaCriada:
    """A new secret address of the caller's calendar subscription; an older one stops working.
    Only the token's keyed hash is stored: the address is shown now and never again."""
    token = secrets.token_urlsafe(32)
    async with ctx.uow() as uow:
        criada = await uow.assinaturas.substituir(
            usuario_id, papel, crypto.keyed_hash(ctx.settings, token)
        )
        await uow.commit()
    return AssinaturaCriada(
        calendario.url_da_assinatura(ctx.settings.origin, token), criada.criada_em
    )


async def ver_assinatura(ctx: Agenda, *, usuario_id: uuid.UUID) -> calendario.Assinatura | None:
    """The caller's subscription, if any (its address cannot be shown again)."""
    async with ctx.uow() as uow:
        return await uow.assinaturas.da_pessoa(usuario_id)


async def revogar_assinatura(ctx: Agenda, *, usuario_id: uuid.UUID) -> None:
    """The caller's address stops working at once (nothing to do if there is none)."""
    async with ctx.uow() as uow:
        await uow.assinaturas.revogar(usuario_id)
        await uow.commit()


async def agenda_assinada(ctx: Agenda, *, arquivo: str) -> str:
    """The subscribed calendar behind a secret address (``<token>.ics``), no login: the
    address is the credential. 404 for anything that is not a live subscription's token."""
    token = calendario.token_do_arquivo(arquivo)
    if token is None:
        raise AssinaturaNaoEncontrada()
    agora = ctx.relogio()
    janela = calendario.janela_da_assinatura(agora, ctx.horizonte_reserva)
    async with ctx.uow() as uow:
        dona = await uow.assinaturas.do_token(crypto.keyed_hash(ctx.settings, token))
        if dona is None:
            raise AssinaturaNaoEncontrada()
        consultas = await uow.consultas.da_assinatura(
            usuario_id=dona.usuario_id, papel=dona.papel, janela=janela
        )
    return calendario.assinatura(
        consultas, papel=dona.papel, agora=agora, origem=ctx.settings.origin, janela=janela
    )
