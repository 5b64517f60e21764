"""The transactional outbox of e-mails (delivered by ``adapters/mail.py``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.auth.adapters.tables import emails
from services.auth.domain.email import EmailDeFora


class EmailRepository:
    """The transactional outbox of e-mails."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self, para: str, assunto: str, corpo: str, email_id: uuid.UUID | None = None
    ) -> None:
        """Queue an e-mail in the same transaction as the change that causes it; an id already
        queued is ignored (callers retrying a lost answer never send twice)."""
        await self.session.execute(
            pg_insert(emails)
            .values(id=email_id or uuid.uuid4(), para=para, assunto=assunto, corpo=corpo)
            .on_conflict_do_nothing(index_elements=["id"])
        )

    async def add_varios(self, lote: Sequence[EmailDeFora]) -> None:
        """Queue e-mails from another service in one statement; an id already queued is
        ignored (a retried call never sends twice)."""
        await self.session.execute(
            pg_insert(emails).on_conflict_do_nothing(index_elements=["id"]),
            [{"id": e.id, "para": e.para, "assunto": e.assunto, "corpo": e.corpo} for e in lote],
        )

    async def pending(self, limit: int = 50) -> list[Any]:
        """Unsent e-mails, oldest first, locked so two dispatchers never send one twice."""
        query = (
            select(emails)
            .where(emails.c.enviado_em.is_(None))
            .order_by(emails.c.criado_em)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self.session.execute(query)).all())

    async def mark_sent(self, email_ids: Sequence[uuid.UUID]) -> None:
        """Delivered (one statement for a pass)."""
        if email_ids:
            await self.session.execute(
                update(emails).where(emails.c.id.in_(email_ids)).values(enviado_em=func.now())
            )

    async def mark_failed(self, email_id: uuid.UUID) -> None:
        """One more failed attempt; retried later."""
        await self.session.execute(
            update(emails).where(emails.c.id == email_id).values(tentativas=emails.c.tentativas + 1)
        )

    async def listar(self, para: str | None, limit: int = 50) -> list[Any]:
        """Queued and delivered e-mails, newest first (the local profile's dev inbox)."""
        query = select(emails)
        if para:
            query = query.where(func.lower(emails.c.para) == para.strip().lower())
        query = query.order_by(emails.c.criado_em.desc()).limit(limit)
        return list((await self.session.execute(query)).all())
