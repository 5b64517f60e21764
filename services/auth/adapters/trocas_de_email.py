"""The undo links of e-mail changes: hashed, single use."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.auth.adapters.tables import trocas_de_email
from services.auth.ports import TrocaRow


class TrocaDeEmailRepository:
    """The undo links of e-mail changes (hashed, single use)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(
        self,
        token_hash: str,
        usuario_id: uuid.UUID,
        *,
        email_antigo: str,
        email_novo: str,
        expira_em: datetime,
    ) -> None:
        """Store the undo link of a change (hashed)."""
        await self.session.execute(
            insert(trocas_de_email).values(
                hash=token_hash,
                usuario_id=usuario_id,
                email_antigo=email_antigo,
                email_novo=email_novo,
                expira_em=expira_em,
            )
        )

    async def valida_for_update(self, token_hash: str) -> TrocaRow | None:
        """An unused, unexpired undo link, locked against a concurrent use; else None."""
        query = (
            select(trocas_de_email.c.usuario_id, trocas_de_email.c.email_antigo)
            .where(
                trocas_de_email.c.hash == token_hash,
                trocas_de_email.c.usado_em.is_(None),
                trocas_de_email.c.expira_em > func.now(),
            )
            .with_for_update()
        )
        row = (await self.session.execute(query)).first()
        return TrocaRow(row.usuario_id, row.email_antigo) if row else None

    async def encerrar_da_conta(self, usuario_id: uuid.UUID) -> None:
        """End every unused undo link of a user (one was used: the e-mail is back)."""
        await self.session.execute(
            update(trocas_de_email)
            .where(trocas_de_email.c.usuario_id == usuario_id, trocas_de_email.c.usado_em.is_(None))
            .values(usado_em=func.now())
        )
