"""Waiting for an earlier slot ("Avise-me"): a patient asks to be e-mailed when a free slot of
a doctor opens before a date of their choosing.

One active request per patient and doctor (asking again replaces the date). When slots of the
doctor become free and bookable (published, moved, or freed by a cancellation, a refusal or a
rescheduling), every matching request is told at once, in the transaction that freed them, and
is consumed: it never fires again (the patient may ask again). First come, first served is not
promised. The request keeps a copy of what the notice needs about the doctor (name, time zone,
booking notice) taken when it was made, as an appointment keeps its doctor's name: a
cancellation then needs no call to the medico service inside its transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from libs import errors
from services.consulta.domain.agenda import Horario


@dataclass(frozen=True)
class PedidoDeAviso:
    """A patient's request to be told when a slot of a doctor opens before ``ate``."""

    id: uuid.UUID
    paciente_id: uuid.UUID
    medico_id: uuid.UUID
    ate: datetime
    medico_nome: str
    medico_fuso: str
    antecedencia_minima_minutos: int
    criado_em: datetime | None = None

    @property
    def antecedencia_minima(self) -> timedelta:
        """How late before a slot's start the patient may still book it (the doctor's rule)."""
        return timedelta(minutes=self.antecedencia_minima_minutos)


@dataclass(frozen=True)
class Abertura:
    """A request to tell, and the slot it is told about (the earliest matching one)."""

    pedido: PedidoDeAviso
    horario: Horario


def validar_ate(ate: datetime, *, agora: datetime, horizonte: timedelta) -> datetime:
    """A request waits for a future date with an offset, within the booking horizon (a slot
    beyond it could not be booked anyway)."""
    if ate.tzinfo is None or ate.utcoffset() is None:
        raise errors.DadosInvalidos.campo(
            "ate", "Informe a data e hora com fuso (ex.: 2026-12-01T00:00:00-03:00)"
        )
    if ate <= agora:
        raise errors.DadosInvalidos.campo("ate", "A data do aviso deve estar no futuro")
    if ate > agora + horizonte:
        raise errors.DadosInvalidos.campo(
            "ate", f"O aviso pode esperar no máximo {horizonte.days} dias à frente"
        )
    return ate


def reservavel(
    pedido: PedidoDeAviso, horario: Horario, *, agora: datetime, horizonte: timedelta
) -> bool:
    """Whether a free slot answers the request: the same doctor, starting before ``ate``, not
    closer than the doctor's booking notice and within the booking horizon (the patient could
    book it right now)."""
    return (
        horario.medico_id == pedido.medico_id
        and horario.inicio < pedido.ate
        and horario.inicio >= agora + pedido.antecedencia_minima
        and horario.inicio > agora
        and horario.inicio <= agora + horizonte
    )


def a_avisar(
    pedidos: Iterable[PedidoDeAviso],
    livres: Sequence[Horario],
    *,
    agora: datetime,
    horizonte: timedelta,
    exceto: uuid.UUID | None = None,
) -> list[Abertura]:
    """The requests that slots just made free answer, each with its earliest matching slot.
    ``exceto`` is the patient whose own appointment freed the slot: never told about it."""
    aberturas: list[Abertura] = []
    for pedido in pedidos:
        if exceto is not None and pedido.paciente_id == exceto:
            continue
        candidatos = [h for h in livres if reservavel(pedido, h, agora=agora, horizonte=horizonte)]
        if candidatos:
            aberturas.append(Abertura(pedido, min(candidatos, key=lambda h: h.inicio)))
    return aberturas
