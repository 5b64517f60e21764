"""Use cases of teleconsultation: the link, joining the room, consent, presence.

The meeting provider is a port (:class:`~services.consulta.ports.Reunioes`) with two adapters:
the built-in WebRTC room (local and compose profiles; ``adapters/reuniao_local.py``) and Amazon
Chime SDK meetings (aws profile; ``adapters/reuniao_chime.py``). Who may do what is decided here,
by the domain rules of ``domain/teleconsulta.py``, the same way for both; the appointment is
loaded and its participants checked by the agenda's own use case (:func:`consultas.ver`).

The rooms (the link, the provider's meeting and its attendees) are kept through
:class:`~services.consulta.ports.Salas`: a table of the consulta schema
(``adapters/salas_banco.py``), or DynamoDB in the aws profile (``adapters/salas_dynamo.py``),
chosen by ``app.py``. The signaling of the built-in room is in ``sinalizacao.py``.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from libs import errors
from services.consulta.domain import teleconsulta as regras
from services.consulta.domain.consulta import Consulta, Papel
from services.consulta.domain.teleconsulta import Consentimento, Presenca, Sala
from services.consulta.ports import (
    Reunioes,
    Salas,
    Sinalizacao,
)
from services.consulta.service.consultas import ver
from services.consulta.service.contexto import Agenda

_log = logging.getLogger("healthmed.consulta.sala")


@dataclass
class Teleconsulta:
    """Everything the teleconsultation use cases need besides their arguments."""

    agenda: Agenda
    reunioes: Reunioes
    salas: Salas  # the consulta schema's table, or DynamoDB (aws)
    origem: str
    sinalizacao: Sinalizacao | None = None  # only the built-in WebRTC room relays signals
    ice_servers: list[dict[str, Any]] = field(default_factory=list)
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


async def _sala(tc: Teleconsulta, consulta: Consulta) -> tuple[Sala, bool]:
    """The room of a confirmed appointment, created on first use (True when created now)."""
    sala = await tc.salas.sala(consulta.id)
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
    return await tc.salas.criar(nova)


@dataclass(frozen=True)
class Link:
    """An appointment's room, whether this call created it, and the doctor's time zone."""

    sala: Sala
    criado: bool
    fuso: str


async def link(tc: Teleconsulta, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID) -> Link:
    """The meeting link of a confirmed appointment, the same for both participants."""
    consulta = await ver(tc.agenda, usuario_id=usuario_id, consulta_id=consulta_id)
    regras.exigir_confirmada(consulta, tc.agenda.relogio())
    sala, criado = await _sala(tc, consulta)
    return Link(sala, criado, consulta.medico_fuso)


# Joining --------------------------------------------------------------------------------------


async def admitir(
    tc: Teleconsulta, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID
) -> tuple[Consulta, Papel]:
    """Who may be in the room now: a participant (404), of a confirmed appointment (409), in
    the window (403), and a patient who consented (428)."""
    consulta = await ver(tc.agenda, usuario_id=usuario_id, consulta_id=consulta_id)
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
    consulta, papel = await admitir(tc, usuario_id=usuario_id, consulta_id=consulta_id)
    entrou = consulta.medico_entrou_em if papel == "medico" else consulta.paciente_entrou_em
    if entrou is None:  # attendance: the first time each side asks to enter is kept
        async with tc.agenda.uow() as uow:
            await uow.consultas.registrar_entrada(consulta.id, papel, tc.agenda.relogio())
            await uow.commit()
    sala, _ = await _sala(tc, consulta)
    ingresso = await tc.reunioes.ingressar(sala, usuario_id=usuario_id, papel=papel)
    if ingresso.reuniao_nova is not None or ingresso.participante_novo is not None:
        if ingresso.reuniao_nova is not None:
            sala.reuniao, sala.geracao = ingresso.reuniao_nova, ingresso.geracao
        await tc.salas.guardar_ingresso(sala, usuario_id, ingresso)
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
    consulta = await ver(tc.agenda, usuario_id=usuario_id, consulta_id=consulta_id)
    async with tc.agenda.uow() as uow:
        dado = await uow.teleconsulta.consentimento(consulta.paciente_id, regras.TERMO_VERSAO)
    return SituacaoConsentimento(dado is None, regras.TERMO_VERSAO, regras.TERMO_TEXTO, dado)


async def consentir(
    tc: Teleconsulta, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID, versao: str
) -> tuple[Consentimento, bool]:
    """The patient accepts the current terms (once per version; True when stored now)."""
    consulta = await ver(tc.agenda, usuario_id=usuario_id, consulta_id=consulta_id)
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
    consulta = await ver(tc.agenda, usuario_id=usuario_id, consulta_id=consulta_id)
    async with tc.agenda.uow() as uow:
        return await uow.teleconsulta.presencas(consulta_id), consulta.medico_fuso


async def registrar_entrada(
    tc: Teleconsulta, consulta_id: uuid.UUID, usuario_id: uuid.UUID, papel: Papel
) -> uuid.UUID:
    async with tc.agenda.uow() as uow:
        presenca_id = await uow.teleconsulta.entrou(
            consulta_id, usuario_id, papel, tc.agenda.relogio()
        )
        await uow.commit()
    return presenca_id


async def registrar_saida(tc: Teleconsulta, presenca_id: uuid.UUID) -> None:
    async with tc.agenda.uow() as uow:
        await uow.teleconsulta.saiu(presenca_id, tc.agenda.relogio())
        await uow.commit()
