"""The SQL of the outbox towards the medico service, and of the next free slots it published."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, literal, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.consulta.adapters.tables import (
    proximos_horarios,
    saida,
)


class SaidaRepository:
    """The transactional outbox towards the medico service."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def proximo_horario(self, medico_id: uuid.UUID) -> None:
        """The doctor's next free slot may have changed: recompute and publish it."""
        await self.session.execute(
            insert(saida).values(tipo="proximo_horario", medico_id=medico_id)
        )

    async def avaliacao(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None:
        """A rating to hand to the medico service (idempotent there, by appointment)."""
        await self.session.execute(
            insert(saida).values(
                tipo="avaliacao",
                medico_id=medico_id,
                carga={"consulta_id": str(consulta_id), "nota": nota},
            )
        )

    async def tomar(
        self, agora: datetime, *, medicos: Sequence[uuid.UUID] | None = None, limite: int = 100
    ) -> dict[uuid.UUID, list[tuple[str, dict[str, Any]]]]:
        """Remove and return the due items of up to ``limite`` doctors (or of ``medicos``),
        oldest first, by doctor; they come back if the transaction fails. Only doctors whose
        publication no other transaction holds are taken: an advisory lock per doctor, kept
        until this transaction ends and never waited for, so an older computation can never
        be published after a newer one, and a busy doctor goes out in a later pass."""
        rows = await self.session.execute(
            _TOMAR,
            {
                "agora": agora,
                "limite": limite,
                "todos": medicos is None,
                "medicos": list(medicos or ()),
            },
        )
        itens: dict[uuid.UUID, list[tuple[str, dict[str, Any]]]] = {}
        for r in rows:
            itens.setdefault(r.medico_id, []).append((r.tipo, dict(r.carga)))
        return itens

    async def adiar(self, medico_id: uuid.UUID, agora: datetime) -> None:
        """A delivery failed: try this doctor's items again later (exponential, up to 5 min)."""
        espera = func.least(func.power(2, saida.c.tentativas), 300)
        await self.session.execute(
            update(saida)
            .where(saida.c.medico_id == medico_id)
            .values(
                tentativas=saida.c.tentativas + 1,
                proxima_tentativa=literal(agora) + espera * timedelta(seconds=1),
            )
        )

    async def enfileirar_vencidos(self, agora: datetime) -> int:
        """Queue a recomputation for every doctor whose published next slot is no longer
        bookable (its notice window has been reached), unless one is already queued."""
        pendente = (
            select(literal(1))
            .where(
                saida.c.medico_id == proximos_horarios.c.medico_id,
                saida.c.tipo == "proximo_horario",
            )
            .exists()
        )
        vencidos = select(literal("proximo_horario"), proximos_horarios.c.medico_id).where(
            proximos_horarios.c.vence_em <= agora, ~pendente
        )
        result = await self.session.execute(
            insert(saida).from_select(["tipo", "medico_id"], vencidos).returning(saida.c.id)
        )
        return len(result.all())


# The doctors with something due (oldest first), those of them whose advisory lock this
# transaction gets (pg_try_advisory_xact_lock is volatile: the CTE is evaluated once, never
# inlined), and their due items, removed (SKIP LOCKED: a row another pass took is its own).
_TOMAR = text(
    """
    with candidatos as (
        select medico_id from saida
        where proxima_tentativa <= :agora
          and (:todos or medico_id = any(cast(:medicos as uuid[])))
        group by medico_id order by min(id) limit :limite
    ), travados as (
        select medico_id from candidatos
        where pg_try_advisory_xact_lock(hashtextextended('consulta.saida:' || medico_id, 0))
    ), devidos as (
        select s.id from saida s join travados t on t.medico_id = s.medico_id
        where s.proxima_tentativa <= :agora
        for update of s skip locked
    )
    delete from saida where id in (select id from devidos)
    returning medico_id, tipo, carga
    """
)


class ProximoHorarioRepository:
    """What was last published as each doctor's next free slot."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def guardar(
        self, publicados: Mapping[uuid.UUID, tuple[datetime | None, datetime | None]]
    ) -> None:
        """Remember what was published for each doctor, ``(proximo, vence_em)``: the value
        and when it goes stale (one statement)."""
        if not publicados:
            return
        linhas = [
            {"medico_id": m, "proximo_horario": p, "vence_em": v}
            for m, (p, v) in publicados.items()
        ]
        query = pg_insert(proximos_horarios)
        query = query.on_conflict_do_update(
            index_elements=[proximos_horarios.c.medico_id],
            set_={
                "proximo_horario": query.excluded.proximo_horario,
                "vence_em": query.excluded.vence_em,
                "publicado_em": func.now(),
            },
        )
        await self.session.execute(query, linhas)

    async def get(self, medico_id: uuid.UUID) -> datetime | None:
        """The last published next slot of a doctor."""
        query = select(proximos_horarios.c.proximo_horario).where(
            proximos_horarios.c.medico_id == medico_id
        )
        value: datetime | None = (await self.session.execute(query)).scalar_one_or_none()
        return value
