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
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal, Protocol

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
