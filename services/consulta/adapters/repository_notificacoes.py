"""The SQL of the e-mail outbox of appointments."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, literal, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.consulta.adapters.linhas_consulta import (
    consulta_da_linha,
    consultas_com_avaliacao,
)
from services.consulta.adapters.tables import (
    consultas,
    copias_medicos,
    copias_pacientes,
    notificacoes,
)
from services.consulta.domain.consulta import Consulta, Status
from services.consulta.domain.notificacoes import Evento, Notificacao, NotificacaoPendente


def linhas_de_notificacoes(itens: Sequence[Notificacao]) -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.uuid4(),
            "chave": a.chave,
            "consulta_id": a.consulta_id,
            "usuario_id": a.usuario_id,
            "papel": a.papel,
            "evento": a.evento.value,
            "assunto": a.assunto,
            "corpo": a.corpo,
        }
        for a in itens
    ]


def _inserir_notificacoes(itens: Sequence[Notificacao]) -> Any:
    """Queue notices; one already queued under the same key is left alone."""
    return (
        pg_insert(notificacoes)
        .values(linhas_de_notificacoes(itens))
        .on_conflict_do_nothing(index_elements=[notificacoes.c.chave])
    )


class NotificacaoRepository:
    """The e-mail outbox of appointments (written in the same transaction as the change)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar(self, itens: Sequence[Notificacao]) -> None:
        """Queue notices; one already queued under the same key is left alone."""
        if not itens:
            return
        await self.session.execute(_inserir_notificacoes(itens))

    async def a_lembrar(
        self, evento: Evento, *, de: datetime, ate: datetime, limite: int = 200
    ) -> list[Consulta]:
        """Confirmed appointments starting in ``(de, ate]`` not yet reminded of ``evento``."""
        lembrado = (
            select(literal(1))
            .where(
                notificacoes.c.consulta_id == consultas.c.id,
                notificacoes.c.evento == evento.value,
            )
            .exists()
        )
        query = (
            consultas_com_avaliacao()
            .where(
                consultas.c.status == Status.CONFIRMADA.value,
                consultas.c.inicio > de,
                consultas.c.inicio <= ate,
                ~lembrado,
            )
            .order_by(consultas.c.inicio)
            .limit(limite)
        )
        return [consulta_da_linha(r) for r in (await self.session.execute(query)).all()]

    async def ausencias(self, *, de: datetime, ate: datetime, limite: int = 200) -> list[Consulta]:
        """Confirmed appointments that ended in ``(de, ate]`` with a side that never entered the
        room (and no word from the doctor that the patient came), not yet told of it."""
        avisada = (
            select(literal(1))
            .where(
                notificacoes.c.consulta_id == consultas.c.id,
                notificacoes.c.evento.in_(
                    [Evento.NAO_COMPARECEU.value, Evento.MEDICO_AUSENTE.value]
                ),
            )
            .exists()
        )
        faltou = consultas.c.medico_entrou_em.is_(None) | (
            consultas.c.paciente_entrou_em.is_(None) & consultas.c.comparecimento.is_(None)
        )
        query = (
            consultas_com_avaliacao()
            .where(
                consultas.c.status == Status.CONFIRMADA.value,
                consultas.c.fim > de,
                consultas.c.fim <= ate,
                faltou,
                ~avisada,
            )
            .order_by(consultas.c.fim)
            .limit(limite)
        )
        return [consulta_da_linha(r) for r in (await self.session.execute(query)).all()]

    async def pendentes(self, agora: datetime, limite: int = 50) -> list[NotificacaoPendente]:
        """Due, unsent notices, oldest first, locked so two runners never send one twice, each
        with the address the agenda's copy of the person holds now."""
        n, cp, cm = notificacoes, copias_pacientes, copias_medicos
        query = (
            select(
                n.c.id,
                n.c.usuario_id,
                n.c.papel,
                n.c.assunto,
                n.c.corpo,
                func.coalesce(cp.c.email, cm.c.email).label("para"),
            )
            .select_from(
                n.outerjoin(cp, and_(n.c.papel == "paciente", cp.c.id == n.c.usuario_id)).outerjoin(
                    cm, and_(n.c.papel == "medico", cm.c.id == n.c.usuario_id)
                )
            )
            .where(n.c.enviada_em.is_(None), n.c.proxima_tentativa <= agora)
            .order_by(n.c.criada_em)
            .limit(limite)
            .with_for_update(skip_locked=True, of=n)
        )
        rows = (await self.session.execute(query)).all()
        return [
            NotificacaoPendente(r.id, r.usuario_id, r.papel, r.assunto, r.corpo, r.para or None)
            for r in rows
        ]

    async def enviadas(self, para: Mapping[uuid.UUID, str], agora: datetime) -> None:
        """Delivered, each to the address given (one statement)."""
        if para:
            await self.session.execute(
                _ENVIADAS, {"ids": list(para), "paras": list(para.values()), "agora": agora}
            )

    async def descartar_pendentes_de(self, usuario_id: uuid.UUID) -> int:
        """Drop the unsent e-mails to someone who closed their account (no address is left
        to send them to); how many. Sent ones stay, as the record of what was told."""
        result = await self.session.execute(
            delete(notificacoes)
            .where(notificacoes.c.usuario_id == usuario_id, notificacoes.c.enviada_em.is_(None))
            .returning(notificacoes.c.id)
        )
        return len(result.all())

    async def adiar(self, notificacao_ids: Sequence[uuid.UUID], agora: datetime) -> None:
        """Delivery failed: try again later (exponential, up to an hour)."""
        if not notificacao_ids:
            return
        espera = func.least(func.power(2, notificacoes.c.tentativas) * 5, 3600)
        await self.session.execute(
            update(notificacoes)
            .where(notificacoes.c.id.in_(notificacao_ids))
            .values(
                tentativas=notificacoes.c.tentativas + 1,
                proxima_tentativa=literal(agora) + espera * timedelta(seconds=1),
            )
        )


_ENVIADAS = text(
    """
    update notificacoes n set enviada_em = :agora, para = e.para
    from unnest(cast(:ids as uuid[]), cast(:paras as text[])) as e(id, para)
    where n.id = e.id
    """
)
