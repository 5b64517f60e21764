"""All SQL of calendar subscriptions (the appointments they carry are read by
``ConsultaRepository.da_assinatura``)."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.consulta.adapters.tables_assinatura import assinaturas_calendario as tabela
from services.consulta.domain.calendario import Assinatura
from services.consulta.domain.consulta import Papel


def _assinatura(row: Any) -> Assinatura:
    return Assinatura(row.usuario_id, cast(Papel, row.papel), row.criada_em)


class AssinaturaRepository:
    """One subscription per person at most, found by the keyed hash of its token."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def substituir(self, usuario_id: uuid.UUID, papel: Papel, token_hash: str) -> Assinatura:
        """Store the person's subscription, replacing (so revoking) any previous one."""
        novo = pg_insert(tabela).values(usuario_id=usuario_id, papel=papel, token_hash=token_hash)
        query = novo.on_conflict_do_update(
            index_elements=[tabela.c.usuario_id],
            set_={"papel": papel, "token_hash": token_hash, "criada_em": func.now()},
        ).returning(tabela.c.usuario_id, tabela.c.papel, tabela.c.criada_em)
        return _assinatura((await self.session.execute(query)).one())

    async def da_pessoa(self, usuario_id: uuid.UUID) -> Assinatura | None:
        """The person's subscription, if any."""
        query = select(tabela.c.usuario_id, tabela.c.papel, tabela.c.criada_em).where(
            tabela.c.usuario_id == usuario_id
        )
        row = (await self.session.execute(query)).first()
        return _assinatura(row) if row else None

    async def do_token(self, token_hash: str) -> Assinatura | None:
        """The subscription whose token has this keyed hash, if it still exists."""
        query = select(tabela.c.usuario_id, tabela.c.papel, tabela.c.criada_em).where(
            tabela.c.token_hash == token_hash
        )
        row = (await self.session.execute(query)).first()
        return _assinatura(row) if row else None

    async def revogar(self, usuario_id: uuid.UUID) -> None:
        """Delete the person's subscription (nothing to do if there is none)."""
        await self.session.execute(delete(tabela).where(tabela.c.usuario_id == usuario_id))
