"""The SQL of ratings: the patient's (one per appointment), the doctor's page of comments, the
doctor's reply and report."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from libs import db
from services.consulta.adapters.tables import avaliacoes, consultas
from services.consulta.domain.avaliacoes import AvaliacaoPublica, nome_publico
from services.consulta.domain.consulta import Avaliacao
from services.consulta.domain.erros import ConsultaJaAvaliada


class AvaliacaoRepository:
    """Ratings (one per appointment: the primary key says so)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar(
        self, consulta_id: uuid.UUID, nota: int, comentario: str | None
    ) -> Avaliacao:
        """Store a rating (a second one for the same appointment is a unique violation)."""
        query = (
            insert(avaliacoes)
            .values(consulta_id=consulta_id, nota=nota, comentario=comentario)
            .returning(avaliacoes.c.criada_em)
        )
        with db.traduzindo(avaliacoes_pkey=ConsultaJaAvaliada):
            criada_em = (await self.session.execute(query)).scalar_one()
        return Avaliacao(consulta_id, nota, comentario, criada_em)

    async def do_medico(
        self, medico_id: uuid.UUID, *, pagina: int, por_pagina: int
    ) -> tuple[list[AvaliacaoPublica], int]:
        """The doctor's ratings that carry a comment and were not reported, newest first, with
        how many there are."""
        filtro = (
            consultas.c.medico_id == medico_id,
            avaliacoes.c.comentario.is_not(None),
            avaliacoes.c.denunciada_em.is_(None),
        )
        juncao = avaliacoes.join(consultas, consultas.c.id == avaliacoes.c.consulta_id)
        query = (
            select(
                avaliacoes.c.consulta_id,
                avaliacoes.c.nota,
                avaliacoes.c.comentario,
                avaliacoes.c.criada_em,
                avaliacoes.c.resposta,
                avaliacoes.c.respondida_em,
                consultas.c.paciente_nome,
                func.count().over().label("total"),
            )
            .select_from(juncao)
            .where(*filtro)
            .order_by(avaliacoes.c.criada_em.desc(), avaliacoes.c.consulta_id)
            .limit(por_pagina)
            .offset((pagina - 1) * por_pagina)
        )
        rows = (await self.session.execute(query)).all()
        if not rows:
            total = select(func.count()).select_from(juncao).where(*filtro)
            return [], int((await self.session.execute(total)).scalar_one())
        itens = [
            AvaliacaoPublica(
                r.consulta_id,
                r.nota,
                r.comentario,
                r.criada_em,
                nome_publico(r.paciente_nome),
                r.resposta,
                r.respondida_em,
            )
            for r in rows
        ]
        return itens, int(rows[0].total)

    async def do_medico_para_mudar(
        self, consulta_id: uuid.UUID, medico_id: uuid.UUID
    ) -> tuple[bool, bool] | None:
        """Of the doctor's rating of this appointment, locked: whether it was replied to and
        whether it was reported; None when the doctor has no such rating."""
        query = (
            select(avaliacoes.c.resposta, avaliacoes.c.denunciada_em)
            .select_from(avaliacoes.join(consultas, consultas.c.id == avaliacoes.c.consulta_id))
            .where(avaliacoes.c.consulta_id == consulta_id, consultas.c.medico_id == medico_id)
            .with_for_update(of=avaliacoes)
        )
        row = (await self.session.execute(query)).first()
        if row is None:
            return None
        return row.resposta is not None, row.denunciada_em is not None

    async def responder(self, consulta_id: uuid.UUID, texto: str, agora: datetime) -> None:
        """Keep the doctor's reply."""
        await self.session.execute(
            update(avaliacoes)
            .where(avaliacoes.c.consulta_id == consulta_id)
            .values(resposta=texto, respondida_em=agora)
        )

    async def denunciar(self, consulta_id: uuid.UUID, motivo: str, agora: datetime) -> None:
        """Take the comment off the page until an operator decides."""
        await self.session.execute(
            update(avaliacoes)
            .where(avaliacoes.c.consulta_id == consulta_id)
            .values(denunciada_em=agora, denuncia_motivo=motivo)
        )
