"""The appointment and its state machine.

    pendente ──aceitar──▶ confirmada ──(its end passes)──▶ realizada ──avaliar (once)
       │ recusar ─▶ recusada             │
       └──────── cancelar ─▶ cancelada ◀─┘  (only before the start; a patient not closer
                                             than the cancellation cutoff)

``cancelar_por_encerramento`` is the patient's cancel when closing the account: the same
states, but the patient's cutoff does not apply.

``remarcar`` is the patient's cancel under the same rules, to a free slot of the same doctor:
the old appointment becomes ``cancelada`` (``remarcada_para`` the new one) and a new
``pendente`` one (``remarcada_de`` the old one) is booked in the same transaction.

``realizada`` is never stored: it is a ``confirmada`` whose end has passed, computed on read
(exact to the second, no job to lag behind, no write at all), and so are the two ways it can
fail to happen: ``medico_ausente`` when the doctor never entered the room, ``nao_compareceu``
when the patient never did (the doctor's word, :meth:`Consulta.corrigir_comparecimento`, wins
over the room's record for a week after the end). A ``medico_ausente`` one may be rebooked by
the patient, once, without the cutoff (:meth:`Consulta.remarcar`). The database applies every
change as a compare-and-set on the stored status, so two racing changes cannot both win; the
methods below decide what the change is and explain, in Portuguese, why one is refused.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo

from libs import errors
from services.consulta.domain.agenda import Horario
from services.consulta.domain.erros import TransicaoInvalida

Papel = Literal["medico", "paciente"]
JUSTIFICATIVA_MINIMA = 10
JUSTIFICATIVA_MAXIMA = 1000
# The justification of every appointment cancelled because the patient closed the account.
JUSTIFICATIVA_ENCERRAMENTO = "Conta encerrada pelo paciente"


class Status(StrEnum):
    """Statuses as the API shows them."""

    PENDENTE = "pendente"
    CONFIRMADA = "confirmada"
    RECUSADA = "recusada"
    CANCELADA = "cancelada"
    REALIZADA = "realizada"
    NAO_COMPARECEU = "nao_compareceu"  # the patient never entered the room
    MEDICO_AUSENTE = "medico_ausente"  # the doctor never entered the room

    @property
    def texto(self) -> str:
        """How a message names the status ("Uma consulta {texto} não pode..."): the word
        itself, never an identifier."""
        return _TEXTOS.get(self, self.value)


_TEXTOS = {
    Status.NAO_COMPARECEU: "sem comparecimento do paciente",
    Status.MEDICO_AUSENTE: "sem a presença do médico",
}

# The doctor's word on the patient's attendance (``comparecimento``), and for how long after
# the end it may be given or changed.
Comparecimento = Literal["compareceu", "nao_compareceu"]
PRAZO_COMPARECIMENTO = timedelta(days=7)
# How long after a doctor's absence the patient may still rebook it without the cutoff.
PRAZO_REMARCAR_AUSENCIA = timedelta(days=30)

ATIVOS = frozenset({Status.PENDENTE, Status.CONFIRMADA})
ARMAZENAVEIS = frozenset({Status.PENDENTE, Status.CONFIRMADA, Status.RECUSADA, Status.CANCELADA})


def status_visivel(
    armazenado: Status,
    fim: datetime,
    agora: datetime,
    *,
    medico_entrou: bool = True,
    paciente_compareceu: bool = True,
) -> Status:
    """A confirmed appointment whose end has passed counts as ``realizada``, unless the doctor
    never entered the room (``medico_ausente``) or the patient did not attend
    (``nao_compareceu``)."""
    if armazenado is Status.CONFIRMADA and fim <= agora:
        if not medico_entrou:
            return Status.MEDICO_AUSENTE
        if not paciente_compareceu:
            return Status.NAO_COMPARECEU
        return Status.REALIZADA
    return armazenado


@dataclass(frozen=True)
class Mudanca:
    """A change of status decided by the domain, applied by the database only if the stored
    status is still in ``de`` (and, when time-bound, the start is still after ``inicio_apos``)."""

    de: frozenset[Status]
    para: Status
    justificativa: str | None = None
    cancelada_por: Papel | None = None
    inicio_apos: datetime | None = None
    remarcada_para: uuid.UUID | None = None


@dataclass(frozen=True)
class Avaliacao:
    """The patient's rating of a ``realizada`` appointment."""

    consulta_id: uuid.UUID
    nota: int
    comentario: str | None
    criada_em: datetime | None = None


