"""The paciente service's unit of work."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from libs.crypto import FieldCipher
from libs.perfis_publicados import UnitOfWorkQuePublica
from services.paciente.adapters import repository


class PacienteUnitOfWork(UnitOfWorkQuePublica):
    """One transaction over the paciente schema (a profile change publishes its event)."""

    pacientes: repository.PacienteRepository

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        cipher: FieldCipher,
        cpf_hash: Callable[[str], str],
        ao_publicar: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(sessions, ao_publicar=ao_publicar)
        self._cipher = cipher
        self._cpf_hash = cpf_hash

    def _open(self, session: AsyncSession) -> None:
        self.pacientes = repository.PacienteRepository(session, self._cipher, self._cpf_hash)
