"""The "Avise-me" waitlist: patients waiting for an earlier slot of a doctor, told when one
opens (:func:`avisar_abertura`, called inside the transaction that freed or published it)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from services.consulta.domain import espera, notificacoes
from services.consulta.domain.agenda import Horario
from services.consulta.domain.erros import (
    PedidoDeAvisoNaoEncontrado,
)
from services.consulta.ports import (
    UnitOfWork,
)
from services.consulta.service.contexto import Agenda
from services.consulta.service.pessoas import (
    exigir_medico,
)


async def avisar_abertura(
    ctx: Agenda,
    uow: UnitOfWork,
    livres: Sequence[Horario],
    *,
    medico_id: uuid.UUID,
    exceto: uuid.UUID | None = None,
) -> int:
    """Slots of a doctor just became free (published, moved, freed): inside the caller's
    transaction, queue one e-mail for every patient waiting for an earlier slot that one of
    them answers, and consume their requests. A rollback of the change takes the e-mails and
    the consumption with it. ``exceto``: the patient whose own appointment freed the slot."""
    if not livres:
        return 0
    agora = ctx.relogio()
    pedidos = await uow.pedidos_de_aviso.travar_do_medico(medico_id, agora)
    aberturas = espera.a_avisar(
        pedidos, livres, agora=agora, horizonte=ctx.horizonte_reserva, exceto=exceto
    )
    consumidos = await uow.pedidos_de_aviso.consumir([a.pedido.id for a in aberturas], agora)
    await uow.notificacoes.adicionar(
        [
            notificacoes.horario_aberto(a, origem=ctx.settings.origin)
            for a in aberturas
            if a.pedido.id in consumidos
        ]
    )
    return len(consumidos)


# Waiting for an earlier slot ("Avise-me") --------------------------------------------------------


async def pedir_aviso(
    ctx: Agenda, *, paciente_id: uuid.UUID, medico_id: uuid.UUID, ate: datetime
) -> tuple[espera.PedidoDeAviso, bool]:
    """The patient asks to be e-mailed when a slot of the doctor opens before ``ate``; asking
    again replaces the date of the active request. True when the request is new."""
    medico = await exigir_medico(ctx, medico_id)
    agora = ctx.relogio()
    espera.validar_ate(ate, agora=agora, horizonte=ctx.horizonte_reserva)
    novo = espera.PedidoDeAviso(
        id=uuid.uuid4(),
        paciente_id=paciente_id,
        medico_id=medico_id,
        ate=ate,
        medico_nome=medico.nome,
        medico_fuso=medico.fuso_horario,
        antecedencia_minima_minutos=medico.antecedencia_minima_minutos,
    )
    async with ctx.uow() as uow:
        salvo, criado = await uow.pedidos_de_aviso.salvar(novo, agora)
        await uow.commit()
    return salvo, criado


async def meus_avisos(ctx: Agenda, *, paciente_id: uuid.UUID) -> list[espera.PedidoDeAviso]:
    """The patient's active requests (not fired, date not past)."""
    async with ctx.uow() as uow:
        return await uow.pedidos_de_aviso.do_paciente(paciente_id, ctx.relogio())


async def cancelar_aviso(ctx: Agenda, *, paciente_id: uuid.UUID, pedido_id: uuid.UUID) -> None:
    """The patient withdraws an active request of theirs (404 for anyone else's)."""
    async with ctx.uow() as uow:
        if not await uow.pedidos_de_aviso.remover(pedido_id, paciente_id):
            raise PedidoDeAvisoNaoEncontrado()
        await uow.commit()
