"""Token verification through a JWKS, key rotation, and session checks (no network)."""

from __future__ import annotations

import asyncio
import base64
import json
import math
import time
import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm
from pydantic import ValidationError

from libs import errors
from libs.settings import ConfigurationError, Settings
from libs.tokens import (
    Emissor,
    JwksCache,
    SessionCache,
    TokenVerifier,
    emissor,
    restante_da_sessao,
)


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
        return math.inf if alive else None

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
        return math.inf

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


def _rsa(kid: str):
    from cryptography.hazmat.primitives.asymmetric import rsa
    from jwt.algorithms import RSAAlgorithm

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(private.public_key()))
    jwk.update(kid=kid, alg="RS256", use="sig")
    return private, jwk


def _cognito_claims(**over):
    """An access token as Cognito issues it: no aud, our usuario_id as the username."""
    now = int(time.time())
    base = {
        "iss": "https://cognito-idp.sa-east-1.amazonaws.com/sa-east-1_pool",
        "sub": str(uuid.uuid4()),  # Cognito's own id of the user, not ours
        "username": str(uuid.uuid4()),
        "client_id": "app",
        "token_use": "access",
        "cognito:groups": ["medico"],
        "origin_jti": str(uuid.uuid4()),
        "iat": now,
        "exp": now + 300,
    }
    return {**base, **over}


def _cognito_verifier(jwk):
    async def check(_sid):
        return math.inf

    return TokenVerifier(
        JwksCache(_Provider(jwk), ttl=300, min_refresh=0.0),
        SessionCache(check),
        issuer="https://cognito-idp.sa-east-1.amazonaws.com/sa-east-1_pool",
        audience="app",
        client_id="app",
    )


async def test_token_cognito_usuario_e_o_username_papel_o_grupo_sessao_o_origin_jti():
    private, jwk = _rsa("rk")
    claims = _cognito_claims()
    token = jwt.encode(claims, private, algorithm="RS256", headers={"kid": "rk"})
    usuario = await _cognito_verifier(jwk).verify(token)
    assert str(usuario.id) == claims["username"]
    assert usuario.papel == "medico"
    assert str(usuario.sessao_id) == claims["origin_jti"]


@pytest.mark.parametrize(
    "over",
    [
        {"cognito:groups": ["medico", "paciente"]},
        {"cognito:groups": ["admin"]},
        {"token_use": "id"},
        {"iss": "https://cognito-idp.sa-east-1.amazonaws.com/outro_pool"},
        {"username": "nao-uuid"},
    ],
)
async def test_token_cognito_com_grupo_uso_emissor_ou_usuario_errado_e_401(over):
    private, jwk = _rsa("rk")
    claims = _cognito_claims(**over)
    token = jwt.encode(claims, private, algorithm="RS256", headers={"kid": "rk"})
    with pytest.raises(errors.NaoAutenticado):
        await _cognito_verifier(jwk).verify(token)


_SEGREDOS = {
    "service_token": "s" * 32,
    "chave_hash": "h" * 32,
    "chave_dados": base64.b64encode(bytes(32)).decode(),
}


def test_emissor_local_e_o_provedor_proprio(tmp_path):
    origem = emissor(Settings(data_dir=tmp_path))
    assert origem == Emissor("healthmed-auth", "healthmed-api", None, None)


def test_emissor_cognito_deriva_emissor_e_jwks_do_pool(tmp_path):
    settings = Settings(
        profile="aws",
        data_dir=tmp_path,
        cognito_user_pool_id="sa-east-1_abc",
        cognito_client_id="cliente",
        **_SEGREDOS,
    )
    origem = emissor(settings)
    assert origem.issuer == "https://cognito-idp.sa-east-1.amazonaws.com/sa-east-1_abc"
    assert origem.jwks_url == origem.issuer + "/.well-known/jwks.json"
    assert origem.client_id == "cliente"


