"""Errors of the doctor domain."""

from __future__ import annotations

from libs import errors


class MedicoNaoEncontrado(errors.NaoEncontrado):
    def __init__(self) -> None:
        super().__init__("Médico não encontrado")


class DadoEmUso(errors.EmUso):
    """An identifier (CRM + UF, e-mail) that another account already holds; ``campo`` names it."""


class AcessoNegado(errors.Proibido):
    def __init__(self) -> None:
        super().__init__("Apenas o próprio médico pode alterar este perfil")


def invalido(campo: str, mensagem: str) -> errors.DadosInvalidos:
    """A 422 on one field."""
    return errors.DadosInvalidos.campo(campo, mensagem)
