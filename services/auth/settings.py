"""Settings of the auth service."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator

from libs.settings import ConfigurationError, Settings


class AuthSettings(Settings):
    """Token lifetimes, throttling limits and the signing keys of the local identity provider."""

    # Secrets it uses (the CPF login looks the keyed hash up); required outside the local profile.
    segredos_exigidos: ClassVar[tuple[str, ...]] = ("service_token", "chave_hash")

    access_ttl_segundos: int = Field(default=900, ge=60, le=900)
    refresh_ttl_dias: int = Field(default=30, ge=1, le=90)
    # A rotated refresh token presented again within this many seconds rotates again instead of
    # ending the session: the answer to the first rotation was most likely lost (a dropped
    # connection on a phone, a tab closed mid-request). After it, re-use means theft.
    refresh_tolerancia_segundos: float = Field(default=20.0, ge=0, le=60)
    recuperacao_ttl_minutos: int = Field(default=30, ge=5, le=30)
    # The web app's refresh token lives in this HttpOnly, SameSite=Strict cookie, sent only to
    # the refresh route (issue 15 §5); see cookie_de_refresh_seguro for the Secure flag.
    refresh_cookie_nome: str = "healthmed_refresh"
    refresh_cookie_caminho: str = "/api/auth/refresh"
    # How long the old address may undo a change of the account's e-mail (issue 15 §2).
    desfazer_email_ttl_dias: int = Field(default=7, ge=1, le=30)
    falhas_por_conta: int = Field(default=5, ge=1)
    falhas_por_ip: int = Field(default=50, ge=1)
    janela_falhas_minutos: int = Field(default=15, ge=1)
    recuperacoes_por_conta: int = Field(default=3, ge=1)
    recuperacoes_por_ip: int = Field(default=20, ge=1)
    janela_recuperacao_minutos: int = Field(default=60, ge=1)
    # A refused registration (a CPF or e-mail taken) tells that it is taken: few per IP.
    cadastros_recusados_por_ip: int = Field(default=10, ge=1)
    janela_cadastros_minutos: int = Field(default=60, ge=1)
    # Pending credentials (a registration not yet confirmed) older than this are settled by the
    # reconciliation: confirmed if the profile exists, deleted if it does not.
    cadastro_pendente_carencia_segundos: float = Field(default=120.0, ge=0)
    reconciliacao_intervalo_segundos: float = Field(default=60.0, gt=0)
    # PEM of the ES256 signing key; unset in the local profile: keys live in the data dir.
    jwt_chave_privada: SecretStr | None = None
    jwt_chaves_dir: Path | None = None
    email_remetente: str = "HealthMed <nao-responda@healthmed.dev>"
    # None: the dev inbox in the local profile, SES in the aws profile.
    email_provedor: Literal["caixa", "ses"] | None = None

    @model_validator(mode="after")
    def _email_provedor(self) -> AuthSettings:
        if self.email_provedor is None:
            self.email_provedor = "ses" if self.profile == "aws" else "caixa"
        return self

    @model_validator(mode="after")
    def _cognito(self) -> AuthSettings:
        # Every service verifies Cognito's tokens with the issuer alone; auth also administers
        # the pool (creates users, signs them in), so it needs both ids by name.
        if self.identidade_provedor != "cognito":
            return self
        for campo in ("cognito_user_pool_id", "cognito_client_id"):
            if not getattr(self, campo):
                raise ConfigurationError(
                    f"HEALTHMED_{campo.upper()} is required by the auth service "
                    "when identity is Cognito"
                )
        return self

    def cookie_de_refresh_seguro(self) -> bool:
        """Whether the refresh cookie is ``Secure`` (sent over HTTPS only): always, except the
        local profile served over plain http on the loopback (``make dev``), where a Secure
        cookie is not kept by every browser and the cookie never crosses a network."""
        origem = urlsplit(self.origin)
        loopback = origem.hostname in ("127.0.0.1", "localhost", "::1")
        return not (self.profile == "local" and origem.scheme == "http" and loopback)

    def keys_dir(self) -> Path:
        """Where the local identity provider keeps its signing keys."""
        return self.jwt_chaves_dir or self.data_dir / "keys" / "auth"
