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
    return create_async_engine(
        async_url(settings.database_url),
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # No pre-ping: measured under load (docs/capacity.md), it was half of all round trips
        # to the database (BEGIN, ping, ROLLBACK on every checkout). A connection lost to a
        # restart or failover fails its one request with a 503, and the disconnect invalidates
        # the whole pool, so the next request reconnects (tests/faults/test_banco_reinicia.py).
        pool_pre_ping=False,
        pool_recycle=1800,
        connect_args={"server_settings": {"search_path": f"{schema},public", "timezone": "UTC"}},
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
