"""The ports of the medico service: what its use cases need of the world.

Each has its adapters under ``adapters/`` (chosen in ``app.create_app``): the unit of work and
repositories over PostgreSQL (the primary's, and the read replica's), the CRM check, and the
logins kept by the auth service (:class:`libs.credenciais.CredenciaisMedico`).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

from libs import portas
from libs.credenciais import Confirmaveis, EmailsDeLogin, Removiveis
from services.medico.domain.busca import Busca, PaginaBusca
from services.medico.domain.medico import Medico


class ValidadorCrm(Protocol):
    """Is this CRM + UF acceptable?

    The default adapter (``adapters.validador_crm.ValidadorFormatoCrm``) checks the format
    only. Slot for the CFM register (the council's public lookup of active doctors): an adapter
    implementing ``valido`` that asks it, chosen in ``app.create_app`` when its URL is
    configured; off unless configured.
    """

    async def valido(self, crm: str, uf: str) -> bool:
        """Whether the CRM and UF may register."""
        ...


class Credenciais(Removiveis, Confirmaveis, EmailsDeLogin, Protocol):
    """The doctors' logins, kept by the identity provider (the auth service).

    A refusal by auth is one of :data:`libs.credenciais.RECUSAS`, and means that nothing was
    created; removing, confirming and changing the e-mail are :mod:`libs.credenciais`'s.
    """

    async def criar(
        self, *, usuario_id: uuid.UUID, email: str, senha: str, crm: str, uf: str
    ) -> None:
        """Create the pending login of a doctor (CRM + UF and password)."""
        ...


class MedicoRepository(Protocol):
    """Doctor profiles, their ratings, and the search."""

    async def add(self, medico: Medico) -> None:
        """Insert a profile (flushed); a taken CRM + UF or e-mail raises ``DadoEmUso``."""
        ...

    async def get(self, medico_id: uuid.UUID, *, for_update: bool = False) -> Medico | None:
        """By id (optionally locked for a change)."""
        ...

    async def save(self, medico: Medico) -> None:
        """Write back a changed profile (flushed); a taken e-mail raises ``DadoEmUso``."""
        ...

    async def set_proximos_horarios(
        self, proximos: Mapping[uuid.UUID, datetime | None]
    ) -> set[uuid.UUID]:
        """Record each doctor's next free slot; the ids it found."""
        ...

    async def avaliar(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None:
        """Count a rating once per appointment, and the doctor's mean with it."""
        ...

    async def buscar(self, busca: Busca) -> PaginaBusca:
        """A page of doctors matching ``busca``, and how many match in all."""
        ...


class EspecialidadeRepository(Protocol):
    """The CFM list of specialties."""

    async def listar(self) -> list[tuple[str, str]]:
        """Every specialty as (slug, nome), by name."""
        ...

    async def desconhecidas(self, slugs: list[str]) -> list[str]:
        """The slugs that are not in the list."""
        ...


class UnitOfWork(portas.UnitOfWork, Protocol):
    """One transaction over the doctors' data; leaving it without commit rolls back."""

    @property
    def medicos(self) -> MedicoRepository:
        """Doctor profiles."""
        ...

    @property
    def especialidades(self) -> EspecialidadeRepository:
        """The specialties."""
        ...
