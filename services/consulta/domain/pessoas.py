"""What the agenda needs to know about the people it schedules (owned by other services)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Medico:
    """A doctor as the medico service describes them."""

    id: uuid.UUID
    nome: str
    crm: str
    uf: str
    fuso_horario: str
    antecedencia_minima_minutos: int
    email: str | None = None  # where notices go, when the medico service tells

    @property
    def fuso(self) -> ZoneInfo:
        """The doctor's IANA time zone (their agenda is read in it)."""
        return ZoneInfo(self.fuso_horario)

    @property
    def antecedencia_minima(self) -> timedelta:
        """How late before a slot's start a patient may still book it."""
        return timedelta(minutes=self.antecedencia_minima_minutos)


@dataclass(frozen=True)
class Paciente:
    """A patient as the paciente service describes them."""

    id: uuid.UUID
    nome: str
    email: str
    encerrada: bool = False  # the account was closed: nothing more may be booked
