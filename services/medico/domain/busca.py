"""Search criteria for doctors, and the rules that tie them together."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from libs import errors
from services.medico.domain.medico import Endereco, Localizacao

Ordem = Literal["distancia", "avaliacao", "proximo_horario"]
POR_PAGINA_MAXIMO = 100


@dataclass(frozen=True)
class Busca:
    """What a patient asks for; ``ordem`` is resolved (never None) by :func:`criterios`."""

    especialidade: str | None
    lat: float | None
    lon: float | None
    raio_km: float | None
    avaliacao_min: float | None
    disponivel_ate: datetime | None
    ordem: Ordem | Literal["nome"]
    pagina: int
    por_pagina: int

    @property
    def tem_origem(self) -> bool:
        """A point to measure distances from was given."""
        return self.lat is not None and self.lon is not None

    @property
    def offset(self) -> int:
        """Rows to skip for this page."""
        return (self.pagina - 1) * self.por_pagina


def criterios(
    *,
    especialidade: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
    raio_km: float | None = None,
    avaliacao_min: float | None = None,
    disponivel_ate: datetime | None = None,
    ordenar: Ordem | None = None,
    pagina: int = 1,
    por_pagina: int = 20,
) -> Busca:
    """Check the combination of criteria: all errors are reported at once (422).

    Distance needs both ``lat`` and ``lon``; ``raio_km`` and ``ordenar=distancia`` need a point.
    Without ``ordenar``: by distance when a point is given, otherwise by name.
    """
    erros: list[errors.ErroCampo] = []
    if (lat is None) != (lon is None):
        campo = "lon" if lon is None else "lat"
        erros.append(errors.ErroCampo(campo, "Informe lat e lon juntos"))
    tem_origem = lat is not None and lon is not None
    if raio_km is not None and not tem_origem:
        erros.append(errors.ErroCampo("raio_km", "O raio exige lat e lon"))
    if ordenar == "distancia" and not tem_origem:
        erros.append(errors.ErroCampo("ordenar", "Ordenar por distância exige lat e lon"))
    if disponivel_ate is not None and disponivel_ate.tzinfo is None:
        erros.append(errors.ErroCampo("disponivel_ate", "Informe a data e hora com fuso"))
    if pagina < 1:
        erros.append(errors.ErroCampo("pagina", "Deve ser maior ou igual a 1"))
    if not 1 <= por_pagina <= POR_PAGINA_MAXIMO:
        erros.append(errors.ErroCampo("por_pagina", f"Deve estar entre 1 e {POR_PAGINA_MAXIMO}"))
    if erros:
        raise errors.DadosInvalidos(erros)
    ordem: Ordem | Literal["nome"] = ordenar or ("distancia" if tem_origem else "nome")
    return Busca(
        especialidade=especialidade.strip().lower() if especialidade else None,
        lat=lat,
        lon=lon,
        raio_km=raio_km,
        avaliacao_min=avaliacao_min,
        disponivel_ate=disponivel_ate,
        ordem=ordem,
        pagina=pagina,
        por_pagina=por_pagina,
    )


@dataclass(frozen=True)
class ItemBusca:
    """One doctor in a search answer."""

    id: uuid.UUID
    nome: str
    crm: str
    uf: str
    especialidades: list[str]
    avaliacao_media: float | None
    total_avaliacoes: int
    distancia_km: float | None
    proximo_horario: datetime | None
    endereco: Endereco | None
    localizacao: Localizacao | None


@dataclass(frozen=True)
class PaginaBusca:
    """A page of a search, with the total of matching doctors."""

    itens: list[ItemBusca]
    total: int
