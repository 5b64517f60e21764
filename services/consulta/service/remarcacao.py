"""Rescheduling: an appointment moved to another slot of the same doctor, all or nothing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from services.consulta.domain import notificacoes
from services.consulta.domain.consulta import Consulta
from services.consulta.domain.erros import (
    ConsultaNaoEncontrada,
    HorarioNaoEncontrado,
    TransicaoInvalida,
)
from services.consulta.service.consultas import pedir
from services.consulta.service.contexto import Agenda
from services.consulta.service.horarios import horario_liberado
from services.consulta.service.pessoas import (
    conhecendo,
    quem_pede,
)


@dataclass(frozen=True)
class Remarcacao:
    """What a rescheduling left: the cancelled appointment and the one booked in its place."""

    antiga: Consulta
    nova: Consulta


async def remarcar(
    ctx: Agenda,
    *,
    paciente_id: uuid.UUID,
    consulta_id: uuid.UUID,
    horario_id: uuid.UUID,
    justificativa: str | None,
) -> Remarcacao:
    """The patient moves a pending or confirmed appointment to a free slot of the same doctor,
    all or nothing: the old one is cancelled (the patient's cutoff applies, as for cancelling)
    and its slot is free again; a new request holds the new slot, linked both ways; the doctor
    gets one notice. The old one is cancelled first, inside the transaction, so the new slot may
    overlap it (moving by 15 minutes). Whoever loses the new slot to a racing booking gets 409
    and keeps the old appointment as it was."""

    async def transacao() -> Remarcacao:
        async with ctx.uow() as uow:
            consulta = await uow.consultas.get(consulta_id)
            horario = await uow.horarios.para_reservar(horario_id)
            if consulta is None or consulta.paciente_id != paciente_id:
                raise ConsultaNaoEncontrada()
            if horario is None:
                raise HorarioNaoEncontrado()
            medico, paciente = await quem_pede(uow, consulta.medico_id, paciente_id)
            agora = ctx.relogio()
            nova_id = uuid.uuid4()
            mudanca = consulta.remarcar(
                agora,
                para=horario,
                nova_id=nova_id,
                justificativa=justificativa,
                prazo_paciente=ctx.prazo_cancelamento,
            )
            antiga = await uow.consultas.mudar(consulta_id, mudanca, agora)
            if antiga is None:
                raise TransicaoInvalida("A consulta foi alterada por outra operação; tente de novo")
            # The old slot is free from here on; if the new one is refused below, the rollback
            # takes back the e-mails to those waiting too.
            await horario_liberado(ctx, uow, antiga, exceto=paciente_id)
            # Any refusal below leaves the block and rolls back: the old one stays as it was.
            salva = await pedir(
                ctx,
                uow,
                (horario, medico, paciente),
                agora=agora,
                consulta_id=nova_id,
                remarcada_de=consulta_id,
                notificar=lambda nova: notificacoes.da_remarcacao(antiga, nova),
            )
            if salva is None:  # the slot is locked here: only the account can have closed
                raise TransicaoInvalida("A consulta foi alterada por outra operação; tente de novo")
            await uow.commit()
            return Remarcacao(antiga, salva)

    feita = await conhecendo(ctx, transacao)
    ctx.on_saida()
    await ctx.ao_encerrar(feita.antiga.id)
    return feita
