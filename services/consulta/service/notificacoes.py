"""The e-mails of appointments: reminders queued when due, and the outbox of e-mails delivered
to auth's mail queue."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import timedelta

from services.consulta.domain import notificacoes
from services.consulta.domain.consulta import Papel
from services.consulta.domain.notificacoes import Email
from services.consulta.service.contexto import Agenda
from services.consulta.service.pessoas import (
    conhecer_medico,
    conhecer_paciente,
)

LOTE_NOTIFICACOES = 50

_log = logging.getLogger("healthmed.consulta")


# Notifications ---------------------------------------------------------------------------------


async def agendar_lembretes(ctx: Agenda) -> int:
    """Queue the 24 h and 1 h reminders of confirmed appointments that reached them."""
    agora = ctx.relogio()
    quantos = 0
    async with ctx.uow() as uow:
        limite_1h = notificacoes.LEMBRETES[notificacoes.Evento.LEMBRETE_1H]
        for evento, antes in notificacoes.LEMBRETES.items():
            # The 24 h reminder is pointless once the 1 h one is due.
            de = agora + limite_1h if evento is notificacoes.Evento.LEMBRETE_24H else agora
            for consulta in await uow.notificacoes.a_lembrar(evento, de=de, ate=agora + antes):
                novos = notificacoes.lembretes(consulta, evento)
                await uow.notificacoes.adicionar(novos)
                quantos += len(novos)
        await uow.commit()
    return quantos


# How far back an ended appointment is still looked at for absences (the background loop runs
# every minute; a day covers any outage of it that matters).
JANELA_AUSENCIAS = timedelta(days=1)


async def avisar_ausencias(ctx: Agenda) -> int:
    """Queue, once per appointment, the notice of an absence found at its end: to the patient
    whose doctor never entered the room (with the rebooking offer), to the doctor whose
    patient never did (with the way to correct it)."""
    agora = ctx.relogio()
    quantos = 0
    async with ctx.uow() as uow:
        for consulta in await uow.notificacoes.ausencias(de=agora - JANELA_AUSENCIAS, ate=agora):
            novos = notificacoes.da_ausencia(
                consulta, consulta.status_em(agora), origem=ctx.settings.origin
            )
            await uow.notificacoes.adicionar(novos)
            quantos += len(novos)
        await uow.commit()
    return quantos


async def _endereco(ctx: Agenda, usuario_id: uuid.UUID, papel: Papel) -> str | None:
    if papel == "paciente":
        paciente = await conhecer_paciente(ctx, usuario_id)
        return paciente.email if paciente and paciente.email else None
    medico = await conhecer_medico(ctx, usuario_id)
    return medico.email if medico else None


async def entregar_notificacoes(ctx: Agenda) -> int:
    """Send the due e-mails of the outbox, all in one call to the mail queue; when that call
    fails, one by one, so that an e-mail the queue refuses is retried later (backoff) without
    holding up the others. The address is the one in the agenda's copy of the person at
    delivery (the owners' events keep it current), so a changed e-mail is honoured; someone
    the agenda does not know yet is asked of the owner."""
    agora = ctx.relogio()
    async with ctx.uow() as uow:
        prontos: list[Email] = []
        adiados: list[uuid.UUID] = []
        for item in await uow.notificacoes.pendentes(agora, limite=LOTE_NOTIFICACOES):
            try:
                para = item.para or await _endereco(ctx, item.usuario_id, item.papel)
            except Exception as exc:  # the outbox keeps it: nothing is lost
                _log.warning("endereço da notificação %s: %s", item.id, type(exc).__name__)
                para = None
            if para is None:
                adiados.append(item.id)
            else:
                prontos.append(Email(item.id, para, item.assunto, item.corpo))
        enviados = await _enviar(ctx, prontos)
        adiados += [e.id for e in prontos if e not in enviados]
        await uow.notificacoes.adiar(adiados, agora)
        await uow.notificacoes.enviadas({e.id: e.para for e in enviados}, agora)
        await uow.commit()
    return len(enviados)


async def _enviar(ctx: Agenda, emails: Sequence[Email]) -> list[Email]:
    """Hand ``emails`` to the mail queue in one call or, when it fails, one by one; the ones
    the queue took (each id is one e-mail there, so a retry never sends twice)."""
    if not emails:
        return []
    try:
        await ctx.correio.enviar(emails)
        return list(emails)
    except Exception as exc:  # the outbox keeps them: nothing is lost
        _log.warning("falha ao enviar %d notificações: %s", len(emails), type(exc).__name__)
    if len(emails) == 1:
        return []
    enviados: list[Email] = []
    for email in emails:
        try:
            await ctx.correio.enviar([email])
        except Exception as exc:  # only this one waits
            _log.warning("falha ao enviar a notificação %s: %s", email.id, type(exc).__name__)
        else:
            enviados.append(email)
    return enviados
