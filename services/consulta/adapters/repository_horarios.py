"""The SQL of a doctor's slots."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from libs import db
from services.consulta.adapters.linhas_consulta import (
    ATIVOS_SQL,
    ativa,
)
from services.consulta.adapters.tables import (
    consultas,
    horarios,
)
from services.consulta.domain.agenda import Horario, Intervalo, StatusHorario
from services.consulta.domain.consulta import Status
from services.consulta.domain.erros import (
    HorarioSobreposto,
)


class HorarioRepository:
    """A doctor's slots."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar(
        self, medico_id: uuid.UUID, intervalos: Sequence[Intervalo]
    ) -> list[Horario]:
        """Insert every slot in one statement (the exclusion constraint refuses any overlap)."""
        criados = [Horario(uuid.uuid4(), medico_id, i.inicio, i.fim) for i in intervalos]
        rows = [
            {"id": h.id, "medico_id": medico_id, "inicio": h.inicio, "fim": h.fim} for h in criados
        ]
        with db.traduzindo(ex_horarios_sobrepostos=HorarioSobreposto):
            await self.session.execute(insert(horarios), rows)
        return criados

    async def travar(self, horario_id: uuid.UUID, medico_id: uuid.UUID) -> Horario | None:
        """A slot of this doctor, locked against concurrent bookings and edits."""
        query = (
            select(horarios.c.id, horarios.c.medico_id, horarios.c.inicio, horarios.c.fim)
            .where(horarios.c.id == horario_id, horarios.c.medico_id == medico_id)
            .with_for_update()
        )
        row = (await self.session.execute(query)).first()
        return Horario(row.id, row.medico_id, row.inicio, row.fim) if row else None

    async def para_reservar(self, horario_id: uuid.UUID) -> Horario | None:
        """A slot, share-locked: many bookings may hold it at once (the unique index picks one
        winner), while an edit or delete waits for them."""
        query = (
            select(horarios.c.id, horarios.c.medico_id, horarios.c.inicio, horarios.c.fim)
            .where(horarios.c.id == horario_id)
            .with_for_update(read=True)
        )
        row = (await self.session.execute(query)).first()
        return Horario(row.id, row.medico_id, row.inicio, row.fim) if row else None

    async def get(self, horario_id: uuid.UUID) -> Horario | None:
        """A slot, unlocked."""
        query = select(
            horarios.c.id, horarios.c.medico_id, horarios.c.inicio, horarios.c.fim
        ).where(horarios.c.id == horario_id)
        row = (await self.session.execute(query)).first()
        return Horario(row.id, row.medico_id, row.inicio, row.fim) if row else None

    async def tem_consulta_ativa(self, horario_id: uuid.UUID) -> bool:
        """Whether a pending or confirmed appointment holds the slot."""
        query = select(exists().where(consultas.c.horario_id == horario_id, ativa()))
        return bool((await self.session.execute(query)).scalar())

    async def alterar(self, horario_id: uuid.UUID, intervalo: Intervalo) -> None:
        """Move a slot (the exclusion constraint refuses an overlap)."""
        with db.traduzindo(ex_horarios_sobrepostos=HorarioSobreposto):
            await self.session.execute(
                update(horarios)
                .where(horarios.c.id == horario_id)
                .values(inicio=intervalo.inicio, fim=intervalo.fim, atualizado_em=func.now())
            )

    async def remover(self, horario_id: uuid.UUID) -> None:
        """Delete a slot (past appointments keep their own copy of the times)."""
        await self.session.execute(delete(horarios).where(horarios.c.id == horario_id))

    async def travar_periodo(self, medico_id: uuid.UUID, periodo: Intervalo) -> list[Horario]:
        """Every slot of a doctor starting in the period, locked as ``travar`` locks one (a
        booking holding one share-locked is waited for; a later one waits for us), with who
        holds it. Two statements on purpose: under READ COMMITTED the second reads a snapshot
        taken after the lock was granted, so it sees the appointment of a booking that
        committed while we waited (one statement would judge it by its older snapshot)."""
        travados = (
            select(horarios.c.id)
            .where(
                horarios.c.medico_id == medico_id,
                horarios.c.inicio >= periodo.inicio,
                horarios.c.inicio < periodo.fim,
            )
            .order_by(horarios.c.inicio, horarios.c.id)  # one order: two blocks never deadlock
            .with_for_update()
        )
        ids = set((await self.session.execute(travados)).scalars())
        # A slot created after the lock is not ours to judge (nor locked): left out.
        return [h for h in await self.do_medico(medico_id, periodo) if h.id in ids]

    async def remover_varios(self, horario_ids: Sequence[uuid.UUID]) -> int:
        """Delete slots (locked by the caller); how many went."""
        if not horario_ids:
            return 0
        result = await self.session.execute(
            delete(horarios).where(horarios.c.id.in_(list(horario_ids))).returning(horarios.c.id)
        )
        return len(result.all())

    async def do_medico(self, medico_id: uuid.UUID, janela: Intervalo) -> list[Horario]:
        """Every slot of a doctor starting in the window, with who holds it."""
        ativa = consultas.alias("ativa")
        query = (
            select(
                horarios.c.id,
                horarios.c.medico_id,
                horarios.c.inicio,
                horarios.c.fim,
                ativa.c.id.label("consulta_id"),
                ativa.c.status,
            )
            .select_from(
                horarios.outerjoin(
                    ativa,
                    and_(ativa.c.horario_id == horarios.c.id, ativa.c.status.in_(ATIVOS_SQL)),
                )
            )
            .where(
                horarios.c.medico_id == medico_id,
                horarios.c.inicio >= janela.inicio,
                horarios.c.inicio < janela.fim,
            )
            .order_by(horarios.c.inicio)
        )
        result = []
        for row in (await self.session.execute(query)).all():
            status = StatusHorario.LIVRE
            if row.status == Status.PENDENTE.value:
                status = StatusHorario.RESERVADO
            elif row.status == Status.CONFIRMADA.value:
                status = StatusHorario.CONFIRMADO
            result.append(
                Horario(row.id, row.medico_id, row.inicio, row.fim, status, row.consulta_id)
            )
        return result

    def _livres(self, medico_id: uuid.UUID) -> Any:
        return (
            select(horarios.c.id, horarios.c.medico_id, horarios.c.inicio, horarios.c.fim)
            .where(
                horarios.c.medico_id == medico_id,
                ~exists().where(consultas.c.horario_id == horarios.c.id, ativa()),
            )
            .order_by(horarios.c.inicio)
        )

    async def livres(self, medico_id: uuid.UUID, janela: Intervalo) -> list[Horario]:
        """Free slots of a doctor starting in the window."""
        query = self._livres(medico_id).where(
            horarios.c.inicio >= janela.inicio, horarios.c.inicio < janela.fim
        )
        rows = (await self.session.execute(query)).all()
        return [Horario(r.id, r.medico_id, r.inicio, r.fim) for r in rows]

    async def proximos_livres(
        self, desde: Mapping[uuid.UUID, datetime], *, so_tomados: Collection[uuid.UUID] = ()
    ) -> dict[uuid.UUID, datetime | None]:
        """The start of each doctor's first free slot starting at or after its ``desde``, in
        one statement (one index probe per doctor). For the doctors in ``so_tomados`` only
        bookings happened since their last publication, and a booking only takes a slot: the
        answer cannot be before the slot last published, so the probe starts there instead of
        walking every slot booked in between."""
        if not desde:
            return {}
        rows = await self.session.execute(
            _PROXIMOS_LIVRES,
            {
                "ids": list(desde),
                "desdes": list(desde.values()),
                "so_tomados": [m in so_tomados for m in desde],
                "ativos": ATIVOS_SQL,
            },
        )
        return {r.medico_id: r.inicio for r in rows}


# The first free slot of each doctor of one outbox pass: one LATERAL probe per doctor on
# (medico_id, inicio), skipping the slots an active appointment holds; after bookings only,
# from the slot last published (greatest() ignores a null: none published, from desde).
_PROXIMOS_LIVRES = text(
    """
    select d.medico_id, (
        select h.inicio from horarios h
        where h.medico_id = d.medico_id
          and h.inicio >= greatest(d.desde, case when d.so_tomados then p.proximo_horario end)
          and not exists (
            select 1 from consultas c
            where c.horario_id = h.id and c.status = any(cast(:ativos as text[]))
          )
        order by h.inicio limit 1
    ) as inicio
    from unnest(
        cast(:ids as uuid[]), cast(:desdes as timestamptz[]), cast(:so_tomados as boolean[])
    ) as d(medico_id, desde, so_tomados)
    left join proximos_horarios p on p.medico_id = d.medico_id
    """
)
