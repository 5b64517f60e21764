"""Brazilian reference data every service reads the same way (not business rules)."""

from __future__ import annotations

import re

UFS = frozenset(
    {"AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA"}
    | {"PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"}
)


def so_digitos(texto: str) -> str:
    """Keep only the digits (CPF, CRM and CEP are accepted with punctuation)."""
    return "".join(ch for ch in texto if ch.isdigit())


# A doctor's shown name may start with the title they chose ("Dra. Aline Gomes"): the medico
# service does not add a second one, and messages about the doctor follow it.
_TITULO_MEDICO = re.compile(r"^\s*dr(a)?\.?\s", re.IGNORECASE)


def titulo_medico(nome: str) -> str | None:
    """The title a name starts with: "Dra.", "Dr." or None ("dra aline" is "Dra.")."""
    titulo = _TITULO_MEDICO.match(nome)
    if titulo is None:
        return None
    return "Dra." if titulo.group(1) else "Dr."
