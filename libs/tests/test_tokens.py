"""Token verification through a JWKS, key rotation, and session checks (no network)."""

from __future__ import annotations

import json
import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from libs import errors
from libs.tokens import JwksCache, SessionCache, TokenVerifier


def _key(kid: str):
    private = ec.generate_private_key(ec.SECP256R1())
    jwk = json.loads(ECAlgorithm.to_jwk(private.public_key()))
    jwk.update(kid=kid, alg="ES256", use="sig")
    return private, jwk


def _claims(**over):
    now = int(time.time())
    base = {
        "iss": "emissor",
        "aud": "api",
        "sub": str(uuid.uuid4()),
        "papel": "paciente",
        "sid": str(uuid.uuid4()),
        "iat": now,
        "exp": now + 300,
    }
    return {**base, **over}


class _Provider:
    def __init__(self, *jwks):
        self.keys = list(jwks)
        self.calls = 0

    async def __call__(self):
        self.calls += 1
        return {"keys": self.keys}


def _verifier(provider, alive=True, **kw):
    async def check(_sid):
        return alive

    jwks = JwksCache(provider, ttl=300, min_refresh=kw.pop("min_refresh", 0.0))
    return TokenVerifier(jwks, SessionCache(check), issuer="emissor", audience="api", **kw)


async def test_token_valido_vira_usuario():
    private, jwk = _key("k1")
    claims = _claims()
    token = jwt.encode(claims, private, algorithm="ES256", headers={"kid": "k1"})
    usuario = await _verifier(_Provider(jwk)).verify(token)
    assert str(usuario.id) == claims["sub"] and usuario.papel == "paciente"


async def test_chave_nova_e_buscada_quando_aparece_um_kid_desconhecido():
    old, old_jwk = _key("antiga")
    new, new_jwk = _key("nova")
    provider = _Provider(old_jwk)
    verifier = _verifier(provider)
    await verifier.verify(jwt.encode(_claims(), old, algorithm="ES256", headers={"kid": "antiga"}))
    provider.keys.append(new_jwk)  # rotation at the provider
    token = jwt.encode(_claims(), new, algorithm="ES256", headers={"kid": "nova"})
    await verifier.verify(token)
    assert provider.calls == 2


async def test_kids_forjados_nao_martelam_o_provedor():
    private, jwk = _key("k1")
    provider = _Provider(jwk)
    verifier = _verifier(provider, min_refresh=60)
    await verifier.verify(jwt.encode(_claims(), private, algorithm="ES256", headers={"kid": "k1"}))
    for i in range(5):
        with pytest.raises(errors.NaoAutenticado):
            await verifier.verify(
                jwt.encode(_claims(), private, algorithm="ES256", headers={"kid": f"x{i}"})
            )
    assert provider.calls == 1


@pytest.mark.parametrize(
    "over",
    [
        {"aud": "outra"},
        {"iss": "outro"},
        {"exp": int(time.time()) - 3600},
        {"papel": "admin"},
        {"sub": "nao-uuid"},
    ],
)
async def test_reivindicacoes_erradas_sao_401(over):
    private, jwk = _key("k1")
    token = jwt.encode(_claims(**over), private, algorithm="ES256", headers={"kid": "k1"})
    with pytest.raises(errors.NaoAutenticado):
        await _verifier(_Provider(jwk)).verify(token)


async def test_hs256_com_a_chave_publica_como_segredo_e_recusado():
    """The classic algorithm-confusion attack."""
    import base64
    import hashlib
    import hmac

    _, jwk = _key("k1")

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    head = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "k1"}).encode())
    body = b64(json.dumps(_claims()).encode())
    mac = hmac.new(json.dumps(jwk).encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    token = f"{head}.{body}.{b64(mac)}"
    with pytest.raises(errors.NaoAutenticado):
        await _verifier(_Provider(jwk)).verify(token)


async def test_sessao_revogada_e_401():
    private, jwk = _key("k1")
    token = jwt.encode(_claims(), private, algorithm="ES256", headers={"kid": "k1"})
    with pytest.raises(errors.NaoAutenticado):
        await _verifier(_Provider(jwk), alive=False).verify(token)


async def test_cache_de_sessao_respeita_o_ttl():
    calls = []

    async def check(sid):
        calls.append(sid)
        return True

    sid = uuid.uuid4()
    cached = SessionCache(check, ttl=60)
    for _ in range(3):
        assert await cached.alive(sid)
    assert len(calls) == 1
    uncached = SessionCache(check, ttl=0)
    for _ in range(3):
        await uncached.alive(sid)
    assert len(calls) == 4


async def test_token_cognito_exige_client_id_e_token_use():
    private, jwk = _key("k1")
    claims = _claims(aud=None, client_id="app", token_use="access", **{"custom:papel": "medico"})
    claims.pop("aud")
    claims.pop("papel")
    verifier = _verifier(_Provider(jwk), client_id="app")
    usuario = await verifier.verify(
        jwt.encode(
            {**claims, "origin_jti": str(uuid.uuid4())},
            private,
            algorithm="ES256",
            headers={"kid": "k1"},
        )
    )
    assert usuario.papel == "medico"
    wrong = jwt.encode(
        {**claims, "client_id": "outro"}, private, algorithm="ES256", headers={"kid": "k1"}
    )
    with pytest.raises(errors.NaoAutenticado):
        await verifier.verify(wrong)
