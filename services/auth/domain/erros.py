"""Errors of the identity domain."""

from __future__ import annotations

from typing import Literal

from libs import errors


class CredenciaisInvalidas(errors.NaoAutenticado):
    """Same answer for an unknown user and a wrong password (no account enumeration), in the
    words of the form that was filled: a patient's e-mail or CPF, a doctor's CRM."""

    def __init__(self, papel: Literal["medico", "paciente"]) -> None:
        super().__init__(
            "CRM/UF ou senha incorretos" if papel == "medico" else "E-mail/CPF ou senha incorretos"
        )


class SessaoInvalida(errors.NaoAutenticado):
    def __init__(self) -> None:
        super().__init__("Sessão inválida ou encerrada; faça login novamente")


class SenhaIncorreta(errors.Proibido):
    """Re-authentication refused: the caller is logged in, but this is not their password."""

    def __init__(self) -> None:
        super().__init__("Senha incorreta")


class TokenRecuperacaoInvalido(errors.RequisicaoInvalida):
    def __init__(self) -> None:
        super().__init__("Link de recuperação inválido, expirado ou já usado")


class TrocaDeEmailInvalida(errors.RequisicaoInvalida):
    def __init__(self) -> None:
        super().__init__("Link para desfazer a troca de e-mail inválido, expirado ou já usado")


class IdentificadorEmUso(errors.EmUso):
    """A login identifier (e-mail, CPF, CRM + UF) that another account already holds."""
