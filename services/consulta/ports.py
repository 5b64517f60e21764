"""The ports of the agenda: everything its use cases (``service/``) reach outside plain Python.

- the unit of work (:class:`UnitOfWork`) and its repositories, one per noun: PostgreSQL in every
  profile (``adapters/uow.py``), an in-memory fake in the unit tests (``tests/unit/falsos.py``);
- the other services (:class:`Diretorio`, :class:`Publicacao`, :class:`Correio`): HTTP
  (``adapters/servicos.py``);
- the video room (:class:`Reunioes`, :class:`Salas`, :class:`Sinalizacao`, :class:`Sessoes`):
  the built-in WebRTC room or Chime SDK, the rooms in PostgreSQL or DynamoDB.

Adapters are chosen in ``app.py`` only. The methods' contracts are documented on the adapters,
which the API tests drive against a real PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from libs import portas
from services.consulta.domain.agenda import Horario, Intervalo
from services.consulta.domain.avaliacoes import AvaliacaoPublica
from services.consulta.domain.bloqueio import PeriodoBloqueado
from services.consulta.domain.calendario import Assinatura, JanelaDaAssinatura
from services.consulta.domain.consulta import (
    Avaliacao,
    Comparecimento,
    Consulta,
    Mudanca,
    Papel,
    Status,
)
from services.consulta.domain.espera import PedidoDeAviso
from services.consulta.domain.historico import ConsultaNoHistorico
from services.consulta.domain.notificacoes import (
    Email,
    Evento,
    Notificacao,
    NotificacaoPendente,
)
from services.consulta.domain.pessoas import Medico, Paciente
from services.consulta.domain.teleconsulta import Consentimento, Presenca, Provedor, Sala

# The agenda's repositories ---------------------------------------------------------------------


class Horarios(Protocol):
    """A doctor's slots (the exclusion constraint refuses overlaps: :class:`HorarioSobreposto`)."""

    async def adicionar(
        self, medico_id: uuid.UUID, intervalos: Sequence[Intervalo]
    ) -> list[Horario]: ...
    async def travar(self, horario_id: uuid.UUID, medico_id: uuid.UUID) -> Horario | None: ...
    async def para_reservar(self, horario_id: uuid.UUID) -> Horario | None: ...
    async def get(self, horario_id: uuid.UUID) -> Horario | None: ...
    async def tem_consulta_ativa(self, horario_id: uuid.UUID) -> bool: ...
    async def alterar(self, horario_id: uuid.UUID, intervalo: Intervalo) -> None: ...
    async def remover(self, horario_id: uuid.UUID) -> None: ...
    async def travar_periodo(self, medico_id: uuid.UUID, periodo: Intervalo) -> list[Horario]: ...
    async def remover_varios(self, horario_ids: Sequence[uuid.UUID]) -> int: ...
    async def do_medico(self, medico_id: uuid.UUID, janela: Intervalo) -> list[Horario]: ...
    async def livres(self, medico_id: uuid.UUID, janela: Intervalo) -> list[Horario]: ...
    async def proximos_livres(
        self, desde: Mapping[uuid.UUID, datetime], *, so_tomados: Collection[uuid.UUID] = ()
    ) -> dict[uuid.UUID, datetime | None]: ...


class Consultas(Protocol):
    """Appointments: a booking is one insert (:class:`HorarioIndisponivel`,
    :class:`ConsultaSobreposta` when the database refuses it), every change one conditional
    update."""

    async def adicionar(
        self, consulta: Consulta, notificacoes: Sequence[Notificacao] = ()
    ) -> Consulta | None: ...
    async def get(self, consulta_id: uuid.UUID) -> Consulta | None: ...
    async def mudar(
        self, consulta_id: uuid.UUID, mudanca: Mudanca, agora: datetime
    ) -> Consulta | None: ...
    async def registrar_entrada(
        self, consulta_id: uuid.UUID, papel: Papel, agora: datetime
    ) -> None: ...
    async def corrigir_comparecimento(
        self, consulta_id: uuid.UUID, comparecimento: Comparecimento, agora: datetime
    ) -> Consulta | None: ...
    async def encerrar(self, consulta_id: uuid.UUID, agora: datetime) -> Consulta | None: ...
    async def futuras_ativas_do_paciente(
        self, paciente_id: uuid.UUID, agora: datetime
    ) -> list[Consulta]: ...
    async def listar(
        self,
        *,
        usuario_id: uuid.UUID,
        papel: Papel,
        status: Status | None,
        agora: datetime,
        pagina: int,
        por_pagina: int,
    ) -> tuple[list[Consulta], int]: ...
    async def da_assinatura(
        self, *, usuario_id: uuid.UUID, papel: Papel, janela: JanelaDaAssinatura
    ) -> list[Consulta]: ...


