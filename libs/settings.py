"""Settings shared by every service: one pydantic-settings class, prefix ``HEALTHMED_``.

Services subclass :class:`Settings` for their own knobs, so every variable is read in one
way and validated at start-up. In the ``local`` profile unset secrets are generated once and
kept under the data directory; in any other profile a missing secret is a start-up error that
names the variable.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Profile = Literal["local", "compose", "aws"]
SERVICES: tuple[str, ...] = ("auth", "medico", "paciente", "consulta", "prontuario")

_SECRET_FIELDS = ("service_token", "chave_hash", "chave_dados")


class ConfigurationError(RuntimeError):
    """A setting is missing or wrong; the message names the variable."""


class Settings(BaseSettings):
    """Configuration common to every service."""

    model_config = SettingsConfigDict(env_prefix="HEALTHMED_", extra="ignore")

    # The secrets this service uses, required outside the local profile; each service's settings
    # narrows it (infra/terraform/stack gives each task exactly these, tests/infra checks both).
    segredos_exigidos: ClassVar[tuple[str, ...]] = _SECRET_FIELDS

    profile: Profile = "local"
    data_dir: Path = Path(".data")
    host: str = "127.0.0.1"
    port: int = 8000
    # Longer than any proxy's idle timeout in front of us (the ALB's is 60 s): otherwise the
    # server closes a kept-alive connection just as the proxy reuses it, and the request is reset.
    keep_alive_segundos: int = 75
    public_origin: str = ""  # e.g. https://healthmed.example; default http://host:port

    database_url: str | None = None  # None in the local profile: the embedded PostgreSQL
    # Read replicas for reads that tolerate seconds of lag (the doctor search), one or more hosts
    # in libpq's multi-host form; None: every read goes to the primary (local profile, dev, qa).
    # See libs.db.create_read_engine and libs.db.Replicas.
    database_url_leitura: str | None = None
    # A fixed pool, no overflow: an overflow connection is opened for one request and closed
    # when it is checked in while the pool is full, so under sustained load every request above
    # the pool paid a new PostgreSQL backend (a fork, authentication, the settings). Measured
    # (bench/custo.py, issue 14): the listing's database CPU fell from 0.79 to 0.34 ms and the
    # bookings per second doubled. A request beyond the pool waits for a connection instead.
    db_pool_size: int = 10
    db_max_overflow: int = 0
    # Of db_pool_size, the connections kept apart for one-statement work in autocommit (the
    # booking, the listing, the search: libs.conexoes_diretas); 0 sends it through the pool.
    db_pool_direto: int = Field(default=3, ge=0)

    service_token: SecretStr | None = None
    service_urls: dict[str, str] = Field(default_factory=dict)
    service_timeout_seconds: float = 5.0
    service_retries: int = 2

    jwt_issuer: str = "healthmed-auth"
    jwt_audience: str = "healthmed-api"
    jwks_url: str | None = None  # None: fetched from the auth service
    jwks_cache_seconds: float = 300.0
    # How long a service trusts that a session is alive without asking auth (0: ask on every
    # request). A TTL needs the listener of revocations (libs.revogacoes): auth announces every
    # revoked session with NOTIFY, so a logout still reaches every service at once.
    sessao_cache_segundos: float = Field(default=60.0, ge=0)
    sessao_revogacao_por_notify: bool = True
    # Who issues access tokens: None picks Cognito in the aws profile, the built-in one elsewhere.
    identidade_provedor: Literal["local", "cognito"] | None = None
    cognito_user_pool_id: str | None = None
    cognito_client_id: str | None = None

    chave_hash: SecretStr | None = None  # HMAC key for lookups of CPF
    chave_dados: SecretStr | None = None  # base64 AES-256 key for sensitive columns

    # aws: the header CloudFront fills with the viewer's address (libs.ip_do_cliente); None: the
    # connection's address, or X-Forwarded-For from the proxies in uvicorn's FORWARDED_ALLOW_IPS.
    cabecalho_ip_cliente: str | None = None

    aws_region: str = "sa-east-1"
    aws_endpoint_url: str | None = None  # moto's server in tests and `make dev-aws`

    log_format: Literal["console", "json"] | None = None  # None: console locally, JSON elsewhere
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _log_format(self) -> Settings:
        if self.log_format is None:
            self.log_format = "console" if self.profile == "local" else "json"
        return self

    @model_validator(mode="after")
    def _secrets(self) -> Settings:
        missing = [name for name in _SECRET_FIELDS if getattr(self, name) is None]
        if not missing:
            return self
        if self.profile != "local":
            # Outside the local profile each service gets only the secrets it uses (least
            # privilege: the ECS task of medico never holds the data key).
            required = [name for name in missing if name in self.segredos_exigidos]
            if required:
                names = ", ".join(f"HEALTHMED_{n.upper()}" for n in required)
                raise ConfigurationError(
                    f"missing required secret(s) for profile {self.profile}: {names}"
                )
            return self
        stored = _local_secrets(self.data_dir)
        for name in missing:
            object.__setattr__(self, name, SecretStr(stored[name]))
        return self

    @model_validator(mode="after")
    def _identidade(self) -> Settings:
        if self.identidade_provedor is None:
            self.identidade_provedor = "cognito" if self.profile == "aws" else "local"
        if self.identidade_provedor != "cognito":
            return self
        # A Cognito access token names its app client in client_id (the audience) and its pool
        # in iss: either the Cognito variables or the JWT ones must say which to accept.
        if self.cognito_client_id is None and "jwt_audience" not in self.model_fields_set:
            raise ConfigurationError(
                "HEALTHMED_COGNITO_CLIENT_ID is required when identity is Cognito "
                "(or HEALTHMED_JWT_AUDIENCE set to the app client id)"
            )
        if self.cognito_user_pool_id is None and "jwt_issuer" not in self.model_fields_set:
            raise ConfigurationError(
                "HEALTHMED_COGNITO_USER_POOL_ID is required when identity is Cognito "
                "(or HEALTHMED_JWT_ISSUER set to the pool's issuer URL)"
            )
        return self

    @model_validator(mode="after")
    def _conexoes(self) -> Settings:
        if self.db_pool_direto >= self.db_pool_size:
            raise ConfigurationError(
                "HEALTHMED_DB_POOL_DIRETO must be below HEALTHMED_DB_POOL_SIZE "
                "(the sessions keep the rest of the pool)"
            )
        return self

    @model_validator(mode="after")
    def _cache_de_sessao(self) -> Settings:
        # A cache without the listener would let a revoked session through for up to its TTL.
        if self.sessao_cache_segundos > 0 and not self.sessao_revogacao_por_notify:
            raise ConfigurationError(
                "HEALTHMED_SESSAO_CACHE_SEGUNDOS > 0 requires "
                "HEALTHMED_SESSAO_REVOGACAO_POR_NOTIFY=true (or set the cache to 0)"
            )
        return self

    @property
    def origin(self) -> str:
        """The public origin the web app and e-mails point to."""
        return self.public_origin or f"http://{self.host}:{self.port}"

    def secret(self, name: str) -> str:
        """The plain value of a secret setting (never log it)."""
        value = getattr(self, name)
        assert isinstance(value, SecretStr)
        return value.get_secret_value()

    def data_key(self) -> bytes:
        """The 32-byte AES key for sensitive columns."""
        key = base64.b64decode(self.secret("chave_dados"))
        if len(key) != 32:
            raise ConfigurationError("HEALTHMED_CHAVE_DADOS must be 32 bytes in base64")
        return key


def _local_secrets(data_dir: Path) -> dict[str, Any]:
    """Secrets of a local installation, generated on first use and kept in the data dir."""
    path = data_dir / "secrets.json"
    stored: dict[str, Any] = {}
    if path.exists():
        stored = json.loads(path.read_text())
    fresh = {
        "service_token": secrets.token_urlsafe(32),
        "chave_hash": secrets.token_urlsafe(32),
        "chave_dados": base64.b64encode(secrets.token_bytes(32)).decode(),
    }
    if all(k in stored for k in fresh):
        return stored
    stored = {**fresh, **stored}
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(stored))
    os.chmod(tmp, 0o600)
    tmp.replace(path)
    return stored
