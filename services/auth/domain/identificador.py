"""How a person names their account at login or recovery: CRM+UF, e-mail, or CPF."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from libs.brasil import UFS, so_digitos

__all__ = ["UFS", "Identificador", "por_cpf", "por_crm", "por_email", "so_digitos"]


Tipo = Literal["crm", "email", "cpf"]


@dataclass(frozen=True)
class Identificador:
    """A normalised login identifier; ``chave`` is stable for throttling and lookup."""

    tipo: Tipo
    valor: str  # crm "123456/SP", lower-case e-mail, or CPF digits

    @property
    def papel(self) -> Literal["medico", "paciente"]:
        """Doctors log in by CRM; patients by e-mail or CPF."""
        return "medico" if self.tipo == "crm" else "paciente"


def por_crm(crm: str, uf: str) -> Identificador:
    """A doctor's identifier: CRM digits and the UF."""
    return Identificador("crm", f"{so_digitos(crm)}/{uf.strip().upper()}")


def por_email(email: str) -> Identificador:
    """A patient's e-mail, compared without case."""
    return Identificador("email", email.strip().lower())


def por_cpf(cpf: str) -> Identificador:
    """A patient's CPF, digits only."""
    return Identificador("cpf", so_digitos(cpf))
