"""An appointment as an iCalendar file (RFC 5545), to put in the participant's own calendar.

One ``VCALENDAR`` (``METHOD:PUBLISH``) with one ``VEVENT`` whose ``UID`` is the appointment's
id, so importing the file again updates the same event instead of adding another; ``SEQUENCE``
grows with every change of the appointment, so the newer file supersedes the older one.

The file ends up in a third-party cloud calendar (Google, Apple, Microsoft), so it says as
little as it can (LGPD, data minimisation): the doctor's name for the patient, only the
patient's first name for the doctor; never a CPF, an e-mail, a justification or anything of the
health record. Every appointment is a teleconsultation (there is no in-person appointment in
this domain), so ``LOCATION`` is the web app's room page.

The subscription (``assinatura``, a webcal feed) is the caller's whole agenda in one
``VCALENDAR`` that the calendar app fetches again every 15 minutes: the same ``VEVENT`` of each
appointment as the single file (same UID, so importing one and subscribing do not duplicate),
the active ones from 30 days ago to the booking horizon, and the cancelled or refused ones
changed in the last 30 days (``STATUS:CANCELLED``, so the subscribed calendar removes them).

Format rules kept here: CRLF line endings; content lines folded at 75 octets without splitting
a UTF-8 character; TEXT values escaped (backslash, semicolon, comma, newline); times in UTC.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from services.consulta.domain.consulta import ATIVOS, Consulta, Papel, Status
from services.consulta.domain.pessoas import referencia_ao_medico
from services.consulta.domain.teleconsulta import url_da_sala

PRODID = "-//HealthMed//Agenda de consultas//PT-BR"
LIMITE_OCTETOS = 75

_STATUS_ICS = {
    Status.PENDENTE: "TENTATIVE",
    Status.CONFIRMADA: "CONFIRMED",
    Status.REALIZADA: "CONFIRMED",
    # It did not happen: a calendar shows it struck through, as a cancelled one.
    Status.NAO_COMPARECEU: "CANCELLED",
    Status.MEDICO_AUSENTE: "CANCELLED",
    Status.CANCELADA: "CANCELLED",
    Status.RECUSADA: "CANCELLED",
}
# Steps of the state machine: every stored change moves at least one step forward, so adding
# this to the seconds since creation raises SEQUENCE even for two changes in the same second.
_PASSO = {
    Status.PENDENTE: 0,
    Status.CONFIRMADA: 1,
    Status.REALIZADA: 1,  # computed on read, not a change
    # Computed on read too, but a calendar must see a change to strike it through.
    Status.NAO_COMPARECEU: 2,
    Status.MEDICO_AUSENTE: 2,
    Status.RECUSADA: 2,
    Status.CANCELADA: 2,
}
_SITUACAO = {
    Status.PENDENTE: "Aguardando a confirmação {do_medico}.",
    Status.CONFIRMADA: "Consulta confirmada.",
    Status.REALIZADA: "Consulta realizada.",
    Status.NAO_COMPARECEU: "O(a) paciente não compareceu.",
    Status.MEDICO_AUSENTE: (
        "{o_medico} não entrou na sala; a consulta pode ser remarcada sem custo."
    ),
    Status.CANCELADA: "Consulta cancelada.",
    Status.RECUSADA: "Pedido de consulta recusado.",
}


@dataclass(frozen=True)
class Calendario:
    """An iCalendar file: the name to save it as and its text (CRLF lines)."""

    nome_arquivo: str
    conteudo: str


def escapar(texto: str) -> str:
    """A TEXT value as RFC 5545 writes it: backslash, semicolon and comma escaped, line breaks
    as ``\\n``, other control characters (which TEXT cannot hold) dropped."""
    texto = texto.replace("\r\n", "\n").replace("\r", "\n")
    texto = "".join(c for c in texto if c in "\n\t" or (c >= " " and c != "\x7f"))
    return texto.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def dobrar(linha: str) -> str:
    """Fold a content line at 75 octets (UTF-8): each continuation starts with one space, which
    counts in its 75; a multi-byte character is never split."""
    if len(linha.encode()) <= LIMITE_OCTETOS:
        return linha
    partes: list[str] = []
    atual: list[str] = []
    tamanho = 0
    limite = LIMITE_OCTETOS
    for caractere in linha:
        octetos = len(caractere.encode())
        if tamanho + octetos > limite:
            partes.append("".join(atual))
            atual, tamanho, limite = [], 0, LIMITE_OCTETOS - 1
        atual.append(caractere)
        tamanho += octetos
    partes.append("".join(atual))
    return "\r\n ".join(partes)


def _utc(momento: datetime) -> str:
    return momento.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def primeiro_nome(nome: str) -> str:
    """The first word of a name (all the doctor's calendar needs to tell patients apart)."""
    palavras = nome.split()
    return palavras[0] if palavras else "paciente"


def sequencia(consulta: Consulta, agora: datetime) -> int:
    """SEQUENCE: whole seconds from the booking to the last change, plus the step of the state
    machine; 0 for a new request, larger after every change (a newer file supersedes)."""
    segundos = 0
    if consulta.criada_em is not None and consulta.atualizada_em is not None:
        segundos = max(0, int((consulta.atualizada_em - consulta.criada_em).total_seconds()))
    return segundos + _PASSO[consulta.status_em(agora)]


def nome_do_arquivo(consulta: Consulta) -> str:
    """``consulta-<date>.ics``, the date of the start on the doctor's clock."""
    dia = consulta.inicio.astimezone(ZoneInfo(consulta.medico_fuso)).date()
    return f"consulta-{dia.isoformat()}.ics"


def _resumo(consulta: Consulta, papel: Papel) -> str:
    if papel == "paciente":
        return f"Consulta com {consulta.medico_nome}"
    return f"Consulta — {primeiro_nome(consulta.paciente_nome)}"


def calendario(consulta: Consulta, *, papel: Papel, agora: datetime, origem: str) -> Calendario:
    """The iCalendar file of an appointment as one participant (``papel``) sees it."""
    linhas = [*_cabecalho(), *_evento(consulta, papel=papel, agora=agora, origem=origem)]
    linhas.append("END:VCALENDAR")
    return Calendario(nome_do_arquivo(consulta), _texto(linhas))


def _cabecalho() -> list[str]:
    return [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]


def _texto(linhas: list[str]) -> str:
    return "".join(dobrar(linha) + "\r\n" for linha in linhas)


def _evento(consulta: Consulta, *, papel: Papel, agora: datetime, origem: str) -> list[str]:
    """The ``VEVENT`` of one appointment: the same lines in the single file and in the
    subscription, so both say the same and a calendar holding both sees one event (one UID)."""
    status = consulta.status_em(agora)
    sala = url_da_sala(origem, consulta.id)
    consultas = f"{origem.rstrip('/')}/consultas"
    medico = referencia_ao_medico(consulta.medico_nome)
    situacao = _SITUACAO[status].format(
        do_medico=medico.do, o_medico=medico.o[:1].upper() + medico.o[1:]
    )
    if papel == "medico" and status is Status.PENDENTE:
        situacao = "Pedido aguardando a sua resposta."
    descricao = (
        f"{situacao}\n"
        "Teleconsulta pela HealthMed: a sala abre 15 minutos antes do início.\n"
        f"Sala: {sala}\n"
        f"Suas consultas: {consultas}"
    )
    linhas = [
        "BEGIN:VEVENT",
        f"UID:{consulta.id}@healthmed",
        f"DTSTAMP:{_utc(agora)}",
        f"DTSTART:{_utc(consulta.inicio)}",
        f"DTEND:{_utc(consulta.fim)}",
        f"SEQUENCE:{sequencia(consulta, agora)}",
        f"STATUS:{_STATUS_ICS[status]}",
        # Health data: a calendar shared with others shows only "busy".
        "CLASS:PRIVATE",
        f"SUMMARY:{escapar(_resumo(consulta, papel))}",
        f"DESCRIPTION:{escapar(descricao)}",
        f"LOCATION:{escapar(sala)}",
        f"URL:{consultas}",
    ]
    if status in ATIVOS:
        # A reminder 1 hour before the start, only while the appointment may still happen.
        linhas += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escapar(_resumo(consulta, papel))}",
            "TRIGGER:-PT1H",
            "END:VALARM",
        ]
    linhas.append("END:VEVENT")
    return linhas


