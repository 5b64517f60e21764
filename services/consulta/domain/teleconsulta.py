"""Teleconsultation rules: the meeting link, the window to join, and the patient's consent.

A link exists only for a confirmed appointment (and both participants share it). The room opens
15 minutes before the start and closes at the end. Before the patient's first teleconsultation
the room asks for the consent that CFM Resolution 2.314/2022 requires (art. 15: the patient's
free and informed consent to be attended at a distance); a new version of the text asks again.

Errors (each maps to one problem+json answer)::

    Conflito (409): LinkIndisponivel (the appointment is not confirmed)
    Proibido (403): ForaDaJanela (too early or already over)
    ConsentimentoNecessario (428): the patient has not accepted the current text
    Proibido (403): SoPacienteConsente (a doctor cannot consent for the patient)
    DadosInvalidos (422): an outdated or unknown version of the text
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from libs import errors
from services.consulta.domain.consulta import Consulta, Papel, Status, horario_de
from services.consulta.domain.pessoas import referencia_ao_medico

Provedor = Literal["webrtc", "chime"]
ANTECEDENCIA_SALA = timedelta(minutes=15)

TERMO_VERSAO = "cfm-2314-2022-v1"
TERMO_TEXTO = (
    "Termo de consentimento livre e esclarecido para teleconsulta "
    "(Resolução CFM nº 2.314/2022). Declaro que fui informado(a) de que: "
    "(1) a teleconsulta é um atendimento médico realizado a distância, por vídeo, e tem "
    "limitações em relação à consulta presencial, por não permitir o exame físico completo; "
    "(2) o médico pode, a seu critério, interromper o atendimento e indicar uma consulta "
    "presencial; (3) os dados e imagens trocados são protegidos por sigilo médico e pela Lei "
    "Geral de Proteção de Dados (Lei nº 13.709/2018), e a consulta não é gravada; "
    "(4) posso recusar a teleconsulta e pedir atendimento presencial a qualquer momento. "
    "Autorizo a realização de teleconsultas com os médicos desta plataforma."
)


class LinkIndisponivel(errors.Conflito):
    """Only a confirmed appointment has a meeting link."""


class ForaDaJanela(errors.Proibido):
    """The room is closed at this moment."""


class ConsentimentoNecessario(errors.HealthMedError):
    """428: the patient must accept the teleconsultation terms before joining."""

    status, slug, titulo = 428, "consentimento-necessario", "Consentimento necessário"

    def __init__(self) -> None:
        super().__init__(
            "Antes da primeira teleconsulta, o paciente precisa aceitar o termo de "
            "consentimento (Resolução CFM nº 2.314/2022): "
            "POST /consultas/{id}/consentimento com a versão do termo"
        )


class SoPacienteConsente(errors.Proibido):
    def __init__(self) -> None:
        super().__init__("Só o paciente da consulta pode dar o consentimento para a teleconsulta")


@dataclass
class Sala:
    """The meeting of one appointment: one link, shared by both participants.

    ``reuniao`` is the provider's meeting as it returned it (Chime's ``Meeting``; nothing for
    the built-in WebRTC room); ``participantes`` maps a user id to the provider's attendee
    (Chime's ``Attendee``), so that the same person always gets the same attendee back;
    ``geracao`` counts how many times the meeting had to be created again (Chime ends a
    meeting after 24 h or when idle), and names the idempotency token of the next creation.
    """

    consulta_id: uuid.UUID
    provedor: Provedor
    url: str
    expira_em: datetime
    reuniao: dict[str, Any] | None = None
    participantes: dict[str, dict[str, Any]] = field(default_factory=dict)
    geracao: int = 0
    criada_em: datetime | None = None

    @property
    def reuniao_id(self) -> str | None:
        """The provider's meeting id, when it has one."""
        return str(self.reuniao["MeetingId"]) if self.reuniao else None


@dataclass(frozen=True)
class Consentimento:
    """A patient's acceptance of one version of the teleconsultation terms (append-only)."""

    id: uuid.UUID
    paciente_id: uuid.UUID
    consulta_id: uuid.UUID
    versao: str
    aceito_em: datetime


@dataclass(frozen=True)
class Presenca:
    """One stay of a participant in the room: when they came in and, once gone, when they left."""

    id: uuid.UUID
    consulta_id: uuid.UUID
    usuario_id: uuid.UUID
    papel: Papel
    entrou_em: datetime
    saiu_em: datetime | None = None


def url_da_sala(origem: str, consulta_id: uuid.UUID) -> str:
    """The web app's room page of an appointment."""
    return f"{origem.rstrip('/')}/sala/{consulta_id}"


def exigir_confirmada(consulta: Consulta, agora: datetime) -> None:
    """A link exists only for a confirmed appointment that has not ended."""
    atual = consulta.status_em(agora)
    if atual is not Status.CONFIRMADA:
        raise LinkIndisponivel(
            f"A teleconsulta só existe para uma consulta confirmada (esta está {atual.texto})"
        )


def _hora(momento: datetime, fuso: str) -> str:
    return momento.astimezone(ZoneInfo(fuso)).strftime("%H:%M de %d/%m/%Y")


def exigir_sala_aberta(consulta: Consulta, agora: datetime) -> None:
    """Joining: a confirmed appointment (409), from 15 minutes before the start until the
    end (403; an appointment whose end passed is closed, not "not confirmed")."""
    if consulta.status is not Status.CONFIRMADA:
        raise LinkIndisponivel(
            "A teleconsulta só existe para uma consulta confirmada "
            f"(esta está {consulta.status_em(agora).texto})"
        )
    exigir_janela(consulta, agora)


def exigir_janela(consulta: Consulta, agora: datetime) -> None:
    """The room is open from 15 minutes before the start until the end."""
    abre = consulta.inicio - ANTECEDENCIA_SALA
    if agora < abre:
        raise ForaDaJanela(
            "A sala ainda não está aberta: ela abre 15 minutos antes do início, às "
            f"{_hora(abre, consulta.medico_fuso)} ({horario_de(consulta.medico_fuso)})"
        )
    if consulta.encerrada_em is not None and agora >= consulta.encerrada_em:
        medico = referencia_ao_medico(consulta.medico_nome).o
        raise ForaDaJanela(f"{medico[:1].upper()}{medico[1:]} encerrou a consulta; a sala fechou")
    if agora >= consulta.fim:
        raise ForaDaJanela("A consulta já terminou; a sala está fechada")


def validar_versao(versao: str) -> None:
    """Only the current text can be accepted (the page shows it with its version)."""
    if versao != TERMO_VERSAO:
        raise errors.DadosInvalidos.campo(
            "versao",
            f"Versão do termo desconhecida ou desatualizada; a versão atual é {TERMO_VERSAO}",
        )
