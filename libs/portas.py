"""The port every service's use cases share: a unit of work, as they see it.

Each service's ``ports.py`` extends :class:`UnitOfWork` with its repositories; the concrete
one (``libs.db.UnitOfWork`` and its subclass in the service's ``adapters/uow.py``) is chosen
in ``create_app``, and the unit tests pass an in-memory fake. Plain Python: a use case that
imports this imports no database library.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self


class UnitOfWork(Protocol):
    """One transaction: ``async with uow: ...; await uow.commit()``; leaving the block without
    :meth:`commit` keeps nothing."""

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None:
        """Keep what the transaction wrote."""
        ...
