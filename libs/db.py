"""Database engines, sessions and the unit of work: the one transaction boundary.

Every service owns one PostgreSQL schema; its engine pins ``search_path`` to it, so a service
cannot read another's tables by accident. Only the unit of work commits.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import logging
import math
import random
import re
import secrets
import time
import weakref
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar
from urllib.parse import parse_qsl, urlencode

import asyncpg
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import NullPool, Pool
from sqlalchemy.util import greenlet_spawn

from libs.conexoes_diretas import ConexoesDiretas
from libs.settings import Settings

_log = logging.getLogger("healthmed.db")


def async_url(url: str) -> str:
    """Normalise a PostgreSQL URL to the asyncpg driver."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def asyncpg_dsn(url: str) -> str:
    """The same URL as asyncpg's own DSN (``postgresql://``, no SQLAlchemy driver suffix)."""
    return async_url(url).replace("postgresql+asyncpg://", "postgresql://", 1)


def urls_por_host(url: str) -> list[str]:
    """One single-host URL per host of a libpq multi-host URL, in the order written:
    ``postgresql://u:p@h1:5432,h2:5432/db?ssl=require``, or Unix sockets in the query
    (``postgresql://u@/db?host=/s1,/s2``). A single-host URL gives itself."""
    esquema, separador, resto = url.partition("://")
    if not separador:
        return [url]
    fim = len(resto)
    for marca in "/?":
        if marca in resto:
            fim = min(fim, resto.index(marca))
    local, caminho = resto[:fim], resto[fim:]
    usuario, arroba, hosts = local.rpartition("@")
    prefixo = f"{esquema}://{usuario}{arroba}"
    if "," in hosts:
        return [prefixo + host + caminho for host in hosts.split(",")]
    base, _, consulta = caminho.partition("?")
    pares = parse_qsl(consulta, keep_blank_values=True)
    sockets = [h for chave, valor in pares if chave == "host" for h in valor.split(",")]
    if len(sockets) <= 1:
        return [url]
    outros = [(chave, valor) for chave, valor in pares if chave != "host"]
    return [
        prefixo + hosts + base + "?" + urlencode([*outros, ("host", socket)], safe="/")
        for socket in sockets
    ]


class Replicas:
    """Connections to one of several read replicas (a libpq multi-host URL).

    The order is shuffled once per process, so that the tasks spread over the replicas; each
    replica is given at most ``espera`` seconds to connect (asyncpg's own multi-host connect
    spends its whole timeout on a host that never answers, as a lost instance does); one that
    failed goes to the end of the order for ``pausa`` seconds. Any replica will do: the reads
    sent here tolerate lag, and each replica holds the whole database."""

    def __init__(
        self,
        url: str,
        server_settings: dict[str, str],
        *,
        espera: float = 5.0,
        pausa: float = 30.0,
        embaralhar: Callable[[list[str]], None] = random.shuffle,
    ) -> None:
        self.hosts = [asyncpg_dsn(u) for u in urls_por_host(url)]
        embaralhar(self.hosts)
        self._server_settings = server_settings
        self._espera = espera
        self._pausa = pausa
        self._falhou_em: dict[str, float] = {}

    def ordem(self) -> list[str]:
        """The hosts in the order to try now: those that failed recently last."""
        agora = time.monotonic()
        return sorted(
            self.hosts, key=lambda h: agora - self._falhou_em.get(h, -math.inf) < self._pausa
        )

    async def conectar(self) -> asyncpg.Connection:
        """A new connection to the first replica that answers (SQLAlchemy's ``async_creator``)."""
        erro: BaseException | None = None
        for host in self.ordem():
            try:
                conexao: asyncpg.Connection = await asyncpg.connect(
                    host, timeout=self._espera, server_settings=self._server_settings
                )
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                # TimeoutError is an OSError: an instance that is gone and never answers.
                self._falhou_em[host] = time.monotonic()
                erro = exc
                continue
            self._falhou_em.pop(host, None)
            return conexao
        assert erro is not None
        raise erro


def create_engine(settings: Settings, *, schema: str) -> AsyncEngine:
    """An engine for one service's schema."""
    return _engine(_primaria(settings), settings, schema=schema)


def _primaria(settings: Settings) -> str:
    if not settings.database_url:
        raise RuntimeError(
            "HEALTHMED_DATABASE_URL is not set (the launcher sets it in the local profile)"
        )
    return settings.database_url


