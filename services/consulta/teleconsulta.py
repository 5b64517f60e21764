"""Use cases of teleconsultation: the link, joining the room, consent, presence, signaling.

The meeting provider is a port (:class:`Reunioes`) with two adapters: the built-in WebRTC room
(local and compose profiles; ``adapters/reuniao_local.py``) and Amazon Chime SDK meetings (aws
profile; ``adapters/reuniao_chime.py``). Who may do what is decided here, by the domain rules of
``domain/teleconsulta.py``, the same way for both; the appointment is loaded and its
participants checked by the agenda's own use case (:func:`service.ver`).

The built-in room also needs a signaling relay between the two browsers (:class:`Sinalizacao`):
through PostgreSQL by default (``adapters/sinalizacao_pg.py``: works across processes and
replicas), or in this process only (``adapters/reuniao_local.py``); :func:`sinalizar` runs one
participant's WebSocket session over it.

A signaling connection lives only as long as what admitted it: it is closed (with the close code
of the error, 4401, 4403 or 4409, and the message before it) as soon as the participant's session
ends (its revocation is heard, in any process, through :class:`Sessoes`), the appointment stops
being confirmed (:func:`avisar_encerramento`, called by the agenda after the change, reaches every
process through the relay), or the room's window ends; a periodic check
(:attr:`Teleconsulta.reverificar_segundos`) covers a notice lost on the way.

The rooms (the link, the provider's meeting and its attendees) are kept through :class:`Salas`:
a table of the consulta schema (:class:`SalasNoBanco`), or DynamoDB in the aws profile
(``adapters/salas_dynamo.py``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, Protocol

from libs import errors
from libs.tokens import Usuario
from services.consulta import service
from services.consulta.domain import teleconsulta as regras
from services.consulta.domain.consulta import Consulta, Papel
from services.consulta.domain.teleconsulta import Consentimento, Presenca, Provedor, Sala

_log = logging.getLogger("healthmed.consulta.sala")


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


class SalasNoBanco:
    """The rooms in the ``salas`` table of the consulta schema, each call its own unit of work."""

    def __init__(self, uow: service.UowFactory) -> None:
        self.uow = uow

    async def sala(self, consulta_id: uuid.UUID) -> Sala | None:
        """The room of an appointment, if a link was asked for."""
        async with self.uow() as uow:
            return await uow.teleconsulta.sala(consulta_id)

    async def criar(self, sala: Sala) -> tuple[Sala, bool]:
        """Insert unless present (the primary key settles a race), then read what is kept."""
        async with self.uow() as uow:
            criada = await uow.teleconsulta.criar_sala(sala)
            guardada = await uow.teleconsulta.sala(sala.consulta_id)
            await uow.commit()
        assert guardada is not None
        return guardada, criada

    async def guardar_ingresso(self, sala: Sala, usuario_id: uuid.UUID, ingresso: Ingresso) -> None:
        """The new meeting and the new attendee, in one transaction."""
        async with self.uow() as uow:
            if ingresso.reuniao_nova is not None:
                renovada = dataclasses.replace(
                    sala, reuniao=ingresso.reuniao_nova, geracao=ingresso.geracao
                )
                await uow.teleconsulta.trocar_reuniao(renovada)
            if ingresso.participante_novo is not None:
                await uow.teleconsulta.guardar_participante(
                    sala.consulta_id, ingresso.geracao, usuario_id, ingresso.participante_novo
                )
            await uow.commit()


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


@dataclass
class Teleconsulta:
    """Everything the teleconsultation use cases need besides their arguments."""

    agenda: service.Agenda
    reunioes: Reunioes
    origem: str
    sinalizacao: Sinalizacao | None = None  # only the built-in WebRTC room relays signals
    ice_servers: list[dict[str, Any]] = field(default_factory=list)
    salas: Salas | None = None  # None: the rooms table of the consulta schema (SalasNoBanco)
    # How often an open signaling connection checks its session and appointment again even
    # when no notice came (a notice lost with a process or a dropped LISTEN connection).
    reverificar_segundos: float = 30.0


@dataclass(frozen=True)
class Entrada:
    """The answer of ``GET /consultas/{id}/sala``."""

    sala: Sala
    papel: Papel
    dados: dict[str, Any]
    fuso: str


class SalaJaConectada(errors.Proibido):
    def __init__(self) -> None:
        super().__init__(
            "Você já está nesta sala em outra janela ou aparelho; feche-a antes de entrar de novo"
        )


# The link -------------------------------------------------------------------------------------


def _salas(tc: Teleconsulta) -> Salas:
    return tc.salas if tc.salas is not None else SalasNoBanco(tc.agenda.uow)


async def _sala(tc: Teleconsulta, consulta: Consulta) -> tuple[Sala, bool]:
    """The room of a confirmed appointment, created on first use (True when created now)."""
    sala = await _salas(tc).sala(consulta.id)
    if sala is not None:
        return sala, False
    # Idempotent at the provider (same request token), so a racing request gets the same one.
    reuniao = await tc.reunioes.criar(consulta.id, 0)
    nova = Sala(
        consulta_id=consulta.id,
        provedor=tc.reunioes.provedor,
        url=regras.url_da_sala(tc.origem, consulta.id),
        expira_em=consulta.fim,
        reuniao=reuniao,
    )
    return await _salas(tc).criar(nova)


@dataclass(frozen=True)
class Link:
    """An appointment's room, whether this call created it, and the doctor's time zone."""

    sala: Sala
    criado: bool
    fuso: str


async def link(tc: Teleconsulta, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID) -> Link:
    """The meeting link of a confirmed appointment, the same for both participants."""
    consulta = await service.ver(tc.agenda, usuario_id=usuario_id, consulta_id=consulta_id)
    regras.exigir_confirmada(consulta, tc.agenda.relogio())
    sala, criado = await _sala(tc, consulta)
    return Link(sala, criado, consulta.medico_fuso)


# Joining --------------------------------------------------------------------------------------


async def _admitir(
    tc: Teleconsulta, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID
) -> tuple[Consulta, Papel]:
    """Who may be in the room now: a participant (404), of a confirmed appointment (409), in
    the window (403), and a patient who consented (428)."""
    consulta = await service.ver(tc.agenda, usuario_id=usuario_id, consulta_id=consulta_id)
    papel = consulta.papel_de(usuario_id)
    assert papel is not None
    agora = tc.agenda.relogio()
    regras.exigir_sala_aberta(consulta, agora)
    if papel == "paciente":
        async with tc.agenda.uow() as uow:
            dado = await uow.teleconsulta.consentimento(usuario_id, regras.TERMO_VERSAO)
        if dado is None:
            raise regras.ConsentimentoNecessario()
    return consulta, papel


async def entrar(tc: Teleconsulta, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID) -> Entrada:
    """The caller's credentials to join the room (the provider's meeting and attendee)."""
    consulta, papel = await _admitir(tc, usuario_id=usuario_id, consulta_id=consulta_id)
    sala, _ = await _sala(tc, consulta)
    ingresso = await tc.reunioes.ingressar(sala, usuario_id=usuario_id, papel=papel)
    if ingresso.reuniao_nova is not None or ingresso.participante_novo is not None:
        if ingresso.reuniao_nova is not None:
            sala.reuniao, sala.geracao = ingresso.reuniao_nova, ingresso.geracao
        await _salas(tc).guardar_ingresso(sala, usuario_id, ingresso)
    return Entrada(sala, papel, ingresso.dados, consulta.medico_fuso)


# Consent --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SituacaoConsentimento:
    """Whether the patient still has to accept the terms, and the terms themselves."""

    necessario: bool
    versao: str
    texto: str
    consentimento: Consentimento | None


async def situacao_consentimento(
    tc: Teleconsulta, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID
) -> SituacaoConsentimento:
    """The terms to show on the room page and whether the appointment's patient accepted them."""
    consulta = await service.ver(tc.agenda, usuario_id=usuario_id, consulta_id=consulta_id)
    async with tc.agenda.uow() as uow:
        dado = await uow.teleconsulta.consentimento(consulta.paciente_id, regras.TERMO_VERSAO)
    return SituacaoConsentimento(dado is None, regras.TERMO_VERSAO, regras.TERMO_TEXTO, dado)


