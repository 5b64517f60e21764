"""The prontuario service's units of work.

- :class:`ProntuarioUnitOfWork` (local): metadata and access log in one PostgreSQL transaction.
- :class:`DynamoProntuarioUnitOfWork` (aws): metadata in DynamoDB, the access log still in
  PostgreSQL (its append-only trigger and its chain live there). The two cannot share a
  transaction; see that class for the order of the writes and why.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from libs.db import UnitOfWork
from services.prontuario.adapters.evolucoes import PostgresDocumentosAssinados, PostgresEvolucoes
from services.prontuario.adapters.registros_dynamo import DynamoRecordRepository
from services.prontuario.adapters.repository import (
    PostgresAccessLog,
    PostgresEncerramentos,
    PostgresRecordRepository,
)

_log = logging.getLogger("healthmed.prontuario")


class ProntuarioUnitOfWork(UnitOfWork):
    """One transaction over the prontuario schema."""

    registros: PostgresRecordRepository
    acessos: PostgresAccessLog
    encerramentos: PostgresEncerramentos
    evolucoes: PostgresEvolucoes
    assinados: PostgresDocumentosAssinados

    def __init__(self, sessions: async_sessionmaker[AsyncSession], chave_auditoria: bytes) -> None:
        super().__init__(sessions)
        self._chave_auditoria = chave_auditoria

    def _open(self, session: AsyncSession) -> None:
        self.registros = PostgresRecordRepository(session)
        self.acessos = PostgresAccessLog(session, self._chave_auditoria)
        self.encerramentos = PostgresEncerramentos(session)
        self.evolucoes = PostgresEvolucoes(session)
        self.assinados = PostgresDocumentosAssinados(session)


class DynamoProntuarioUnitOfWork(UnitOfWork):
    """Record metadata in DynamoDB, the access log in PostgreSQL, committed in this order:

    1. the use case runs: the log entry is INSERTed in the open PostgreSQL transaction (taking
       the row lock of the patient's chain head), the DynamoDB writes wait in the repository;
    2. ``commit``: the DynamoDB writes go in one ``TransactWriteItems``, each under a
       condition (a new item never replaces one; an update needs the item to exist);
    3. then PostgreSQL commits; if that fails, the DynamoDB writes are compensated (new items
       deleted, updated ones put back, only while they still carry this unit's version token).

    Why this order: the log must never miss an act. A share or a revocation (the acts that
    write both stores) becomes real in DynamoDB only while its log entry is already written
    and waiting to commit; the common failures (a DynamoDB condition, throttling, a network
    error) happen before PostgreSQL commits, so both sides roll back and the patient's log
    holds no entry for an act that never happened (entries cannot be taken back: the table is
    append-only). The one window left is a PostgreSQL commit that fails after DynamoDB
    accepted the writes: the compensation closes it, and what it cannot undo is logged for an
    operator. The price: the patient's chain head stays locked for one DynamoDB round trip on
    shares and revocations (listings and download links write no metadata, so they do not pay
    it); only that patient's other appends wait for it.
    """

    registros: DynamoRecordRepository
    acessos: PostgresAccessLog
    encerramentos: PostgresEncerramentos
    evolucoes: PostgresEvolucoes
    assinados: PostgresDocumentosAssinados

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        chave_auditoria: bytes,
        *,
        dynamodb: Any,
        tabela: str,
    ) -> None:
        super().__init__(sessions)
        self._chave_auditoria = chave_auditoria
        self._dynamodb = dynamodb
        self._tabela = tabela

    def _open(self, session: AsyncSession) -> None:
        self.registros = DynamoRecordRepository(self._dynamodb, self._tabela)
        self.acessos = PostgresAccessLog(session, self._chave_auditoria)
        self.encerramentos = PostgresEncerramentos(session)
        self.evolucoes = PostgresEvolucoes(session)
        self.assinados = PostgresDocumentosAssinados(session)

    async def commit(self) -> None:
        """DynamoDB first (conditional, all or none), then PostgreSQL; compensate DynamoDB if
        PostgreSQL fails (see the class docstring)."""
        await self.registros.gravar()
        try:
            await self.session.commit()
        except BaseException:
            _log.warning("commit do PostgreSQL falhou; desfazendo a gravação no DynamoDB")
            await self.registros.desfazer()
            raise
        self.registros.concluir()
