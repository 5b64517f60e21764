"""The FHIR facade's port: the public JSON API it translates (``adapters/fachada.py`` reaches it
through the service client, with the caller's token), and the values that cross it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from libs import errors


class Recusa(errors.HealthMedError):
    """A refusal of the JSON API, passed on with its status and its (Portuguese) words."""

    def __init__(self, status: int, detalhe: str) -> None:
        self.status = status
        super().__init__(detalhe)


@dataclass(frozen=True)
class BuscaDeHorarios:
    """A Slot search in the JSON API's terms (``de``/``ate`` as a day or a moment)."""

    de: str | None = None
    ate: str | None = None
    especialidade: str | None = None
    medico_id: uuid.UUID | None = None
    lat: float | None = None
    lon: float | None = None
    raio_km: float | None = None


class ApiJson(Protocol):
    """The JSON API as the FHIR routes use it. A refusal keeps its status and its words
    (:class:`Recusa`); no answer is ``errors.ServicoIndisponivel``."""

    async def especialidades(self) -> dict[str, str]:
        """Slug -> name of every specialty (``GET /especialidades``)."""
        ...

    async def medico(self, medico_id: uuid.UUID) -> dict[str, Any]:
        """A doctor's public profile (``GET /medicos/{id}``); 404 when unknown."""
        ...

    async def medicos(self, **filtros: Any) -> dict[str, Any]:
        """A page of the doctor search (``GET /medicos``, its filters by name)."""
        ...

    async def horarios_livres(
        self, busca: BuscaDeHorarios
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Free slots and their doctor, soonest first."""
        ...

    async def marcar(self, token: str, horario_id: uuid.UUID) -> dict[str, Any]:
        """Book a slot as the caller (``POST /consultas``): 409 when it is taken."""
        ...

    async def consulta(self, token: str, consulta_id: uuid.UUID) -> dict[str, Any]:
        """One appointment of the caller's (``GET /consultas/{id}``)."""
        ...

    async def consultas(
        self, token: str, *, status: str | None, pagina: int, por_pagina: int
    ) -> dict[str, Any]:
        """A page of the caller's appointments (``GET /consultas``)."""
        ...

    async def cancelar(
        self, token: str, consulta_id: uuid.UUID, justificativa: str
    ) -> dict[str, Any]:
        """Cancel with a reason (``DELETE /consultas/{id}``)."""
        ...
