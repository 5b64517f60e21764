"""The medico service's units of work: the primary's, and the read replica's."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from libs.db import ReadOnlyUnitOfWork
from libs.perfis_publicados import UnitOfWorkQuePublica
from services.medico.adapters import repository


class MedicoUnitOfWork(UnitOfWorkQuePublica):
    """One transaction over the medico schema (a profile change publishes its event)."""

    medicos: repository.MedicoRepository
    especialidades: repository.EspecialidadeRepository

    def _open(self, session: AsyncSession) -> None:
        self.medicos = repository.MedicoRepository(session)
        self.especialidades = repository.EspecialidadeRepository(session)


class MedicoLeituraUnitOfWork(ReadOnlyUnitOfWork, MedicoUnitOfWork):
    """The same repositories over the read sessions (the replica, when configured): for reads
    that tolerate seconds of lag. It never commits, and the replica refuses writes."""
