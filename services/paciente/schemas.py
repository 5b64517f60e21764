"""Request and response bodies of the paciente service."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
)

from libs.brasil import UFS, so_digitos
from services.paciente.domain.cpf import formatar_cpf
from services.paciente.domain.paciente import Endereco, Localizacao, Paciente


def _sem_controle(valor: str) -> str:
    # NUL and other control characters cannot be stored in PostgreSQL text, nor should be.
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t\r" for c in valor):
        raise ValueError("Caracteres de controle não são permitidos")
    return valor


_SemControle = AfterValidator(_sem_controle)


def _limites(minimo: int, maximo: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=minimo, max_length=maximo)


# Free text: trimmed, within lengths, without control characters.
Nome = Annotated[str, _limites(2, 200), _SemControle]
Logradouro = Annotated[str, _limites(1, 300), _SemControle]
Cidade = Annotated[str, _limites(1, 120), _SemControle]


def _email(valor: str) -> str:
    return valor.strip().lower()


Email = Annotated[EmailStr, AfterValidator(_email)]


def _telefone(valor: str) -> str:
    digitos = so_digitos(valor)
    if not 10 <= len(digitos) <= 13 or any(not (c.isdigit() or c in " +-()") for c in valor):
        raise ValueError("Telefone inválido (DDD e número, ex.: 11 91234-5678)")
    return valor.strip()


Telefone = Annotated[str, Field(max_length=30), AfterValidator(_telefone)]


def _nascimento(valor: date) -> date:
    if valor > date.today() or valor.year < 1900:
        raise ValueError("Data de nascimento inválida")
    return valor


Nascimento = Annotated[date, AfterValidator(_nascimento)]


class EnderecoIn(BaseModel):
    """A postal address; the CEP is accepted with or without the hyphen."""

    model_config = ConfigDict(extra="forbid")

    cep: str = Field(max_length=9)
    logradouro: Logradouro
    cidade: Cidade
    uf: str = Field(max_length=2)

    @field_validator("cep")
    @classmethod
    def _cep(cls, valor: str) -> str:
        digitos = so_digitos(valor)
        if len(digitos) != 8 or any(not (c.isdigit() or c == "-") for c in valor):
            raise ValueError("CEP inválido (8 dígitos)")
        return digitos

    @field_validator("uf")
    @classmethod
    def _uf(cls, valor: str) -> str:
        if valor.strip().upper() not in UFS:
            raise ValueError("UF inválida")
        return valor.strip().upper()

    def to_domain(self) -> Endereco:
        """The domain value."""
        return Endereco(self.cep, self.logradouro.strip(), self.cidade.strip(), self.uf)


class LocalizacaoIn(BaseModel):
    """Decimal degrees."""

    model_config = ConfigDict(extra="forbid")

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)

    def to_domain(self) -> Localizacao:
        """The domain value."""
        return Localizacao(self.lat, self.lon)


class PacienteCreate(BaseModel):
    """Registration of a patient."""

    model_config = ConfigDict(extra="forbid")

    nome: Nome
    email: Email
    cpf: str = Field(max_length=20)
    senha: str = Field(max_length=256)
    telefone: Telefone | None = None
    data_nascimento: Nascimento | None = None
    endereco: EnderecoIn | None = None
    localizacao: LocalizacaoIn | None = None


class PacienteUpdate(BaseModel):
    """Any registration field except ``senha`` and ``cpf``; absent fields stay as they are,
    ``null`` clears an optional one."""

    model_config = ConfigDict(extra="forbid")

    nome: Nome | None = None
    email: Email | None = None
    telefone: Telefone | None = None
    data_nascimento: Nascimento | None = None
    endereco: EnderecoIn | None = None
    localizacao: LocalizacaoIn | None = None

    @field_validator("nome", "email", mode="before")
    @classmethod
    def _obrigatorio(cls, valor: Any) -> Any:
        if valor is None:
            raise ValueError("Não pode ser vazio")
        return valor

    def valores(self) -> dict[str, Any]:
        """The fields the client sent, as domain values."""
        out: dict[str, Any] = {}
        for nome in self.model_fields_set:
            valor = getattr(self, nome)
            out[nome] = valor.to_domain() if hasattr(valor, "to_domain") else valor
        return out


class EnderecoOut(BaseModel):
    cep: str
    logradouro: str
    cidade: str
    uf: str


class LocalizacaoOut(BaseModel):
    lat: float
    lon: float


class PacienteOut(BaseModel):
    """The patient's profile (seen only by the patient)."""

    id: uuid.UUID
    nome: str
    email: str
    cpf: str
    telefone: str | None
    data_nascimento: date | None
    endereco: EnderecoOut | None
    localizacao: LocalizacaoOut | None

    @classmethod
    def from_domain(cls, p: Paciente) -> PacienteOut:
        """The profile with the CPF formatted ``123.456.789-09``."""
        return cls(
            id=p.id,
            nome=p.nome,
            email=p.email,
            cpf=formatar_cpf(p.cpf),
            telefone=p.telefone,
            data_nascimento=p.data_nascimento,
            endereco=EnderecoOut(**vars(p.endereco)) if p.endereco else None,
            localizacao=LocalizacaoOut(**vars(p.localizacao)) if p.localizacao else None,
        )


class PacienteResumoOut(BaseModel):
    """What other services may know of a patient."""

    id: uuid.UUID
    nome: str
    email: str
