"""Errors of the doctor domain."""

from __future__ import annotations

from libs import errors


class MedicoNaoEncontrado(errors.NaoEncontrado):
    def __init__(self) -> None:
        super().__init__("Médico não encontrado")


class DadoEmUso(errors.Conflito):
    """An identifier (CRM + UF, e-mail) that another account already holds; ``campo`` names it."""

    def __init__(self, campo: str, mensagem: str) -> None:
        self.campo = campo
        super().__init__(mensagem)


class AcessoNegado(errors.Proibido):
    def __init__(self) -> None:
        super().__init__("Apenas o próprio médico pode alterar este perfil")


def invalido(campo: str, mensagem: str) -> errors.DadosInvalidos:
    """A 422 on one field."""
    return errors.DadosInvalidos.campo(campo, mensagem)
