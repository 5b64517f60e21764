"""Protection of sensitive columns: keyed hashes for lookup, AES-GCM for storage."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from libs.settings import Settings


def keyed_hash(settings: Settings, value: str) -> str:
    """HMAC-SHA256 of a value under ``HEALTHMED_CHAVE_HASH``: equal inputs, equal outputs,
    and no way back without the key (CPF lookups)."""
    key = settings.secret("chave_hash").encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


class FieldCipher:
    """AES-256-GCM for one text value at a time; the column name is bound as associated data,
    so a ciphertext copied into another column does not decrypt."""

    VERSION = "v1"

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    @classmethod
    def from_settings(cls, settings: Settings) -> FieldCipher:
        """The cipher for ``HEALTHMED_CHAVE_DADOS``."""
        return cls(settings.data_key())

    def encrypt(self, plaintext: str, *, campo: str) -> str:
        """Encrypt; the result is ``v1:`` + base64(nonce + ciphertext)."""
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, plaintext.encode(), campo.encode())
        return f"{self.VERSION}:" + base64.b64encode(nonce + sealed).decode()

    def decrypt(self, token: str, *, campo: str) -> str:
        """Decrypt a value produced by :meth:`encrypt` for the same column."""
        version, _, data = token.partition(":")
        if version != self.VERSION:
            raise ValueError("versão de cifra desconhecida")
        raw = base64.b64decode(data)
        return self._aead.decrypt(raw[:12], raw[12:], campo.encode()).decode()
