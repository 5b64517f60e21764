"""The built-in video room (local and compose profiles): plain WebRTC between the two browsers.

The server keeps no media: it only relays the signaling (SDP offers and answers, ICE
candidates) between the two participants of an appointment, over an authenticated WebSocket;
the browsers then talk to each other directly (or through the TURN server of the settings).

:class:`HubDeSinalizacao` keeps the signaling rooms in this process (a dict of rooms): enough
for one copy of the service in one process only, since with several processes
(``HEALTHMED_WORKERS`` > 1) or replicas the doctor and the patient may land on different copies,
which would never see each other. The default relay is therefore the PostgreSQL one
(``adapters/sinalizacao_pg.py``: LISTEN/NOTIFY and a heartbeat table, shared by every copy);
this one is chosen with ``HEALTHMED_SINALIZACAO=memoria``.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from services.consulta.domain.consulta import Papel
from services.consulta.domain.teleconsulta import Provedor, Sala
from services.consulta.ports import Conexao, Ingresso

_log = logging.getLogger("healthmed.consulta.sala")


def url_de_sinalizacao(origem: str, consulta_id: uuid.UUID) -> str:
    """The WebSocket URL of an appointment's signaling (``ws://`` or ``wss://``)."""
    base = origem.rstrip("/")
    if base.startswith("https://"):
        base = "wss://" + base.removeprefix("https://")
    elif base.startswith("http://"):
        base = "ws://" + base.removeprefix("http://")
    return f"{base}/api/consultas/{consulta_id}/sala/sinalizacao"


class ReunioesWebRTC:
    """The meeting provider of the built-in room: the room is the appointment itself."""

    provedor: Provedor = "webrtc"

    def __init__(self, *, origem: str, ice_servers: list[dict[str, Any]]) -> None:
        self.origem = origem
        self.ice_servers = ice_servers

    async def criar(self, consulta_id: uuid.UUID, geracao: int) -> dict[str, Any] | None:
        """Nothing to create: the room exists as soon as someone connects."""
        return None

    async def ingressar(self, sala: Sala, *, usuario_id: uuid.UUID, papel: Papel) -> Ingresso:
        """The room id, the ICE servers and where to connect for signaling."""
        dados = {
            "sala_id": str(sala.consulta_id),
            "ice_servers": self.ice_servers,
            "sinalizacao_url": url_de_sinalizacao(self.origem, sala.consulta_id),
        }
        return Ingresso(dados=dados, geracao=sala.geracao)


class HubDeSinalizacao:
    """In-process signaling rooms: appointment id -> the connection of each participant.

    Single event loop, no ``await`` between a check and its change: no lock is needed. One
    process only: see the module docstring.
    """

    def __init__(self) -> None:
        self._salas: dict[uuid.UUID, dict[Papel, Conexao]] = {}

    async def entrar(
        self, consulta_id: uuid.UUID, papel: Papel, conexao: Conexao
    ) -> set[Papel] | None:
        """Admit a participant: who else was there; None when already connected."""
        sala = self._salas.setdefault(consulta_id, {})
        if papel in sala:
            return None
        outros = set(sala)
        sala[papel] = conexao
        return outros

    async def sair(self, consulta_id: uuid.UUID, papel: Papel, conexao: Conexao) -> None:
        """Forget a participant's connection (only that one), and the room once empty."""
        sala = self._salas.get(consulta_id)
        if sala is None or sala.get(papel) is not conexao:
            return
        del sala[papel]
        if not sala:
            del self._salas[consulta_id]

    async def presentes(self, consulta_id: uuid.UUID) -> set[Papel]:
        """Who is connected to an appointment's room now."""
        return set(self._salas.get(consulta_id, {}))

    async def enviar(self, consulta_id: uuid.UUID, papel: Papel, mensagem: dict[str, Any]) -> bool:
        """Send to one participant; False when not connected (or the connection just died)."""
        conexao = self._salas.get(consulta_id, {}).get(papel)
        if conexao is None:
            return False
        try:
            await conexao.send_json(mensagem)
        except Exception as exc:  # a dying connection; its own session cleans it up
            _log.info("falha ao repassar sinalização: %s", type(exc).__name__)
            return False
        return True
