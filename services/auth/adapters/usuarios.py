"""The credentials (``usuarios``): a unique identifier taken is a domain error here, by the name
of the constraint PostgreSQL reports."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from libs import db
from services.auth.adapters.tables import usuarios
from services.auth.domain.erros import IdentificadorEmUso
from services.auth.domain.identificador import Identificador
from services.auth.ports import Confirmacao, UsuarioRow

# Each unique constraint of ``usuarios`` as the field and words of its 409.
_CONFLITOS = {
    "uq_usuarios_email_papel": ("email", "E-mail já cadastrado"),
    "uq_usuarios_cpf_hash": ("cpf", "CPF já cadastrado"),
    "uq_usuarios_crm": ("crm", "CRM já cadastrado para esta UF"),
}


def _conflito(exc: IntegrityError, padrao: tuple[str, str]) -> IdentificadorEmUso:
    """The domain error of the unique constraint a write violated (``padrao`` when unnamed)."""
    campo, msg = _CONFLITOS.get(db.constraint_name(exc) or "", padrao)
    return IdentificadorEmUso(campo, msg)


def _usuario(row: Any) -> UsuarioRow:
    return UsuarioRow(row.id, row.papel, row.email, row.senha_hash, row.pendente_desde is not None)


class UsuarioRepository:
    """Credentials."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, **values: Any) -> None:
        """Insert a credential (flushed): a taken e-mail, CPF or CRM raises
        :class:`IdentificadorEmUso` naming the field."""
        try:
            await self.session.execute(insert(usuarios).values(**values))
            await self.session.flush()
        except IntegrityError as exc:
            raise _conflito(exc, ("usuario", "Conta já existe")) from exc

    async def delete(self, usuario_id: uuid.UUID) -> None:
        """Remove a credential and everything hanging from it."""
        await self.session.execute(delete(usuarios).where(usuarios.c.id == usuario_id))

    async def delete_pendente(self, usuario_id: uuid.UUID) -> bool:
        """Remove a credential only while it is still pending; whether it was removed."""
        result = await self.session.execute(
            delete(usuarios)
            .where(usuarios.c.id == usuario_id, usuarios.c.pendente_desde.is_not(None))
            .returning(usuarios.c.id)
        )
        return result.first() is not None

    async def confirmar(self, usuario_id: uuid.UUID) -> Confirmacao | None:
        """Clear the pending mark (idempotent): None if the credential does not exist; else
        its e-mail and role, and whether this call is the one that activated it (the row is
        locked first, so of two concurrent confirmations only one activates)."""
        row = (
            await self.session.execute(
                select(usuarios.c.email, usuarios.c.papel, usuarios.c.pendente_desde)
                .where(usuarios.c.id == usuario_id)
                .with_for_update()
            )
        ).first()
        if row is None:
            return None
        if row.pendente_desde is not None:
            await self.session.execute(
                update(usuarios).where(usuarios.c.id == usuario_id).values(pendente_desde=None)
            )
        return Confirmacao(row.email, row.papel, ativada=row.pendente_desde is not None)

    async def pendentes(self, antes_de: datetime, limite: int) -> list[tuple[uuid.UUID, str]]:
        """(id, papel) of the credentials pending since before ``antes_de``, oldest first."""
        rows = await self.session.execute(
            select(usuarios.c.id, usuarios.c.papel)
            .where(usuarios.c.pendente_desde < antes_de)
            .order_by(usuarios.c.pendente_desde)
            .limit(limite)
        )
        return [(r.id, r.papel) for r in rows]

    async def get(self, usuario_id: uuid.UUID) -> UsuarioRow | None:
        """By id."""
        row = (
            await self.session.execute(select(usuarios).where(usuarios.c.id == usuario_id))
        ).first()
        return _usuario(row) if row else None

    async def find(self, ident: Identificador, cpf_hash: str | None = None) -> UsuarioRow | None:
        """By login identifier."""
        query = select(usuarios).where(usuarios.c.papel == ident.papel)
        if ident.tipo == "crm":
            query = query.where(usuarios.c.crm == ident.valor)
        elif ident.tipo == "email":
            query = query.where(func.lower(usuarios.c.email) == ident.valor)
        else:
            query = query.where(usuarios.c.cpf_hash == cpf_hash)
        row = (await self.session.execute(query)).first()
        return _usuario(row) if row else None

    async def set_senha(self, usuario_id: uuid.UUID, senha_hash: str | None) -> None:
        """Replace the password hash (None where the provider keeps it) and note when."""
        await self.session.execute(
            update(usuarios)
            .where(usuarios.c.id == usuario_id)
            .values(senha_hash=senha_hash, senha_alterada_em=func.now())
        )

    async def set_email(self, usuario_id: uuid.UUID, email: str) -> None:
        """Change the e-mail (unique per role; flushed): taken by another account,
        :class:`IdentificadorEmUso` on ``email``."""
        try:
            await self.session.execute(
                update(usuarios).where(usuarios.c.id == usuario_id).values(email=email)
            )
            await self.session.flush()
        except IntegrityError as exc:
            raise _conflito(exc, ("email", "E-mail já cadastrado")) from exc
