"""Counters of attempts (logins, recoveries, refused registrations), for throttling."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from services.auth.adapters.tables import tentativas
from services.auth.ports import Reserva


class TentativaRepository:
    """Counters of attempts, for throttling.

    An attempt is counted *before* the password is checked (:meth:`reservar`), under a lock
    per key, and forgotten only if it succeeds (:meth:`esquecer`): concurrent guesses each see
    the ones in flight, so no burst gets more than the limit through (issue 15 §4)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def reservar(self, limites: dict[str, int], desde: datetime) -> Reserva:
        """Count one attempt under every key, unless a key already holds its limit since
        ``desde``: then nothing is counted and the answer says how long that key waits.

        Each key is locked for the rest of the transaction (an advisory lock on its hash, in
        sorted order, so two callers never wait on each other crosswise): commit soon, before
        any slow work, so the next attempt on the key sees this one."""
        for chave in sorted(limites):
            await self.session.execute(
                text("select pg_advisory_xact_lock(hashtextextended(:chave, 0))"),
                {"chave": chave},
            )
        for chave, limite in limites.items():
            query = select(func.count(), func.min(tentativas.c.momento)).where(
                tentativas.c.chave == chave, tentativas.c.momento > desde
            )
            count, oldest = (await self.session.execute(query)).one()
            if int(count) >= limite and oldest is not None:
                return Reserva(ids=(), mais_antiga=oldest)
        result = await self.session.execute(
            insert(tentativas).returning(tentativas.c.id), [{"chave": c} for c in limites]
        )
        return Reserva(ids=tuple(result.scalars()), mais_antiga=None)

    async def esquecer(self, reserva: Reserva) -> None:
        """Forget the attempts of a reservation (it succeeded); the others stay counted."""
        if reserva.ids:
            await self.session.execute(delete(tentativas).where(tentativas.c.id.in_(reserva.ids)))

    async def purge(self, antes: datetime) -> None:
        """Drop attempts older than any window."""
        await self.session.execute(delete(tentativas).where(tentativas.c.momento < antes))
