"""SQL of the clinical record written by doctors: notes, their addenda, and the register of
issued (signed) documents (PostgreSQL in every profile)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.prontuario.adapters.tables import documentos_assinados, evolucao_adendos, evolucoes
from services.prontuario.domain.erros import EvolucaoAssinada
from services.prontuario.domain.evolucao import Adendo, Conteudo, Evolucao
from services.prontuario.domain.receituario import DocumentoAssinado, Signatario


def _adendo(row: Any) -> Adendo:
    return Adendo(
        id=row.id,
        evolucao_id=row.evolucao_id,
        medico_id=row.medico_id,
        texto=row.texto,
        assinado_em=row.assinado_em,
        sha256=row.sha256,
    )


def _campos(e: Evolucao) -> dict[str, Any]:
    c = e.conteudo
    return {
        "texto": c.texto,
        "queixa_principal": c.queixa_principal,
        "avaliacao": c.avaliacao,
        "plano": c.plano,
        "cid10": list(c.cid10),
        "atualizada_em": e.atualizada_em,
        "assinada_em": e.assinada_em,
        "sha256": e.sha256,
    }


class PostgresEvolucoes:
    """Notes of the patients' records, each with its addenda, oldest first."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar(self, evolucao: Evolucao) -> bool:
        """Store a new draft; ``False`` if the consultation already has a note."""
        query = (
            pg_insert(evolucoes)
            .values(
                id=evolucao.id,
                paciente_id=evolucao.paciente_id,
                consulta_id=evolucao.consulta_id,
                medico_id=evolucao.medico_id,
                criada_em=evolucao.criada_em,
                **_campos(evolucao),
            )
            .on_conflict_do_nothing(index_elements=[evolucoes.c.consulta_id])
            .returning(evolucoes.c.id)
        )
        return (await self.session.execute(query)).first() is not None

    async def salvar(self, evolucao: Evolucao) -> None:
        """Persist a draft's new content or its signature, only while the stored row is still a
        draft (two racing signatures: the second finds it signed and gets the 409)."""
        query = (
            update(evolucoes)
            .where(evolucoes.c.id == evolucao.id, evolucoes.c.assinada_em.is_(None))
            .values(**_campos(evolucao))
            .returning(evolucoes.c.id)
        )
        if (await self.session.execute(query)).first() is None:
            raise EvolucaoAssinada()

    async def adicionar_adendo(self, adendo: Adendo) -> None:
        """Append a signed addendum."""
        await self.session.execute(
            insert(evolucao_adendos).values(
                id=adendo.id,
                evolucao_id=adendo.evolucao_id,
                medico_id=adendo.medico_id,
                texto=adendo.texto,
                assinado_em=adendo.assinado_em,
                sha256=adendo.sha256,
            )
        )

    async def obter(
        self, paciente_id: uuid.UUID, evolucao_id: uuid.UUID, *, bloquear: bool = False
    ) -> Evolucao | None:
        """One note of a record with its addenda (``bloquear``: row-locked until commit)."""
        query = select(evolucoes).where(
            evolucoes.c.id == evolucao_id, evolucoes.c.paciente_id == paciente_id
        )
        if bloquear:
            query = query.with_for_update()
        notas = await self._com_adendos(query)
        return notas[0] if notas else None

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[Evolucao]:
        """Every note of a record, oldest first."""
        return await self._com_adendos(
            select(evolucoes)
            .where(evolucoes.c.paciente_id == paciente_id)
            .order_by(evolucoes.c.criada_em, evolucoes.c.id)
        )

    async def _com_adendos(self, query: Any) -> list[Evolucao]:
        rows = (await self.session.execute(query)).all()
        if not rows:
            return []
        adendos: dict[uuid.UUID, list[Adendo]] = {}
        resultado = await self.session.execute(
            select(evolucao_adendos)
            .where(evolucao_adendos.c.evolucao_id.in_([r.id for r in rows]))
            .order_by(evolucao_adendos.c.assinado_em, evolucao_adendos.c.id)
        )
        for a in resultado:
            adendos.setdefault(a.evolucao_id, []).append(_adendo(a))
        return [
            Evolucao(
                id=r.id,
                paciente_id=r.paciente_id,
                consulta_id=r.consulta_id,
                medico_id=r.medico_id,
                conteudo=Conteudo(
                    texto=r.texto,
                    queixa_principal=r.queixa_principal,
                    avaliacao=r.avaliacao,
                    plano=r.plano,
                    cid10=tuple(r.cid10),
                ),
                criada_em=r.criada_em,
                atualizada_em=r.atualizada_em,
                assinada_em=r.assinada_em,
                sha256=r.sha256,
                adendos=adendos.get(r.id, []),
            )
            for r in rows
        ]


def _assinado(row: Any) -> DocumentoAssinado:
    return DocumentoAssinado(
        codigo=row.codigo,
        documento_id=row.documento_id,
        paciente_id=row.paciente_id,
        consulta_id=row.consulta_id,
        tipo=row.tipo,
        medico=Signatario(
            id=row.medico_id, nome=row.medico_nome, crm=row.medico_crm, uf=row.medico_uf
        ),
        sha256=row.sha256,
        emitido_em=row.emitido_em,
    )


class PostgresDocumentosAssinados:
    """Issued documents by verification code (append-only)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar(self, registro: DocumentoAssinado) -> None:
        """Register an issued document."""
        m = registro.medico
        await self.session.execute(
            insert(documentos_assinados).values(
                codigo=registro.codigo,
                documento_id=registro.documento_id,
                paciente_id=registro.paciente_id,
                consulta_id=registro.consulta_id,
                tipo=registro.tipo,
                medico_id=m.id,
                medico_nome=m.nome,
                medico_crm=m.crm,
                medico_uf=m.uf,
                sha256=registro.sha256,
                emitido_em=registro.emitido_em,
            )
        )

    async def por_codigo(self, codigo: str) -> DocumentoAssinado | None:
        """The document a verification code names."""
        row = (
            await self.session.execute(
                select(documentos_assinados).where(documentos_assinados.c.codigo == codigo)
            )
        ).first()
        return _assinado(row) if row else None

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[DocumentoAssinado]:
        """Every document issued to a patient, oldest first."""
        rows = await self.session.execute(
            select(documentos_assinados)
            .where(documentos_assinados.c.paciente_id == paciente_id)
            .order_by(documentos_assinados.c.emitido_em)
        )
        return [_assinado(r) for r in rows]