def test_emissor_cognito_com_as_variaveis_jwt_do_terraform(tmp_path):
    """The stack gives the services other than auth the JWT variables, not the Cognito ones."""
    settings = Settings(
        profile="aws",
        data_dir=tmp_path,
        jwt_issuer="https://cognito-idp.sa-east-1.amazonaws.com/sa-east-1_abc",
        jwt_audience="cliente",
        jwks_url="http://moto:5000/sa-east-1_abc/.well-known/jwks.json",
        **_SEGREDOS,
    )
    origem = emissor(settings)
    assert origem.client_id == "cliente"
    assert origem.issuer.endswith("/sa-east-1_abc")
    assert origem.jwks_url == "http://moto:5000/sa-east-1_abc/.well-known/jwks.json"


@pytest.mark.parametrize(
    ("faltando", "variavel"),
    [
        ("cognito_client_id", "HEALTHMED_COGNITO_CLIENT_ID"),
        ("cognito_user_pool_id", "HEALTHMED_COGNITO_USER_POOL_ID"),
    ],
)
def test_cognito_sem_pool_ou_cliente_falha_ao_iniciar_nomeando_a_variavel(
    tmp_path, faltando, variavel
):
    valores = {"cognito_user_pool_id": "sa-east-1_abc", "cognito_client_id": "cliente"}
    valores.pop(faltando)
    with pytest.raises((ConfigurationError, ValidationError)) as info:
        Settings(profile="aws", data_dir=tmp_path, **valores, **_SEGREDOS)
    assert variavel in str(info.value)


class _Ouvinte:
    """A stand-in for the revocation listener's state (the port the cache reads)."""

    def __init__(self) -> None:
        self.epoca: int | None = 1
        self.revogadas: set[uuid.UUID] = set()

    def revogada(self, sessao_id: uuid.UUID) -> bool:
        return sessao_id in self.revogadas


async def test_cache_com_ouvinte_so_responde_da_memoria_na_mesma_conexao():
    calls = []

    async def check(sid):
        calls.append(sid)
        return math.inf

    ouvinte = _Ouvinte()
    cache = SessionCache(check, ttl=60, revogacoes=ouvinte)
    sid = uuid.uuid4()
    assert await cache.alive(sid) and await cache.alive(sid)
    assert len(calls) == 1
    ouvinte.epoca = None  # disconnected: ask every time, store nothing
    assert await cache.alive(sid) and await cache.alive(sid)
    assert len(calls) == 3
    ouvinte.epoca = 2  # reconnected: what was stored before does not count
    assert await cache.alive(sid)
    assert await cache.alive(sid)
    assert len(calls) == 4
    ouvinte.revogadas.add(sid)  # a revocation heard wins over the cache, without asking
    assert not await cache.alive(sid)
    assert len(calls) == 4


async def test_cache_nao_guarda_sessao_revogada_enquanto_o_auth_respondia():
    ouvinte = _Ouvinte()
    sid = uuid.uuid4()
    calls = []

    async def check(s):
        calls.append(s)
        # auth read the session alive, and its revocation was announced before we stored it
        ouvinte.revogadas.add(s)
        return math.inf

    cache = SessionCache(check, ttl=60, revogacoes=ouvinte)
    assert await cache.alive(sid)
    assert not await cache.alive(sid)


def test_cache_de_sessao_sem_ouvinte_e_erro_de_configuracao(tmp_path):
    with pytest.raises((ConfigurationError, ValidationError)):
        Settings(data_dir=tmp_path, sessao_cache_segundos=60, sessao_revogacao_por_notify=False)
    assert Settings(data_dir=tmp_path, sessao_cache_segundos=0, sessao_revogacao_por_notify=False)


async def test_cache_de_sessao_nao_lembra_alem_da_validade_da_sessao():
    calls = []
    restante: dict[str, float | None] = {"s": 0.05}

    async def check(sid):
        calls.append(sid)
        return restante["s"]

    sid = uuid.uuid4()
    cache = SessionCache(check, ttl=60)
    assert await cache.alive(sid)
    assert await cache.alive(sid)
    assert len(calls) == 1
    await asyncio.sleep(0.06)
    restante["s"] = None
    assert not await cache.alive(sid)
    assert len(calls) == 2


