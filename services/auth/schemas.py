"""Request and response bodies of the auth service."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, model_validator

from services.auth.domain import identificador
from services.auth.domain.identificador import Identificador


class _Identificacao(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr | None = None
    cpf: str | None = Field(default=None, max_length=20)
    crm: str | None = Field(default=None, max_length=20)
    uf: str | None = Field(default=None, max_length=2)

    @model_validator(mode="after")
    def _um_identificador(self) -> _Identificacao:
        informed = [n for n in ("email", "cpf", "crm") if getattr(self, n)]
        if len(informed) != 1:
            raise ValueError("Informe exatamente um identificador: e-mail, CPF ou CRM com UF")
        if self.crm and not self.uf:
            raise ValueError("Informe a UF do CRM")
        if self.uf and self.uf.upper() not in identificador.UFS:
            raise ValueError("UF inválida")
        if self.cpf and len(identificador.so_digitos(self.cpf)) != 11:
            raise ValueError("CPF deve ter 11 dígitos")
        if self.crm and not identificador.so_digitos(self.crm):
            raise ValueError("CRM inválido")
        return self

    def identificador(self) -> Identificador:
        """The normalised identifier."""
        if self.crm and self.uf:
            return identificador.por_crm(self.crm, self.uf)
        if self.email:
            return identificador.por_email(str(self.email))
        return identificador.por_cpf(self.cpf or "")


class LoginIn(_Identificacao):
    """Doctor: crm + uf + senha. Patient: email or cpf + senha."""

    senha: str = Field(min_length=1, max_length=256)


class RecoverIn(_Identificacao):
    """Whose password to reset."""


class RefreshIn(BaseModel):
    """The contract's body; the web app sends none (its refresh token is in a cookie)."""

    refresh_token: str = Field(min_length=10, max_length=200)


class RecoverConfirmIn(BaseModel):
    token: str = Field(min_length=10, max_length=200)
    nova_senha: str = Field(max_length=256)


class TokensOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105
    expires_in: int
    papel: Literal["medico", "paciente"]
    usuario_id: uuid.UUID


class CredenciaisIn(BaseModel):
    """Internal: the account a registration creates."""

    usuario_id: uuid.UUID
    papel: Literal["medico", "paciente"]
    email: EmailStr
    senha: str = Field(max_length=256)
    cpf: str | None = Field(default=None, pattern=r"^\d{11}$")
    crm: str | None = Field(default=None, max_length=20)
    uf: str | None = Field(default=None, max_length=2)
    # The registering person's IP: refused registrations are limited per IP (issue 15 §5).
    ip: str | None = Field(default=None, max_length=64)


class EmailIn(BaseModel):
    """Internal: the profile's new e-mail. ``senha_atual``: the person asked for it (checked,
    other sessions end, the old address is told); without it, a silent put-back."""

    email: EmailStr
    senha_atual: str | None = Field(default=None, max_length=256)
    sessao_atual: uuid.UUID | None = None


class DesfazerEmailIn(BaseModel):
    """The token of the undo link e-mailed to the old address."""

    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=200)


class SenhaIn(BaseModel):
    """Internal: a password to check against an account (re-authentication)."""

    senha: str = Field(max_length=256)


_FORA_DE_ENDERECO = r"[^@\s\x00-\x1f\x7f]"
_UM_ENDERECO = re.compile(rf"{_FORA_DE_ENDERECO}+@{_FORA_DE_ENDERECO}+\.{_FORA_DE_ENDERECO}+")


def _um_endereco(valor: str) -> str:
    if not _UM_ENDERECO.fullmatch(valor):
        raise ValueError("E-mail inválido: um endereço só, sem espaços nem caracteres de controle")
    return valor


class EmailFilaIn(BaseModel):
    """Internal: an e-mail another service wants sent; ``id`` makes retries idempotent (one is
    drawn when the caller sends none)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    # One address, nothing that could add a header or a second recipient: the full check
    # (libs.campos.Email) ran where people typed it, and the owners' records are what the
    # other services send. email-validator's IDNA checks cost ~0.1 ms an e-mail, paid again on
    # every notification of every booking (issue 14).
    para: Annotated[str, Field(max_length=320), AfterValidator(_um_endereco)]
    assunto: str = Field(min_length=1, max_length=200)
    corpo: str = Field(min_length=1, max_length=20_000)


class EmailsFilaIn(BaseModel):
    """Internal: the e-mails of one pass of another service's outbox."""

    itens: list[EmailFilaIn] = Field(min_length=1, max_length=500)


class SessaoOut(BaseModel):
    ativa: bool
    # When a live session ends by itself: the other services' caches never outlive it.
    expira_em: datetime | None = None


class EmailOut(BaseModel):
    para: str
    assunto: str
    corpo: str
    enviado_em: datetime


class EmailsOut(BaseModel):
    itens: list[EmailOut]
