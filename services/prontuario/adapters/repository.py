"""All SQL of the prontuario service: record metadata and the access log in PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, Uuid, insert, literal, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.prontuario.adapters.tables import (
    acessos,
    acessos_cabecas,
    acessos_por_paciente,
    compartilhamento_documentos,
    compartilhamentos,
    documentos,
    encerramentos,
)
from services.prontuario.domain import auditoria
from services.prontuario.domain.auditoria import Acesso, Cabeca, NovoAcesso
from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import Documento


def _documento(row: Any) -> Documento:
    return Documento(
        id=row.id,
        paciente_id=row.paciente_id,
        nome=row.nome,
        categoria=row.categoria,
        tipo_conteudo=row.tipo_conteudo,
        tamanho=row.tamanho,
        status=row.status,
        criado_em=row.criado_em,
        enviado_por=row.enviado_por,
        chave_objeto=row.chave_objeto,
        sha256=row.sha256,
        versao_objeto=row.versao_objeto,
    )


def _acesso(row: Any, *, legado: bool = False) -> Acesso:
    return Acesso(
        seq=row.seq,
        id=row.id,
        quando=row.quando,
        paciente_id=row.paciente_id,
        usuario_id=row.usuario_id,
        papel=row.papel,
        acao=row.acao,
        ip=row.ip,
        documento_id=row.documento_id,
        compartilhamento_id=row.compartilhamento_id,
        mac_anterior=row.mac_anterior,
        mac=row.mac,
        legado=legado,
    )


class PostgresRecordRepository:
    """Documents and shares in the ``prontuario`` schema."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar_documento(self, documento: Documento) -> None:
        """Store a new (pending) document."""
        await self.session.execute(
            insert(documentos).values(
                id=documento.id,
                paciente_id=documento.paciente_id,
                nome=documento.nome,
                categoria=documento.categoria,
                tipo_conteudo=documento.tipo_conteudo,
                tamanho=documento.tamanho,
                sha256=documento.sha256,
                status=documento.status,
                criado_em=documento.criado_em,
                enviado_por=documento.enviado_por,
                chave_objeto=documento.chave_objeto,
                versao_objeto=documento.versao_objeto,
            )
        )

    async def documento(self, paciente_id: uuid.UUID, documento_id: uuid.UUID) -> Documento | None:
        """One document of a patient's record."""
        row = (
            await self.session.execute(
                select(documentos).where(
                    documentos.c.id == documento_id, documentos.c.paciente_id == paciente_id
                )
            )
        ).first()
        return _documento(row) if row else None

    async def documentos(self, paciente_id: uuid.UUID) -> list[Documento]:
        """Every document of a record, oldest first."""
        rows = await self.session.execute(
            select(documentos)
            .where(documentos.c.paciente_id == paciente_id)
            .order_by(documentos.c.criado_em, documentos.c.id)
        )
        return [_documento(r) for r in rows]

    async def salvar_documento(self, documento: Documento) -> None:
        """Persist a document's new state (status, SHA-256, version of the object)."""
        await self.session.execute(
            update(documentos)
            .where(documentos.c.id == documento.id)
            .values(
                status=documento.status,
                sha256=documento.sha256,
                versao_objeto=documento.versao_objeto,
            )
        )

    async def adicionar_compartilhamento(self, compartilhamento: Compartilhamento) -> None:
        """Store a new share (and the documents it lists)."""
        c = compartilhamento
        await self.session.execute(
            insert(compartilhamentos).values(
                id=c.id,
                paciente_id=c.paciente_id,
                medico_id=c.medico_id,
                todos=c.documentos is None,
                expira_em=c.expira_em,
                criado_em=c.criado_em,
                revogado_em=c.revogado_em,
            )
        )
        if c.documentos:
            await self.session.execute(
                insert(compartilhamento_documentos),
                [{"compartilhamento_id": c.id, "documento_id": d} for d in sorted(c.documentos)],
            )

    async def _montar(self, rows: Sequence[Any]) -> list[Compartilhamento]:
        ids = [r.id for r in rows if not r.todos]
        docs: dict[uuid.UUID, set[uuid.UUID]] = {i: set() for i in ids}
        if ids:
            ligados = await self.session.execute(
                select(compartilhamento_documentos).where(
                    compartilhamento_documentos.c.compartilhamento_id.in_(ids)
                )
            )
            for link in ligados:
                docs[link.compartilhamento_id].add(link.documento_id)
        return [
            Compartilhamento(
                id=r.id,
                paciente_id=r.paciente_id,
                medico_id=r.medico_id,
                documentos=None if r.todos else frozenset(docs[r.id]),
                expira_em=r.expira_em,
                criado_em=r.criado_em,
                revogado_em=r.revogado_em,
            )
            for r in rows
        ]

    async def compartilhamento(
        self, paciente_id: uuid.UUID, compartilhamento_id: uuid.UUID
    ) -> Compartilhamento | None:
        """One share of a patient's record."""
        rows = (
            await self.session.execute(
                select(compartilhamentos).where(
                    compartilhamentos.c.id == compartilhamento_id,
                    compartilhamentos.c.paciente_id == paciente_id,
                )
            )
        ).all()
        montados = await self._montar(rows)
        return montados[0] if montados else None

    async def compartilhamentos(self, paciente_id: uuid.UUID) -> list[Compartilhamento]:
        """Every share of a record, newest first."""
        rows = (
            await self.session.execute(
                select(compartilhamentos)
                .where(compartilhamentos.c.paciente_id == paciente_id)
                .order_by(compartilhamentos.c.criado_em.desc(), compartilhamentos.c.id)
            )
        ).all()
        return await self._montar(rows)

    async def compartilhamentos_com(
        self, medico_id: uuid.UUID, paciente_id: uuid.UUID | None = None
    ) -> list[Compartilhamento]:
        """The shares granted to a doctor (of one patient, or of all), newest first."""
        query = select(compartilhamentos).where(compartilhamentos.c.medico_id == medico_id)
        if paciente_id is not None:
            query = query.where(compartilhamentos.c.paciente_id == paciente_id)
        rows = (
            await self.session.execute(
                query.order_by(compartilhamentos.c.criado_em.desc(), compartilhamentos.c.id)
            )
        ).all()
        return await self._montar(rows)

    async def salvar_compartilhamento(self, compartilhamento: Compartilhamento) -> None:
        """Persist a share's new state (revocation)."""
        await self.session.execute(
            update(compartilhamentos)
            .where(compartilhamentos.c.id == compartilhamento.id)
            .values(revogado_em=compartilhamento.revogado_em, expira_em=compartilhamento.expira_em)
        )


