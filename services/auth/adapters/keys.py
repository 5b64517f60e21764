"""ES256 signing keys of the local identity provider, and the JWKS that publishes them.

Keys are PEM files in a directory; the newest signs, all are published, so a rotation is:
add a key, wait one access-token lifetime, remove the old one.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm


@dataclass(frozen=True)
class SigningKey:
    """One key pair and its id."""

    kid: str
    private: ec.EllipticCurvePrivateKey

    def public_jwk(self) -> dict[str, Any]:
        """The public half as a JWK."""
        jwk: dict[str, Any] = json.loads(ECAlgorithm.to_jwk(self.private.public_key()))
        jwk.update({"kid": self.kid, "alg": "ES256", "use": "sig"})
        return jwk


def _load(pem: bytes, kid: str) -> SigningKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        raise ValueError("a chave de assinatura deve ser EC P-256 (ES256)")
    return SigningKey(kid, key)


def generate_key(directory: Path) -> Path:
    """Create a new P-256 key file in ``directory`` (it becomes the signing key)."""
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = directory / f"es256-{time.time_ns()}.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return path


class KeyStore:
    """The keys in use: the newest signs; every one verifies."""

    def __init__(self, keys: list[SigningKey]) -> None:
        if not keys:
            raise ValueError("nenhuma chave de assinatura")
        self.keys = keys

    @classmethod
    def from_directory(cls, directory: Path, *, create: bool) -> KeyStore:
        """Load every ``*.pem`` of a directory, creating the first one if allowed."""
        files = sorted(directory.glob("*.pem")) if directory.exists() else []
        if not files and create:
            files = [generate_key(directory)]
        return cls([_load(f.read_bytes(), f.stem) for f in reversed(files)])

    @classmethod
    def from_pem(cls, pem: str) -> KeyStore:
        """A single key given in settings."""
        key = serialization.load_pem_private_key(pem.encode(), password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        kid = ECAlgorithm.to_jwk(key.public_key(), as_dict=True)["x"][:16]
        return cls([_load(pem.encode(), kid)])

    @property
    def current(self) -> SigningKey:
        """The key that signs new tokens."""
        return self.keys[0]

    def jwks(self) -> dict[str, Any]:
        """The JSON Web Key Set."""
        return {"keys": [k.public_jwk() for k in self.keys]}

    def sign(self, claims: dict[str, Any]) -> str:
        """Sign claims with the current key."""
        return jwt.encode(
            claims, self.current.private, algorithm="ES256", headers={"kid": self.current.kid}
        )
