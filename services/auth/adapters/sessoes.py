"""Sessions and their refresh tokens; every revocation is announced to every service."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from libs.revogacoes import CANAL as CANAL_REVOGACOES
from services.auth.adapters.tables import refresh_tokens, sessoes, usuarios
from services.auth.ports import RefreshRow


class SessaoRepository:
    """Sessions and their refresh tokens."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, sessao_id: uuid.UUID, usuario_id: uuid.UUID, expira_em: datetime) -> None:
        """Open a session."""
        await self.session.execute(
            insert(sessoes).values(id=sessao_id, usuario_id=usuario_id, expira_em=expira_em)
        )

    async def add_refresh(self, token_hash: str, sessao_id: uuid.UUID) -> None:
        """Store a refresh token (hashed)."""
        await self.session.execute(
            insert(refresh_tokens).values(hash=token_hash, sessao_id=sessao_id)
        )

    async def refresh_for_update(self, token_hash: str) -> RefreshRow | None:
        """A refresh token and its session, locked against a concurrent rotation."""
        query = (
            select(
                refresh_tokens.c.sessao_id,
                refresh_tokens.c.usado_em,
                sessoes.c.usuario_id,
                sessoes.c.revogada_em,
                sessoes.c.expira_em,
                usuarios.c.papel,
            )
            .join(sessoes, sessoes.c.id == refresh_tokens.c.sessao_id)
            .join(usuarios, usuarios.c.id == sessoes.c.usuario_id)
            .where(refresh_tokens.c.hash == token_hash)
            .with_for_update(of=refresh_tokens)
        )
        row = (await self.session.execute(query)).first()
        if row is None:
            return None
        return RefreshRow(
            row.sessao_id, row.usuario_id, row.papel, row.usado_em, row.revogada_em, row.expira_em
        )

    async def mark_refresh_used(self, token_hash: str) -> None:
        """A rotated token is never valid again."""
        await self.session.execute(
            update(refresh_tokens)
            .where(refresh_tokens.c.hash == token_hash)
            .values(usado_em=func.now())
        )

    async def revoke(self, sessao_id: uuid.UUID, motivo: str) -> list[uuid.UUID]:
        """End a session now; announced to every service at commit. The ids ended here."""
        result = await self.session.execute(
            update(sessoes)
            .where(sessoes.c.id == sessao_id, sessoes.c.revogada_em.is_(None))
            .values(revogada_em=func.now(), motivo=motivo)
            .returning(sessoes.c.id)
        )
        return await self._announce(list(result.scalars()))

    async def revoke_all(
        self, usuario_id: uuid.UUID, motivo: str, *, exceto: uuid.UUID | None = None
    ) -> list[uuid.UUID]:
        """End every session of a user (but ``exceto``, the caller's own); each announced at
        commit. The ids ended here."""
        query = update(sessoes).where(
            sessoes.c.usuario_id == usuario_id, sessoes.c.revogada_em.is_(None)
        )
        if exceto is not None:
            query = query.where(sessoes.c.id != exceto)
        result = await self.session.execute(
            query.values(revogada_em=func.now(), motivo=motivo).returning(sessoes.c.id)
        )
        return await self._announce(list(result.scalars()))

    async def _announce(self, ids: list[uuid.UUID]) -> list[uuid.UUID]:
        """NOTIFY every service's listener of revocations (libs.revogacoes). In the same
        transaction as the revocation: PostgreSQL delivers it at commit, never on rollback."""
        if ids:
            await self.session.execute(
                text("select pg_notify(:canal, s) from unnest(cast(:ids as text[])) as s"),
                {"canal": CANAL_REVOGACOES, "ids": [str(i) for i in ids]},
            )
        return ids

    async def validade(self, sessao_id: uuid.UUID) -> datetime | None:
        """When the session expires, if it is neither revoked nor expired; else None."""
        query = select(sessoes.c.expira_em).where(
            sessoes.c.id == sessao_id,
            sessoes.c.revogada_em.is_(None),
            sessoes.c.expira_em > func.now(),
        )
        valor: datetime | None = (await self.session.execute(query)).scalar_one_or_none()
        return valor
