"""The identity provider port: what differs between the built-in provider and Cognito.

The service keeps, in both profiles, the ``usuarios`` table (it resolves CRM+UF, e-mail or the
CPF's keyed hash to a ``usuario_id`` and keeps those unique), the throttling counters and the
session rows every service asks about (``/internal/sessoes/{id}``). A provider keeps the
password and issues the tokens:

- ``adapters/provedor_local.py``: Argon2id hashes in ``usuarios.senha_hash``, ES256 access tokens
  signed here, opaque refresh tokens (profiles local and compose);
- ``adapters/provedor_cognito.py``: a Cognito user pool whose username is the ``usuario_id``;
  Cognito's RS256 tokens are handed to the client as they are (profile aws).

Password recovery is a second, optional port: Cognito e-mails its own reset codes
(:class:`RecuperacaoExterna`); without one, the service e-mails its own single-use link.

The rest are the ports of every profile: the unit of work over the ``auth`` schema and its
repositories (``adapters/uow.py`` and one module per noun under ``adapters/``), the delivery of
queued e-mails (:class:`Entrega`: the local inbox or SES, ``adapters/mail.py``) and the services
that own the profiles (:class:`Perfis`, ``adapters/perfis.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

from libs import portas
from services.auth.domain.email import EmailDeFora
from services.auth.domain.identificador import Identificador

# What a logout ends: the current session, or every session of the account (Cognito's
# GlobalSignOut revokes all of the user's refresh tokens, so every session is over anyway).
Alcance = Literal["sessao", "conta"]


@dataclass(frozen=True)
class Conta:
    """An account as auth knows it (the provider may keep a copy of these attributes)."""

    id: uuid.UUID
    papel: str
    email: str
    cpf_hash: str | None = None
    crm: str | None = None  # "123456/SP"


@dataclass(frozen=True)
class Credencial:
    """A stored login found by its identifier; ``senha_hash`` is None when the provider keeps
    the password."""

    id: uuid.UUID
    papel: str
    senha_hash: str | None


@dataclass(frozen=True)
class Emissao:
    """Tokens a provider issued for a session."""

    access_token: str
    refresh_token: str
    expires_in: int
    sessao_id: uuid.UUID


class ProvedorIdentidade(Protocol):
    """Keeps passwords and issues tokens."""

    async def hash_da_senha(self, senha: str) -> str | None:
        """What ``usuarios.senha_hash`` keeps for this password (None: the provider keeps it)."""
        ...

    async def criar(self, conta: Conta, senha: str) -> None:
        """Create the account at the provider; a password it refuses is ``DadosInvalidos``."""
        ...

    async def remover(self, usuario_id: uuid.UUID) -> None:
        """Delete the account at the provider (nothing happens if it is not there)."""
        ...

    async def alterar_email(self, usuario_id: uuid.UUID, email: str) -> None:
        """Keep the provider's copy of the e-mail in step."""
        ...

    async def entrar(self, credencial: Credencial | None, senha: str) -> Emissao | None:
        """Check the password and open a session; None for a wrong password or an unknown
        account (spending about the same time on both)."""
        ...

    async def renovar(
        self, *, usuario_id: uuid.UUID, papel: str, sessao_id: uuid.UUID, refresh_token: str
    ) -> Emissao | None:
        """New tokens for a live session; None when the provider refuses the refresh token.
        The refresh token answered may be the same one (a provider that does not rotate)."""
        ...

    async def sair(self, access_token: str) -> Alcance:
        """Sign out at the provider; answers which sessions the service must revoke."""
        ...


class Perfis(Protocol):
    """The services that own the profiles (medico, paciente), asked by the reconciliation of
    pending registrations."""

    async def existe(self, papel: str, usuario_id: uuid.UUID) -> bool | None:
        """Whether the profile of that role exists; None when its service cannot tell now."""
        ...

    async def restaurar_email(self, papel: str, usuario_id: uuid.UUID, email: str) -> None:
        """Put an e-mail back on the profile (a change undone by the old address); taken by
        another profile: ``errors.Conflito``; no answer: ``errors.ServicoIndisponivel``."""
        ...


