"""Bodies of the "Avise-me" waitlist (``/avisos``)."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.consulta.domain.espera import PedidoDeAviso


class AvisoIn(BaseModel):
    """Be told by e-mail when a slot of the doctor opens before ``ate``."""

    model_config = ConfigDict(extra="forbid")

    ate: AwareDatetime = Field(
        description="Avise se abrir um horário que comece antes deste momento (com fuso; no "
        "futuro, dentro do horizonte de reserva)."
    )


class AvisoOut(BaseModel):
    """An active request to be told when a slot opens (``ate`` in the doctor's time zone)."""

    id: uuid.UUID
    medico_id: uuid.UUID
    ate: datetime
    criado_em: datetime

    @classmethod
    def from_domain(cls, pedido: PedidoDeAviso) -> AvisoOut:
        """A request shown in the doctor's time zone."""
        assert pedido.criado_em is not None  # as stored
        fuso = ZoneInfo(pedido.medico_fuso)
        return cls(
            id=pedido.id,
            medico_id=pedido.medico_id,
            ate=pedido.ate.astimezone(fuso),
            criado_em=pedido.criado_em.astimezone(fuso),
        )


class AvisosOut(BaseModel):
    itens: list[AvisoOut]
