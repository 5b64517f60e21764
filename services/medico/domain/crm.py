"""CRM: the regional medical council number, 4 to 10 digits, always paired with a UF."""

from __future__ import annotations

from libs.brasil import UFS, so_digitos

__all__ = ["UFS", "crm_valido", "normalizar_crm", "so_digitos"]

MIN_DIGITOS = 4
MAX_DIGITOS = 10


def normalizar_crm(crm: str) -> str:
    """The CRM's digits (``"CRM 123.456"`` is not accepted, ``"123.456"`` is ``"123456"``)."""
    return so_digitos(crm)


def crm_valido(crm: str, uf: str) -> bool:
    """Format check: 4-10 digits (dots, hyphens and spaces tolerated) and a real UF."""
    if any(not (ch.isdigit() or ch in ".- ") for ch in crm.strip()):
        return False
    return MIN_DIGITOS <= len(so_digitos(crm)) <= MAX_DIGITOS and uf.strip().upper() in UFS
