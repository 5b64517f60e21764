"""The e-mail queue: e-mails handed over by other services, the delivery of what is queued,
and the local profile's dev inbox."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from services.auth.domain.email import EmailDeFora
from services.auth.ports import Entrega, UnitOfWork
from services.auth.service.identidade import Identidade

_log = logging.getLogger("healthmed.auth.mail")


async def enfileirar_emails(ctx: Identidade, emails: Sequence[EmailDeFora]) -> None:
    """Queue e-mails from another service (appointment notices) in the outbox, all in one
    statement: the agenda hands over what one pass of its own outbox holds."""
    if not emails:
        return
    async with ctx.uow() as uow:
        await uow.emails.add_varios(emails)
        await uow.commit()
    ctx.on_email()


async def emails_enviados(ctx: Identidade, *, para: str | None) -> list[dict[str, Any]]:
    """The local dev inbox, newest first."""
    async with ctx.uow() as uow:
        rows = await uow.emails.listar(para)
    return [
        {
            "para": r.para,
            "assunto": r.assunto,
            "corpo": r.corpo,
            "enviado_em": r.enviado_em or r.criado_em,
        }
        for r in rows
    ]


async def despachar(uow_factory: Callable[[], UnitOfWork], entrega: Entrega) -> int:
    """Send what is pending; return how many were delivered. A failed delivery stays queued
    (counted) and is tried again in a later pass."""
    entregues: list[uuid.UUID] = []
    async with uow_factory() as uow:
        for row in await uow.emails.pending():
            try:
                await entrega.entregar(row.para, row.assunto, row.corpo)
            except Exception:
                _log.warning("falha ao entregar e-mail %s", row.id)
                await uow.emails.mark_failed(row.id)
            else:
                entregues.append(row.id)
        await uow.emails.mark_sent(entregues)
        await uow.commit()
    return len(entregues)
