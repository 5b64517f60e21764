"""Argon2id password hashes, computed off the event loop."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Argon2Hasher:
    """Argon2id with argon2-cffi's RFC 9106 low-memory profile."""

    def __init__(self) -> None:
        self._hasher = PasswordHasher()
        # A real hash to verify against when the user does not exist, so timing reveals nothing.
        self._dummy = self._hasher.hash("usuario-inexistente-senha-qualquer")

    async def hash(self, senha: str) -> str:
        """Hash a new password."""
        return await asyncio.to_thread(self._hasher.hash, senha)

    async def verify(self, senha_hash: str | None, senha: str) -> bool:
        """Check a password; with no hash, spend the same time and answer False."""
        target = senha_hash or self._dummy
        try:
            ok = await asyncio.to_thread(self._hasher.verify, target, senha)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        return bool(ok) and senha_hash is not None
