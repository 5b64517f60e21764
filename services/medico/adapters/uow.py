"""The medico service's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from libs.db import UnitOfWork
from services.medico.adapters import repository


class MedicoUnitOfWork(UnitOfWork):
    """One transaction over the medico schema."""

    medicos: repository.MedicoRepository
    especialidades: repository.EspecialidadeRepository

    def _open(self, session: AsyncSession) -> None:
        self.medicos = repository.MedicoRepository(session)
        self.especialidades = repository.EspecialidadeRepository(session)
