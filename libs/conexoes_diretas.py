"""A small pool of bare asyncpg connections for one statement at a time, in autocommit.

The hot one-statement reads and writes (:func:`libs.db.direto` on an autocommit session: the
booking, the listing, the doctor search) spent more Python on SQLAlchemy's pool than on the
statement: two greenlets per checkout and checkin, the pool's bookkeeping and events, ~0.1 ms
a statement where asyncpg alone needs ~0.04 (bench/python_por_requisicao.py, issue 14). This
pool hands out the driver's connection itself: a list of idle ones, a count, and a queue of
waiters when all are busy. There is nothing to reset on return: a statement in autocommit
leaves no transaction, no cursor and no setting behind.

Its connections are opened by the engine's own dialect (same URL, settings, codecs and, for
the replicas, the same :class:`libs.db.Replicas`) and then detached from SQLAlchemy, so they
count apart from its pool: ``db_pool_size`` is split between the two (libs.settings).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import time
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
from sqlalchemy.exc import TimeoutError as PoolTimeout


class _Vaga:
    """A place in the count, held for a connection being opened."""


def _expirar(vez: asyncio.Future[Any], espera: float, tamanho: int) -> None:
    if not vez.done():
        vez.set_exception(
            PoolTimeout(f"nenhuma conexão direta livre em {espera:.0f} s ({tamanho} em uso)")
        )


class ConexoesDiretas:
    """At most ``tamanho`` connections, each used by one statement at a time.

    :meth:`tomar` an idle one (or open one, or wait up to ``espera`` seconds for one), run the
    statement, then :meth:`devolver` it, or :meth:`descartar` it when the statement did not
    end cleanly. Connections older than ``reciclar`` seconds are closed instead of reused (as
    SQLAlchemy's ``pool_recycle``)."""

    def __init__(
        self,
        abrir: Callable[[], Awaitable[asyncpg.Connection]],
        *,
        tamanho: int,
        reciclar: float = 1800.0,
        espera: float = 30.0,
    ) -> None:
        self._abrir = abrir
        self.tamanho = tamanho
        self._reciclar = reciclar
        self._espera = espera
        self._livres: list[asyncpg.Connection] = []
        # Every connection open (or place held for one being opened), with when it opened.
        self._aberta_em: dict[asyncpg.Connection | _Vaga, float] = {}
        self._esperando: collections.deque[asyncio.Future[asyncpg.Connection | _Vaga]] = (
            collections.deque()
        )
        # How many statements took a connection here: what tests and metrics count where
        # SQLAlchemy's pool has its ``checkout`` event.
        self.tomadas = 0

    @property
    def abertas(self) -> int:
        """Connections open now (idle or in use)."""
        return len(self._aberta_em)

    async def tomar(self) -> asyncpg.Connection:
        """A connection for one statement: give it back with :meth:`devolver` or
        :meth:`descartar`."""
        self.tomadas += 1
        agora = time.monotonic()
        while self._livres:
            conexao = self._livres.pop()
            if conexao.is_closed():
                self._esquecer(conexao)
            elif agora - self._aberta_em[conexao] > self._reciclar:
                self._esquecer(conexao)
                await _fechar(conexao)
            else:
                return conexao
        if self.abertas < self.tamanho:
            return await self._nova(self._vaga())
        loop = asyncio.get_running_loop()
        vez: asyncio.Future[asyncpg.Connection | _Vaga] = loop.create_future()
        self._esperando.append(vez)
        # A timer on the future rather than asyncio.timeout(): waiting is the common case under
        # load, and the context manager costs several times more.
        prazo = loop.call_later(self._espera, _expirar, vez, self._espera, self.tamanho)
        try:
            conexao_ou_vaga = await vez
        except asyncio.CancelledError:
            # Cancelled after being handed a connection or a place: pass it on.
            if vez.done() and not vez.cancelled() and vez.exception() is None:
                dada = vez.result()
                if isinstance(dada, _Vaga):
                    self._soltar(dada)
                else:
                    self.devolver(dada)
            raise
        finally:
            prazo.cancel()
            if not vez.done() or vez.cancelled() or vez.exception() is not None:
                # Still queued (cancelled with its task, or expired): take it off. One that was
                # answered was taken off by whoever answered it (a failed remove would format
                # its repr).
                vez.cancel()
                with contextlib.suppress(ValueError):
                    self._esperando.remove(vez)
        if isinstance(conexao_ou_vaga, _Vaga):
            return await self._nova(conexao_ou_vaga)
        return conexao_ou_vaga

    def devolver(self, conexao: asyncpg.Connection) -> None:
        """The statement ended (answered or refused by the server): reuse the connection,
        first by whoever waits for one."""
        if conexao.is_closed():
            self.descartar(conexao, perdida=True)
            return
        while self._esperando:
            vez = self._esperando.popleft()
            if not vez.done():
                vez.set_result(conexao)
                return
        self._livres.append(conexao)

    def descartar(self, conexao: asyncpg.Connection, *, perdida: bool) -> None:
        """Never reuse ``conexao`` (interrupted mid-statement, or lost). ``perdida``: the
        server or the network dropped it, so the idle ones are likely gone as well (a restart,
        a failover): they are closed too, instead of each failing one request."""
        self._esquecer(conexao)
        conexao.terminate()
        if perdida:
            for livre in self._livres:
                self._esquecer(livre)
                livre.terminate()
            self._livres.clear()

    async def fechar(self) -> None:
        """Close every connection (the app is stopping: those in use are closed as well, and
        no new one is opened)."""
        self.tamanho = 0
        for vez in self._esperando:
            if not vez.done():
                vez.set_exception(PoolTimeout("as conexões diretas foram fechadas"))
        self._esperando.clear()
        conexoes = [c for c in self._aberta_em if isinstance(c, asyncpg.Connection)]
        self._aberta_em.clear()
        self._livres.clear()
        for conexao in conexoes:
            await _fechar(conexao)

    def _vaga(self) -> _Vaga:
        vaga = _Vaga()
        self._aberta_em[vaga] = 0.0
        return vaga

    async def _nova(self, vaga: _Vaga) -> asyncpg.Connection:
        """Open a connection in the place ``vaga`` holds."""
        try:
            conexao = await self._abrir()
        except BaseException:
            self._soltar(vaga)
            raise
        del self._aberta_em[vaga]
        self._aberta_em[conexao] = time.monotonic()
        return conexao

    def _esquecer(self, conexao: asyncpg.Connection) -> None:
        """``conexao`` no longer counts: its place goes to the first waiter, if any."""
        if self._aberta_em.pop(conexao, None) is not None:
            self._dar_vaga()

    def _soltar(self, vaga: _Vaga) -> None:
        del self._aberta_em[vaga]
        self._dar_vaga()

    def _dar_vaga(self) -> None:
        while self._esperando:
            vez = self._esperando.popleft()
            if not vez.done():
                vez.set_result(self._vaga())
                return


async def _fechar(conexao: asyncpg.Connection) -> None:
    """Close politely; a connection that cannot say goodbye is dropped (never an error for
    whoever was only recycling or stopping)."""
    try:
        await conexao.close(timeout=5)
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
        conexao.terminate()