def create_read_engine(settings: Settings, *, schema: str) -> AsyncEngine:
    """An engine for reads that tolerate seconds of lag (the doctor search), on the read
    replicas (``HEALTHMED_DATABASE_URL_LEITURA``, a libpq multi-host URL: one replica per
    process, another when that one is lost, :class:`Replicas`) or, without replicas, on the
    primary.

    Every transaction on it is read-only (``default_transaction_read_only``): a write routed
    here by mistake fails at once, on a replica or on the primary. So its sessions may run in
    autocommit (:func:`session_factory`): a one-statement read costs one round trip, not
    three (BEGIN, the read, ROLLBACK; issue 14). Same pool size and ``search_path`` as
    :func:`create_engine`; its connections are named ``healthmed-<schema>-leitura`` in
    ``pg_stat_activity`` and Performance Insights. Without replicas it is a second pool on the
    primary, opened only as reads need it.
    """
    extra = {
        "default_transaction_read_only": "on",
        "application_name": f"healthmed-{schema}-leitura",
    }
    if not settings.database_url_leitura:
        return _engine(
            _primaria(settings),
            settings,
            schema=schema,
            connect_args={"server_settings": _server_settings(schema, extra)},
        )
    replicas = Replicas(settings.database_url_leitura, _server_settings(schema, extra))
    return _engine(
        "postgresql+asyncpg://", settings, schema=schema, async_creator=replicas.conectar
    )


def _server_settings(schema: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"search_path": f"{schema},public", "timezone": "UTC", **(extra or {})}


def _engine(url: str, settings: Settings, *, schema: str, **kw: Any) -> AsyncEngine:
    kw.setdefault("connect_args", {"server_settings": _server_settings(schema)})
    engine = create_async_engine(
        async_url(url),
        # The process's connections are split: SQLAlchemy's pool for sessions, the rest for
        # the one-statement work of :func:`direto` (:class:`ConexoesDiretas`).
        pool_size=settings.db_pool_size - settings.db_pool_direto,
        max_overflow=settings.db_max_overflow,
        # No pre-ping: measured under load (docs/capacity.md), it was half of all round trips
        # to the database (BEGIN, ping, ROLLBACK on every checkout). A connection lost to a
        # restart or failover fails its one request with a 503, and the disconnect invalidates
        # the whole pool, so the next request reconnects (tests/faults/test_banco_reinicia.py).
        pool_pre_ping=False,
        pool_recycle=_RECICLAR_S,
        **kw,
    )
    if settings.db_pool_direto > 0:
        # Its connections come from a twin engine without a pool: the same URL, settings,
        # codecs and creator (the replicas'), opened on demand and then detached.
        gemeo = create_async_engine(async_url(url), poolclass=NullPool, **kw)
        _DIRETAS[engine.sync_engine.pool] = ConexoesDiretas(
            functools.partial(_abrir_direta, gemeo),
            tamanho=settings.db_pool_direto,
            reciclar=_RECICLAR_S,
        )
    return engine


_RECICLAR_S = 1800.0
# Each engine's direct connections, by the pool its execution_options() copies share.
_DIRETAS: weakref.WeakKeyDictionary[Pool, ConexoesDiretas] = weakref.WeakKeyDictionary()


async def _abrir_direta(gemeo: AsyncEngine) -> asyncpg.Connection:
    proxy = await gemeo.raw_connection()
    driver: asyncpg.Connection = proxy.driver_connection
    await greenlet_spawn(proxy.detach)  # ours now: SQLAlchemy neither counts nor closes it
    return driver


def conexoes_diretas(engine: AsyncEngine) -> ConexoesDiretas | None:
    """The direct connections of ``engine`` (None when ``db_pool_direto`` is 0)."""
    return _DIRETAS.get(engine.sync_engine.pool)


async def encerrar(engine: AsyncEngine) -> None:
    """Close ``engine``'s connections, the direct ones too (instead of ``engine.dispose()``)."""
    diretas = _DIRETAS.pop(engine.sync_engine.pool, None)
    if diretas is not None:
        await diretas.fechar()
    await engine.dispose()


