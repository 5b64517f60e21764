"""Who people are: the agenda's own copies of doctors and patients, kept from their owners'
events and asked of the owner once when never seen."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

from libs import db, errors
from services.consulta.domain.agenda import Horario
from services.consulta.domain.erros import (
    HorarioNaoEncontrado,
    MedicoNaoEncontrado,
)
from services.consulta.domain.pessoas import Medico, Paciente
from services.consulta.ports import (
    UnitOfWork,
)
from services.consulta.service.contexto import Agenda

# Who people are: the agenda's own copy ---------------------------------------------------------


P = TypeVar("P", Medico, Paciente)
T = TypeVar("T")


async def _conhecer(
    ctx: Agenda,
    ler: Callable[[UnitOfWork], Awaitable[P | None]],
    perguntar: Callable[[], Awaitable[P | None]],
    guardar: Callable[[UnitOfWork, P], Awaitable[None]],
) -> P | None:
    """Someone as the agenda's copy has them. One never seen is asked of the owner once and
    kept (version 0); their later changes arrive as the owner's events."""
    async with (ctx.uow_avulso or ctx.uow)() as uow:  # one statement: no transaction
        pessoa = await ler(uow)
    if pessoa is None:
        pessoa = await perguntar()
        if pessoa is not None:
            async with ctx.uow() as uow:
                await guardar(uow, pessoa)
                await uow.commit()
    return pessoa


async def conhecer_medico(ctx: Agenda, medico_id: uuid.UUID) -> Medico | None:
    """The doctor as the agenda knows them (the medico service's events:
    :func:`guardar_copia_medico`)."""
    return await _conhecer(
        ctx,
        lambda uow: uow.pessoas.medico(medico_id),
        lambda: ctx.diretorio.medico(medico_id),
        lambda uow, medico: uow.pessoas.guardar_medico(medico, versao=0),
    )


async def conhecer_paciente(ctx: Agenda, paciente_id: uuid.UUID) -> Paciente | None:
    """The patient as the agenda knows them (the paciente service's events:
    :func:`guardar_copia_paciente`)."""
    return await _conhecer(
        ctx,
        lambda uow: uow.pessoas.paciente(paciente_id),
        lambda: ctx.diretorio.paciente(paciente_id),
        lambda uow, paciente: uow.pessoas.guardar_paciente(paciente, versao=0),
    )


async def guardar_copia_medico(ctx: Agenda, *, medico: Medico, versao: int) -> None:
    """The medico service published a doctor's profile (event ``versao``): keep it, unless
    the copy already is as new (a late or repeated delivery changes nothing)."""
    async with ctx.uow() as uow:
        await uow.pessoas.guardar_medico(medico, versao)
        # The notice may have changed, and with it which slot is the next bookable one: the
        # next publication starts from scratch (a booking's starts from the last one).
        await uow.saida.proximo_horario(medico.id)
        await uow.commit()


async def guardar_copia_paciente(ctx: Agenda, *, paciente: Paciente, versao: int) -> None:
    """The paciente service published a patient's profile (as :func:`guardar_copia_medico`);
    a closed account stays closed."""
    async with ctx.uow() as uow:
        await uow.pessoas.guardar_paciente(paciente, versao)
        await uow.commit()


async def exigir_medico(ctx: Agenda, medico_id: uuid.UUID) -> Medico:
    medico = await conhecer_medico(ctx, medico_id)
    if medico is None:
        raise MedicoNaoEncontrado()
    return medico


class Desconhecido(Exception):
    """A booking met someone the agenda has no copy of yet. Raised inside the transaction and
    handled outside it (:func:`conhecendo`): no other service is called while rows are locked."""

    def __init__(self, medico_id: uuid.UUID | None, paciente_id: uuid.UUID | None) -> None:
        super().__init__()
        self.medico_id = medico_id
        self.paciente_id = paciente_id


async def quem_pede(
    uow: UnitOfWork, medico_id: uuid.UUID, paciente_id: uuid.UUID
) -> tuple[Medico, Paciente]:
    """The doctor of the slot asked for and the patient asking, from the agenda's copies,
    inside the booking's transaction. The patient's copy is share-locked: closing the account
    (which updates it) waits for this booking and then cancels it, or went first and this
    booking is refused."""
    medico = await uow.pessoas.medico(medico_id)
    paciente = await uow.pessoas.paciente(paciente_id, travar=True)
    if medico is None or paciente is None:
        raise Desconhecido(
            medico_id if medico is None else None, paciente_id if paciente is None else None
        )
    exigir_conta_aberta(paciente)
    return medico, paciente


def exigir_conta_aberta(paciente: Paciente) -> None:
    """A closed account books nothing (403)."""
    if paciente.encerrada:
        raise errors.Proibido("Conta encerrada: não é possível marcar consultas")


async def reserva(
    uow: UnitOfWork, horario_id: uuid.UUID, paciente_id: uuid.UUID
) -> tuple[Horario, Medico, Paciente]:
    """The slot asked for (share-locked), its doctor and the patient asking, in one round
    trip when the agenda knows them all (:func:`quem_pede` says the rest)."""
    reserva = await uow.pessoas.da_reserva(horario_id, paciente_id)
    if reserva is None:  # someone is missing: which one decides the answer
        horario = await uow.horarios.para_reservar(horario_id)
        if horario is None:
            raise HorarioNaoEncontrado()
        medico, paciente = await quem_pede(uow, horario.medico_id, paciente_id)
        return horario, medico, paciente
    exigir_conta_aberta(reserva[2])
    return reserva


async def conhecendo(ctx: Agenda, transacao: Callable[[], Awaitable[T]]) -> T:
    """Run a booking transaction (rerun as :func:`libs.db.repetindo` says); when it meets someone
    the agenda does not know yet, ask the owner (no lock held), keep the copy and run it once
    more. An unknown doctor hides the slot (404); a patient without a profile may not ask
    (403)."""
    try:
        return await db.repetindo(transacao)
    except Desconhecido as falta:
        if falta.medico_id and await conhecer_medico(ctx, falta.medico_id) is None:
            raise HorarioNaoEncontrado() from None
        if falta.paciente_id and await conhecer_paciente(ctx, falta.paciente_id) is None:
            raise errors.Proibido("Cadastro de paciente não encontrado") from None
    try:
        return await db.repetindo(transacao)
    except Desconhecido:
        raise errors.ServicoIndisponivel("Tente novamente em instantes") from None
