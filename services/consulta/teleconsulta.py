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

The rooms (the link, the provider's meeting and its attendees) are kept through :class:`Salas`:
a table of the consulta schema (:class:`SalasNoBanco`), or DynamoDB in the aws profile
(``adapters/salas_dynamo.py``).
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from dataclasses import dataclass, field
from typing import Any, Protocol

from libs import errors
from services.consulta import service
from services.consulta.domain import teleconsulta as regras
from services.consulta.domain.consulta import Consulta, Papel
from services.consulta.domain.teleconsulta import Consentimento, Presenca, Provedor, Sala


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


@dataclass
class Teleconsulta:
    """Everything the teleconsultation use cases need besides their arguments."""

    agenda: service.Agenda
    reunioes: Reunioes
    origem: str
    sinalizacao: Sinalizacao | None = None  # only the built-in WebRTC room relays signals
    ice_servers: list[dict[str, Any]] = field(default_factory=list)
    salas: Salas | None = None  # None: the rooms table of the consulta schema (SalasNoBanco)


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


async def sinalizar(
    tc: Teleconsulta, conexao: Conexao, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID
) -> None:
    """One participant's signaling session, until their connection ends (the caller's
    ``receive_json`` raises). Relays SDP offers/answers and ICE candidates to the other
    participant; the one already in the room is told to start (send the offer) when the other
    arrives; a patient who arrives first is told to wait for the doctor. Every stay is recorded.
    """
    if tc.sinalizacao is None:
        raise errors.NaoEncontrado("Esta instalação não usa a sala de vídeo própria")
    hub = tc.sinalizacao
    _, papel = await _admitir(tc, usuario_id=usuario_id, consulta_id=consulta_id)
    outro = _OUTRO[papel]
    outros = await hub.entrar(consulta_id, papel, conexao)
    if outros is None:
        raise SalaJaConectada()
    try:
        presenca_id = await _registrar_entrada(tc, consulta_id, usuario_id, papel)
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
        finally:
            await _registrar_saida(tc, presenca_id)
    finally:
        await hub.sair(consulta_id, papel, conexao)
        await hub.enviar(consulta_id, outro, {"tipo": "participante-saiu", "papel": papel})