def session_factory(
    engine: AsyncEngine, *, autocommit: bool = False
) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit.

    ``autocommit``: every statement is its own transaction, with no BEGIN and ROLLBACK round
    trips around it (two of a one-statement read's three): for reads that need no snapshot
    across statements, and for a write only where one statement is the whole change and
    re-checks under lock what it was decided on (the booking's insert, consulta's
    ``reservar``).
    """
    if autocommit:
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
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


@contextlib.contextmanager
def traduzindo(**erros: Callable[[], Exception]) -> Iterator[None]:
    """Inside a repository: a constraint violation becomes the domain error named for its
    constraint (``with db.traduzindo(uq_consultas_horario_ativa=HorarioIndisponivel): ...``);
    any other database error passes unchanged. So the use cases see their rules' refusals,
    never the driver's exceptions."""
    try:
        yield
    except IntegrityError as exc:
        erro = erros.get(constraint_name(exc) or "")
        if erro is None:
            raise
        raise erro() from exc


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


TENTATIVAS = 5
T = TypeVar("T")


async def repetindo(transacao: Callable[[], Awaitable[T]], *, tentativas: int = TENTATIVAS) -> T:
    """Run a transaction again when PostgreSQL aborted it only because of a concurrent one
    (:func:`is_retryable`): two transactions inserting conflicting rows under an exclusion
    constraint may deadlock, and the one that is aborted must answer what a rerun decides (a
    409 after it sees the winner), not a 500. Up to ``tentativas`` runs in all."""
    for tentativa in range(1, tentativas + 1):
        try:
            return await transacao()
        except DBAPIError as exc:
            if tentativa == tentativas or not is_retryable(exc):
                raise
            _log.info("transação repetida após conflito concorrente (%s)", type(exc).__name__)
            # A random pause: the aborted ones rerun apart, after the winner committed, instead
            # of meeting again (five racing bookings of one patient deadlocked three times in a
            # row when rerun at once).
            await asyncio.sleep((10 + secrets.randbelow(40)) * tentativa / 1000)
    raise AssertionError("inalcançável")


def _sqlstate(exc: DBAPIError) -> str | None:
    orig = getattr(exc, "orig", None)
    cause = getattr(orig, "__cause__", None) or orig
    return getattr(cause, "sqlstate", None) or getattr(orig, "pgcode", None)


class Linha(tuple[Any, ...]):
    """A row fetched straight from asyncpg, read by attribute as SQLAlchemy's rows are (so one
    mapper serves both); a missing column is an ``AttributeError``, as there.

    Each shape of row (its column names, in order) gets its own subclass once, a named tuple
    whose attributes are index lookups in C: a row is a copy of the record's values, ~0.3 us
    for twenty columns (a namespace built from the record's items cost ~2 us, and a
    ``__getattr__`` over the record ~10 us, building and dropping an ``AttributeError`` per
    read: issue 14). A repeated column name reads the first one."""

    __slots__ = ()

    if TYPE_CHECKING:  # the columns, for the type checker only: no __getattr__ at run time

        def __getattr__(self, nome: str) -> Any: ...


def linhas(registros: Sequence[asyncpg.Record]) -> list[Linha]:
    """The records of one statement as :class:`Linha`."""
    if not registros:
        return []
    forma = _forma(tuple(registros[0].keys()))
    novo = tuple.__new__
    return [novo(forma, r) for r in registros]


@functools.lru_cache(maxsize=1024)
def _forma(colunas: tuple[str, ...]) -> type[Linha]:
    nomeadas = collections.namedtuple("Colunas", colunas, rename=True)  # type: ignore[misc]
    return type("Linha", (nomeadas, Linha), {"__slots__": ()})


_PARAMETRO = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def posicional(sql: str, params: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """A statement written with SQLAlchemy's ``:nome`` parameters as asyncpg's ``$1, $2...``
    and its arguments in that order, for :func:`direto` (a cast ``::tipo`` is not a parameter).
    """
    texto, nomes = _posicional(sql)
    return texto, [params[nome] for nome in nomes]


@functools.lru_cache(maxsize=256)
def _posicional(sql: str) -> tuple[str, tuple[str, ...]]:
    nomes: list[str] = []

    def trocar(achado: re.Match[str]) -> str:
        nome = achado.group(1)
        if nome not in nomes:
            nomes.append(nome)
        return f"${nomes.index(nome) + 1}"

    return _PARAMETRO.sub(trocar, sql), tuple(nomes)


async def direto(session: AsyncSession, sql: str, *args: Any) -> list[Linha]:
    """Run one statement written in SQL (``$1``, ``$2``...) straight on the asyncpg connection
    under ``session``, inside the session's transaction, and return its rows.

    For the few statements on the hottest paths only (the booking, the listing, the search):
    SQLAlchemy spends ~0.1-0.2 ms of Python per statement (cache key, execution context, result
    processing), as much as the rest of a booking's statement work (bench/custo.py, issue 14).
    The transaction stays the session's: begun here when nothing ran on it yet (SQLAlchemy's
    asyncpg adapter begins at its first statement), committed or rolled back by the unit of
    work. On an autocommit session (:func:`session_factory`) where nothing ran yet, there is no
    transaction to share: the statement runs on a connection borrowed from the pool for it
    alone (:func:`_avulso`), and the session is never opened. asyncpg keeps the prepared
    statement per connection. PostgreSQL's refusals come as SQLAlchemy's exceptions
    (``IntegrityError``, ``DBAPIError``), so that callers handle both paths alike
    (:func:`is_unique_violation`, :func:`is_retryable`)."""
    engine = _autocommit(session)
    if engine is not None and not session.in_transaction():
        return await _avulso(engine, sql, *args)
    conexao = await session.connection()
    bruta = await conexao.get_raw_connection()
    adaptada = bruta.dbapi_connection
    # The adapter's own begin, so that its commit and rollback end this transaction; private
    # to SQLAlchemy's dialect, pinned in uv.lock and covered by the tests of every caller.
    if adaptada._transaction is None:  # type: ignore[union-attr]
        await adaptada._start_transaction()  # type: ignore[union-attr]
    driver: asyncpg.Connection = bruta.driver_connection
    return await _buscar(driver, sql, args)


def _autocommit(session: AsyncSession) -> AsyncEngine | None:
    """The session's engine when its statements run in autocommit (else None)."""
    bind = session.bind
    if (
        isinstance(bind, AsyncEngine)
        and bind.get_execution_options().get("isolation_level") == "AUTOCOMMIT"
    ):
        return bind
    return None


async def _avulso(engine: AsyncEngine, sql: str, *args: Any) -> list[Linha]:
    """One statement outside any session, on one of ``engine``'s direct connections
    (:class:`ConexoesDiretas`): taken, the statement, given back; without the session's
    machinery (its transaction object, the ``Connection``, the rollback at the end) nor the
    pool's (greenlets, events), ~0.2 ms of Python per statement together (issue 14).

    A connection the server or the network dropped (a restart, a failover) is discarded with
    the idle ones, which are likely gone too: the next statement opens a new one instead of
    each failing one request (tests/faults). One interrupted mid-statement (the request was
    cancelled) is closed, never reused."""
    diretas = _DIRETAS.get(engine.sync_engine.pool)
    if diretas is None:
        return await _pelo_pool(engine, sql, args)
    driver = await diretas.tomar()
    try:
        registros = await driver.fetch(sql, *args)
    except asyncpg.PostgresError as exc:  # answered by the server: the connection is as it was
        diretas.devolver(driver)
        raise _erro(sql, args, exc, driver) from exc
    except BaseException as exc:
        diretas.descartar(driver, perdida=driver.is_closed())
        if isinstance(exc, asyncpg.InterfaceError | OSError):
            raise _erro(sql, args, exc, driver) from exc
        raise
    diretas.devolver(driver)
    return linhas(registros)


async def _pelo_pool(engine: AsyncEngine, sql: str, args: tuple[Any, ...]) -> list[Linha]:
    """:func:`_avulso` without direct connections: a checkout from SQLAlchemy's pool."""
    proxy = await engine.raw_connection()
    driver: asyncpg.Connection = proxy.driver_connection
    try:
        return await _buscar(driver, sql, args)
    except DBAPIError:
        if driver.is_closed():
            # The pool's own invalidation (private, as in direto above): what
            # Connection._handle_dbapi_exception calls on a disconnect.
            engine.sync_engine.pool._invalidate(proxy)  # type: ignore[attr-defined]
        raise
    finally:
        await greenlet_spawn(proxy.close)


async def _buscar(driver: asyncpg.Connection, sql: str, args: tuple[Any, ...]) -> list[Linha]:
    try:
        registros = await driver.fetch(sql, *args)
    except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
        raise _erro(sql, args, exc, driver) from exc
    return linhas(registros)


def _erro(
    sql: str, args: tuple[Any, ...], exc: BaseException, driver: asyncpg.Connection
) -> DBAPIError:
    """The driver's error as SQLAlchemy's, as its own statements raise them."""
    if isinstance(exc, asyncpg.IntegrityConstraintViolationError):
        return IntegrityError(sql, args, exc)
    return DBAPIError(sql, args, exc, connection_invalidated=driver.is_closed())


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
        sessao = self.session
        if not sessao.in_transaction() and not sessao.sync_session.identity_map:
            # Nothing ran on it (only direct statements, or none) or it committed with nothing
            # loaded: no transaction to end, no connection to give back, nothing to forget.
            # The rollback and close would still cost two greenlets (issue 14).
            return
        try:
            await sessao.rollback()
        finally:
            await sessao.close()

    async def commit(self) -> None:
        """Make the transaction's writes durable."""
        sessao = self.session
        if not sessao.in_transaction() and not (sessao.new or sessao.dirty or sessao.deleted):
            return  # nothing begun, nothing to flush: a commit would cost a greenlet for nothing
        await sessao.commit()

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