class RecuperacaoExterna(Protocol):
    """A provider that sends password reset codes itself."""

    async def pedir(self, usuario_id: uuid.UUID | None) -> None:
        """Have a reset code e-mailed to the account; with None (no such account) spend about
        the same time. Failures are logged, never raised: the answer is always the same."""
        ...

    async def confirmar(self, token: str, nova_senha: str) -> uuid.UUID:
        """Set the new password with the token; answers whose password it was.
        Raises ``TokenRecuperacaoInvalido`` or ``DadosInvalidos`` (on ``nova_senha``)."""
        ...


class Entrega(Protocol):
    """Delivers one queued e-mail or raises (it stays queued and is tried again)."""

    async def entregar(self, para: str, assunto: str, corpo: str) -> None:
        """Hand the e-mail to the mail system."""
        ...


@dataclass(frozen=True)
class UsuarioRow:
    """A stored credential."""

    id: uuid.UUID
    papel: str
    email: str
    senha_hash: str | None  # None: the identity provider (Cognito) keeps the password
    pendente: bool = False  # its registration has not been confirmed yet


@dataclass(frozen=True)
class Confirmacao:
    """A confirmed credential: where to write, its role, and whether it was pending until now."""

    email: str
    papel: str
    ativada: bool


@dataclass(frozen=True)
class Reserva:
    """Attempts counted by :meth:`Tentativas.reservar`, or the refusal: then ``ids`` is empty
    and ``mais_antiga`` is the oldest attempt of the key at its limit."""

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


@dataclass(frozen=True)
class TrocaRow:
    """A change of e-mail that its undo link can still revert."""

    usuario_id: uuid.UUID
    email_antigo: str


class Usuarios(Protocol):
    """Credentials: who logs in, by CRM + UF, e-mail or the CPF's keyed hash."""

    async def add(self, **values: Any) -> None:
        """Insert a credential (flushed); a taken identifier is ``IdentificadorEmUso``."""
        ...

    async def delete(self, usuario_id: uuid.UUID) -> None:
        """Remove a credential and everything hanging from it."""
        ...

    async def delete_pendente(self, usuario_id: uuid.UUID) -> bool:
        """Remove a credential only while it is still pending; whether it was removed."""
        ...

    async def confirmar(self, usuario_id: uuid.UUID) -> Confirmacao | None:
        """Clear the pending mark (idempotent); None if the credential does not exist."""
        ...

    async def pendentes(self, antes_de: datetime, limite: int) -> list[tuple[uuid.UUID, str]]:
        """(id, papel) of the credentials pending since before ``antes_de``, oldest first."""
        ...

    async def get(self, usuario_id: uuid.UUID) -> UsuarioRow | None:
        """By id."""
        ...

    async def find(self, ident: Identificador, cpf_hash: str | None = None) -> UsuarioRow | None:
        """By login identifier."""
        ...

    async def set_senha(self, usuario_id: uuid.UUID, senha_hash: str | None) -> None:
        """Replace the password hash (None where the provider keeps it) and note when."""
        ...

    async def set_email(self, usuario_id: uuid.UUID, email: str) -> None:
        """Change the e-mail (flushed); taken by another account of the role:
        ``IdentificadorEmUso``."""
        ...


class Sessoes(Protocol):
    """Sessions and their refresh tokens; a revocation is announced to every service."""

    async def add(self, sessao_id: uuid.UUID, usuario_id: uuid.UUID, expira_em: datetime) -> None:
        """Open a session."""
        ...

    async def add_refresh(self, token_hash: str, sessao_id: uuid.UUID) -> None:
        """Store a refresh token (hashed)."""
        ...

    async def refresh_for_update(self, token_hash: str) -> RefreshRow | None:
        """A refresh token and its session, locked against a concurrent rotation."""
        ...

    async def mark_refresh_used(self, token_hash: str) -> None:
        """A rotated token is never valid again."""
        ...

    async def revoke(self, sessao_id: uuid.UUID, motivo: str) -> list[uuid.UUID]:
        """End a session now; the ids ended here."""
        ...

    async def revoke_all(
        self, usuario_id: uuid.UUID, motivo: str, *, exceto: uuid.UUID | None = None
    ) -> list[uuid.UUID]:
        """End every session of a user (but ``exceto``); the ids ended here."""
        ...

    async def validade(self, sessao_id: uuid.UUID) -> datetime | None:
        """When the session expires, if it is neither revoked nor expired; else None."""
        ...


