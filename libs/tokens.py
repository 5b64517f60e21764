"""Verification of access tokens through the identity provider's JWKS.

Checks signature (ES256 locally, RS256 on Cognito), issuer, audience (or Cognito's
``client_id``), expiry, and then asks the auth service whether the session is still alive, so a
logout is honoured by every service at once, not only when the token expires.

Cognito's access tokens (:func:`emissor` picks them in the aws profile) differ from ours: RS256,
``iss`` is ``https://cognito-idp.<region>.amazonaws.com/<pool id>``, no ``aud`` (``client_id`` and
``token_use`` instead), the user is ``username`` (the auth service makes it our ``usuario_id``;
``sub`` is Cognito's own id), the role is the ``cognito:groups`` group, the session is
``origin_jti``.
"""

from __future__ import annotations

import asyncio
import math
import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

import jwt
from jwt import PyJWK

from libs import errors
from libs.settings import Settings

Papel = Literal["medico", "paciente"]
ALGORITHMS = ["ES256", "RS256"]
_INVALID = "Token inválido ou expirado"


@dataclass(frozen=True)
class Usuario:
    """The authenticated caller."""

    id: uuid.UUID
    papel: Papel
    sessao_id: uuid.UUID


@dataclass(frozen=True)
class Emissor:
    """Whose tokens a service accepts, and where that issuer publishes its keys."""

    issuer: str
    audience: str
    client_id: str | None  # Cognito: the app client the access token must name
    jwks_url: str | None  # None: the auth service's own JWKS


def cognito_issuer(region: str, user_pool_id: str) -> str:
    """The ``iss`` of a user pool's tokens; its JWKS is this + ``/.well-known/jwks.json``."""
    return f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"


def emissor(settings: Settings) -> Emissor:
    """The issuer the settings name: the built-in provider, or a Cognito user pool.

    For Cognito, explicit ``HEALTHMED_JWT_ISSUER`` / ``HEALTHMED_JWKS_URL`` win (the Terraform
    stack sets them; tests point the JWKS at moto), else both derive from the pool id and region;
    the client id is ``HEALTHMED_COGNITO_CLIENT_ID``, else ``HEALTHMED_JWT_AUDIENCE``."""
    if settings.identidade_provedor != "cognito":
        return Emissor(settings.jwt_issuer, settings.jwt_audience, None, settings.jwks_url)
    explicit = settings.model_fields_set
    if "jwt_issuer" in explicit or settings.cognito_user_pool_id is None:
        issuer = settings.jwt_issuer
    else:
        issuer = cognito_issuer(settings.aws_region, settings.cognito_user_pool_id)
    client_id = settings.cognito_client_id or settings.jwt_audience
    jwks_url = settings.jwks_url or f"{issuer}/.well-known/jwks.json"
    return Emissor(issuer, client_id, client_id, jwks_url)


JwksFetcher = Callable[[], Awaitable[dict[str, Any]]]
# How long a session still lives, in seconds (``math.inf`` when the answer does not say); None
# when it has ended (revoked or expired).
SessionChecker = Callable[[uuid.UUID], Awaitable[float | None]]


def restante_da_sessao(resposta: dict[str, Any]) -> float | None:
    """Seconds a session still lives, from the auth service's answer ``{"ativa", "expira_em"}``:
    None when it has ended; ``math.inf`` when the answer has no expiry (an older auth)."""
    if not resposta.get("ativa"):
        return None
    expira_em = resposta.get("expira_em")
    if not isinstance(expira_em, str):
        return math.inf
    try:
        fim = datetime.fromisoformat(expira_em)
    except ValueError:
        return math.inf
    if fim.tzinfo is None:
        fim = fim.replace(tzinfo=UTC)
    return (fim - datetime.now(UTC)).total_seconds()


