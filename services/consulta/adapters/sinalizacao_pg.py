"""The built-in room's signaling across processes and replicas, through PostgreSQL.

Every copy of the consulta service shares the database, so the rooms live there:

- **who is connected**: a row per participant in ``conexoes_sala`` (primary key: appointment and
  role), kept alive by a heartbeat every ``batida`` seconds from the process holding the
  WebSocket; a row whose heartbeat is older than ``validade`` seconds counts as gone (its process
  died without saying so) and is replaced by the next connection of that participant. So a
  third connection is refused whichever process it reaches, and "the doctor has joined" is seen
  from any process.
- **the messages**: a message for a participant held by another process is a row of
  ``mensagens_sala``; ``NOTIFY`` on the room's channel carries only its seq and recipient (a
  notification holds at most 8000 bytes, an SDP offer may not fit). Every process with someone
  in the room ``LISTEN``\\s on its channel; the one holding the recipient takes the row
  (``delete ... returning``) and forwards it to its WebSocket, in arrival order. Rows nobody took
  are removed after a minute.

``LISTEN`` needs one long-lived connection of its own (a pooled connection goes back to the
pool): a dedicated asyncpg connection, reopened by the heartbeat if it drops (the rooms' channels
are listened to again). The rest of the SQL runs through the service's SQLAlchemy sessions.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid
from typing import Any

import asyncpg
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from libs import errors
from libs.db import async_url
from services.consulta.domain.consulta import Papel
from services.consulta.ports import Conexao

_log = logging.getLogger("healthmed.consulta.sala")

# Messages nobody took (their recipient left meanwhile) are removed after this long.
_MENSAGEM_ORFA_SEGUNDOS = 60


def _canal(consulta_id: uuid.UUID) -> str:
    return f"sala_{consulta_id.hex}"


def _dsn(database_url: str) -> str:
    """asyncpg's own DSN (no SQLAlchemy driver suffix)."""
    return async_url(database_url).replace("postgresql+asyncpg://", "postgresql://", 1)