class Recuperacoes(Protocol):
    """Password reset tokens (hashed, single use)."""

    async def add(self, token_hash: str, usuario_id: uuid.UUID, expira_em: datetime) -> None:
        """Store a reset token."""
        ...

    async def consume(self, token_hash: str) -> uuid.UUID | None:
        """Use a valid token (and end the user's others); its user, or None."""
        ...

    async def encerrar_da_conta(self, usuario_id: uuid.UUID) -> None:
        """End every unused reset token of a user."""
        ...


class TrocasDeEmail(Protocol):
    """The undo links of e-mail changes (hashed, single use)."""

    async def add(
        self,
        token_hash: str,
        usuario_id: uuid.UUID,
        *,
        email_antigo: str,
        email_novo: str,
        expira_em: datetime,
    ) -> None:
        """Store the undo link of a change."""
        ...

    async def valida_for_update(self, token_hash: str) -> TrocaRow | None:
        """An unused, unexpired undo link, locked against a concurrent use; else None."""
        ...

    async def encerrar_da_conta(self, usuario_id: uuid.UUID) -> None:
        """End every unused undo link of a user."""
        ...


class Tentativas(Protocol):
    """Counters of attempts, for throttling: counted before the check, forgotten on success."""

    async def reservar(self, limites: dict[str, int], desde: datetime) -> Reserva:
        """Count one attempt under every key, unless a key already holds its limit."""
        ...

    async def esquecer(self, reserva: Reserva) -> None:
        """Forget the attempts of a reservation (it succeeded)."""
        ...


class Emails(Protocol):
    """The transactional outbox of e-mails (rows with ``id``, ``para``, ``assunto``, ``corpo``,
    ``criado_em`` and ``enviado_em``)."""

    async def add(
        self, para: str, assunto: str, corpo: str, email_id: uuid.UUID | None = None
    ) -> None:
        """Queue an e-mail in the caller's transaction (an id already queued is ignored)."""
        ...

    async def add_varios(self, lote: Sequence[EmailDeFora]) -> None:
        """Queue e-mails from another service in one statement."""
        ...

    async def pending(self, limit: int = 50) -> list[Any]:
        """Unsent e-mails, oldest first, locked so two dispatchers never send one twice."""
        ...

    async def mark_sent(self, email_ids: Sequence[uuid.UUID]) -> None:
        """Delivered."""
        ...

    async def mark_failed(self, email_id: uuid.UUID) -> None:
        """One more failed attempt; retried later."""
        ...

    async def listar(self, para: str | None, limit: int = 50) -> list[Any]:
        """Queued and delivered e-mails, newest first (the local profile's dev inbox)."""
        ...


class UnitOfWork(portas.UnitOfWork, Protocol):
    """One transaction over the auth schema; leaving it without commit rolls back."""

    @property
    def usuarios(self) -> Usuarios:
        """Credentials."""
        ...

    @property
    def sessoes(self) -> Sessoes:
        """Sessions and refresh tokens."""
        ...

    @property
    def recuperacoes(self) -> Recuperacoes:
        """Password reset tokens."""
        ...

    @property
    def tentativas(self) -> Tentativas:
        """Throttling counters."""
        ...

    @property
    def trocas_de_email(self) -> TrocasDeEmail:
        """Undo links of e-mail changes."""
        ...

    @property
    def emails(self) -> Emails:
        """The e-mail outbox."""
        ...
