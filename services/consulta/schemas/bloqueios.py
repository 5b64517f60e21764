"""Bodies of blocked periods."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.consulta.domain.bloqueio import PeriodoBloqueado
from services.consulta.schemas.horarios import HorarioOut


class BloqueioIn(BaseModel):
    """A period whose free slots the doctor removes at once (holiday, congress)."""

    model_config = ConfigDict(extra="forbid")

    de: AwareDatetime = Field(description="Início do período (incluído), com fuso.")
    ate: AwareDatetime = Field(description="Fim do período (excluído), com fuso.")
    simular: bool = Field(
        default=False, description="Só responde o que aconteceria; nada é alterado."
    )


class PeriodoBloqueadoOut(BaseModel):
    id: uuid.UUID
    de: datetime
    ate: datetime

    @classmethod
    def from_domain(cls, bloqueio: PeriodoBloqueado, fuso: ZoneInfo) -> PeriodoBloqueadoOut:
        """A blocked period shown in the doctor's time zone."""
        return cls(
            id=bloqueio.id, de=bloqueio.de.astimezone(fuso), ate=bloqueio.ate.astimezone(fuso)
        )


class BloqueioOut(BaseModel):
    removidos: int = Field(description="Horários livres removidos (ou que seriam, ao simular).")
    mantidos: list[HorarioOut] = Field(
        description="Horários do período com consulta ativa: não são tocados."
    )
    bloqueio: PeriodoBloqueadoOut | None = Field(
        default=None,
        description="O período guardado (nenhum horário volta a ser aberto nele); nulo ao simular.",
    )


class PeriodoBloqueadoItemOut(PeriodoBloqueadoOut):
    criado_em: datetime

    @classmethod
    def from_domain(cls, bloqueio: PeriodoBloqueado, fuso: ZoneInfo) -> PeriodoBloqueadoItemOut:
        """A stored block as listed, in the doctor's time zone."""
        assert bloqueio.criado_em is not None  # always read back from the table
        return cls(
            id=bloqueio.id,
            de=bloqueio.de.astimezone(fuso),
            ate=bloqueio.ate.astimezone(fuso),
            criado_em=bloqueio.criado_em,
        )


class BloqueiosOut(BaseModel):
    itens: list[PeriodoBloqueadoItemOut]