async def test_sessao_sem_vida_restante_nao_esta_viva():
    async def check(_sid):
        return 0.0

    assert not await SessionCache(check, ttl=60).alive(uuid.uuid4())


def test_restante_da_sessao_pela_resposta_do_auth():
    daqui_30s = (datetime.now(UTC) + timedelta(seconds=30)).isoformat()
    assert restante_da_sessao({"ativa": False, "expira_em": daqui_30s}) is None
    assert restante_da_sessao({"ativa": True}) == math.inf
    assert restante_da_sessao({"ativa": True, "expira_em": None}) == math.inf
    assert 28 < (restante_da_sessao({"ativa": True, "expira_em": daqui_30s}) or 0) <= 30
    passado = (datetime.now(UTC) - timedelta(seconds=5)).isoformat()
    assert (restante_da_sessao({"ativa": True, "expira_em": passado}) or 0) < 0


class _Relogio:
    def __init__(self) -> None:
        self.agora = time.time()

    def __call__(self) -> float:
        return self.agora


def _contando_decodificacoes(monkeypatch):
    contagem = {"n": 0}
    original = jwt.decode

    def decode(*args, **kwargs):
        contagem["n"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr("libs.tokens.jwt.decode", decode)
    return contagem


async def test_token_verificado_nao_e_decodificado_de_novo_mas_a_sessao_e_perguntada(
    monkeypatch,
):
    """Issue 14: the signature is checked once per token and minute; the session, always."""
    contagem = _contando_decodificacoes(monkeypatch)
    private, jwk = _key("k1")
    token = jwt.encode(_claims(), private, algorithm="ES256", headers={"kid": "k1"})
    viva = {"sim": True, "perguntas": 0}

    async def check(_sid):
        viva["perguntas"] += 1
        return math.inf if viva["sim"] else None

    verifier = TokenVerifier(
        JwksCache(_Provider(jwk)), SessionCache(check), issuer="emissor", audience="api"
    )
    primeiro = await verifier.verify(token)
    assert await verifier.verify(token) == primeiro
    assert contagem["n"] == 1 and viva["perguntas"] == 2
    viva["sim"] = False  # logged out: the remembered token is refused at once
    with pytest.raises(errors.NaoAutenticado):
        await verifier.verify(token)


async def test_token_lembrado_nunca_alem_do_exp_nem_de_um_minuto(monkeypatch):
    contagem = _contando_decodificacoes(monkeypatch)
    private, jwk = _key("k1")
    relogio = _Relogio()
    exp = int(relogio.agora) + 30
    token = jwt.encode(_claims(exp=exp), private, algorithm="ES256", headers={"kid": "k1"})
    verifier = _verifier(_Provider(jwk), relogio=relogio)
    await verifier.verify(token)
    relogio.agora = exp - 1
    await verifier.verify(token)
    assert contagem["n"] == 1
    relogio.agora = exp  # at its expiry it is checked again (and jwt.decode judges the exp)
    await verifier.verify(token)
    assert contagem["n"] == 2

    longo = jwt.encode(_claims(), private, algorithm="ES256", headers={"kid": "k1"})
    relogio.agora = time.time()
    await verifier.verify(longo)
    relogio.agora += 61  # a valid token is checked again after a minute
    await verifier.verify(longo)
    assert contagem["n"] == 4


async def test_token_com_um_byte_trocado_nao_e_o_lembrado():
    private, jwk = _key("k1")
    token = jwt.encode(_claims(), private, algorithm="ES256", headers={"kid": "k1"})
    verifier = _verifier(_Provider(jwk))
    await verifier.verify(token)
    cabecalho, corpo, assinatura = token.split(".")
    outro = "A" if assinatura[-2] != "A" else "B"
    trocado = f"{cabecalho}.{corpo}.{assinatura[:-2]}{outro}{assinatura[-1]}"
    with pytest.raises(errors.NaoAutenticado):
        await verifier.verify(trocado)
