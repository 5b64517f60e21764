"""Password policy: at least 8 characters, not a common password."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from libs import errors

MIN_LENGTH = 8
MAX_LENGTH = 128


@cache
def _comuns() -> frozenset[str]:
    path = Path(__file__).with_name("senhas_comuns.txt")
    return frozenset(line.strip().lower() for line in path.read_text().splitlines() if line.strip())


def validar_senha(senha: str, campo: str = "senha") -> None:
    """Raise :class:`errors.DadosInvalidos` unless the password is acceptable."""
    if len(senha) < MIN_LENGTH:
        raise errors.DadosInvalidos.campo(
            campo, f"A senha deve ter pelo menos {MIN_LENGTH} caracteres"
        )
    if len(senha) > MAX_LENGTH:
        raise errors.DadosInvalidos.campo(
            campo, f"A senha deve ter no máximo {MAX_LENGTH} caracteres"
        )
    if senha.lower() in _comuns() or len(set(senha)) <= 2:
        raise errors.DadosInvalidos.campo(campo, "Senha muito comum; escolha outra")
