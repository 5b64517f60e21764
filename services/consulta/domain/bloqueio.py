"""Blocked periods (out of office): which slots a block removes, and which new slots it
refuses or skips. A block judges slots by their start, on the doctor's clock for the days it
names."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from libs import errors
from services.consulta.domain.agenda import Horario, Intervalo, StatusHorario, exigir_fuso


def periodo_de_bloqueio(de: datetime, ate: datetime, *, maximo: timedelta) -> Intervalo:
    """The period a doctor blocks, ``[de, ate)``: with offsets, ``ate`` after ``de``, at most
    ``maximo`` long (the booking horizon: beyond it no patient can hold a slot anyway)."""
    exigir_fuso(de, "de")
    exigir_fuso(ate, "ate")
    if ate <= de:
        raise errors.DadosInvalidos.campo("ate", "O fim do período deve ser depois do início")
    if ate - de > maximo:
        raise errors.DadosInvalidos.campo("ate", f"O período pode ter no máximo {maximo.days} dias")
    return Intervalo(de, ate)


@dataclass(frozen=True)
class Bloqueio:
    """What blocking a period does: the free slots go, the held ones stay for the doctor to
    decide (refuse or cancel the appointment in the usual way)."""

    removidos: list[Horario]
    mantidos: list[Horario]


def bloquear(horarios: list[Horario]) -> Bloqueio:
    """Split the period's slots: only a free slot may be removed (as one by one)."""
    bloqueio = Bloqueio([], [])
    for horario in horarios:
        livre = horario.status is StatusHorario.LIVRE and horario.consulta_id is None
        (bloqueio.removidos if livre else bloqueio.mantidos).append(horario)
    return bloqueio


@dataclass(frozen=True)
class PeriodoBloqueado:
    """A period the doctor blocked (out of office), kept so that no slot reopens inside it:
    ``[de, ate)``, as the block that removed its free slots."""

    id: uuid.UUID
    medico_id: uuid.UUID
    de: datetime
    ate: datetime
    criado_em: datetime | None = None

    def contem(self, instante: datetime) -> bool:
        """Whether a slot starting at ``instante`` starts inside the period."""
        return self.de <= instante < self.ate


def bloqueio_que_contem(
    inicio: datetime, bloqueios: list[PeriodoBloqueado]
) -> PeriodoBloqueado | None:
    """The first stored block (by start) a slot starting at ``inicio`` would start inside."""
    for bloqueio in sorted(bloqueios, key=lambda b: (b.de, b.id)):
        if bloqueio.contem(inicio):
            return bloqueio
    return None


def fora_dos_bloqueios(
    intervalos: list[Intervalo],
    bloqueios: list[PeriodoBloqueado],
    *,
    repetindo: bool,
    fuso: ZoneInfo | None = None,
) -> tuple[list[Intervalo], int]:
    """Which of the requested slots may be created, and how many were skipped.

    A slot that would start inside a stored block (as blocking judges slots: by their start) is
    never created. A single window (``repetindo`` false, split or not) is all or nothing, as an
    overlap is: one slot inside a block and :class:`HorarioEmBloqueio` names it. A weekly
    repeat is a standing rule the doctor writes once: the slots inside a block (the holiday's
    weeks) are skipped and counted, the others are created; only when every slot is inside a
    block is the request refused, since nothing would be created. ``fuso``: the doctor's, for
    the days the refusal names."""
    livres: list[Intervalo] = []
    primeiro: PeriodoBloqueado | None = None
    for intervalo in intervalos:
        bloqueio = bloqueio_que_contem(intervalo.inicio, bloqueios)
        if bloqueio is None:
            livres.append(intervalo)
            continue
        if not repetindo:
            raise HorarioEmBloqueio(bloqueio, fuso)
        primeiro = primeiro or bloqueio
    if primeiro is not None and not livres:
        raise HorarioEmBloqueio(primeiro, fuso)
    return livres, len(intervalos) - len(livres)


def _dia(instante: datetime, fuso: ZoneInfo | None) -> str:
    return (instante.astimezone(fuso) if fuso else instante).strftime("%d/%m")


class HorarioEmBloqueio(errors.Conflito):
    """A slot would start inside a period the doctor blocked.

    The days are shown on the doctor's clock when known; the last day shown is the one of the
    period's last instant (a block up to 06/01 00:00 reads "a 05/01"); a block within one day
    reads "o dia 30/11"."""

    def __init__(self, bloqueio: PeriodoBloqueado, fuso: ZoneInfo | None = None) -> None:
        self.bloqueio = bloqueio
        primeiro = _dia(bloqueio.de, fuso)
        ultimo = _dia(bloqueio.ate - timedelta(microseconds=1), fuso)
        periodo = f"o dia {primeiro}" if primeiro == ultimo else f"de {primeiro} a {ultimo}"
        super().__init__(
            f"Você bloqueou {periodo}: remova o bloqueio antes de abrir horários nesse período"
        )
