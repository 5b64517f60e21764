"""Database engines, sessions and the unit of work: the one transaction boundary.

Every service owns one PostgreSQL schema; its engine pins ``search_path`` to it, so a service
cannot read another's tables by accident. Only the unit of work commits.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from libs.settings import Settings


def async_url(url: str) -> str:
    """Normalise a PostgreSQL URL to the asyncpg driver."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def create_engine(settings: Settings, *, schema: str) -> AsyncEngine:
    """An engine for one service's schema."""
    if not settings.database_url:
        raise RuntimeError(
            "HEALTHMED_DATABASE_URL is not set (the launcher sets it in the local profile)"
        )
    return _engine(settings.database_url, settings, schema=schema)


def create_read_engine(settings: Settings, *, schema: str) -> AsyncEngine | None:
    """An engine on the read replica for one service's schema, or None when there is none
    (``HEALTHMED_DATABASE_URL_LEITURA`` unset: reads go to the primary).

    Same pool and ``search_path`` as :func:`create_engine`. Every transaction on it is read-only
    (``default_transaction_read_only``): a write routed here by mistake fails at once, even
    where the "replica" is the primary itself (tests). Its connections are named
    ``healthmed-<schema>-leitura`` in ``pg_stat_activity`` and Performance Insights.
    """
    if not settings.database_url_leitura:
        return None
    return _engine(
        settings.database_url_leitura,
        settings,
        schema=schema,
        extra={
            "default_transaction_read_only": "on",
            "application_name": f"healthmed-{schema}-leitura",
        },
    )


def _engine(
    url: str, settings: Settings, *, schema: str, extra: dict[str, str] | None = None
) -> AsyncEngine:
    server_settings = {"search_path": f"{schema},public", "timezone": "UTC", **(extra or {})}
    return create_async_engine(
        async_url(url),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # No pre-ping: measured under load (docs/capacity.md), it was half of all round trips
        # to the database (BEGIN, ping, ROLLBACK on every checkout). A connection lost to a
        # restart or failover fails its one request with a 503, and the disconnect invalidates
        # the whole pool, so the next request reconnects (tests/faults/test_banco_reinicia.py).
        pool_pre_ping=False,
        pool_recycle=1800,
        connect_args={"server_settings": server_settings},
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def ping(engine: AsyncEngine) -> None:
    """Raise unless the database answers."""
    async with engine.connect() as conn:
        await conn.execute(text("select 1"))


def constraint_name(exc: DBAPIError) -> str | None:
    """The name of the constraint a database error violated, if PostgreSQL said."""
    orig = getattr(exc, "orig", None)
    cause = getattr(orig, "__cause__", None) or orig
    return getattr(cause, "constraint_name", None)


def is_unique_violation(exc: DBAPIError) -> bool:
    """True when PostgreSQL refused a duplicate key."""
    return isinstance(exc, IntegrityError) and _sqlstate(exc) == "23505"


def is_exclusion_violation(exc: DBAPIError) -> bool:
    """True when an exclusion constraint (e.g. overlapping ranges) refused the row."""
    return _sqlstate(exc) == "23P01"


def is_retryable(exc: DBAPIError) -> bool:
    """True when PostgreSQL aborted the transaction only because of a concurrent one
    (deadlock detected, serialization failure): running it again is safe and will decide.
    Two transactions inserting conflicting rows under an exclusion constraint can deadlock."""
    return _sqlstate(exc) in ("40P01", "40001")


def _sqlstate(exc: DBAPIError) -> str | None:
    orig = getattr(exc, "orig", None)
    cause = getattr(orig, "__cause__", None) or orig
    return getattr(cause, "sqlstate", None) or getattr(orig, "pgcode", None)


class UnitOfWork:
    """One transaction. Services subclass it to attach their repositories in ``_open``.

    ``async with uow: ...; await uow.commit()``; leaving the block without commit rolls back.
    """

    session: AsyncSession

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def __aenter__(self) -> Self:
        self.session = self._sessions()
        self._open(self.session)
        return self

    def _open(self, session: AsyncSession) -> None:
        """Attach repositories to the session (override)."""

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await self.session.rollback()
        finally:
            await self.session.close()

    async def commit(self) -> None:
        """Make the transaction's writes durable."""
        await self.session.commit()

    async def rollback(self) -> None:
        """Discard the transaction's writes."""
        await self.session.rollback()


class ReadOnlyUnitOfWork(UnitOfWork):
    """A unit of work over read sessions (``app.state.sessions_leitura``): it never commits.

    Combine it with a service's unit of work to get its repositories, read-only first:
    ``class MedicoLeitura(ReadOnlyUnitOfWork, MedicoUnitOfWork)``. On a replica (or any read
    engine of :func:`create_read_engine`) PostgreSQL refuses writes too; this refuses the commit
    even where the read sessions are the primary's (no replica configured).
    """

    async def commit(self) -> None:
        """Refuse: a read-only unit of work has nothing to make durable."""
        raise RuntimeError("read-only unit of work: use the primary's unit of work to write")
