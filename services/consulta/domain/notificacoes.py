"""What each party of an appointment is told, and when (plain text e-mails in Portuguese).

Events notify the other party: a request goes to the doctor; accepting or refusing goes to the
patient; a cancellation goes to whoever did not cancel; a patient's rescheduling is one notice
to the doctor (not a cancellation plus a request). Reminders go to both, 24 hours and
1 hour before a confirmed appointment. Times are written on the doctor's clock, zone named.

What people wrote never shapes the e-mail: a name (or any one-line value) is put in its line with
:func:`_linha` (a line break, control character or direction mark becomes a space), and a
justification, which may have several lines, is quoted line by line (:func:`_motivo`), so no
line of theirs can pass for one of the e-mail's own.
"""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from services.consulta.domain.consulta import (
    PRAZO_COMPARECIMENTO,
    PRAZO_REMARCAR_AUSENCIA,
    Consulta,
    Papel,
    Status,
    quando_local,
)
from services.consulta.domain.espera import Abertura
from services.consulta.domain.pessoas import ReferenciaAoMedico, referencia_ao_medico


@dataclass(frozen=True)
class Email:
    """A notice as handed to the mail queue, addressed; the same ``id`` twice is one e-mail."""

    id: uuid.UUID
    para: str
    assunto: str
    corpo: str


class Evento(StrEnum):
    SOLICITADA = "solicitada"
    CONFIRMADA = "confirmada"
    RECUSADA = "recusada"
    CANCELADA = "cancelada"
    REMARCADA = "remarcada"
    LEMBRETE_24H = "lembrete_24h"
    LEMBRETE_1H = "lembrete_1h"
    HORARIO_ABERTO = "horario_aberto"
    NAO_COMPARECEU = "nao_compareceu"
    MEDICO_AUSENTE = "medico_ausente"


# A reminder is due once the start is this close (and not yet started).
LEMBRETES = {Evento.LEMBRETE_24H: timedelta(hours=24), Evento.LEMBRETE_1H: timedelta(hours=1)}


@dataclass(frozen=True)
class Notificacao:
    """One e-mail to one participant; ``chave`` makes it unique per event and recipient.
    ``consulta_id`` is None for a notice about no appointment (a slot that opened)."""

    chave: str
    consulta_id: uuid.UUID | None
    usuario_id: uuid.UUID
    papel: Papel
    evento: Evento
    assunto: str
    corpo: str


@dataclass(frozen=True)
class NotificacaoPendente:
    """An e-mail waiting in the outbox."""

    id: uuid.UUID
    usuario_id: uuid.UUID
    papel: Papel
    assunto: str
    corpo: str
    para: str | None  # the address in the agenda's copy of the person; None: not known


def _linha(texto: str) -> str:
    """A value embedded in one line of the e-mail: whatever could break the line or disguise
    the text (control and format characters, line and paragraph separators) becomes a space."""
    if texto.isprintable():  # none of those (the common case, checked in C): spaces only
        return " ".join(texto.split())
    limpo = "".join(
        " " if unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") else c
        for c in texto
    )
    return " ".join(limpo.split())


def _motivo(justificativa: str | None) -> str:
    """The justification as written by the other party, quoted: one line stays on the
    "Motivo:" line; several become lines that each start with "> "."""
    if not justificativa:
        return ""
    linhas = [_linha(linha) for linha in justificativa.splitlines()]
    linhas = [linha for linha in linhas if linha]
    if not linhas:
        return ""
    if len(linhas) == 1:
        return f"\nMotivo: {linhas[0]}"
    return "\nMotivo:\n" + "\n".join(f"> {linha}" for linha in linhas)


def _medico(consulta: Consulta) -> ReferenciaAoMedico:
    return referencia_ao_medico(consulta.medico_nome)


def _inicial(texto: str) -> str:
    return texto[:1].upper() + texto[1:]


def _quando(consulta: Consulta) -> str:
    return quando_local(consulta.inicio, consulta.medico_fuso)


def _notificacao(
    consulta: Consulta, papel: Papel, evento: Evento, assunto: str, texto: str
) -> Notificacao:
    nome = _linha(consulta.medico_nome if papel == "medico" else consulta.paciente_nome)
    crm = f"CRM {_linha(consulta.medico_crm)}/{_linha(consulta.medico_uf)}"
    corpo = (
        f"Olá, {nome}.\n\n{texto}\n\n"
        f"Médico(a): {_linha(consulta.medico_nome)} ({crm})\n"
        f"Paciente: {_linha(consulta.paciente_nome)}\n"
        f"Quando: {_quando(consulta)}\n\n"
        "HealthMed\n"
    )
    usuario_id = consulta.medico_id if papel == "medico" else consulta.paciente_id
    return Notificacao(
        chave=f"{evento.value}:{consulta.id}:{papel}",
        consulta_id=consulta.id,
        usuario_id=usuario_id,
        papel=papel,
        evento=evento,
        assunto=f"{assunto} - HealthMed",
        corpo=corpo,
    )


