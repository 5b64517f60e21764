"""Bodies of the ratings on the doctor's page, the doctor's reply and report."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from libs.campos import SemControle, TextoPublico
from services.consulta.domain.avaliacoes import AvaliacaoPublica


class AvaliacaoPublicaOut(BaseModel):
    """A verified rating with its comment, signed with the patient's first name and initial."""

    id: uuid.UUID = Field(description="A consulta avaliada (identifica a avaliação)")
    nota: int
    comentario: str
    paciente: str = Field(description='Primeiro nome e inicial ("João L.")')
    criada_em: AwareDatetime
    resposta: str | None = None
    respondida_em: AwareDatetime | None = None

    @classmethod
    def from_domain(cls, a: AvaliacaoPublica, fuso: ZoneInfo) -> AvaliacaoPublicaOut:
        """A rating, its times on the doctor's clock."""
        return cls(
            id=a.consulta_id,
            nota=a.nota,
            comentario=a.comentario,
            paciente=a.paciente,
            criada_em=a.criada_em.astimezone(fuso),
            resposta=a.resposta,
            respondida_em=_no_fuso(a.respondida_em, fuso),
        )


def _no_fuso(momento: datetime | None, fuso: ZoneInfo) -> datetime | None:
    return momento.astimezone(fuso) if momento else None


class AvaliacoesPublicasOut(BaseModel):
    itens: list[AvaliacaoPublicaOut]
    total: int
    pagina: int
    por_pagina: int


class RespostaIn(BaseModel):
    """The doctor's reply to a rating (once)."""

    model_config = ConfigDict(extra="forbid")

    texto: Annotated[str, TextoPublico] = Field(min_length=1, max_length=1000)


class DenunciaIn(BaseModel):
    """Why the doctor reports a rating's comment."""

    model_config = ConfigDict(extra="forbid")

    motivo: Annotated[str, SemControle] = Field(min_length=10, max_length=1000)