async def consentir(
    tc: Teleconsulta, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID, versao: str
) -> tuple[Consentimento, bool]:
    """The patient accepts the current terms (once per version; True when stored now)."""
    consulta = await service.ver(tc.agenda, usuario_id=usuario_id, consulta_id=consulta_id)
    if consulta.papel_de(usuario_id) != "paciente":
        raise regras.SoPacienteConsente()
    regras.validar_versao(versao)
    async with tc.agenda.uow() as uow:
        novo = await uow.teleconsulta.consentir(usuario_id, consulta_id, versao)
        dado = await uow.teleconsulta.consentimento(usuario_id, versao)
        await uow.commit()
    assert dado is not None
    return dado, novo


# Presence -------------------------------------------------------------------------------------


async def presencas(
    tc: Teleconsulta, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID
) -> tuple[list[Presenca], str]:
    """When each participant joined and left the room (its participants only), and the
    doctor's time zone."""
    consulta = await service.ver(tc.agenda, usuario_id=usuario_id, consulta_id=consulta_id)
    async with tc.agenda.uow() as uow:
        return await uow.teleconsulta.presencas(consulta_id), consulta.medico_fuso


async def _registrar_entrada(
    tc: Teleconsulta, consulta_id: uuid.UUID, usuario_id: uuid.UUID, papel: Papel
) -> uuid.UUID:
    async with tc.agenda.uow() as uow:
        presenca_id = await uow.teleconsulta.entrou(
            consulta_id, usuario_id, papel, tc.agenda.relogio()
        )
        await uow.commit()
    return presenca_id


