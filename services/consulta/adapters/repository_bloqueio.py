"""SQL of the periods a doctor blocked (out of office)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.consulta.adapters.tables import bloqueios
from services.consulta.domain.agenda import Intervalo
from services.consulta.domain.bloqueio import PeriodoBloqueado

_t = bloqueios
_COLUNAS = [_t.c.id, _t.c.medico_id, _t.c.de, _t.c.ate, _t.c.criado_em]


def _bloqueio(row: Any) -> PeriodoBloqueado:
    return PeriodoBloqueado(
        id=row.id, medico_id=row.medico_id, de=row.de, ate=row.ate, criado_em=row.criado_em
    )


class BloqueioRepository:
    """A doctor's blocked periods."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def travar_agenda(self, medico_id: uuid.UUID, *, exclusivo: bool) -> None:
        """Serialize blocking against creating and moving slots of one doctor, until commit.

        A new slot and a new block would otherwise miss each other (each reads before the
        other commits): creating or moving takes the lock shared (many at once), blocking
        takes it exclusive, so whichever comes second reads what the first committed."""
        funcao = "pg_advisory_xact_lock" if exclusivo else "pg_advisory_xact_lock_shared"
        chave = func.hashtextextended(f"consulta.bloqueios:{medico_id}", 0)
        await self.session.execute(select(getattr(func, funcao)(chave)))

    async def adicionar(self, medico_id: uuid.UUID, periodo: Intervalo) -> PeriodoBloqueado:
        """Store a blocked period."""
        row = (
            await self.session.execute(
                insert(_t)
                .values(id=uuid.uuid4(), medico_id=medico_id, de=periodo.inicio, ate=periodo.fim)
                .returning(*_COLUNAS)
            )
        ).one()
        return _bloqueio(row)

    async def do_medico(self, medico_id: uuid.UUID, desde: datetime) -> list[PeriodoBloqueado]:
        """The doctor's blocks not over at ``desde`` (current and future), soonest first."""
        query = (
            select(*_COLUNAS)
            .where(_t.c.medico_id == medico_id, _t.c.ate > desde)
            .order_by(_t.c.de, _t.c.id)
        )
        return [_bloqueio(row) for row in (await self.session.execute(query)).all()]

    async def remover(self, bloqueio_id: uuid.UUID, medico_id: uuid.UUID) -> bool:
        """Delete a block of this doctor; False when there is none (or it is another's)."""
        result = await self.session.execute(
            delete(_t).where(_t.c.id == bloqueio_id, _t.c.medico_id == medico_id).returning(_t.c.id)
        )
        return result.first() is not None
