"""Request and response bodies of the paciente service."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from libs import campos
from libs.campos import Email, EnderecoOut, LocalizacaoOut, Nome, endereco_out, localizacao_out
from services.paciente.domain.cpf import formatar_cpf
from services.paciente.domain.paciente import Paciente

Telefone = Annotated[str, Field(max_length=30), campos.telefone("11 91234-5678")]


def _nascimento(valor: date) -> date:
    if valor > date.today() or valor.year < 1900:
        raise ValueError("Data de nascimento inválida")
    return valor


Nascimento = Annotated[date, AfterValidator(_nascimento)]


class EnderecoIn(campos.EnderecoIn):
    """A postal address; the CEP is accepted with or without the hyphen."""


# The same body in both services: OpenAPI shows it once, as ``LocalizacaoIn``.
LocalizacaoIn = campos.LocalizacaoIn


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


class PacienteUpdate(campos.AlteracaoDePerfilIn):
    """Any registration field except ``senha`` and ``cpf``; absent fields stay as they are,
    ``null`` clears an optional one."""

    nome: Nome | None = None
    email: Email | None = None
    # Required when ``email`` changes (issue 15 §2): the e-mail is where recovery goes.
    senha_atual: str | None = Field(default=None, max_length=256)
    telefone: Telefone | None = None
    data_nascimento: Nascimento | None = None
    endereco: EnderecoIn | None = None
    localizacao: LocalizacaoIn | None = None

    _obrigatorio = field_validator("nome", "email", mode="before")(campos.nao_vazio)


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
            endereco=endereco_out(p.endereco),
            localizacao=localizacao_out(p.localizacao),
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
