"""Errors of the agenda domain (each one maps to one problem+json answer).

NaoEncontrado (404): HorarioNaoEncontrado, ConsultaNaoEncontrada, MedicoNaoEncontrado,
                     AssinaturaNaoEncontrada, PedidoDeAvisoNaoEncontrado,
                     BloqueioNaoEncontrado
Conflito (409): HorarioSobreposto, HorarioOcupado, HorarioIndisponivel,
                ConsultaSobreposta, TransicaoInvalida, ConsultaJaAvaliada,
                HorarioEmBloqueio
DadosInvalidos (422): built with ``DadosInvalidos.campo`` where the rule lives
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from libs import errors

if TYPE_CHECKING:
    from services.consulta.domain.agenda import PeriodoBloqueado


class HorarioNaoEncontrado(errors.NaoEncontrado):
    def __init__(self) -> None:
        super().__init__("Horário não encontrado")


class ConsultaNaoEncontrada(errors.NaoEncontrado):
    def __init__(self) -> None:
        super().__init__("Consulta não encontrada")


class MedicoNaoEncontrado(errors.NaoEncontrado):
    def __init__(self) -> None:
        super().__init__("Médico não encontrado")


class AssinaturaNaoEncontrada(errors.NaoEncontrado):
    """Unknown, malformed and revoked subscription addresses all get this same answer (no
    oracle telling a revoked address from one that never existed)."""

    def __init__(self) -> None:
        super().__init__("Agenda não encontrada")


class PedidoDeAvisoNaoEncontrado(errors.NaoEncontrado):
    def __init__(self) -> None:
        super().__init__("Aviso não encontrado")


class HorarioSobreposto(errors.Conflito):
    def __init__(self) -> None:
        super().__init__("O horário se sobrepõe a outro horário da sua agenda; nada foi criado")


class HorarioOcupado(errors.Conflito):
    def __init__(self) -> None:
        super().__init__("O horário tem uma consulta ativa e não pode ser alterado nem removido")


class HorarioIndisponivel(errors.Conflito):
    def __init__(self) -> None:
        super().__init__("O horário não está mais livre")


class ConsultaSobreposta(errors.Conflito):
    def __init__(self) -> None:
        super().__init__("Você já tem uma consulta ativa que se sobrepõe a esse horário")


class TransicaoInvalida(errors.Conflito):
    """The appointment is not in a state that allows the action."""


class ConsultaJaAvaliada(errors.Conflito):
    def __init__(self) -> None:
        super().__init__("Esta consulta já foi avaliada")


class BloqueioNaoEncontrado(errors.NaoEncontrado):
    def __init__(self) -> None:
        super().__init__("Bloqueio não encontrado")


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
