"""The built-in identity provider: Argon2id hashes, ES256 access tokens, opaque refresh tokens.

Passwords live (hashed) in ``usuarios.senha_hash``; access tokens are signed with the key store's
current key and carry the session id (``sid``); refresh tokens are random and rotate on every
use (the service keeps their hashes).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from services.auth.ports import Alcance, Conta, Credencial, Emissao
from services.auth.settings import AuthSettings


class Hasher(Protocol):
    async def hash(self, senha: str) -> str: ...
    async def verify(self, senha_hash: str | None, senha: str) -> bool: ...


class Signer(Protocol):
    def sign(self, claims: dict[str, Any]) -> str: ...


class ProvedorLocal:
    """:class:`services.auth.ports.ProvedorIdentidade` of the local and compose profiles."""

    def __init__(self, settings: AuthSettings, hasher: Hasher, signer: Signer) -> None:
        self._settings = settings
        self._hasher = hasher
        self._signer = signer

    async def hash_da_senha(self, senha: str) -> str | None:
        """The Argon2id hash to store."""
        return await self._hasher.hash(senha)

    async def criar(self, conta: Conta, senha: str) -> None:
        """Nothing to do: the hash is in the ``usuarios`` row."""

    async def remover(self, usuario_id: uuid.UUID) -> None:
        """Nothing to do: deleting the row removed the password."""

    async def alterar_email(self, usuario_id: uuid.UUID, email: str) -> None:
        """Nothing to do: the e-mail lives only in the ``usuarios`` row."""

    async def entrar(self, credencial: Credencial | None, senha: str) -> Emissao | None:
        """Verify against the stored hash (a dummy one for unknown accounts: same time)."""
        ok = await self._hasher.verify(credencial.senha_hash if credencial else None, senha)
        if not ok or credencial is None:
            return None
        return self._emitir(uuid.uuid4(), credencial.id, credencial.papel)

    async def renovar(
        self, *, usuario_id: uuid.UUID, papel: str, sessao_id: uuid.UUID, refresh_token: str
    ) -> Emissao | None:
        """Sign a new access token and draw a new refresh token (the service checked the old)."""
        return self._emitir(sessao_id, usuario_id, papel)

    async def sair(self, access_token: str) -> Alcance:
        """Only the current session ends."""
        return "sessao"

    def _emitir(self, sessao_id: uuid.UUID, usuario_id: uuid.UUID, papel: str) -> Emissao:
        now = datetime.now(UTC)
        ttl = self._settings.access_ttl_segundos
        access = self._signer.sign(
            {
                "iss": self._settings.jwt_issuer,
                "aud": self._settings.jwt_audience,
                "sub": str(usuario_id),
                "papel": papel,
                "sid": str(sessao_id),
                "iat": int(now.timestamp()),
                "exp": int((now + timedelta(seconds=ttl)).timestamp()),
                "jti": uuid.uuid4().hex,
            }
        )
        return Emissao(access, secrets.token_urlsafe(32), ttl, sessao_id)