class PostgresEncerramentos:
    """Records closed with their patient's account (PostgreSQL in every profile)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def registrar(self, paciente_id: uuid.UUID, quando: datetime) -> bool:
        """Mark the record closed; whether this call closed it (False: it already was)."""
        query = (
            pg_insert(encerramentos)
            .values(paciente_id=paciente_id, encerrado_em=quando)
            .on_conflict_do_nothing(index_elements=[encerramentos.c.paciente_id])
            .returning(encerramentos.c.paciente_id)
        )
        return (await self.session.execute(query)).first() is not None

    async def encerrado(self, paciente_id: uuid.UUID) -> bool:
        """Whether the patient closed the account."""
        query = select(encerramentos.c.paciente_id).where(
            encerramentos.c.paciente_id == paciente_id
        )
        return (await self.session.execute(query)).first() is not None


class PostgresAccessLog:
    """The access log: one HMAC chain per patient, each appended under its head's row lock.

    Entries written before revision ``prontuario_0003`` stay in ``acessos``, the legacy chain
    over all patients; they are read with the patient's others and verified as they were
    written, and nothing here appends to them any more.
    """

    def __init__(self, session: AsyncSession, chave: bytes) -> None:
        self.session = session
        self._chave = chave

    async def _travar_cabeca(self, paciente_id: uuid.UUID) -> Any:
        consulta = (
            select(acessos_cabecas.c.seq, acessos_cabecas.c.mac)
            .where(acessos_cabecas.c.paciente_id == paciente_id)
            .with_for_update()
        )
        cabeca = (await self.session.execute(consulta)).first()
        if cabeca is None:
            # The patient's first entry: create the empty head (a concurrent first append waits
            # here for the other to commit, then finds its row), then lock it like any other.
            await self.session.execute(
                pg_insert(acessos_cabecas)
                .values(paciente_id=paciente_id, seq=0, mac=auditoria.MAC_INICIAL)
                .on_conflict_do_nothing(index_elements=["paciente_id"])
            )
            cabeca = (await self.session.execute(consulta)).one()
        return cabeca

    async def registrar(self, novo: NovoAcesso) -> Acesso:
        """Append one entry at the end of the patient's chain (waits only for appends to the
        same patient's chain, which hold its head until they commit)."""
        cabeca = await self._travar_cabeca(novo.paciente_id)
        # Microseconds are what PostgreSQL keeps, so the MAC is over what reads back.
        entrada = auditoria.encadear(
            self._chave,
            novo,
            seq=cabeca.seq + 1,
            id=uuid.uuid4(),
            quando=datetime.now(UTC),
            mac_anterior=cabeca.mac,
        )
        await self.session.execute(
            insert(acessos_por_paciente).values(
                paciente_id=entrada.paciente_id,
                seq=entrada.seq,
                id=entrada.id,
                quando=entrada.quando,
                usuario_id=entrada.usuario_id,
                papel=entrada.papel,
                acao=entrada.acao,
                ip=entrada.ip,
                documento_id=entrada.documento_id,
                compartilhamento_id=entrada.compartilhamento_id,
                mac_anterior=entrada.mac_anterior,
                mac=entrada.mac,
            )
        )
        await self.session.execute(
            update(acessos_cabecas)
            .where(acessos_cabecas.c.paciente_id == entrada.paciente_id)
            .values(seq=entrada.seq, mac=entrada.mac)
        )
        return entrada

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[Acesso]:
        """A record's entries, newest first (the patient's chain, then any legacy ones)."""
        novas = await self.session.execute(
            select(acessos_por_paciente)
            .where(acessos_por_paciente.c.paciente_id == paciente_id)
            .order_by(acessos_por_paciente.c.seq.desc())
        )
        antigas = await self.session.execute(
            select(acessos)
            .where(acessos.c.paciente_id == paciente_id)
            .order_by(acessos.c.seq.desc())
        )
        # While old tasks of a deploy still write legacy entries the two interleave in time.
        todas = [_acesso(r) for r in novas] + [_acesso(r, legado=True) for r in antigas]
        return sorted(todas, key=lambda e: e.quando, reverse=True)

    async def leitura_consistente(self) -> None:
        """From here on this unit of work reads one snapshot (the integrity check compares
        entries with heads, which must be of the same moment). First call of the unit."""
        await self.session.execute(
            text("set transaction isolation level repeatable read, read only")
        )

    async def em_ordem(self, desde: int = 1, limite: int = 1000) -> list[Acesso]:
        """Legacy entries from ``desde`` on, in the old chain's order (in pages)."""
        rows = await self.session.execute(
            select(acessos).where(acessos.c.seq >= desde).order_by(acessos.c.seq).limit(limite)
        )
        return [_acesso(r, legado=True) for r in rows]

    async def por_paciente(
        self, depois: tuple[uuid.UUID, int] | None = None, limite: int = 1000
    ) -> list[Acesso]:
        """Per-patient entries after ``(paciente_id, seq)``, in (patient, number) order."""
        query = select(acessos_por_paciente)
        if depois is not None:
            query = query.where(
                tuple_(acessos_por_paciente.c.paciente_id, acessos_por_paciente.c.seq)
                > tuple_(literal(depois[0], Uuid), literal(depois[1], BigInteger))
            )
        rows = await self.session.execute(
            query.order_by(acessos_por_paciente.c.paciente_id, acessos_por_paciente.c.seq).limit(
                limite
            )
        )
        return [_acesso(r) for r in rows]

    async def cabecas(self, depois: uuid.UUID | None = None, limite: int = 1000) -> list[Cabeca]:
        """Chain heads of patients after ``depois``, in patient order."""
        query = select(acessos_cabecas)
        if depois is not None:
            query = query.where(acessos_cabecas.c.paciente_id > depois)
        rows = await self.session.execute(
            query.order_by(acessos_cabecas.c.paciente_id).limit(limite)
        )
        return [Cabeca(paciente_id=r.paciente_id, seq=r.seq, mac=r.mac) for r in rows]