class JwksCache:
    """Keys by ``kid``, refreshed after ``ttl`` seconds or when an unknown ``kid`` appears
    (at most once every ``min_refresh`` seconds, so forged kids cannot hammer the provider)."""

    def __init__(self, fetch: JwksFetcher, *, ttl: float = 300.0, min_refresh: float = 5.0) -> None:
        self._fetch = fetch
        self._ttl = ttl
        self._min_refresh = min_refresh
        self._keys: dict[str, PyJWK] = {}
        self._loaded_at = 0.0
        self._lock = asyncio.Lock()

    async def _refresh(self) -> None:
        async with self._lock:
            if time.monotonic() - self._loaded_at < self._min_refresh and self._keys:
                return
            data = await self._fetch()
            keys: dict[str, PyJWK] = {}
            for raw in data.get("keys", []):
                try:
                    key = PyJWK(raw)
                except jwt.PyJWKError:
                    continue
                if key.key_id:
                    keys[key.key_id] = key
            self._keys = keys
            self._loaded_at = time.monotonic()

    async def key(self, kid: str) -> PyJWK | None:
        """The key with this ``kid``, refreshing the set if needed."""
        stale = time.monotonic() - self._loaded_at > self._ttl
        unknown = kid not in self._keys
        if stale or (unknown and time.monotonic() - self._loaded_at >= self._min_refresh):
            await self._refresh()
        return self._keys.get(kid)


class Revogacoes(Protocol):
    """What the session cache needs of a revocation listener (:mod:`libs.revogacoes`)."""

    @property
    def epoca(self) -> int | None:
        """The listener's connection number; None while disconnected."""

    def revogada(self, sessao_id: uuid.UUID) -> bool:
        """Whether a revocation of this session was heard."""


class SessionCache:
    """Remembers live sessions for ``ttl`` seconds (0: ask every time), and never past the
    session's own expiry as the auth service gave it.

    With ``revogacoes`` (the listener of revocations announced by the auth service), a
    remembered session is answered from memory only while the listener is connected and has
    been since the entry was stored, and a revocation heard is answered at once: the cache is
    then as immediate as asking every time. Without it, a cached session outlives its logout by
    up to ``ttl`` seconds (the app only uses a TTL together with the listener)."""

    def __init__(
        self, check: SessionChecker, *, ttl: float = 0.0, revogacoes: Revogacoes | None = None
    ) -> None:
        self._check = check
        self._ttl = ttl
        self._revogacoes = revogacoes
        # session -> (until when, the listener's connection number when stored)
        self._alive: dict[uuid.UUID, tuple[float, int | None]] = {}
        self._epoca: int | None = None  # the listener's connection the entries were stored on

    async def alive(self, sessao_id: uuid.UUID) -> bool:
        """Whether the session has not been revoked."""
        now = time.monotonic()
        revogacoes = self._revogacoes
        epoca = revogacoes.epoca if revogacoes is not None else None
        if revogacoes is not None:
            if revogacoes.revogada(sessao_id):
                self._alive.pop(sessao_id, None)
                return False
            if epoca != self._epoca:
                # The listener disconnected (None) or reconnected since: what is remembered may
                # have been revoked unheard. Forget it all.
                self._alive.clear()
                self._epoca = epoca
        if self._ttl > 0:
            until, stored = self._alive.get(sessao_id, (0.0, None))
            if until > now and (revogacoes is None or (epoca is not None and stored == epoca)):
                return True
        restante = await self._check(sessao_id)
        if restante is None or restante <= 0:
            return False
        if self._ttl <= 0:
            return True
        ok = True
        # Remember only what no notification could have contradicted meanwhile: the listener
        # stayed on the same connection, and heard no revocation of this session while auth
        # was being asked.
        if revogacoes is not None and (
            epoca is None or revogacoes.epoca != epoca or revogacoes.revogada(sessao_id)
        ):
            return ok
        if len(self._alive) > 100_000:
            self._alive.clear()
        self._alive[sessao_id] = (now + min(self._ttl, restante), epoca)
        return ok


# Tokens already verified, kept by their exact text for at most this long and never past their
# expiry (issue 14: the ES256 check was ~6 % of a booking's CPU, paid again on every request of
# a session). The session's liveness is asked on every request all the same.
VERIFICADOS_SEGUNDOS = 60.0
VERIFICADOS_MAXIMO = 10_000


