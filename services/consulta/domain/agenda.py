"""Time rules of a doctor's agenda: how a request becomes slots, and when a slot may be booked.

All instants are aware datetimes; the doctor's time zone matters only where wall-clock time
does: "the same weekday and hours in the following weeks" is read on the doctor's clock.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from libs import errors

DURACAO_MINIMA = timedelta(minutes=10)
JANELA_MAXIMA = timedelta(hours=24)
SEMANAS_MAXIMAS = 12
JANELA_CONSULTA_MAXIMA = timedelta(days=31)


class StatusHorario(StrEnum):
    """A slot as its doctor sees it."""

    LIVRE = "livre"
    RESERVADO = "reservado"  # a pending request holds it
    CONFIRMADO = "confirmado"


@dataclass(frozen=True)
class Horario:
    """One bookable slot of a doctor's agenda."""

    id: uuid.UUID
    medico_id: uuid.UUID
    inicio: datetime
    fim: datetime
    status: StatusHorario = StatusHorario.LIVRE
    consulta_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Intervalo:
    """A half-open interval of time ``[inicio, fim)``."""

    inicio: datetime
    fim: datetime

    @property
    def duracao(self) -> timedelta:
        """How long it lasts."""
        return self.fim - self.inicio


def exigir_fuso(valor: datetime, campo: str) -> None:
    """A moment without an offset is refused (422 on ``campo``): it names no instant."""
    if valor.tzinfo is None or valor.utcoffset() is None:
        raise errors.DadosInvalidos.campo(
            campo, "Informe a data e hora com fuso (ex.: 2026-12-01T14:00:00-03:00)"
        )


def validar_intervalo(
    inicio: datetime, fim: datetime, *, agora: datetime, horizonte: timedelta
) -> Intervalo:
    """A slot's window must be future, at least 10 minutes, at most 24 hours, within reach."""
    exigir_fuso(inicio, "inicio")
    exigir_fuso(fim, "fim")
    if fim <= inicio:
        raise errors.DadosInvalidos.campo("fim", "O fim deve ser depois do início")
    if inicio <= agora:
        raise errors.DadosInvalidos.campo("inicio", "O início não pode estar no passado")
    if fim - inicio < DURACAO_MINIMA:
        raise errors.DadosInvalidos.campo("fim", "Um horário deve durar pelo menos 10 minutos")
    if fim - inicio > JANELA_MAXIMA:
        raise errors.DadosInvalidos.campo("fim", "A janela deve ter no máximo 24 horas")
    if inicio > agora + horizonte:
        raise errors.DadosInvalidos.campo(
            "inicio", f"A agenda vai no máximo {horizonte.days} dias à frente"
        )
    return Intervalo(inicio, fim)


def gerar_horarios(
    inicio: datetime,
    fim: datetime,
    *,
    fuso: ZoneInfo,
    agora: datetime,
    horizonte: timedelta,
    duracao_minutos: int | None = None,
    repetir_semanas: int | None = None,
) -> list[Intervalo]:
    """The slots a creation request means: the window, split into consecutive slots of
    ``duracao_minutos`` (a remainder shorter than one slot is left out), repeated on the same
    weekday and wall-clock hours of the doctor's time zone for ``repetir_semanas`` more weeks."""
    janela = validar_intervalo(inicio, fim, agora=agora, horizonte=horizonte)
    if duracao_minutos is not None:
        if duracao_minutos < DURACAO_MINIMA.total_seconds() // 60:
            raise errors.DadosInvalidos.campo(
                "duracao_minutos", "Um horário deve durar pelo menos 10 minutos"
            )
        if timedelta(minutes=duracao_minutos) > janela.duracao:
            raise errors.DadosInvalidos.campo(
                "duracao_minutos", "A duração é maior que a janela informada"
            )
    semanas = repetir_semanas or 0
    if not 0 <= semanas <= SEMANAS_MAXIMAS:
        raise errors.DadosInvalidos.campo(
            "repetir_semanas", f"Repita por 1 a {SEMANAS_MAXIMAS} semanas"
        )
    passo = timedelta(minutes=duracao_minutos) if duracao_minutos else janela.duracao
    local_inicio, local_fim = inicio.astimezone(fuso), fim.astimezone(fuso)
    horarios: list[Intervalo] = []
    for semana in range(semanas + 1):
        # Aware arithmetic keeps the wall-clock time: 09:00 in Manaus stays 09:00 every week,
        # whatever the zone's offset does in between. The split itself runs in UTC, so every
        # slot lasts exactly its duration even across an offset change.
        de = (local_inicio + timedelta(weeks=semana)).astimezone(UTC)
        ate = (local_fim + timedelta(weeks=semana)).astimezone(UTC)
        corte = de
        while corte + passo <= ate:
            horarios.append(Intervalo(corte, corte + passo))
            corte = corte + passo
    ultimo = horarios[-1].inicio
    if ultimo > agora + horizonte:
        raise errors.DadosInvalidos.campo(
            "repetir_semanas", f"A agenda vai no máximo {horizonte.days} dias à frente"
        )
    return horarios


def validar_reserva(
    inicio: datetime,
    *,
    agora: datetime,
    antecedencia_minima: timedelta,
    horizonte: timedelta,
) -> None:
    """A patient books a future slot, not closer than the doctor's notice, within the horizon."""
    if inicio <= agora:
        raise errors.DadosInvalidos.campo("horario_id", "Esse horário já passou")
    if inicio < agora + antecedencia_minima:
        minutos = int(antecedencia_minima.total_seconds() // 60)
        raise errors.DadosInvalidos.campo(
            "horario_id",
            f"Este médico aceita reservas com pelo menos {minutos} minutos de antecedência",
        )
    if inicio > agora + horizonte:
        raise errors.DadosInvalidos.campo(
            "horario_id", f"Reservas vão no máximo {horizonte.days} dias à frente"
        )


def janela_de_consulta(
    de: datetime | None,
    ate: datetime | None,
    *,
    agora: datetime,
    padrao: timedelta,
    maximo: timedelta,
) -> Intervalo:
    """The window a listing reads: ``de`` defaults to now, ``ate`` to ``de + padrao``."""
    for valor, campo in ((de, "de"), (ate, "ate")):
        if valor is not None:
            exigir_fuso(valor, campo)
    inicio = de or agora
    fim = ate or inicio + padrao
    if fim <= inicio:
        raise errors.DadosInvalidos.campo("ate", "'ate' deve ser depois de 'de'")
    if fim - inicio > maximo:
        raise errors.DadosInvalidos.campo("ate", f"A janela deve ter no máximo {maximo.days} dias")
    return Intervalo(inicio, fim)


def limite_da_janela(valor: date | None, fuso: tzinfo, *, fim: bool) -> datetime | None:
    """A bound of a listing's window: a moment as given; a plain date as that whole day in the
    doctor's zone, its first instant for ``de`` and, for ``ate``, the first instant of the next
    day (windows are half-open, so the day is whole). ``None`` stays ``None``."""
    if valor is None or isinstance(valor, datetime):
        return valor
    dia = valor + timedelta(days=1) if fim else valor
    return datetime.combine(dia, time(0), tzinfo=fuso)
