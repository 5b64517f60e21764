"""CPF: the Brazilian taxpayer number, 9 digits plus two check digits (modulo 11)."""

from __future__ import annotations

from libs.brasil import so_digitos

__all__ = ["cpf_valido", "formatar_cpf", "so_digitos"]


def _digito(digitos: list[int]) -> int:
    """One check digit: weights n+1 .. 2 over the digits so far, modulo 11."""
    pesos = range(len(digitos) + 1, 1, -1)
    resto = sum(d * p for d, p in zip(digitos, pesos, strict=True)) * 10 % 11
    return 0 if resto == 10 else resto


def cpf_valido(cpf: str) -> bool:
    """True when ``cpf`` (with or without punctuation) has 11 digits and both check digits match.

    All-equal sequences (``111.111.111-11``) pass the arithmetic but are not issued: refused.
    Only digits and the usual punctuation (``.``, ``-``, spaces) are accepted around them.
    """
    if any(not (ch.isdigit() or ch in ".- ") for ch in cpf):
        return False
    digitos = so_digitos(cpf)
    if len(digitos) != 11 or len(set(digitos)) == 1:
        return False
    numeros = [int(d) for d in digitos]
    return _digito(numeros[:9]) == numeros[9] and _digito(numeros[:10]) == numeros[10]


def formatar_cpf(cpf: str) -> str:
    """``12345678909`` → ``123.456.789-09``."""
    d = so_digitos(cpf)
    return f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}"
