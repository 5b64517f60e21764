"""Brazilian reference data every service reads the same way (not business rules)."""

from __future__ import annotations

UFS = frozenset(
    {"AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA"}
    | {"PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"}
)


def so_digitos(texto: str) -> str:
    """Keep only the digits (CPF, CRM and CEP are accepted with punctuation)."""
    return "".join(ch for ch in texto if ch.isdigit())
