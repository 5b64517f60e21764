"""Errors of the patient domain."""

from __future__ import annotations

from libs import errors


class PacienteNaoEncontrado(errors.NaoEncontrado):
    def __init__(self) -> None:
        super().__init__("Paciente não encontrado")


class ContaEncerrada(errors.Conflito):
    """The patient closed this account: the profile is anonymised and cannot change."""

    def __init__(self) -> None:
        super().__init__("Esta conta foi encerrada")


class DadoEmUso(errors.EmUso):
    """An identifier (CPF, e-mail) that another account already holds; ``campo`` names it."""


class AcessoNegado(errors.Proibido):
    def __init__(self) -> None:
        super().__init__("Apenas o próprio paciente pode acessar este perfil")


def cpf_invalido() -> errors.DadosInvalidos:
    """The 422 for a CPF whose check digits do not match."""
    return errors.DadosInvalidos.campo("cpf", "CPF inválido")
