"""Bodies of appointments: booking, the doctor's answer, cancelling, rescheduling, rating."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from libs.campos import SemControle, TextoPublico
from services.consulta.domain.consulta import Avaliacao, Consulta, zona


class ConsultaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    horario_id: uuid.UUID


# Free text of several lines (line breaks allowed), without other control characters: the
# e-mails quote it line by line (domain/notificacoes.py).
Justificativa = Annotated[str, SemControle]


class RecusaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    justificativa: Justificativa | None = Field(default=None, max_length=1000)


class ComparecimentoIn(BaseModel):
    """The doctor's word on whether the patient attended."""

    model_config = ConfigDict(extra="forbid")

    compareceu: bool


class CancelamentoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    justificativa: Justificativa | None = Field(default=None, max_length=1000)


class RemarcacaoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    horario_id: uuid.UUID = Field(description="O novo horário, livre, do mesmo médico.")
    justificativa: Justificativa | None = Field(
        default=None,
        max_length=1000,
        description=(
            "Opcional (se vier, pelo menos 10 caracteres, como no cancelamento); sem ela, "
            "a consulta antiga diz para quando foi remarcada."
        ),
    )


class AvaliacaoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nota: int = Field(ge=1, le=5)
    # Public on the doctor's page: several lines, but no control or direction characters.
    comentario: Annotated[str, TextoPublico] | None = Field(default=None, max_length=2000)


class AvaliacaoOut(BaseModel):
    consulta_id: uuid.UUID
    nota: int
    comentario: str | None
    criada_em: datetime | None

    @classmethod
    def from_domain(cls, avaliacao: Avaliacao) -> AvaliacaoOut:
        """A rating."""
        return cls(
            consulta_id=avaliacao.consulta_id,
            nota=avaliacao.nota,
            comentario=avaliacao.comentario,
            criada_em=avaliacao.criada_em,
        )


class MedicoResumo(BaseModel):
    id: uuid.UUID
    nome: str
    crm: str
    uf: str


class PacienteResumo(BaseModel):
    id: uuid.UUID
    nome: str


class ConsultaOut(BaseModel):
    id: uuid.UUID
    status: Literal[
        "pendente",
        "confirmada",
        "recusada",
        "cancelada",
        "realizada",
        "nao_compareceu",
        "medico_ausente",
    ]
    medico: MedicoResumo
    paciente: PacienteResumo
    horario_id: uuid.UUID | None
    inicio: datetime
    fim: datetime
    fuso_horario: str = Field(description="O fuso do médico, em que os horários são mostrados.")
    justificativa: str | None
    cancelada_por: Literal["medico", "paciente"] | None = None
    cancelada_em: datetime | None = None
    criada_em: datetime | None
    atualizada_em: datetime | None
    link: str | None = None
    avaliacao: AvaliacaoOut | None = None
    remarcada_de: uuid.UUID | None = Field(
        default=None, description="A consulta cancelada que esta substituiu ao ser remarcada."
    )
    remarcada_para: uuid.UUID | None = Field(
        default=None, description="A consulta marcada no lugar desta, quando foi remarcada."
    )

    @staticmethod
    def campos(consulta: Consulta, agora: datetime) -> dict[str, Any]:
        """The fields of an appointment as its participants see it at ``agora``, as plain
        values in the model's order: what the hot routes answer without building the model
        (:func:`libs.respostas.resposta_json`; a test holds them to the model's bytes). Ids
        go as text: asyncpg's UUID, a subclass, takes pydantic-core's slow path (~1.3 us each,
        two thirds of a listing page's serialization)."""
        fuso = zona(consulta.medico_fuso)
        avaliacao = consulta.avaliacao
        return {
            "id": str(consulta.id),
            "status": consulta.status_em(agora).value,
            "medico": {
                "id": str(consulta.medico_id),
                "nome": consulta.medico_nome,
                "crm": consulta.medico_crm,
                "uf": consulta.medico_uf,
            },
            "paciente": {"id": str(consulta.paciente_id), "nome": consulta.paciente_nome},
            "horario_id": _texto(consulta.horario_id),
            "inicio": consulta.inicio.astimezone(fuso),
            "fim": consulta.fim.astimezone(fuso),
            "fuso_horario": consulta.medico_fuso,
            "justificativa": consulta.justificativa,
            "cancelada_por": consulta.cancelada_por,
            "cancelada_em": consulta.cancelada_em.astimezone(fuso)
            if consulta.cancelada_em
            else None,
            "criada_em": consulta.criada_em.astimezone(fuso) if consulta.criada_em else None,
            "atualizada_em": consulta.atualizada_em.astimezone(fuso)
            if consulta.atualizada_em
            else None,
            "link": None,
            "avaliacao": {
                "consulta_id": str(avaliacao.consulta_id),
                "nota": avaliacao.nota,
                "comentario": avaliacao.comentario,
                "criada_em": avaliacao.criada_em,
            }
            if avaliacao
            else None,
            "remarcada_de": _texto(consulta.remarcada_de),
            "remarcada_para": _texto(consulta.remarcada_para),
        }

    @classmethod
    def from_domain(cls, consulta: Consulta, agora: datetime) -> ConsultaOut:
        """An appointment as its participants see it at ``agora``."""
        return cls.model_validate(cls.campos(consulta, agora))


def _texto(valor: uuid.UUID | None) -> str | None:
    return None if valor is None else str(valor)


class ConsultasOut(BaseModel):
    itens: list[ConsultaOut]
    total: int
    pagina: int
    por_pagina: int