class HubPostgres:
    """Signaling rooms shared by every process through PostgreSQL (see the module docstring).

    ``iniciar`` opens the LISTEN connection and starts the heartbeat; ``fechar`` stops both
    (without removing this process's rows: the WebSocket sessions remove their own as they end,
    and the heartbeat timeout covers a process that stops without ending them).
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        database_url: str,
        *,
        batida: float = 5.0,
        validade: float = 15.0,
    ) -> None:
        self._sessions = sessions
        self._dsn = _dsn(database_url)
        self._batida = batida
        self._validade = validade
        self._processo = uuid.uuid4()
        # The connections held by this process: (appointment, role) -> (connection, its id).
        self._locais: dict[tuple[uuid.UUID, Papel], tuple[Conexao, uuid.UUID]] = {}
        self._ouvindo: set[uuid.UUID] = set()
        self._escuta: asyncpg.Connection | None = None
        self._trava = asyncio.Lock()  # one LISTEN/UNLISTEN/connect at a time on that connection
        self._fila: asyncio.Queue[tuple[uuid.UUID, int, Papel]] = asyncio.Queue()
        self._tarefas: list[asyncio.Task[None]] = []
        self._fechado = False

    # Lifecycle ---------------------------------------------------------------------------------

    async def iniciar(self) -> None:
        """Open the LISTEN connection and start the heartbeat and the delivery of messages."""
        await self._conectar()
        self._tarefas = [
            asyncio.create_task(self._bater(), name="sinalizacao-batida"),
            asyncio.create_task(self._entregar(), name="sinalizacao-entrega"),
        ]

    async def fechar(self) -> None:
        """Stop the heartbeat and close the LISTEN connection."""
        self._fechado = True
        for tarefa in self._tarefas:
            tarefa.cancel()
        for tarefa in self._tarefas:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await tarefa
        async with self._trava:
            if self._escuta is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(self._escuta.close(), 5)
                self._escuta = None

    async def _conectar(self) -> None:
        """(Re)open the LISTEN connection and listen to every room held here."""
        async with self._trava:
            if self._escuta is not None and not self._escuta.is_closed():
                return
            if self._escuta is not None:
                self._escuta.terminate()
                self._escuta = None
            conexao = await asyncpg.connect(self._dsn, timeout=10)
            for consulta_id in list(self._ouvindo):
                await conexao.add_listener(_canal(consulta_id), self._notificado)
            self._escuta = conexao

    async def _ouvir(self, consulta_id: uuid.UUID) -> None:
        async with self._trava:
            if consulta_id in self._ouvindo:
                return
            self._ouvindo.add(consulta_id)
            if self._escuta is None or self._escuta.is_closed():
                raise errors.ServicoIndisponivel("A sala de vídeo está indisponível no momento")
            await self._escuta.add_listener(_canal(consulta_id), self._notificado)

    async def _parar_de_ouvir(self, consulta_id: uuid.UUID) -> None:
        async with self._trava:
            if any(cid == consulta_id for cid, _ in self._locais):
                return
            self._ouvindo.discard(consulta_id)
            if self._escuta is not None and not self._escuta.is_closed():
                with contextlib.suppress(Exception):
                    await self._escuta.remove_listener(_canal(consulta_id), self._notificado)

    # The port ----------------------------------------------------------------------------------

    async def entrar(
        self, consulta_id: uuid.UUID, papel: Papel, conexao: Conexao
    ) -> set[Papel] | None:
        """Admit a participant (None when already connected, in any process); the others
        present at that moment. Entries into one room are serialised (an advisory lock), so of
        two participants arriving together exactly one sees the other."""
        if (consulta_id, papel) in self._locais:
            return None
        conexao_id = uuid.uuid4()
        # Listening and known here before the row exists: a message sent as soon as the other
        # side sees the row is delivered.
        self._locais[(consulta_id, papel)] = (conexao, conexao_id)
        try:
            await self._ouvir(consulta_id)
            async with self._sessions() as s, s.begin():
                await s.execute(
                    text("select pg_advisory_xact_lock(hashtextextended(:c, 0))"),
                    {"c": str(consulta_id)},
                )
                await s.execute(
                    text(
                        "delete from conexoes_sala where consulta_id = :c and papel = :p"
                        " and batida_em < now() - make_interval(secs => :v)"
                    ),
                    {"c": consulta_id, "p": papel, "v": float(self._validade)},
                )
                admitido = (
                    await s.execute(
                        text(
                            "insert into conexoes_sala (consulta_id, papel, conexao_id, processo)"
                            " values (:c, :p, :id, :proc) on conflict do nothing"
                            " returning conexao_id"
                        ),
                        {"c": consulta_id, "p": papel, "id": conexao_id, "proc": self._processo},
                    )
                ).scalar_one_or_none()
                outros = await self._presentes(s, consulta_id)
        except BaseException:
            self._locais.pop((consulta_id, papel), None)
            await self._parar_de_ouvir(consulta_id)
            raise
        if admitido is None:
            self._locais.pop((consulta_id, papel), None)
            await self._parar_de_ouvir(consulta_id)
            return None
        return outros - {papel}

    async def sair(self, consulta_id: uuid.UUID, papel: Papel, conexao: Conexao) -> None:
        """Forget a participant's connection (only that one)."""
        local = self._locais.get((consulta_id, papel))
        if local is None or local[0] is not conexao:
            return
        del self._locais[(consulta_id, papel)]
        await self._parar_de_ouvir(consulta_id)
        try:
            async with self._sessions() as s, s.begin():
                await s.execute(
                    text("delete from conexoes_sala where conexao_id = :id"), {"id": local[1]}
                )
        except Exception as exc:  # the heartbeat timeout frees the place anyway
            _log.warning("falha ao registrar saída da sinalização: %s", type(exc).__name__)

    async def presentes(self, consulta_id: uuid.UUID) -> set[Papel]:
        """Who is connected to an appointment's room now, in any process."""
        async with self._sessions() as s:
            return await self._presentes(s, consulta_id)

    async def _presentes(self, s: AsyncSession, consulta_id: uuid.UUID) -> set[Papel]:
        linhas = await s.execute(
            text(
                "select papel from conexoes_sala where consulta_id = :c"
                " and batida_em >= now() - make_interval(secs => :v)"
            ),
            {"c": consulta_id, "v": float(self._validade)},
        )
        return {linha[0] for linha in linhas}

    async def enviar(self, consulta_id: uuid.UUID, papel: Papel, mensagem: dict[str, Any]) -> bool:
        """Send to one participant, wherever connected; False when not connected."""
        local = self._locais.get((consulta_id, papel))
        if local is not None:
            return await _enviar_local(local[0], mensagem)
        if self._fechado:
            return False
        remetente: Papel = "paciente" if papel == "medico" else "medico"
        try:
            async with self._sessions() as s, s.begin():
                seq = (
                    await s.execute(
                        text(
                            "insert into mensagens_sala"
                            " (consulta_id, remetente, destinatario, corpo)"
                            " select cast(:c as uuid), cast(:r as text), cast(:p as text),"
                            " cast(:corpo as jsonb)"
                            " where exists (select 1 from conexoes_sala where consulta_id = :c"
                            " and papel = :p and batida_em >= now() - make_interval(secs => :v))"
                            " returning seq"
                        ),
                        {
                            "c": consulta_id,
                            "r": remetente,
                            "p": papel,
                            "corpo": json.dumps(mensagem),
                            "v": float(self._validade),
                        },
                    )
                ).scalar_one_or_none()
                if seq is None:
                    return False
                await s.execute(
                    text("select pg_notify(:canal, :aviso)"),
                    {
                        "canal": _canal(consulta_id),
                        "aviso": json.dumps({"seq": seq, "para": papel}),
                    },
                )
        except Exception as exc:
            _log.warning("falha ao repassar sinalização: %s", type(exc).__name__)
            return False
        return True

    # Background -------------------------------------------------------------------------------

    def _notificado(self, _conn: Any, _pid: int, canal: str, aviso: str) -> None:
        """asyncpg's listener callback (synchronous): queue, to deliver in arrival order."""
        try:
            dados = json.loads(aviso)
            consulta_id = uuid.UUID(hex=canal.removeprefix("sala_"))
            seq, papel = int(dados["seq"]), dados["para"]
        except (ValueError, KeyError, TypeError):
            return
        if papel in ("medico", "paciente") and (consulta_id, papel) in self._locais:
            self._fila.put_nowait((consulta_id, seq, papel))

    async def _entregar(self) -> None:
        """Take each notified message held for a participant of this process and forward it."""
        while True:
            consulta_id, seq, papel = await self._fila.get()
            local = self._locais.get((consulta_id, papel))
            if local is None:
                continue
            try:
                async with self._sessions() as s, s.begin():
                    corpo = (
                        await s.execute(
                            text("delete from mensagens_sala where seq = :seq returning corpo"),
                            {"seq": seq},
                        )
                    ).scalar_one_or_none()
            except Exception as exc:
                _log.warning("falha ao ler sinalização: %s", type(exc).__name__)
                continue
            if isinstance(corpo, str):
                corpo = json.loads(corpo)
            if isinstance(corpo, dict):
                await _enviar_local(local[0], corpo)

    async def _bater(self) -> None:
        """Every ``batida`` seconds: refresh this process's rows, reopen LISTEN if it dropped,
        remove messages nobody took."""
        while True:
            await asyncio.sleep(self._batida)
            try:
                if self._escuta is None or self._escuta.is_closed():
                    await self._conectar()
                ids = [conexao_id for _, conexao_id in self._locais.values()]
                async with self._sessions() as s, s.begin():
                    if ids:
                        await s.execute(
                            text(
                                "update conexoes_sala set batida_em = now()"
                                " where conexao_id = any(:ids)"
                            ),
                            {"ids": ids},
                        )
                    await s.execute(
                        text(
                            "delete from mensagens_sala"
                            " where criada_em < now() - make_interval(secs => :v)"
                        ),
                        {"v": float(_MENSAGEM_ORFA_SEGUNDOS)},
                    )
            except Exception as exc:  # the database is away: try again at the next beat
                _log.warning("falha no heartbeat da sinalização: %s", type(exc).__name__)


async def _enviar_local(conexao: Conexao, mensagem: dict[str, Any]) -> bool:
    try:
        await conexao.send_json(mensagem)
    except Exception as exc:  # a dying connection; its own session cleans it up
        _log.info("falha ao repassar sinalização: %s", type(exc).__name__)
        return False
    return True