class TokenVerifier:
    """Turns a bearer token into a :class:`Usuario`, or raises :class:`errors.NaoAutenticado`.

    A token it verified is remembered by its exact text (at most ``VERIFICADOS_MAXIMO``, each
    for ``VERIFICADOS_SEGUNDOS`` and never past its ``exp``): the signature and claims are not
    checked again, the session is."""

    def __init__(
        self,
        jwks: JwksCache,
        sessions: SessionCache | None,
        *,
        issuer: str,
        audience: str,
        client_id: str | None = None,
        leeway: float = 5.0,
        relogio: Callable[[], float] = time.time,
    ) -> None:
        self._relogio = relogio
        self._verificados: OrderedDict[str, tuple[Usuario, float]] = OrderedDict()
        self._jwks = jwks
        self._sessions = sessions
        self._issuer = issuer
        self._audience = audience
        self._client_id = client_id
        self._leeway = leeway

    async def verify(self, token: str) -> Usuario:
        """Check the token completely (or find it checked a moment ago), and that its session
        is alive; any doubt is a 401."""
        agora = self._relogio()
        guardado = self._verificados.get(token)
        if guardado is not None and agora < guardado[1]:
            usuario = guardado[0]
        else:
            usuario, expira = await self._verificar(token)
            self._verificados.pop(token, None)
            while len(self._verificados) >= VERIFICADOS_MAXIMO:
                self._verificados.popitem(last=False)  # the oldest
            self._verificados[token] = (usuario, min(expira, agora + VERIFICADOS_SEGUNDOS))
        if self._sessions is not None and not await self._sessions.alive(usuario.sessao_id):
            raise errors.NaoAutenticado("Sessão encerrada")
        return usuario

    async def _verificar(self, token: str) -> tuple[Usuario, float]:
        """The signature, the claims and the user of a token, and when it expires."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise errors.NaoAutenticado(_INVALID) from exc
        alg, kid = header.get("alg"), header.get("kid")
        if alg not in ALGORITHMS or not isinstance(kid, str):
            raise errors.NaoAutenticado(_INVALID)
        key = await self._jwks.key(kid)
        if key is None or key.algorithm_name != alg:
            raise errors.NaoAutenticado(_INVALID)
        claims = self._decode(token, key, alg)
        # Cognito's sub is its own id; the auth service made the username our usuario_id.
        subject = claims.get("username") if self._client_id is not None else None
        try:
            usuario = Usuario(
                id=uuid.UUID(str(subject or claims["sub"])),
                papel=_papel(claims),
                sessao_id=uuid.UUID(str(claims.get("sid") or claims.get("origin_jti"))),
            )
            expira = float(claims["exp"])
        except (KeyError, ValueError, TypeError) as exc:
            raise errors.NaoAutenticado(_INVALID) from exc
        return usuario, expira

    async def sessao_viva(self, sessao_id: uuid.UUID) -> bool:
        """Whether a session verified earlier is still alive (for connections that outlive the
        request that verified their token, such as a WebSocket)."""
        return self._sessions is None or await self._sessions.alive(sessao_id)

    def _decode(self, token: str, key: PyJWK, alg: str) -> dict[str, Any]:
        options: Any = {"require": ["exp", "iat", "sub", "iss"]}
        no_aud: Any = {**options, "verify_aud": False}
        try:
            if self._client_id is not None:
                # Cognito access tokens carry no aud: check client_id and token_use instead.
                claims: dict[str, Any] = jwt.decode(
                    token,
                    key=key.key,
                    algorithms=[alg],
                    issuer=self._issuer,
                    options=no_aud,
                    leeway=self._leeway,
                )
                if (
                    claims.get("client_id") != self._client_id
                    or claims.get("token_use") != "access"
                ):
                    raise errors.NaoAutenticado(_INVALID)
                return claims
            return dict(
                jwt.decode(
                    token,
                    key=key.key,
                    algorithms=[alg],
                    issuer=self._issuer,
                    audience=self._audience,
                    options=options,
                    leeway=self._leeway,
                )
            )
        except jwt.PyJWTError as exc:
            raise errors.NaoAutenticado(_INVALID) from exc


def _papel(claims: dict[str, Any]) -> Papel:
    papel: Any = claims.get("papel") or claims.get("custom:papel") or _grupo(claims)
    if papel not in ("medico", "paciente"):
        raise ValueError("papel")
    result: Papel = papel
    return result


def _grupo(claims: dict[str, Any]) -> str | None:
    """The role from Cognito's groups (access tokens carry groups, not custom attributes):
    exactly one of medico and paciente, or none."""
    grupos = claims.get("cognito:groups")
    if not isinstance(grupos, list):
        return None
    papeis = {g for g in grupos if g in ("medico", "paciente")}
    return papeis.pop() if len(papeis) == 1 else None
