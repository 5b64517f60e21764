"""Request and response bodies of the paciente service."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from libs import campos
from libs.campos import Email, EnderecoOut, LocalizacaoOut, Nome
from services.paciente.domain.cpf import formatar_cpf
from services.paciente.domain.paciente import Endereco, Localizacao, Paciente

Telefone = Annotated[str, Field(max_length=30), campos.telefone("11 91234-5678")]


def _nascimento(valor: date) -> date:
    if valor > date.today() or valor.year < 1900:
        raise ValueError("Data de nascimento inválida")
    return valor


Nascimento = Annotated[date, AfterValidator(_nascimento)]


class EnderecoIn(campos.EnderecoIn):
    """A postal address; the CEP is accepted with or without the hyphen."""

    def to_domain(self) -> Endereco:
        """The domain value."""
        return Endereco(self.cep, self.logradouro.strip(), self.cidade.strip(), self.uf)


class LocalizacaoIn(campos.LocalizacaoIn):
    """Decimal degrees."""

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
    # Required when ``email`` changes (issue 15 §2): the e-mail is where recovery goes.
    senha_atual: str | None = Field(default=None, max_length=256)
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
        for nome in self.model_fields_set - {"senha_atual"}:
            valor = getattr(self, nome)
            out[nome] = valor.to_domain() if hasattr(valor, "to_domain") else valor
        return out


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
    """What other services may know of a patient (no e-mail once the account is closed)."""

    id: uuid.UUID
    nome: str
    email: str | None


class EncerramentoIn(BaseModel):
    """Closing the account: the current password and the word ENCERRAR, typed."""

    model_config = ConfigDict(extra="forbid")

    senha: str = Field(max_length=256)
    confirmacao: str = Field(max_length=20)


class EncerramentoOut(BaseModel):
    """What closing the account did."""

    encerrada_em: datetime
    consultas_canceladas: int
    compartilhamentos_revogados: int