# The subscription (webcal feed) ----------------------------------------------------------------

NOME_DA_AGENDA = "HealthMed"
# How often the calendar app should fetch again (RFC 7986 REFRESH-INTERVAL; X-PUBLISHED-TTL for
# Outlook and Apple). Google decides for itself (every few hours) whatever we say.
ATUALIZACAO = "PT15M"
PASSADO = timedelta(days=30)
CANCELADAS_RECENTES = timedelta(days=30)
EXTENSAO = ".ics"
# What ``secrets.token_urlsafe`` yields (base64url); anything else is no token of ours.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,128}")


@dataclass(frozen=True)
class Assinatura:
    """Whose agenda a subscription's address opens, as whom, and since when."""

    usuario_id: uuid.UUID
    papel: Papel
    criada_em: datetime


@dataclass(frozen=True)
class JanelaDaAssinatura:
    """Which appointments the subscription carries: those starting in ``[de, ate]``, active
    ones always, cancelled or refused ones only if changed since ``alteradas_desde``."""

    de: datetime
    ate: datetime
    alteradas_desde: datetime


def janela_da_assinatura(agora: datetime, horizonte: timedelta) -> JanelaDaAssinatura:
    """From 30 days ago to the booking horizon (no appointment starts later than that)."""
    return JanelaDaAssinatura(agora - PASSADO, agora + horizonte, agora - CANCELADAS_RECENTES)


