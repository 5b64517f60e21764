"""A patient's closed account, as the agenda sees it: the future appointments are cancelled."""

from __future__ import annotations

import uuid

from services.consulta.domain import notificacoes
from services.consulta.domain.consulta import Consulta
from services.consulta.service.contexto import Agenda
from services.consulta.service.horarios import horario_liberado


async def encerrar_paciente(ctx: Agenda, *, paciente_id: uuid.UUID) -> int:
    """The patient closed the account: every future pending or confirmed appointment is
    cancelled as by the patient (justification :data:`JUSTIFICATIVA_ENCERRAMENTO`, the
    cutoff not applied: ``Consulta.cancelar_por_encerramento``), its slot freed and the
    doctor told; the calendar subscription is revoked and the e-mails still waiting for the
    patient are dropped. Past appointments and ratings stay: they are the doctor's record too.
    One transaction; idempotent (a second call finds nothing left). Answers how many were
    cancelled by this call."""
    async with ctx.uow() as uow:
        # First: a booking that read the patient's copy is waited for (and cancelled below);
        # any later one sees the account closed and is refused.
        await uow.pessoas.encerrar_paciente(paciente_id)
        agora = ctx.relogio()
        canceladas: list[Consulta] = []
        for consulta in await uow.consultas.futuras_ativas_do_paciente(paciente_id, agora):
            mudanca = consulta.cancelar_por_encerramento(agora)
            alterada = await uow.consultas.mudar(consulta.id, mudanca, agora)
            if alterada is None:
                # A racing change (the doctor refused it a moment ago): nothing left to cancel.
                continue
            await uow.notificacoes.adicionar(notificacoes.da_mudanca(alterada))
            await horario_liberado(ctx, uow, alterada, exceto=paciente_id)
            canceladas.append(alterada)
        await uow.assinaturas.revogar(paciente_id)
        await uow.pedidos_de_aviso.remover_do_paciente(paciente_id)
        await uow.notificacoes.descartar_pendentes_de(paciente_id)
        await uow.commit()
    if canceladas:
        ctx.on_saida()
    for cancelada in canceladas:
        await ctx.ao_encerrar(cancelada.id)
    return len(canceladas)