@dataclass
class Consulta:
    """An appointment of a patient with a doctor in one slot."""

    id: uuid.UUID
    horario_id: uuid.UUID | None
    medico_id: uuid.UUID
    paciente_id: uuid.UUID
    inicio: datetime
    fim: datetime
    status: Status  # as stored: never REALIZADA
    justificativa: str | None = None
    cancelada_por: Papel | None = None
    cancelada_em: datetime | None = None
    # A snapshot of the people, taken when booked (the list pages need no call per row).
    medico_nome: str = ""
    medico_crm: str = ""
    medico_uf: str = ""
    medico_fuso: str = "America/Sao_Paulo"
    paciente_nome: str = ""
    criada_em: datetime | None = None
    atualizada_em: datetime | None = None
    avaliacao: Avaliacao | None = None
    # Rescheduling links the cancelled appointment and the one booked in its place.
    remarcada_de: uuid.UUID | None = None
    remarcada_para: uuid.UUID | None = None
    # Attendance: when each side first asked to enter the room, and the doctor's word on the
    # patient's attendance (which wins over the record).
    medico_entrou_em: datetime | None = None
    paciente_entrou_em: datetime | None = None
    comparecimento: Comparecimento | None = None
    # The doctor ended it from the room before the slot's end.
    encerrada_em: datetime | None = None

    @property
    def termino(self) -> datetime:
        """When it ended or ends: the doctor's ending, or else the slot's end."""
        return self.encerrada_em if self.encerrada_em is not None else self.fim

    @property
    def paciente_compareceu(self) -> bool:
        """Whether the patient attended: the doctor's word, or else the room's record."""
        if self.comparecimento is not None:
            return self.comparecimento == "compareceu"
        return self.paciente_entrou_em is not None

    def status_em(self, agora: datetime) -> Status:
        """The status the API shows at ``agora``."""
        return status_visivel(
            self.status,
            self.termino,
            agora,
            medico_entrou=self.medico_entrou_em is not None,
            paciente_compareceu=self.paciente_compareceu,
        )

    def papel_de(self, usuario_id: uuid.UUID) -> Papel | None:
        """Which side of the appointment a user is on, if any."""
        if usuario_id == self.medico_id:
            return "medico"
        if usuario_id == self.paciente_id:
            return "paciente"
        return None

    def aceitar(self, agora: datetime) -> Mudanca:
        """The doctor accepts a pending request that has not started yet."""
        self._exigir(agora, {Status.PENDENTE}, "aceitar")
        if self.inicio <= agora:
            raise TransicaoInvalida("A consulta já começou; não pode mais ser aceita")
        return Mudanca(frozenset({Status.PENDENTE}), Status.CONFIRMADA, inicio_apos=agora)

    def recusar(self, agora: datetime, justificativa: str | None) -> Mudanca:
        """The doctor refuses a pending request (the slot is free again)."""
        self._exigir(agora, {Status.PENDENTE}, "recusar")
        texto = (justificativa or "").strip() or None
        if texto is not None and len(texto) > JUSTIFICATIVA_MAXIMA:
            raise errors.DadosInvalidos.campo(
                "justificativa", f"Deve ter no máximo {JUSTIFICATIVA_MAXIMA} caracteres"
            )
        return Mudanca(frozenset({Status.PENDENTE}), Status.RECUSADA, justificativa=texto)

    def cancelar(
        self,
        agora: datetime,
        *,
        por: Papel,
        justificativa: str | None,
        prazo_paciente: timedelta,
    ) -> Mudanca:
        """Either side cancels a pending or confirmed appointment before it starts; a patient
        not closer to the start than ``prazo_paciente``. A justification is required."""
        texto = validar_justificativa(justificativa)
        atual = self.status_em(agora)
        if atual not in ATIVOS:
            raise TransicaoInvalida(f"Uma consulta {atual.texto} não pode ser cancelada")
        if self.inicio <= agora:
            raise TransicaoInvalida("A consulta já começou; não pode mais ser cancelada")
        limite = agora
        if por == "paciente" and prazo_paciente > timedelta(0):
            if self.inicio < agora + prazo_paciente:
                horas = prazo_paciente.total_seconds() / 3600
                raise TransicaoInvalida(
                    f"O paciente só pode cancelar até {horas:g} hora(s) antes do início"
                )
            limite = agora + prazo_paciente
        return Mudanca(
            frozenset(ATIVOS),
            Status.CANCELADA,
            justificativa=texto,
            cancelada_por=por,
            inicio_apos=limite,
        )

    def cancelar_por_encerramento(self, agora: datetime) -> Mudanca:
        """The patient closed the account (LGPD art. 18): a patient's cancellation of a
        future active appointment with :data:`JUSTIFICATIVA_ENCERRAMENTO`, that the
        cancellation cutoff does NOT block. The cutoff protects the doctor's day from a
        change of mind; an account that no longer exists cannot attend, and leaving the
        appointment standing would keep the slot held by nobody. Started, ended, refused or
        cancelled ones are refused as for any cancellation (the caller only passes future
        active ones)."""
        return self.cancelar(
            agora,
            por="paciente",
            justificativa=JUSTIFICATIVA_ENCERRAMENTO,
            prazo_paciente=timedelta(0),
        )

    def remarcar(
        self,
        agora: datetime,
        *,
        para: Horario,
        nova_id: uuid.UUID,
        justificativa: str | None,
        prazo_paciente: timedelta,
    ) -> Mudanca:
        """The patient moves the appointment to another slot of the same doctor: a patient's
        cancellation (same states, same cutoff, same justification rule) that says where to.
        Without a justification, the default one names the new time on the doctor's clock.
        Whether the new slot may be booked at all is ``agenda.validar_reserva``'s to say."""
        if para.medico_id != self.medico_id:
            raise errors.DadosInvalidos.campo(
                "horario_id", "Escolha um horário do mesmo médico da consulta"
            )
        if para.id == self.horario_id:
            raise errors.DadosInvalidos.campo(
                "horario_id", "Escolha um horário diferente do atual da consulta"
            )
        texto = (justificativa or "").strip() or (
            f"Remarcada pelo paciente para {quando_local(para.inicio, self.medico_fuso)}"
        )
        if self.status_em(agora) is Status.MEDICO_AUSENTE:
            return self._remarcar_ausencia(agora, nova_id)
        cancelamento = self.cancelar(
            agora, por="paciente", justificativa=texto, prazo_paciente=prazo_paciente
        )
        return replace(cancelamento, remarcada_para=nova_id)

    def _remarcar_ausencia(self, agora: datetime, nova_id: uuid.UUID) -> Mudanca:
        """The doctor never entered the room: the patient may book another slot of the same
        doctor in its place, once, within :data:`PRAZO_REMARCAR_AUSENCIA`; the missed one stays
        as it was (``medico_ausente``), linked to the new one."""
        if self.remarcada_para is not None:
            raise TransicaoInvalida("Esta consulta já foi remarcada")
        if agora > self.fim + PRAZO_REMARCAR_AUSENCIA:
            raise TransicaoInvalida(
                f"O prazo para remarcar sem custo ({PRAZO_REMARCAR_AUSENCIA.days} dias) acabou"
            )
        # Compare-and-set on the stored status and on not having been rebooked yet.
        return Mudanca(frozenset({Status.CONFIRMADA}), Status.CONFIRMADA, remarcada_para=nova_id)

    def encerrar(self, agora: datetime, *, abertura: datetime) -> None:
        """The doctor ends the consultation from the room: confirmed, not ended yet, the room
        open (from ``abertura``) and the doctor in it. It then reads as ended at once."""
        atual = self.status_em(agora)
        if atual is not Status.CONFIRMADA:
            raise TransicaoInvalida(f"Uma consulta {atual.texto} não pode ser encerrada")
        if agora < abertura:
            raise TransicaoInvalida("A consulta ainda não começou; a sala nem abriu")
        if self.medico_entrou_em is None:
            raise TransicaoInvalida("Entre na sala antes de encerrar a consulta")

    def corrigir_comparecimento(self, agora: datetime, *, compareceu: bool) -> Comparecimento:
        """The doctor says whether the patient attended (the room's record may miss a patient
        who joined by phone, or count one who opened the page and left): only after the end,
        only if the doctor was there, and for :data:`PRAZO_COMPARECIMENTO`."""
        atual = self.status_em(agora)
        if atual not in (Status.REALIZADA, Status.NAO_COMPARECEU):
            raise TransicaoInvalida(
                "Só se registra o comparecimento de consulta que terminou "
                f"(esta está {atual.texto})"
            )
        if agora > self.fim + PRAZO_COMPARECIMENTO:
            raise TransicaoInvalida(
                f"O comparecimento só pode ser corrigido até {PRAZO_COMPARECIMENTO.days} dias "
                "depois da consulta"
            )
        if self.avaliacao is not None and not compareceu:
            raise TransicaoInvalida("O paciente já avaliou esta consulta: ele compareceu")
        return "compareceu" if compareceu else "nao_compareceu"

    def avaliar(self, agora: datetime) -> None:
        """Only a ``realizada`` appointment may be rated."""
        atual = self.status_em(agora)
        if atual is not Status.REALIZADA:
            raise TransicaoInvalida(
                f"Só uma consulta realizada pode ser avaliada (esta está {atual.texto})"
            )

    def _exigir(self, agora: datetime, permitidos: set[Status], acao: str) -> None:
        atual = self.status_em(agora)
        if atual not in permitidos:
            raise TransicaoInvalida(f"Não é possível {acao} uma consulta {atual.texto}")


