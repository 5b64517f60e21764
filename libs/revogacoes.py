"""Session revocations announced by the auth service through PostgreSQL ``NOTIFY``.

Every service shares one PostgreSQL cluster. Where the auth service ends a session (logout,
refresh-token reuse, password reset, refusal by the identity provider) it runs
``pg_notify('healthmed_sessoes', <session id>)`` in the same transaction: PostgreSQL delivers it
at commit, and only then (a rolled-back revocation announces nothing).

Each process keeps one :class:`OuvinteRevogacoes`, shared by every service app it hosts
(:func:`ouvinte_do_processo`): a dedicated asyncpg connection (``LISTEN`` needs one of its own; a
pooled connection goes back to the pool) that remembers every announced session as revoked for as
long as an access token can live; the session cache reads it before answering from memory.
Shared, so that where auth runs in the same process as the other services (the local profile),
the auth service's wait for its own announcement (:meth:`OuvinteRevogacoes.aguardar`) means every
service there already knows.

The cache answers "alive" from memory only while this listener is connected and has been since
the entry was stored (:attr:`OuvinteRevogacoes.epoca`): a notification lost while disconnected
can then never be covered by a stale entry. On a disconnect the cache is cleared and every
request asks the auth service again, until the listener has reconnected (with backoff). A
heartbeat (``select 1`` on that connection) detects a connection that died silently.

A connection that outlives the request that authenticated it (the video room's WebSocket) is
watched through :class:`VigiaDeSessoes`: it wakes as soon as the session's revocation is heard
here, so a logout ends the connection at once, in any process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import asyncpg

from libs.db import asyncpg_dsn
from libs.tokens import TokenVerifier

CANAL = "healthmed_sessoes"
_log = logging.getLogger("healthmed.revogacoes")


# How the listener's connection is named in ``pg_stat_activity``.
APPLICATION_NAME = "healthmed-revogacoes"

# The listener of each process (per database and event loop), and how many apps use it. Empty
# until an app starts: the first app's lifespan opens it, the last one's closes it.
_DO_PROCESSO: dict[tuple[str, int], tuple[OuvinteRevogacoes, list[int]]] = {}


async def ouvinte_do_processo(database_url: str) -> OuvinteRevogacoes:
    """The process's listener, started by the first caller; give it back with :func:`liberar`."""
    chave = (asyncpg_dsn(database_url), id(asyncio.get_running_loop()))
    entrada = _DO_PROCESSO.get(chave)
    if entrada is None:
        entrada = (OuvinteRevogacoes(database_url), [0])
        _DO_PROCESSO[chave] = entrada
        entrada[1][0] += 1
        await entrada[0].iniciar()
    else:
        entrada[1][0] += 1
    return entrada[0]


async def liberar(ouvinte: OuvinteRevogacoes) -> None:
    """One app less uses the listener; the last one closes it."""
    for chave, (atual, usos) in list(_DO_PROCESSO.items()):
        if atual is ouvinte:
            usos[0] -= 1
            if usos[0] <= 0:
                del _DO_PROCESSO[chave]
                await ouvinte.fechar()
            return


