"""What every use case of the agenda receives besides its arguments (:class:`Agenda`)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from services.consulta.ports import (
    Correio,
    Diretorio,
    Publicacao,
    UnitOfWork,
)
from services.consulta.settings import ConsultaSettings

UowFactory = Callable[[], UnitOfWork]


def _agora() -> datetime:
    return datetime.now(UTC)


async def _nada(_consulta_id: uuid.UUID) -> None:
    return None


@dataclass
class Agenda:
    """Everything the use cases need besides their arguments."""

    settings: ConsultaSettings
    uow: UowFactory
    diretorio: Diretorio
    publicacao: Publicacao
    correio: Correio
    relogio: Callable[[], datetime] = _agora
    on_saida: Callable[[], None] = lambda: None
    # Autocommit sessions on the primary (``uow`` when not given): each statement is its own
    # transaction, without BEGIN/COMMIT round trips. For reads of one statement, and for the
    # booking's insert, one statement that re-checks what was read (see :func:`reservar`).
    uow_avulso: UowFactory | None = None
    # Told (after the commit) of every appointment a change took out of "confirmed" or
    # "pending": the video room ends the connections of its participants (teleconsulta.py).
    ao_encerrar: Callable[[uuid.UUID], Awaitable[None]] = _nada

    @property
    def prazo_cancelamento(self) -> timedelta:
        """How close to the start a patient may still cancel."""
        return timedelta(minutes=self.settings.cancelamento_antecedencia_minutos)

    @property
    def horizonte_reserva(self) -> timedelta:
        """How far ahead a patient may book."""
        return timedelta(days=self.settings.horizonte_reserva_dias)

    @property
    def horizonte_agenda(self) -> timedelta:
        """How far ahead a doctor may publish slots."""
        return timedelta(days=self.settings.horizonte_agenda_dias)
