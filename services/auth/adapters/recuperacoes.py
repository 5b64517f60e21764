"""Password reset tokens: hashed, single use."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.auth.adapters.tables import tokens_recuperacao


class RecuperacaoRepository:
    """Password reset tokens."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, token_hash: str, usuario_id: uuid.UUID, expira_em: datetime) -> None:
        """Store a reset token (hashed)."""
        await self.session.execute(
            insert(tokens_recuperacao).values(
                hash=token_hash, usuario_id=usuario_id, expira_em=expira_em
            )
        )

    async def consume(self, token_hash: str) -> uuid.UUID | None:
        """Mark a valid token used and return its user; None if unknown, expired or used.
        The user's other tokens end with it (:meth:`encerrar_da_conta`)."""
        query = (
            update(tokens_recuperacao)
            .where(
                tokens_recuperacao.c.hash == token_hash,
                tokens_recuperacao.c.usado_em.is_(None),
                tokens_recuperacao.c.expira_em > func.now(),
            )
            .values(usado_em=func.now())
            .returning(tokens_recuperacao.c.usuario_id)
        )
        found: uuid.UUID | None = (await self.session.execute(query)).scalar_one_or_none()
        if found is not None:
            await self.encerrar_da_conta(found)
        return found

    async def encerrar_da_conta(self, usuario_id: uuid.UUID) -> None:
        """End every unused reset token of a user (one was used, or the e-mail they were sent
        to is no longer the account's): a second code must not set the password again."""
        await self.session.execute(
            update(tokens_recuperacao)
            .where(
                tokens_recuperacao.c.usuario_id == usuario_id,
                tokens_recuperacao.c.usado_em.is_(None),
            )
            .values(usado_em=func.now())
        )