def da_mudanca(consulta: Consulta) -> list[Notificacao]:
    """The e-mails an appointment's new status causes (``consulta`` as the change left it)."""
    if consulta.status is Status.PENDENTE:
        return [
            _notificacao(
                consulta,
                "medico",
                Evento.SOLICITADA,
                "Nova solicitação de consulta",
                f"{_linha(consulta.paciente_nome)} pediu uma consulta. "
                "Aceite ou recuse pelo HealthMed.",
            )
        ]
    if consulta.status is Status.CONFIRMADA:
        return [
            _notificacao(
                consulta,
                "paciente",
                Evento.CONFIRMADA,
                "Consulta confirmada",
                f"Sua consulta foi confirmada {_medico(consulta).pelo}.",
            )
        ]
    if consulta.status is Status.RECUSADA:
        motivo = _motivo(consulta.justificativa)
        return [
            _notificacao(
                consulta,
                "paciente",
                Evento.RECUSADA,
                "Consulta recusada",
                f"{_inicial(_medico(consulta).o)} não pôde aceitar sua consulta; o horário foi "
                f"liberado.{motivo}",
            )
        ]
    if consulta.status is Status.CANCELADA:
        outro: Papel = "paciente" if consulta.cancelada_por == "medico" else "medico"
        quem = _medico(consulta).pelo if consulta.cancelada_por == "medico" else "pelo(a) paciente"
        return [
            _notificacao(
                consulta,
                outro,
                Evento.CANCELADA,
                "Consulta cancelada",
                f"A consulta foi cancelada {quem}.{_motivo(consulta.justificativa)}",
            )
        ]
    return []


def da_remarcacao(antiga: Consulta, nova: Consulta) -> list[Notificacao]:
    """The doctor learns, in one e-mail, that the patient moved an appointment: from when to
    when, and that the new time waits for an answer like any request (keyed by the new one)."""
    motivo = _motivo(antiga.justificativa)
    # A missed appointment (the doctor never came) is rebooked, not cancelled: no slot is freed.
    liberado = "; o horário anterior foi liberado" if antiga.status is Status.CANCELADA else ""
    return [
        _notificacao(
            nova,
            "medico",
            Evento.REMARCADA,
            "Consulta remarcada",
            f"{_linha(nova.paciente_nome)} remarcou a consulta de {_quando(antiga)} para o horário "
            f"abaixo{liberado}. Aceite ou recuse pelo HealthMed.{motivo}",
        )
    ]


def da_ausencia(consulta: Consulta, status: Status, *, origem: str) -> list[Notificacao]:
    """After the end, the side that can act on an absence learns of it: the patient whose
    doctor never entered the room, with the way to rebook at no cost; the doctor whose patient
    never did, with the way to correct it if the patient did attend."""
    inicio = origem.rstrip("/")
    if status is Status.MEDICO_AUSENTE:
        return [
            _notificacao(
                consulta,
                "paciente",
                Evento.MEDICO_AUSENTE,
                "O médico não entrou na consulta",
                f"{_inicial(_medico(consulta).o)} não entrou na sala da sua consulta. Você pode "
                f"remarcá-la sem custo, na agenda {_medico(consulta).do}, em até "
                f"{PRAZO_REMARCAR_AUSENCIA.days} dias: "
                f"{inicio}/consultas",
            )
        ]
    if status is Status.NAO_COMPARECEU:
        return [
            _notificacao(
                consulta,
                "medico",
                Evento.NAO_COMPARECEU,
                "Paciente não compareceu",
                f"{_linha(consulta.paciente_nome)} não entrou na sala, e a consulta ficou como "
                '"não compareceu". Se o paciente compareceu (por telefone, por exemplo), '
                f"corrija em até {PRAZO_COMPARECIMENTO.days} dias: {inicio}/consultas",
            )
        ]
    return []


def lembretes(consulta: Consulta, evento: Evento) -> list[Notificacao]:
    """A reminder of a confirmed appointment, to both participants."""
    faltam = "em menos de 24 horas" if evento is Evento.LEMBRETE_24H else "em menos de 1 hora"
    texto = f"Lembrete: sua consulta começa {faltam}."
    return [
        _notificacao(consulta, papel, evento, "Lembrete de consulta", texto)
        for papel in ("medico", "paciente")
    ]


def horario_aberto(abertura: Abertura, *, origem: str) -> Notificacao:
    """The patient waiting for an earlier slot learns one opened: the doctor's name, the time on
    the doctor's clock and the link to the doctor's page, nothing else (no specialty, no
    appointment: the e-mail may be read by anyone with access to the mailbox). Keyed by the
    request, which is consumed: one e-mail per request, however many slots opened."""
    pedido, horario = abertura.pedido, abertura.horario
    quando = quando_local(horario.inicio, pedido.medico_fuso)
    link = f"{origem.rstrip('/')}/medicos/{pedido.medico_id}"
    corpo = (
        "Olá.\n\n"
        f"Abriu um horário com {_linha(pedido.medico_nome)} em {quando}; reserve em {link}\n\n"
        "Avisamos todos os que esperavam por este médico ao mesmo tempo: o horário fica com quem "
        "reservar primeiro. Este aviso não se repete; peça outro na página do médico se quiser.\n\n"
        "HealthMed\n"
    )
    return Notificacao(
        chave=f"{Evento.HORARIO_ABERTO.value}:{pedido.id}",
        consulta_id=None,
        usuario_id=pedido.paciente_id,
        papel="paciente",
        evento=Evento.HORARIO_ABERTO,
        assunto="Abriu um horário - HealthMed",
        corpo=corpo,
    )