async def _registrar_saida(tc: Teleconsulta, presenca_id: uuid.UUID) -> None:
    async with tc.agenda.uow() as uow:
        await uow.teleconsulta.saiu(presenca_id, tc.agenda.relogio())
        await uow.commit()


# Signaling (built-in WebRTC room) ---------------------------------------------------------------

_REPASSADAS = {"oferta": "sdp", "resposta": "sdp", "ice": "candidato"}
# An SDP is a few kilobytes; anything much larger is not signaling and is not relayed.
MENSAGEM_MAXIMA = 64 * 1024


def _ler(texto: str) -> Any:
    if len(texto) > MENSAGEM_MAXIMA:
        return None
    try:
        return json.loads(texto)
    except ValueError:
        return None


_OUTRO: dict[Papel, Papel] = {"medico": "paciente", "paciente": "medico"}
_AGUARDANDO: dict[Papel, str] = {
    "paciente": (
        "Aguarde: o médico ainda não entrou na sala. A consulta começa assim que ele entrar."
    ),
    "medico": "O paciente ainda não entrou na sala.",
}


# The notice "this appointment changed: check it again", sent through the relay to the
# participants' connections, in whichever process holds them. It never reaches a browser (the
# connection's wrapper keeps it), and a browser cannot send it (only _REPASSADAS are relayed).
_VERIFICAR = "_verificar-consulta"


class _Vigiada:
    """A participant's connection as registered in the relay: it passes everything through,
    except the notice that the appointment changed, which wakes the watcher instead."""

    def __init__(self, conexao: Conexao) -> None:
        self._conexao = conexao
        self.mudou = asyncio.Event()

    async def send_json(self, data: Any, mode: str = "text") -> None:
        if isinstance(data, dict) and data.get("tipo") == _VERIFICAR:
            self.mudou.set()
            return
        await self._conexao.send_json(data, mode)

    async def receive_text(self) -> str:
        return await self._conexao.receive_text()


async def avisar_encerramento(tc: Teleconsulta, consulta_id: uuid.UUID) -> None:
    """The appointment stopped being confirmed: its participants' connections, in any process,
    check it again (and close). Never fails the change that called it: a lost notice is caught
    by the connections' periodic check."""
    if tc.sinalizacao is None:
        return
    for papel in _OUTRO:
        try:
            await tc.sinalizacao.enviar(consulta_id, papel, {"tipo": _VERIFICAR})
        except Exception as exc:
            _log.warning("falha ao avisar a sala do fim da consulta: %s", type(exc).__name__)


_SESSAO_ENCERRADA = "Sua sessão terminou: entre de novo para voltar à sala"


async def _ainda_pode(
    tc: Teleconsulta, sessoes: Sessoes, *, usuario: Usuario, consulta_id: uuid.UUID
) -> Consulta:
    """What admitted the connection still holds: the session lives (401), the caller is a
    participant (404) of a confirmed appointment (409) within its window (403)."""
    if not await sessoes.viva(usuario.sessao_id):
        raise errors.NaoAutenticado(_SESSAO_ENCERRADA)
    consulta = await service.ver(tc.agenda, usuario_id=usuario.id, consulta_id=consulta_id)
    regras.exigir_sala_aberta(consulta, tc.agenda.relogio())
    return consulta


async def _vigiar(
    tc: Teleconsulta,
    sessoes: Sessoes,
    conexao: _Vigiada,
    *,
    usuario: Usuario,
    consulta_id: uuid.UUID,
) -> errors.HealthMedError:
    """Wait until the connection must end, and answer why. Wakes at a notice of the
    appointment, a revocation of the session, the end of the window, or every
    ``reverificar_segundos``; then checks everything again. A check that fails for lack of an
    answer (auth or the database away: 5xx) does not end a consultation in progress."""
    while True:
        conexao.mudou.clear()
        try:
            consulta = await _ainda_pode(tc, sessoes, usuario=usuario, consulta_id=consulta_id)
            restante = (consulta.fim - tc.agenda.relogio()).total_seconds()
        except errors.HealthMedError as exc:
            if 400 <= exc.status < 500:
                return exc
            _log.warning("sala: verificação adiada: %s", type(exc).__name__)
            restante = tc.reverificar_segundos
        except Exception as exc:  # the database away: try again at the next round
            _log.warning("sala: verificação adiada: %s", type(exc).__name__)
            restante = tc.reverificar_segundos
        espera = max(0.0, min(tc.reverificar_segundos, restante))
        await _o_primeiro(
            [conexao.mudou.wait(), sessoes.aguardar_fim(usuario.sessao_id, espera)], espera
        )


