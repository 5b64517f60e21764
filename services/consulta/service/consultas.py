"""Appointments: booking, the doctor's answer, cancelling, reading, listing, rating."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime

from libs import db, errors
from services.consulta.domain import agenda, notificacoes
from services.consulta.domain.agenda import Horario
from services.consulta.domain.consulta import Avaliacao, Consulta, Mudanca, Papel, Status
from services.consulta.domain.erros import (
    ConsultaJaAvaliada,
    ConsultaNaoEncontrada,
    HorarioIndisponivel,
    TransicaoInvalida,
)
from services.consulta.domain.pessoas import Medico, Paciente
from services.consulta.domain.teleconsulta import ANTECEDENCIA_SALA
from services.consulta.ports import (
    UnitOfWork,
)
from services.consulta.service.contexto import Agenda
from services.consulta.service.horarios import horario_liberado
from services.consulta.service.pessoas import conhecendo, reserva

TENTATIVAS = db.TENTATIVAS


# Appointments ---------------------------------------------------------------------------------


async def reservar(ctx: Agenda, *, paciente_id: uuid.UUID, horario_id: uuid.UUID) -> Consulta:
    """A patient asks for a free slot; the request holds the slot until the doctor answers.

    Of any number of simultaneous requests for one slot exactly one is stored: the others
    meet the partial unique index (one active appointment per slot) and get 409. No other
    service is called (the agenda's copies say who the people are), and no transaction is
    opened around the two statements (issue 14: BEGIN and COMMIT were half of a booking's
    round trips): the slot and the people are read, the domain decides, and the insert is one
    statement that re-checks, under share locks, that the slot and the patient's open account
    are still as read; when either changed in between, all of it runs again with what is
    there now."""
    agora = ctx.relogio()

    async def transacao() -> Consulta:
        for _ in range(TENTATIVAS):
            async with (ctx.uow_avulso or ctx.uow)() as uow:
                quem = await reserva(uow, horario_id, paciente_id)
                salva = await pedir(ctx, uow, quem, agora=agora, notificar=notificacoes.da_mudanca)
                await uow.commit()  # nothing left to commit in autocommit; needed without it
            if salva is not None:
                return salva
        raise HorarioIndisponivel()

    salva = await conhecendo(ctx, transacao)
    ctx.on_saida()
    return salva


async def pedir(
    ctx: Agenda,
    uow: UnitOfWork,
    quem: tuple[Horario, Medico, Paciente],
    *,
    agora: datetime,
    notificar: Callable[[Consulta], Sequence[notificacoes.Notificacao]],
    consulta_id: uuid.UUID | None = None,
    remarcada_de: uuid.UUID | None = None,
) -> Consulta | None:
    """Insert a patient's pending request for a slot, under every booking rule; the
    appointment as stored, or None when the slot or the patient's account changed since
    ``quem`` was read (nothing inserted). A slot already taken and an overlap with another of
    the patient's appointments are the database's to say (409). ``quem``: the slot, its doctor
    and the patient asking."""
    horario, medico, paciente = quem
    agenda.validar_reserva(
        horario.inicio,
        agora=agora,
        antecedencia_minima=medico.antecedencia_minima,
        horizonte=ctx.horizonte_reserva,
    )
    consulta = Consulta(
        id=consulta_id or uuid.uuid4(),
        horario_id=horario.id,
        medico_id=horario.medico_id,
        paciente_id=paciente.id,
        inicio=horario.inicio,
        fim=horario.fim,
        status=Status.PENDENTE,
        medico_nome=medico.nome,
        medico_crm=medico.crm,
        medico_uf=medico.uf,
        medico_fuso=medico.fuso_horario,
        paciente_nome=paciente.nome,
        remarcada_de=remarcada_de,
    )
    # One statement: the appointment (as stored: the database's timestamps), the outbox row
    # that republishes the doctor's next free slot, and ``notificar``'s e-mails.
    return await uow.consultas.adicionar(consulta, notificar(consulta))


async def _aplicar(
    ctx: Agenda,
    *,
    consulta_id: uuid.UUID,
    usuario_id: uuid.UUID,
    so: Papel | None,
    decidir: Callable[[Consulta, Papel, datetime], Mudanca],
    libera_horario: bool,
) -> Consulta:
    """Read, let the domain decide, then compare-and-set. When the stored status changed in
    between (a racing request won), read again so the refusal names the real state. A change
    that frees a slot also locks the doctor's waiting alerts: a transaction PostgreSQL aborts
    for a deadlock is rerun, as bookings are."""

    async def transacao() -> Consulta:
        async with ctx.uow() as uow:
            for _ in range(2):
                consulta = await uow.consultas.get(consulta_id)
                papel = consulta.papel_de(usuario_id) if consulta else None
                if consulta is None or papel is None or (so is not None and papel != so):
                    raise ConsultaNaoEncontrada()
                agora = ctx.relogio()
                mudanca = decidir(consulta, papel, agora)
                alterada = await uow.consultas.mudar(consulta_id, mudanca, agora)
                if alterada is not None:
                    break
            else:
                raise TransicaoInvalida("A consulta foi alterada por outra operação; tente de novo")
            if libera_horario:
                # Whoever held the slot (cancelled, or was refused) is not told it opened.
                await horario_liberado(ctx, uow, alterada, exceto=alterada.paciente_id)
            await uow.notificacoes.adicionar(notificacoes.da_mudanca(alterada))
            await uow.commit()
            return alterada

    alterada = await db.repetindo(transacao)
    ctx.on_saida()
    if alterada.status is not Status.CONFIRMADA:
        await ctx.ao_encerrar(alterada.id)
    # The appointment as this change left it (a later change may already have followed).
    return alterada


async def aceitar(ctx: Agenda, *, medico_id: uuid.UUID, consulta_id: uuid.UUID) -> Consulta:
    """The doctor accepts a pending request."""
    return await _aplicar(
        ctx,
        consulta_id=consulta_id,
        usuario_id=medico_id,
        so="medico",
        decidir=lambda c, _p, agora: c.aceitar(agora),
        libera_horario=False,
    )


async def recusar(
    ctx: Agenda, *, medico_id: uuid.UUID, consulta_id: uuid.UUID, justificativa: str | None
) -> Consulta:
    """The doctor refuses a pending request; the slot is free again."""
    return await _aplicar(
        ctx,
        consulta_id=consulta_id,
        usuario_id=medico_id,
        so="medico",
        decidir=lambda c, _p, agora: c.recusar(agora, justificativa),
        libera_horario=True,
    )


async def cancelar(
    ctx: Agenda, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID, justificativa: str | None
) -> Consulta:
    """Either participant cancels before the start (a patient not closer than the cutoff),
    saying why; the slot is free again."""
    return await _aplicar(
        ctx,
        consulta_id=consulta_id,
        usuario_id=usuario_id,
        so=None,
        decidir=lambda c, papel, agora: c.cancelar(
            agora, por=papel, justificativa=justificativa, prazo_paciente=ctx.prazo_cancelamento
        ),
        libera_horario=True,
    )


async def corrigir_comparecimento(
    ctx: Agenda, *, medico_id: uuid.UUID, consulta_id: uuid.UUID, compareceu: bool
) -> Consulta:
    """The doctor confirms or corrects whether the patient attended an ended appointment (the
    room's record is the default); their own appointments only (404 for any other)."""
    async with ctx.uow() as uow:
        consulta = await uow.consultas.get(consulta_id)
        if consulta is None or consulta.medico_id != medico_id:
            raise ConsultaNaoEncontrada()
        agora = ctx.relogio()
        valor = consulta.corrigir_comparecimento(agora, compareceu=compareceu)
        corrigida = await uow.consultas.corrigir_comparecimento(consulta_id, valor, agora)
        if corrigida is None:
            raise TransicaoInvalida("A consulta foi alterada por outra operação; tente de novo")
        await uow.commit()
    corrigida.avaliacao = consulta.avaliacao
    return corrigida


async def encerrar_atendimento(
    ctx: Agenda, *, medico_id: uuid.UUID, consulta_id: uuid.UUID
) -> Consulta:
    """The doctor ends the consultation from the room: it reads as ended at once (``realizada``
    when the patient came, who may then rate it), and the room's connections close."""
    async with ctx.uow() as uow:
        consulta = await uow.consultas.get(consulta_id)
        if consulta is None or consulta.medico_id != medico_id:
            raise ConsultaNaoEncontrada()
        agora = ctx.relogio()
        consulta.encerrar(agora, abertura=consulta.inicio - ANTECEDENCIA_SALA)
        encerrada = await uow.consultas.encerrar(consulta_id, agora)
        if encerrada is None:
            raise TransicaoInvalida("A consulta foi alterada por outra operação; tente de novo")
        await uow.commit()
    await ctx.ao_encerrar(consulta_id)
    encerrada.avaliacao = consulta.avaliacao
    return encerrada


async def ver(ctx: Agenda, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID) -> Consulta:
    """One appointment, for its participants only (404 for anyone else)."""
    async with ctx.uow() as uow:
        consulta = await uow.consultas.get(consulta_id)
    if consulta is None or consulta.papel_de(usuario_id) is None:
        raise ConsultaNaoEncontrada()
    return consulta


async def listar(
    ctx: Agenda,
    *,
    usuario_id: uuid.UUID,
    papel: Papel,
    status: Status | None,
    pagina: int,
    por_pagina: int,
) -> tuple[list[Consulta], int]:
    """The caller's appointments (as patient or as doctor), optionally of one status: one
    statement, outside any transaction (``uow_avulso``)."""
    async with (ctx.uow_avulso or ctx.uow)() as uow:
        return await uow.consultas.listar(
            usuario_id=usuario_id,
            papel=papel,
            status=status,
            agora=ctx.relogio(),
            pagina=pagina,
            por_pagina=por_pagina,
        )


async def avaliar(
    ctx: Agenda,
    *,
    paciente_id: uuid.UUID,
    consulta_id: uuid.UUID,
    nota: int,
    comentario: str | None,
) -> Avaliacao:
    """The patient rates a ``realizada`` appointment, once; the doctor's average follows."""
    if not 1 <= nota <= 5:
        raise errors.DadosInvalidos.campo("nota", "A nota vai de 1 a 5")
    texto = (comentario or "").strip() or None
    async with ctx.uow() as uow:
        consulta = await uow.consultas.get(consulta_id)
        if consulta is None or consulta.paciente_id != paciente_id:
            raise ConsultaNaoEncontrada()
        consulta.avaliar(ctx.relogio())
        if consulta.avaliacao is not None:
            raise ConsultaJaAvaliada()
        avaliacao = await uow.avaliacoes.adicionar(consulta_id, nota, texto)
        await uow.saida.avaliacao(consulta.medico_id, consulta_id, nota)
        await uow.commit()
    ctx.on_saida()
    return avaliacao
