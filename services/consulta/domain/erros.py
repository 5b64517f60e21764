"""Errors of the agenda domain (each one maps to one problem+json answer).

NaoEncontrado (404): HorarioNaoEncontrado, ConsultaNaoEncontrada, MedicoNaoEncontrado,
                     AvaliacaoNaoEncontrada,
                     AssinaturaNaoEncontrada, PedidoDeAvisoNaoEncontrado,
                     BloqueioNaoEncontrado
Conflito (409): HorarioSobreposto, HorarioOcupado, HorarioIndisponivel,
                ConsultaSobreposta, TransicaoInvalida, ConsultaJaAvaliada,
                AvaliacaoJaRespondida, AvaliacaoJaDenunciada,
                HorarioEmBloqueio (beside its rule, in ``bloqueio.py``)
DadosInvalidos (422): built with ``DadosInvalidos.campo`` where the rule lives
"""

from __future__ import annotations

from libs import errors


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


class AvaliacaoNaoEncontrada(errors.NaoEncontrado):
    def __init__(self) -> None:
        super().__init__("Avaliação não encontrada")


class AvaliacaoJaRespondida(errors.Conflito):
    def __init__(self) -> None:
        super().__init__("Esta avaliação já foi respondida")


class AvaliacaoJaDenunciada(errors.Conflito):
    def __init__(self) -> None:
        super().__init__("Esta avaliação já foi denunciada e aguarda a moderação")
