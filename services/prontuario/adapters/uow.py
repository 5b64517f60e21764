"""The prontuario service's unit of work (PostgreSQL: metadata and access log together)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from libs.db import UnitOfWork
from services.prontuario.adapters.repository import PostgresAccessLog, PostgresRecordRepository


class ProntuarioUnitOfWork(UnitOfWork):
    """One transaction over the prontuario schema."""

    registros: PostgresRecordRepository
    acessos: PostgresAccessLog

    def __init__(self, sessions: async_sessionmaker[AsyncSession], chave_auditoria: bytes) -> None:
        super().__init__(sessions)
        self._chave_auditoria = chave_auditoria

    def _open(self, session: AsyncSession) -> None:
        self.registros = PostgresRecordRepository(session)
        self.acessos = PostgresAccessLog(session, self._chave_auditoria)
