"""SQL of the requests to be told when a slot opens ("Avise-me")."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, literal_column, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.consulta.adapters.tables import pedidos_de_aviso
from services.consulta.domain.espera import PedidoDeAviso

_t = pedidos_de_aviso
_COLUNAS = [
    _t.c.id,
    _t.c.paciente_id,
    _t.c.medico_id,
    _t.c.ate,
    _t.c.medico_nome,
    _t.c.medico_fuso,
    _t.c.antecedencia_minima_minutos,
    _t.c.criado_em,
]


def _pedido(row: Any) -> PedidoDeAviso:
    return PedidoDeAviso(
        id=row.id,
        paciente_id=row.paciente_id,
        medico_id=row.medico_id,
        ate=row.ate,
        medico_nome=row.medico_nome,
        medico_fuso=row.medico_fuso,
        antecedencia_minima_minutos=row.antecedencia_minima_minutos,
        criado_em=row.criado_em,
    )


def _ativo(agora: datetime) -> Any:
    """Not fired yet and still waiting (a date already past waits for nothing)."""
    return (_t.c.avisado_em.is_(None)) & (_t.c.ate > agora)


class PedidoDeAvisoRepository:
    """Patients waiting for an earlier slot of a doctor."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def salvar(self, pedido: PedidoDeAviso, agora: datetime) -> tuple[PedidoDeAviso, bool]:
        """Insert the request, or replace the date (and the doctor's copy) of the patient's
        active one for this doctor; True when it is new. One statement: two racing requests of
        one patient end as one row (the partial unique index). A request whose date already
        passed is dropped first, so asking again after it is a new request."""
        await self.session.execute(
            delete(_t).where(
                _t.c.paciente_id == pedido.paciente_id,
                _t.c.medico_id == pedido.medico_id,
                _t.c.avisado_em.is_(None),
                _t.c.ate <= agora,
            )
        )
        valores = {
            "ate": pedido.ate,
            "medico_nome": pedido.medico_nome,
            "medico_fuso": pedido.medico_fuso,
            "antecedencia_minima_minutos": pedido.antecedencia_minima_minutos,
        }
        query = (
            pg_insert(_t)
            .values(
                id=pedido.id, paciente_id=pedido.paciente_id, medico_id=pedido.medico_id, **valores
            )
            .on_conflict_do_update(
                index_elements=[_t.c.paciente_id, _t.c.medico_id],
                index_where=_t.c.avisado_em.is_(None),
                set_=valores,
            )
            # xmax is 0 only for a row this statement inserted (not for one it updated).
            .returning(*_COLUNAS, (literal_column("xmax") == 0).label("novo"))
        )
        row = (await self.session.execute(query)).one()
        return _pedido(row), bool(row.novo)

    async def do_paciente(self, paciente_id: uuid.UUID, agora: datetime) -> list[PedidoDeAviso]:
        """A patient's active requests, the soonest date first."""
        query = (
            select(*_COLUNAS)
            .where(_t.c.paciente_id == paciente_id, _ativo(agora))
            .order_by(_t.c.ate, _t.c.id)
        )
        return [_pedido(r) for r in await self.session.execute(query)]

    async def remover(self, pedido_id: uuid.UUID, paciente_id: uuid.UUID) -> bool:
        """Withdraw a patient's active request; False if there is none of theirs by that id."""
        result = await self.session.execute(
            delete(_t)
            .where(_t.c.id == pedido_id, _t.c.paciente_id == paciente_id, _t.c.avisado_em.is_(None))
            .returning(_t.c.id)
        )
        return result.first() is not None

    async def remover_do_paciente(self, paciente_id: uuid.UUID) -> int:
        """Every request of a patient (the account was closed); how many."""
        result = await self.session.execute(
            delete(_t).where(_t.c.paciente_id == paciente_id).returning(_t.c.id)
        )
        return len(result.all())

    async def travar_do_medico(self, medico_id: uuid.UUID, agora: datetime) -> list[PedidoDeAviso]:
        """A doctor's active requests, locked until the transaction ends, in one order (two
        transactions freeing slots of one doctor wait for each other, never deadlock). Under
        READ COMMITTED a request another transaction consumed while we waited is re-checked
        and left out: it is told once."""
        query = (
            select(*_COLUNAS)
            .where(_t.c.medico_id == medico_id, _ativo(agora))
            .order_by(_t.c.id)
            .with_for_update()
        )
        return [_pedido(r) for r in await self.session.execute(query)]

    async def consumir(self, pedido_ids: Sequence[uuid.UUID], agora: datetime) -> set[uuid.UUID]:
        """Mark requests as told (locked by the caller); the ids actually consumed."""
        if not pedido_ids:
            return set()
        result = await self.session.execute(
            update(_t)
            .where(_t.c.id.in_(list(pedido_ids)), _t.c.avisado_em.is_(None))
            .values(avisado_em=agora)
            .returning(_t.c.id)
        )
        return set(result.scalars())