class Avaliacoes(Protocol):
    """Ratings, one per appointment (a second: :class:`ConsultaJaAvaliada`)."""

    async def adicionar(
        self, consulta_id: uuid.UUID, nota: int, comentario: str | None
    ) -> Avaliacao: ...
    async def do_medico(
        self, medico_id: uuid.UUID, *, pagina: int, por_pagina: int
    ) -> tuple[list[AvaliacaoPublica], int]: ...
    async def do_medico_para_mudar(
        self, consulta_id: uuid.UUID, medico_id: uuid.UUID
    ) -> tuple[bool, bool] | None: ...
    async def responder(self, consulta_id: uuid.UUID, texto: str, agora: datetime) -> None: ...
    async def denunciar(self, consulta_id: uuid.UUID, motivo: str, agora: datetime) -> None: ...


class Saida(Protocol):
    """The outbox towards the medico service."""

    async def proximo_horario(self, medico_id: uuid.UUID) -> None: ...
    async def avaliacao(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None: ...
    async def tomar(
        self, agora: datetime, *, medicos: Sequence[uuid.UUID] | None = None, limite: int = 100
    ) -> dict[uuid.UUID, list[tuple[str, dict[str, Any]]]]: ...
    async def adiar(self, medico_id: uuid.UUID, agora: datetime) -> None: ...
    async def enfileirar_vencidos(self, agora: datetime) -> int: ...


class Proximos(Protocol):
    """The next free slot last published for each doctor."""

    async def guardar(
        self, publicados: Mapping[uuid.UUID, tuple[datetime | None, datetime | None]]
    ) -> None: ...
    async def get(self, medico_id: uuid.UUID) -> datetime | None: ...


class Notificacoes(Protocol):
    """The outbox of e-mails."""

    async def adicionar(self, notificacoes: Sequence[Notificacao]) -> None: ...
    async def a_lembrar(
        self, evento: Evento, *, de: datetime, ate: datetime, limite: int = 200
    ) -> list[Consulta]: ...
    async def ausencias(
        self, *, de: datetime, ate: datetime, limite: int = 200
    ) -> list[Consulta]: ...
    async def pendentes(self, agora: datetime, limite: int = 50) -> list[NotificacaoPendente]: ...
    async def enviadas(self, para: Mapping[uuid.UUID, str], agora: datetime) -> None: ...
    async def descartar_pendentes_de(self, usuario_id: uuid.UUID) -> int: ...
    async def adiar(self, notificacao_ids: Sequence[uuid.UUID], agora: datetime) -> None: ...


class Assinaturas(Protocol):
    """Calendar subscriptions (only the token's keyed hash is kept)."""

    async def substituir(
        self, usuario_id: uuid.UUID, papel: Papel, token_hash: str
    ) -> Assinatura: ...
    async def da_pessoa(self, usuario_id: uuid.UUID) -> Assinatura | None: ...
    async def do_token(self, token_hash: str) -> Assinatura | None: ...
    async def revogar(self, usuario_id: uuid.UUID) -> None: ...


class Bloqueios(Protocol):
    """A doctor's blocked periods, and the lock that orders them against new slots."""

    async def travar_agenda(self, medico_id: uuid.UUID, *, exclusivo: bool) -> None: ...
    async def adicionar(self, medico_id: uuid.UUID, periodo: Intervalo) -> PeriodoBloqueado: ...
    async def do_medico(self, medico_id: uuid.UUID, desde: datetime) -> list[PeriodoBloqueado]: ...
    async def remover(self, bloqueio_id: uuid.UUID, medico_id: uuid.UUID) -> bool: ...


class PedidosDeAviso(Protocol):
    """The "Avise-me" requests of patients waiting for an earlier slot."""

    async def salvar(
        self, pedido: PedidoDeAviso, agora: datetime
    ) -> tuple[PedidoDeAviso, bool]: ...
    async def do_paciente(self, paciente_id: uuid.UUID, agora: datetime) -> list[PedidoDeAviso]: ...
    async def remover(self, pedido_id: uuid.UUID, paciente_id: uuid.UUID) -> bool: ...
    async def remover_do_paciente(self, paciente_id: uuid.UUID) -> int: ...
    async def travar_do_medico(
        self, medico_id: uuid.UUID, agora: datetime
    ) -> list[PedidoDeAviso]: ...
    async def consumir(
        self, pedido_ids: Sequence[uuid.UUID], agora: datetime
    ) -> set[uuid.UUID]: ...


class Historico(Protocol):
    """A patient's whole history, for the LGPD export."""

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[ConsultaNoHistorico]: ...


class Pessoas(Protocol):
    """The agenda's copies of doctors and patients (kept from their owners' events)."""

    async def medico(self, medico_id: uuid.UUID) -> Medico | None: ...
    async def medicos(self, medico_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Medico]: ...
    async def paciente(
        self, paciente_id: uuid.UUID, *, travar: bool = False
    ) -> Paciente | None: ...
    async def da_reserva(
        self, horario_id: uuid.UUID, paciente_id: uuid.UUID
    ) -> tuple[Horario, Medico, Paciente] | None: ...
    async def guardar_medico(self, medico: Medico, versao: int) -> None: ...
    async def guardar_paciente(self, paciente: Paciente, versao: int) -> None: ...
    async def encerrar_paciente(self, paciente_id: uuid.UUID) -> None: ...


class RegistrosDaTeleconsulta(Protocol):
    """The rooms kept in the consulta schema, consents and room stays."""

    async def sala(self, consulta_id: uuid.UUID) -> Sala | None: ...
    async def criar_sala(self, sala: Sala) -> bool: ...
    async def trocar_reuniao(self, sala: Sala) -> None: ...
    async def guardar_participante(
        self, consulta_id: uuid.UUID, geracao: int, usuario_id: uuid.UUID, dados: dict[str, Any]
    ) -> None: ...
    async def consentimento(self, paciente_id: uuid.UUID, versao: str) -> Consentimento | None: ...
    async def consentir(
        self, paciente_id: uuid.UUID, consulta_id: uuid.UUID, versao: str
    ) -> bool: ...
    async def entrou(
        self, consulta_id: uuid.UUID, usuario_id: uuid.UUID, papel: Papel, agora: datetime
    ) -> uuid.UUID: ...
    async def saiu(self, presenca_id: uuid.UUID, agora: datetime) -> None: ...
    async def presencas(self, consulta_id: uuid.UUID) -> list[Presenca]: ...


class UnitOfWork(portas.UnitOfWork, Protocol):
    """One transaction over the agenda (``async with``; nothing is kept without
    :meth:`commit`)."""

    @property
    def horarios(self) -> Horarios: ...
    @property
    def consultas(self) -> Consultas: ...
    @property
    def avaliacoes(self) -> Avaliacoes: ...
    @property
    def saida(self) -> Saida: ...
    @property
    def proximos(self) -> Proximos: ...
    @property
    def notificacoes(self) -> Notificacoes: ...
    @property
    def teleconsulta(self) -> RegistrosDaTeleconsulta: ...
    @property
    def assinaturas(self) -> Assinaturas: ...
    @property
    def pedidos_de_aviso(self) -> PedidosDeAviso: ...
    @property
    def bloqueios(self) -> Bloqueios: ...
    @property
    def historico(self) -> Historico: ...
    @property
    def pessoas(self) -> Pessoas: ...


# The other services ----------------------------------------------------------------------------


class Diretorio(Protocol):
    """Who the people are (the medico and paciente services)."""

    async def medico(self, medico_id: uuid.UUID) -> Medico | None: ...
    async def paciente(self, paciente_id: uuid.UUID) -> Paciente | None: ...


class Correio(Protocol):
    """Queues e-mails, all of them or (raising) none: one call per pass of the outbox."""

    async def enviar(self, emails: Sequence[Email]) -> None: ...


class Publicacao(Protocol):
    """What the medico service must learn from the agenda (both calls are idempotent)."""

    async def proximos_horarios(self, proximos: Mapping[uuid.UUID, datetime | None]) -> None: ...
    async def avaliacao(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None: ...


# The video room ------------------------------------------------------------------------------


@dataclass
class Ingresso:
    """What the provider answers when someone joins: the data the browser needs, and what
    changed and must be kept (a meeting created again, a new attendee)."""

    dados: dict[str, Any]
    geracao: int
    reuniao_nova: dict[str, Any] | None = None
    participante_novo: dict[str, Any] | None = None


class Reunioes(Protocol):
    """A video meeting provider."""

    provedor: Provedor

    async def criar(self, consulta_id: uuid.UUID, geracao: int) -> dict[str, Any] | None:
        """Create the meeting of an appointment (idempotent per ``geracao``); None when the
        provider keeps no meeting of its own."""
        ...

    async def ingressar(self, sala: Sala, *, usuario_id: uuid.UUID, papel: Papel) -> Ingresso:
        """Make sure the meeting is alive (creating it again if it expired) and give the
        caller their attendee (the same one every time)."""
        ...


class Salas(Protocol):
    """Where the rooms are kept, one per appointment."""

    async def sala(self, consulta_id: uuid.UUID) -> Sala | None:
        """The room of an appointment, if a link was asked for (as last written)."""
        ...

    async def criar(self, sala: Sala) -> tuple[Sala, bool]:
        """Keep a new room unless the appointment has one already: the room kept (the first
        one when two requests race) and whether this call created it."""
        ...

    async def guardar_ingresso(self, sala: Sala, usuario_id: uuid.UUID, ingresso: Ingresso) -> None:
        """Keep what changed when ``usuario_id`` joined: the meeting created again (only the
        first of two racing renewals of one generation writes; the old attendees go with the
        old meeting) and their new attendee (merged: never loses another's)."""
        ...


class Conexao(Protocol):
    """One participant's signaling connection (a WebSocket)."""

    async def send_json(self, data: Any, mode: str = "text") -> None: ...

    async def receive_text(self) -> str: ...


class Sinalizacao(Protocol):
    """The signaling rooms: at most one connection per participant of an appointment (across
    every process of the service, for the PostgreSQL adapter)."""

    async def entrar(
        self, consulta_id: uuid.UUID, papel: Papel, conexao: Conexao
    ) -> set[Papel] | None:
        """Admit a participant: who else was in the room at that moment (decided atomically
        with the admission, so of two arriving together exactly one sees the other), or None
        when this participant is already connected (a third connection)."""
        ...

    async def sair(self, consulta_id: uuid.UUID, papel: Papel, conexao: Conexao) -> None:
        """Forget a participant's connection."""
        ...

    async def presentes(self, consulta_id: uuid.UUID) -> set[Papel]:
        """Who is connected now."""
        ...

    async def enviar(self, consulta_id: uuid.UUID, papel: Papel, mensagem: dict[str, Any]) -> bool:
        """Send to one participant; False when they are not connected."""
        ...


class Sessoes(Protocol):
    """The sessions of the people connected (``libs.revogacoes.VigiaDeSessoes``)."""

    async def viva(self, sessao_id: uuid.UUID) -> bool:
        """Whether the session has not ended."""
        ...

    async def aguardar_fim(self, sessao_id: uuid.UUID, limite: float) -> None:
        """Return as soon as the session may have ended, or after ``limite`` seconds."""
        ...
