"""The patient profile and who may read or change it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from services.paciente.domain.erros import AcessoNegado


@dataclass(frozen=True)
class Endereco:
    """A postal address (CEP as 8 digits, UF as two upper-case letters)."""

    cep: str
    logradouro: str
    cidade: str
    uf: str


@dataclass(frozen=True)
class Localizacao:
    """Latitude and longitude in decimal degrees."""

    lat: float
    lon: float


@dataclass
class Paciente:
    """A patient; ``cpf`` holds digits only."""

    id: uuid.UUID
    nome: str
    email: str
    cpf: str
    telefone: str | None = None
    data_nascimento: date | None = None
    endereco: Endereco | None = None
    localizacao: Localizacao | None = None
    campos_alterados: set[str] = field(default_factory=set, compare=False, repr=False)

    def alterar(self, **valores: object) -> None:
        """Apply a partial update (CPF and password are not changeable here)."""
        for nome, valor in valores.items():
            if nome in ("id", "cpf", "campos_alterados") or not hasattr(self, nome):
                raise ValueError(f"campo não alterável: {nome}")
            if getattr(self, nome) != valor:
                setattr(self, nome, valor)
                self.campos_alterados.add(nome)


def exigir_proprio_paciente(*, usuario_id: uuid.UUID, papel: str, paciente_id: uuid.UUID) -> None:
    """Only the patient themself reaches their profile (doctors and other patients: 403)."""
    if papel != "paciente" or usuario_id != paciente_id:
        raise AcessoNegado()
