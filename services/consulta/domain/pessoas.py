"""What the agenda needs to know about the people it schedules (owned by other services)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from libs.brasil import titulo_medico


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


@dataclass(frozen=True)
class ReferenciaAoMedico:
    """How a message refers to the doctor: "a médica" for one who chose Dra., "o médico" for
    Dr., "o(a) médico(a)" for one who chose no title."""

    o: str  # "a médica"
    pelo: str  # "pela médica"
    do: str  # "da médica"
    ele: str  # "ela"


_FEMININO = ReferenciaAoMedico("a médica", "pela médica", "da médica", "ela")
_MASCULINO = ReferenciaAoMedico("o médico", "pelo médico", "do médico", "ele")
_NEUTRO = ReferenciaAoMedico("o(a) médico(a)", "pelo(a) médico(a)", "do(a) médico(a)", "ele(a)")


def referencia_ao_medico(nome_exibido: str) -> ReferenciaAoMedico:
    """The doctor in a message, by the title their shown name (the medico service's
    ``nome_exibido``) starts with."""
    titulo = titulo_medico(nome_exibido)
    if titulo is None:
        return _NEUTRO
    return _FEMININO if titulo == "Dra." else _MASCULINO
