"""What a service publishes of its people's profiles, for the copies other services keep.

The consulta service books against its own copy of a doctor's name, time zone and notice and
of a patient's name (issue 14: asking the medico and paciente services on every booking was a
quarter of a booking's cost). The owner keeps the copy right:

- it writes an event **in the same transaction as the change** (:func:`publicar`, into its own
  ``eventos_perfil`` table, :func:`tabela` / :data:`DDL`), so a change is never committed
  without its event;
- :class:`Publicador` delivers the events right after the commit (woken by the unit of work)
  and every few seconds as a safety net, so a crash or an outage of the receiver loses nothing;
- each event carries a ``versao`` (its id: increasing), and the receiver keeps a copy only when
  it is newer than the one it has, so a late, repeated or out-of-order delivery is harmless.

Between the commit and the delivery (milliseconds, or until the receiver is back) the receiver
still decides with the previous values: as if the request had come just before the change.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, MetaData, Table, Uuid, delete, func, insert
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from libs import errors
from libs.db import UnitOfWork
from libs.laco import LacoDeFundo
from libs.service_client import ServiceClient

_log = logging.getLogger("healthmed.perfis_publicados")

# The same table in every owner's schema (each migration runs it in its own schema).
DDL = """
create table eventos_perfil (
    id bigserial primary key,
    pessoa_id uuid not null,
    carga jsonb not null,
    criado_em timestamptz not null default now()
);
"""

Entrega = Callable[[uuid.UUID, int, dict[str, Any]], Awaitable[None]]
"""Deliver one event: (whose profile, its version, what the copy keeps); raise on failure."""


def tabela(metadata: MetaData) -> Table:
    """The ``eventos_perfil`` table in the owner's schema (``metadata``'s)."""
    return Table(
        "eventos_perfil",
        metadata,
        Column("id", BigInteger, primary_key=True, autoincrement=True),
        Column("pessoa_id", Uuid, nullable=False),
        Column("carga", JSONB, nullable=False),
        Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


_PUBLICOU = "healthmed.perfil_publicado"


async def publicar(
    session: AsyncSession, eventos: Table, pessoa_id: uuid.UUID, carga: dict[str, Any]
) -> None:
    """Write the event of a profile change inside the caller's transaction."""
    await session.execute(insert(eventos).values(pessoa_id=pessoa_id, carga=carga))
    session.info[_PUBLICOU] = True


class UnitOfWorkQuePublica(UnitOfWork):
    """A unit of work that, after committing an event of :func:`publicar`, wakes the
    :class:`Publicador` (``ao_publicar``) so that the copy follows within milliseconds."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        ao_publicar: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(sessions)
        self._ao_publicar = ao_publicar

    async def commit(self) -> None:
        """Commit; then deliver the profile events written here at once."""
        publicou = self.session.info.pop(_PUBLICOU, False)
        await super().commit()
        if publicou and self._ao_publicar is not None:
            self._ao_publicar()


def entrega_por_http(client: ServiceClient, servico: str, caminho: str) -> Entrega:
    """An :data:`Entrega` that PUTs ``{**carga, "versao": versao}`` to ``servico`` at
    ``caminho`` (``{id}`` is the person's id); idempotent, so the client may retry it."""

    async def entregar(pessoa_id: uuid.UUID, versao: int, carga: dict[str, Any]) -> None:
        response = await client.put(
            servico, caminho.format(id=pessoa_id), json={**carga, "versao": versao}
        )
        if response.status_code not in (200, 204):
            raise errors.ServicoIndisponivel(f"{servico} respondeu {response.status_code}")

    return entregar


class Publicador:
    """Delivers the owner's events in order, in the background; tests await :meth:`drenar`."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        eventos: Table,
        entregar: Entrega,
        *,
        intervalo_segundos: float = 5.0,
        lote: int = 100,
    ) -> None:
        self._sessions = sessions
        self._eventos = eventos
        self._entregar = entregar
        self._lote = lote
        self._passo = asyncio.Lock()
        self._laco = LacoDeFundo(
            "perfis-publicados",
            self.drenar,
            intervalo=intervalo_segundos,
            log=_log,
            falha="eventos de perfil não entregues",
            com_traceback=False,  # the receiver is down: the next pass retries
        )

    def acordar(self) -> None:
        """An event was committed: deliver it now."""
        self._laco.acordar()

    async def drenar(self) -> int:
        """Deliver every event written so far; how many went out. A failed delivery leaves
        it (and the ones after it) for the next pass."""
        total = 0
        async with self._passo:
            while entregues := await self._um_lote():
                total += entregues
        return total

    async def _um_lote(self) -> int:
        t = self._eventos
        async with self._sessions() as session, session.begin():
            # SKIP LOCKED: another replica delivering its batch is not waited for (versions
            # make the order in which the receiver gets them irrelevant).
            linhas = (
                await session.execute(
                    sa_select(t.c.id, t.c.pessoa_id, t.c.carga)
                    .order_by(t.c.id)
                    .limit(self._lote)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            for linha in linhas:
                await self._entregar(linha.pessoa_id, linha.id, dict(linha.carga))
            if linhas:
                await session.execute(delete(t).where(t.c.id.in_([linha.id for linha in linhas])))
        return len(linhas)

    def start(self) -> None:
        """Start the background loop (one per process)."""
        self._laco.start()

    async def stop(self) -> None:
        """Stop the loop (a batch cut short is delivered again by the next one: versions)."""
        await self._laco.stop()


@contextlib.asynccontextmanager
async def publicando(
    sessions: async_sessionmaker[AsyncSession],
    eventos: Table,
    client: ServiceClient,
    servico: str,
    caminho: str,
) -> AsyncIterator[Publicador]:
    """A :class:`Publicador` delivering to ``servico`` at ``caminho`` (see
    :func:`entrega_por_http`), running for the block (a service's lifespan)."""
    publicador = Publicador(sessions, eventos, entrega_por_http(client, servico, caminho))
    publicador.start()
    try:
        yield publicador
    finally:
        await publicador.stop()