def na_assinatura(consulta: Consulta, janela: JanelaDaAssinatura) -> bool:
    """Whether an appointment belongs in the subscription (see :class:`JanelaDaAssinatura`)."""
    if not janela.de <= consulta.inicio <= janela.ate:
        return False
    if consulta.status in ATIVOS:  # stored status: a past confirmed one (realizada) stays
        return True
    alterada = consulta.atualizada_em
    return alterada is not None and alterada >= janela.alteradas_desde


def assinatura(
    consultas: Iterable[Consulta],
    *,
    papel: Papel,
    agora: datetime,
    origem: str,
    janela: JanelaDaAssinatura,
) -> str:
    """The subscribed calendar of one participant (``papel``): one VEVENT per appointment of
    the window, soonest first. The feed lives in a third-party cloud and is fetched by it, so
    each event says only what the single file says (the doctor's name for the patient, the
    patient's first name for the doctor) and the calendar itself names no one."""
    escolhidas = sorted(
        (c for c in consultas if na_assinatura(c, janela)), key=lambda c: (c.inicio, str(c.id))
    )
    linhas = [
        *_cabecalho(),
        f"NAME:{NOME_DA_AGENDA}",
        f"X-WR-CALNAME:{NOME_DA_AGENDA}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{ATUALIZACAO}",
        f"X-PUBLISHED-TTL:{ATUALIZACAO}",
    ]
    for consulta in escolhidas:
        linhas += _evento(consulta, papel=papel, agora=agora, origem=origem)
    linhas.append("END:VCALENDAR")
    return _texto(linhas)


def url_da_assinatura(origem: str, token: str) -> str:
    """The secret address of a subscription: ``{origem}/api/calendario/{token}.ics``."""
    return f"{origem.rstrip('/')}/api/calendario/{token}{EXTENSAO}"


def token_do_arquivo(arquivo: str) -> str | None:
    """The token in the last segment of a subscription's address (``<token>.ics``), or None
    when it cannot be one (then the answer is the same 404 as for an unknown token)."""
    if not arquivo.endswith(EXTENSAO):
        return None
    token = arquivo.removesuffix(EXTENSAO)
    return token if _TOKEN.fullmatch(token) else None