class OuvinteRevogacoes:
    """Listens to ``healthmed_sessoes`` and remembers revoked sessions (see the module docstring).

    ``lembrar`` is how long a revocation is remembered (the longest life of an access token);
    at most ``maximo`` are kept (the oldest go first; a forgotten one is asked to auth again,
    since the cache then no longer holds it either)."""

    def __init__(
        self,
        database_url: str,
        *,
        batida: float = 2.0,
        lembrar: float = 900.0,
        maximo: int = 100_000,
        espera_maxima: float = 30.0,
    ) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._batida = batida
        self._lembrar = lembrar
        self._maximo = maximo
        self._espera_maxima = espera_maxima
        self._conexao: asyncpg.Connection | None = None
        self._epoca = 0  # one more at every (re)connection
        self._conectado = False
        self._revogadas: OrderedDict[uuid.UUID, float] = OrderedDict()
        self._avisos: list[asyncio.Event] = []  # woken at every revocation heard
        self._caiu = asyncio.Event()  # wakes the heartbeat to reconnect at once
        self._tarefa: asyncio.Task[None] | None = None
        self._trava = asyncio.Lock()

    # What the session cache reads -------------------------------------------------------------

    @property
    def epoca(self) -> int | None:
        """The current connection's number, None while disconnected: an entry stored under
        one number may be trusted only while the number stays the same."""
        return self._epoca if self._conectado else None

    def revogada(self, sessao_id: uuid.UUID) -> bool:
        """Whether a revocation of this session was heard (and not forgotten yet)."""
        ate = self._revogadas.get(sessao_id)
        if ate is None:
            return False
        if ate < time.monotonic():
            del self._revogadas[sessao_id]
            return False
        return True

    async def aguardar(self, sessoes: Iterable[uuid.UUID], limite: float = 2.0) -> bool:
        """Wait (at most ``limite`` seconds) until every one of these revocations was heard
        here; False on timeout or while disconnected. The auth service calls it after
        committing a revocation, so its answer leaves once the announcement is out."""
        pendentes = set(sessoes)
        fim = time.monotonic() + limite
        while pendentes and self._conectado:
            pendentes = {s for s in pendentes if not self.revogada(s)}
            restante = fim - time.monotonic()
            if not pendentes or restante <= 0:
                break
            aviso = asyncio.Event()
            self._avisos.append(aviso)
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(aviso.wait(), restante)
            finally:
                self._avisos.remove(aviso)
        return not pendentes

    # Lifecycle ---------------------------------------------------------------------------------

    async def iniciar(self) -> None:
        """Try to connect once (a failure only logs: the cache then asks auth every time) and
        start the heartbeat, which reconnects."""
        try:
            await self._conectar()
        except Exception as exc:
            _log.warning("ouvinte de revogações sem conexão: %s", type(exc).__name__)
        self._tarefa = asyncio.create_task(self._manter(), name="revogacoes-batida")

    async def fechar(self) -> None:
        """Stop the heartbeat and close the connection."""
        if self._tarefa is not None:
            self._tarefa.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._tarefa
        self._cair()
        async with self._trava:
            conexao, self._conexao = self._conexao, None
            if conexao is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(conexao.close(), 5)

    async def _conectar(self) -> None:
        async with self._trava:
            if self._conexao is not None:
                self._conexao.terminate()
                self._conexao = None
            conexao = await asyncpg.connect(
                self._dsn, timeout=10, server_settings={"application_name": APPLICATION_NAME}
            )
            try:
                # Once LISTEN returns, every revocation committed afterwards reaches us.
                await conexao.add_listener(CANAL, self._notificado)
            except BaseException:
                conexao.terminate()
                raise
            conexao.add_termination_listener(self._terminada)
            self._conexao = conexao
            self._epoca += 1
            self._conectado = True

    def _cair(self) -> None:
        """The connection is gone (or not to be trusted): nothing cached may be answered."""
        if not self._conectado:
            return
        self._conectado = False  # the caches see epoca None, and then a new one: they clear
        self._caiu.set()
        for aviso in self._avisos:
            aviso.set()

    def _terminada(self, conexao: Any) -> None:
        """asyncpg's termination callback: the server or the network closed the connection."""
        if conexao is self._conexao:
            _log.warning("ouvinte de revogações perdeu a conexão")
            self._cair()

    async def _manter(self) -> None:
        """Heartbeat while connected; reconnect with backoff while not."""
        espera = 0.1
        while True:
            conexao = self._conexao
            if self._conectado and conexao is not None and not conexao.is_closed():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._caiu.wait(), self._batida)
                if not self._conectado:
                    continue
                try:
                    await asyncio.wait_for(conexao.fetchval("select 1"), self._batida)
                    continue
                except Exception as exc:  # dead, even if the socket never said so
                    _log.warning("heartbeat do ouvinte de revogações: %s", type(exc).__name__)
                    self._cair()
                    conexao.terminate()
            self._cair()
            self._caiu.clear()
            try:
                await self._conectar()
                _log.info("ouvinte de revogações reconectado")
                espera = 0.1
            except Exception as exc:
                _log.warning("ouvinte de revogações sem conexão: %s", type(exc).__name__)
                await asyncio.sleep(espera)
                espera = min(espera * 2, self._espera_maxima)

    def _notificado(self, _conexao: Any, _pid: int, _canal: str, aviso: str) -> None:
        """asyncpg's listener callback: remember the session as revoked."""
        try:
            sessao_id = uuid.UUID(aviso)
        except ValueError:
            return
        self._revogadas[sessao_id] = time.monotonic() + self._lembrar
        self._revogadas.move_to_end(sessao_id)
        while len(self._revogadas) > self._maximo:
            self._revogadas.popitem(last=False)
        for evento in self._avisos:
            evento.set()


class VigiaDeSessoes:
    """For connections that outlive their authentication (a WebSocket): whether a session is
    still alive, and a wait that returns as soon as its revocation may have happened.

    With the listener connected, the wait wakes when the announcement of this session arrives
    (or the listener loses its connection, since an announcement may then be lost: the caller
    asks again); without a listener (the session cache off) or while it is disconnected, the
    wait is just the time given, and the caller's periodic question to auth is the only way to
    learn of a logout."""

    def __init__(self, verifier: TokenVerifier, revogacoes: OuvinteRevogacoes | None) -> None:
        self._verifier = verifier
        self._revogacoes = revogacoes

    async def viva(self, sessao_id: uuid.UUID) -> bool:
        """Whether the session has not ended (a revocation heard answers at once)."""
        return await self._verifier.sessao_viva(sessao_id)

    async def aguardar_fim(self, sessao_id: uuid.UUID, limite: float) -> None:
        """Return when this session's revocation is heard, when the listener drops, or after
        ``limite`` seconds, whichever comes first."""
        ouvinte = self._revogacoes
        if ouvinte is None or ouvinte.epoca is None:
            await asyncio.sleep(limite)
            return
        await ouvinte.aguardar([sessao_id], limite)