async def _o_primeiro(esperas: list[Awaitable[Any]], limite: float) -> None:
    """Wait for the first of ``esperas`` to finish (or ``limite`` seconds); cancel the rest."""
    tarefas = [asyncio.ensure_future(e) for e in esperas]
    try:
        await asyncio.wait(tarefas, timeout=limite, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for tarefa in tarefas:
            tarefa.cancel()
        await asyncio.gather(*tarefas, return_exceptions=True)


async def _repassar(
    tc: Teleconsulta, hub: Sinalizacao, conexao: Conexao, *, consulta_id: uuid.UUID, papel: Papel
) -> None:
    """Relay what the participant sends, until their connection ends (``receive_text`` raises)."""
    outro = _OUTRO[papel]
    while True:
        mensagem = _ler(await conexao.receive_text())
        tipo = mensagem.get("tipo") if isinstance(mensagem, dict) else None
        if not isinstance(tipo, str) or tipo not in _REPASSADAS:
            await conexao.send_json(
                {"tipo": "erro", "mensagem": "Mensagem de sinalização desconhecida"}
            )
            continue
        chave = _REPASSADAS[tipo]
        repasse = {"tipo": tipo, "de": papel, chave: mensagem.get(chave)}
        if not await hub.enviar(consulta_id, outro, repasse):
            await conexao.send_json({"tipo": "aguardando", "mensagem": _AGUARDANDO[papel]})


async def _ate_o_fim(
    tc: Teleconsulta,
    hub: Sinalizacao,
    sessoes: Sessoes,
    conexao: _Vigiada,
    *,
    usuario: Usuario,
    consulta_id: uuid.UUID,
    papel: Papel,
) -> None:
    """Relay until the participant leaves (their exception propagates) or the watcher says the
    connection must end (its error is raised, for the caller to close with)."""
    repasse = asyncio.ensure_future(
        _repassar(tc, hub, conexao, consulta_id=consulta_id, papel=papel)
    )
    vigia = asyncio.ensure_future(
        _vigiar(tc, sessoes, conexao, usuario=usuario, consulta_id=consulta_id)
    )
    try:
        await asyncio.wait([repasse, vigia], return_when=asyncio.FIRST_COMPLETED)
    finally:
        repasse.cancel()
        vigia.cancel()
        await asyncio.gather(repasse, vigia, return_exceptions=True)
    if not repasse.cancelled():
        repasse.result()  # the participant left: their exception goes on
    if not vigia.cancelled():
        raise vigia.result()


async def sinalizar(
    tc: Teleconsulta,
    conexao: Conexao,
    *,
    usuario: Usuario,
    sessoes: Sessoes,
    consulta_id: uuid.UUID,
) -> None:
    """One participant's signaling session, until their connection ends (the caller's
    ``receive_text`` raises) or must end (a :class:`errors.HealthMedError` is raised: the
    session ended, 401; the appointment is no longer confirmed, 409; the window ended, 403).
    Relays SDP offers/answers and ICE candidates to the other participant; the one already in
    the room is told to start (send the offer) when the other arrives; a patient who arrives
    first is told to wait for the doctor. Every stay is recorded, and leaving frees the
    participant's place at once.
    """
    if tc.sinalizacao is None:
        raise errors.NaoEncontrado("Esta instalação não usa a sala de vídeo própria")
    hub = tc.sinalizacao
    _, papel = await _admitir(tc, usuario_id=usuario.id, consulta_id=consulta_id)
    outro = _OUTRO[papel]
    vigiada = _Vigiada(conexao)
    outros = await hub.entrar(consulta_id, papel, vigiada)
    if outros is None:
        raise SalaJaConectada()
    try:
        presenca_id = await _registrar_entrada(tc, consulta_id, usuario.id, papel)
        try:
            presente = outro in outros
            await conexao.send_json(
                {
                    "tipo": "bem-vindo",
                    "papel": papel,
                    "outro_presente": presente,
                    "ice_servers": tc.ice_servers,
                }
            )
            if presente:
                # The one who was waiting starts the negotiation (sends the offer).
                await hub.enviar(
                    consulta_id,
                    outro,
                    {"tipo": "participante-entrou", "papel": papel, "iniciar": True},
                )
            else:
                await conexao.send_json({"tipo": "aguardando", "mensagem": _AGUARDANDO[papel]})
            await _ate_o_fim(
                tc, hub, sessoes, vigiada, usuario=usuario, consulta_id=consulta_id, papel=papel
            )
        finally:
            await _registrar_saida(tc, presenca_id)
    finally:
        await hub.sair(consulta_id, papel, vigiada)
        await hub.enviar(consulta_id, outro, {"tipo": "participante-saiu", "papel": papel})