# Brazil's zones as people name them: the official time is "de Brasília" (the IANA zone takes
# São Paulo's name); the others by their city, accents included.
_NOMES_DOS_FUSOS = {
    "America/Sao_Paulo": "Brasília",
    "America/Araguaina": "Araguaína",
    "America/Belem": "Belém",
    "America/Cuiaba": "Cuiabá",
    "America/Eirunepe": "Eirunepé",
    "America/Maceio": "Maceió",
    "America/Noronha": "Fernando de Noronha",
    "America/Santarem": "Santarém",
    "America/Bahia": "Salvador",
}


def horario_de(fuso: str) -> str:
    """A zone as a person reads it: "horário de Brasília", "horário de Manaus" (never the IANA
    name)."""
    cidade = _NOMES_DOS_FUSOS.get(fuso) or fuso.split("/")[-1].replace("_", " ")
    return f"horário de {cidade}"


@functools.cache
def zona(fuso: str) -> ZoneInfo:
    """The zone of an IANA name, kept for the process: ZoneInfo's own cache keeps only the last
    eight strongly, and past them reads the zone's file again (a listing converts four instants
    per appointment)."""
    return ZoneInfo(fuso)


def quando_local(inicio: datetime, fuso: str) -> str:
    """An instant on the doctor's clock, the zone named: "01/12/2026 às 10:00 (horário de
    Manaus)"."""
    local = inicio.astimezone(zona(fuso))
    return f"{local:%d/%m/%Y} às {local:%H:%M} ({horario_de(fuso)})"


def validar_justificativa(justificativa: str | None) -> str:
    """A cancellation says why, in at least 10 characters."""
    texto = (justificativa or "").strip()
    if len(texto) < JUSTIFICATIVA_MINIMA:
        raise errors.DadosInvalidos.campo(
            "justificativa",
            f"Informe uma justificativa com pelo menos {JUSTIFICATIVA_MINIMA} caracteres",
        )
    if len(texto) > JUSTIFICATIVA_MAXIMA:
        raise errors.DadosInvalidos.campo(
            "justificativa", f"Deve ter no máximo {JUSTIFICATIVA_MAXIMA} caracteres"
        )
    return texto
