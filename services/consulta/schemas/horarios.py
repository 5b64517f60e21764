"""Bodies of a doctor's slots and of the public agenda."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.consulta.domain.agenda import Horario


class HorarioIn(BaseModel):
    """One slot, or a window split into slots, optionally repeated weekly."""

    model_config = ConfigDict(extra="forbid")

    inicio: AwareDatetime
    fim: AwareDatetime
    duracao_minutos: int | None = Field(
        default=None,
        ge=10,
        le=1440,
        description="Divide a janela em horários consecutivos desta duração (a sobra é ignorada).",
    )
    repetir_semanas: int | None = Field(
        default=None,
        ge=1,
        le=12,
        description="Repete no mesmo dia da semana e hora (no fuso do médico) por mais N semanas.",
    )


class HorarioEdicaoIn(BaseModel):
    """New times of a free slot."""

    model_config = ConfigDict(extra="forbid")

    inicio: AwareDatetime
    fim: AwareDatetime


class HorarioOut(BaseModel):
    id: uuid.UUID
    inicio: datetime
    fim: datetime
    status: Literal["livre", "reservado", "confirmado"]
    consulta_id: uuid.UUID | None = None

    @classmethod
    def from_domain(cls, horario: Horario, fuso: ZoneInfo) -> HorarioOut:
        """A slot shown in the doctor's time zone."""
        return cls(
            id=horario.id,
            inicio=horario.inicio.astimezone(fuso),
            fim=horario.fim.astimezone(fuso),
            status=horario.status.value,
            consulta_id=horario.consulta_id,
        )


class HorariosOut(BaseModel):
    horarios: list[HorarioOut]


class HorariosCriadosOut(HorariosOut):
    ignorados_por_bloqueio: int = Field(
        default=0,
        description="Horários de uma repetição semanal não criados por começarem num período "
        "bloqueado (extensão).",
    )


class HorarioLivreOut(BaseModel):
    id: uuid.UUID
    inicio: datetime
    fim: datetime

    @classmethod
    def from_domain(cls, horario: Horario, fuso: ZoneInfo) -> HorarioLivreOut:
        """A free slot shown in the doctor's time zone."""
        return cls(
            id=horario.id, inicio=horario.inicio.astimezone(fuso), fim=horario.fim.astimezone(fuso)
        )


class AgendaOut(BaseModel):
    horarios: list[HorarioLivreOut]
    fuso_horario: str = Field(description="O fuso do médico, em que os horários são mostrados.")
