"""All SQL of the auth service."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from libs.revogacoes import CANAL as CANAL_REVOGACOES
from services.auth.adapters.tables import (
    emails,
    refresh_tokens,
    sessoes,
    tentativas,
    tokens_recuperacao,
    trocas_de_email,
    usuarios,
)
from services.auth.domain.email import EmailDeFora
from services.auth.domain.identificador import Identificador


@dataclass(frozen=True)
class UsuarioRow:
    """A stored credential."""

    id: uuid.UUID
    papel: str
    email: str
    senha_hash: str | None  # None: the identity provider (Cognito) keeps the password
    pendente: bool = False  # its registration has not been confirmed yet


@dataclass(frozen=True)
class Reserva:
    """Attempts counted by :meth:`TentativaRepository.reservar`, or the refusal: then ``ids``
    is empty and ``mais_antiga`` is the oldest attempt of the key at its limit."""

    ids: tuple[int, ...]
    mais_antiga: datetime | None


@dataclass(frozen=True)
class RefreshRow:
    """A stored refresh token with its session's state."""

    sessao_id: uuid.UUID
    usuario_id: uuid.UUID
    papel: str
    usado_em: datetime | None
    sessao_revogada_em: datetime | None
    sessao_expira_em: datetime


def _usuario(row: Any) -> UsuarioRow:
    return UsuarioRow(row.id, row.papel, row.email, row.senha_hash, row.pendente_desde is not None)


@dataclass(frozen=True)
class Confirmacao:
    """A confirmed credential: where to write, its role, and whether it was pending until now."""

    email: str
    papel: str
    ativada: bool


class UsuarioRepository:
    """Credentials."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, **values: Any) -> None:
        """Insert a credential (unique violations surface as IntegrityError)."""
        await self.session.execute(insert(usuarios).values(**values))
        await self.session.flush()

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
        """Change the e-mail (unique per role)."""
        await self.session.execute(
            update(usuarios).where(usuarios.c.id == usuario_id).values(email=email)
        )
        await self.session.flush()


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


@dataclass(frozen=True)
class TrocaRow:
    """A change of e-mail that its undo link can still revert."""

    usuario_id: uuid.UUID
    email_antigo: str


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


class TentativaRepository:
    """Counters of attempts, for throttling.

    An attempt is counted *before* the password is checked (:meth:`reservar`), under a lock
    per key, and forgotten only if it succeeds (:meth:`esquecer`): concurrent guesses each see
    the ones in flight, so no burst gets more than the limit through (issue 15 §4)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def reservar(self, limites: dict[str, int], desde: datetime) -> Reserva:
        """Count one attempt under every key, unless a key already holds its limit since
        ``desde``: then nothing is counted and the answer says how long that key waits.

        Each key is locked for the rest of the transaction (an advisory lock on its hash, in
        sorted order, so two callers never wait on each other crosswise): commit soon, before
        any slow work, so the next attempt on the key sees this one."""
        for chave in sorted(limites):
            await self.session.execute(
                text("select pg_advisory_xact_lock(hashtextextended(:chave, 0))"),
                {"chave": chave},
            )
        for chave, limite in limites.items():
            query = select(func.count(), func.min(tentativas.c.momento)).where(
                tentativas.c.chave == chave, tentativas.c.momento > desde
            )
            count, oldest = (await self.session.execute(query)).one()
            if int(count) >= limite and oldest is not None:
                return Reserva(ids=(), mais_antiga=oldest)
        result = await self.session.execute(
            insert(tentativas).returning(tentativas.c.id), [{"chave": c} for c in limites]
        )
        return Reserva(ids=tuple(result.scalars()), mais_antiga=None)

    async def esquecer(self, reserva: Reserva) -> None:
        """Forget the attempts of a reservation (it succeeded); the others stay counted."""
        if reserva.ids:
            await self.session.execute(delete(tentativas).where(tentativas.c.id.in_(reserva.ids)))

    async def purge(self, antes: datetime) -> None:
        """Drop attempts older than any window."""
        await self.session.execute(delete(tentativas).where(tentativas.c.momento < antes))


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
