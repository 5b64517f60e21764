"""Use cases of the agenda: each runs in one unit of work and speaks to ports.

The other services are reached through two ports: :class:`Diretorio` (who a doctor or a
patient is) and :class:`Publicacao` (what the medico service must learn: a doctor's next free
slot and the ratings). Publications are never sent from inside a use case: they are written to
the outbox (``saida``) in the same transaction as the change, and :func:`drenar_saida` delivers
them, so a crash or an outage of the medico service loses nothing.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from libs import crypto, db, errors
from services.consulta.adapters.uow import ConsultaUnitOfWork
from services.consulta.domain import agenda, avisos, calendario, espera
from services.consulta.domain.agenda import Horario, Intervalo
from services.consulta.domain.avisos import Email
from services.consulta.domain.consulta import Avaliacao, Consulta, Mudanca, Papel, Status
from services.consulta.domain.erros import (
    AssinaturaNaoEncontrada,
    BloqueioNaoEncontrado,
    ConsultaJaAvaliada,
    ConsultaNaoEncontrada,
    ConsultaSobreposta,
    HorarioIndisponivel,
    HorarioNaoEncontrado,
    HorarioOcupado,
    HorarioSobreposto,
    MedicoNaoEncontrado,
    PedidoDeAvisoNaoEncontrado,
    TransicaoInvalida,
)
from services.consulta.domain.pessoas import Medico, Paciente
from services.consulta.settings import ConsultaSettings

UowFactory = Callable[[], ConsultaUnitOfWork]
T = TypeVar("T")
_log = logging.getLogger("healthmed.consulta")

JANELA_AGENDA_PADRAO = timedelta(days=7)
JANELA_AGENDA_MAXIMA = timedelta(days=31)
JANELA_MEDICO_PADRAO = timedelta(days=31)
JANELA_MEDICO_MAXIMA = timedelta(days=366)


class Diretorio(Protocol):
    """Who the people are (the medico and paciente services)."""

    async def medico(self, medico_id: uuid.UUID) -> Medico | None: ...
    async def paciente(self, paciente_id: uuid.UUID) -> Paciente | None: ...


class Correio(Protocol):
    """Queues e-mails, all of them or (raising) none: one call per pass of the outbox."""

    async def enviar(self, emails: Sequence[Email]) -> None: ...


class Publicacao(Protocol):
    """What the medico service must learn from the agenda (both calls are idempotent)."""

    async def proximos_horarios(self, proximos: Mapping[uuid.UUID, datetime | None]) -> None: ...
    async def avaliacao(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None: ...


def _agora() -> datetime:
    return datetime.now(UTC)


async def _nada(_consulta_id: uuid.UUID) -> None:
    return None


@dataclass
class Agenda:
    """Everything the use cases need besides their arguments."""

    settings: ConsultaSettings
    uow: UowFactory
    diretorio: Diretorio
    publicacao: Publicacao
    correio: Correio
    relogio: Callable[[], datetime] = _agora
    on_saida: Callable[[], None] = lambda: None
    # Autocommit sessions on the primary (``uow`` when not given): each statement is its own
    # transaction, without BEGIN/COMMIT round trips. For reads of one statement, and for the
    # booking's insert, one statement that re-checks what was read (see :func:`reservar`).
    uow_avulso: UowFactory | None = None
    # Told (after the commit) of every appointment a change took out of "confirmed" or
    # "pending": the video room ends the connections of its participants (teleconsulta.py).
    ao_encerrar: Callable[[uuid.UUID], Awaitable[None]] = _nada

    @property
    def prazo_cancelamento(self) -> timedelta:
        """How close to the start a patient may still cancel."""
        return timedelta(minutes=self.settings.cancelamento_antecedencia_minutos)

    @property
    def horizonte_reserva(self) -> timedelta:
        """How far ahead a patient may book."""
        return timedelta(days=self.settings.horizonte_reserva_dias)

    @property
    def horizonte_agenda(self) -> timedelta:
        """How far ahead a doctor may publish slots."""
        return timedelta(days=self.settings.horizonte_agenda_dias)


@dataclass(frozen=True)
class HorariosDoMedico:
    """Slots and the time zone they are shown in (the doctor's)."""

    horarios: list[Horario]
    fuso: ZoneInfo


@dataclass(frozen=True)
class HorariosCriados(HorariosDoMedico):
    """Slots just published, and how many of a weekly repeat fell in a blocked period."""

    ignorados_por_bloqueio: int = 0


# Who people are: the agenda's own copy ---------------------------------------------------------


P = TypeVar("P", Medico, Paciente)


async def _conhecer(
    ctx: Agenda,
    ler: Callable[[ConsultaUnitOfWork], Awaitable[P | None]],
    perguntar: Callable[[], Awaitable[P | None]],
    guardar: Callable[[ConsultaUnitOfWork, P], Awaitable[None]],
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


async def _conhecer_medico(ctx: Agenda, medico_id: uuid.UUID) -> Medico | None:
    """The doctor as the agenda knows them (the medico service's events:
    :func:`guardar_copia_medico`)."""
    return await _conhecer(
        ctx,
        lambda uow: uow.pessoas.medico(medico_id),
        lambda: ctx.diretorio.medico(medico_id),
        lambda uow, medico: uow.pessoas.guardar_medico(medico, versao=0),
    )


async def _conhecer_paciente(ctx: Agenda, paciente_id: uuid.UUID) -> Paciente | None:
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


async def _medico(ctx: Agenda, medico_id: uuid.UUID) -> Medico:
    medico = await _conhecer_medico(ctx, medico_id)
    if medico is None:
        raise MedicoNaoEncontrado()
    return medico


class _Desconhecido(Exception):
    """A booking met someone the agenda has no copy of yet. Raised inside the transaction and
    handled outside it (:func:`_conhecendo`): no other service is called while rows are locked."""

    def __init__(self, medico_id: uuid.UUID | None, paciente_id: uuid.UUID | None) -> None:
        super().__init__()
        self.medico_id = medico_id
        self.paciente_id = paciente_id


async def _quem_pede(
    uow: ConsultaUnitOfWork, medico_id: uuid.UUID, paciente_id: uuid.UUID
) -> tuple[Medico, Paciente]:
    """The doctor of the slot asked for and the patient asking, from the agenda's copies,
    inside the booking's transaction. The patient's copy is share-locked: closing the account
    (which updates it) waits for this booking and then cancels it, or went first and this
    booking is refused."""
    medico = await uow.pessoas.medico(medico_id)
    paciente = await uow.pessoas.paciente(paciente_id, travar=True)
    if medico is None or paciente is None:
        raise _Desconhecido(
            medico_id if medico is None else None, paciente_id if paciente is None else None
        )
    _exigir_conta_aberta(paciente)
    return medico, paciente


def _exigir_conta_aberta(paciente: Paciente) -> None:
    if paciente.encerrada:
        raise errors.Proibido("Conta encerrada: não é possível marcar consultas")


async def _reserva(
    uow: ConsultaUnitOfWork, horario_id: uuid.UUID, paciente_id: uuid.UUID
) -> tuple[Horario, Medico, Paciente]:
    """The slot asked for (share-locked), its doctor and the patient asking, in one round
    trip when the agenda knows them all (:func:`_quem_pede` says the rest)."""
    reserva = await uow.pessoas.da_reserva(horario_id, paciente_id)
    if reserva is None:  # someone is missing: which one decides the answer
        horario = await uow.horarios.para_reservar(horario_id)
        if horario is None:
            raise HorarioNaoEncontrado()
        medico, paciente = await _quem_pede(uow, horario.medico_id, paciente_id)
        return horario, medico, paciente
    _exigir_conta_aberta(reserva[2])
    return reserva


async def _conhecendo(ctx: Agenda, transacao: Callable[[], Awaitable[T]]) -> T:
    """Run a booking transaction (rerun as :func:`libs.db.repetindo` says); when it meets someone
    the agenda does not know yet, ask the owner (no lock held), keep the copy and run it once
    more. An unknown doctor hides the slot (404); a patient without a profile may not ask
    (403)."""
    try:
        return await db.repetindo(transacao)
    except _Desconhecido as falta:
        if falta.medico_id and await _conhecer_medico(ctx, falta.medico_id) is None:
            raise HorarioNaoEncontrado() from None
        if falta.paciente_id and await _conhecer_paciente(ctx, falta.paciente_id) is None:
            raise errors.Proibido("Cadastro de paciente não encontrado") from None
    try:
        return await db.repetindo(transacao)
    except _Desconhecido:
        raise errors.ServicoIndisponivel("Tente novamente em instantes") from None


def _sobreposicao(exc: IntegrityError) -> bool:
    return db.is_exclusion_violation(exc)


_TENTATIVAS = db.TENTATIVAS


async def _avisar_abertura(
    ctx: Agenda,
    uow: ConsultaUnitOfWork,
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
            avisos.horario_aberto(a, origem=ctx.settings.origin)
            for a in aberturas
            if a.pedido.id in consumidos
        ]
    )
    return len(consumidos)


async def _horario_liberado(
    ctx: Agenda, uow: ConsultaUnitOfWork, consulta: Consulta, *, exceto: uuid.UUID | None
) -> None:
    """The slot an appointment held is free again (cancelled, refused, moved away): the
    doctor's next free slot is recomputed from scratch (a free slot may now come before the
    one last published, which a booking's own recomputation starts from), and those waiting
    for an opening are told."""
    await uow.saida.proximo_horario(consulta.medico_id)
    if consulta.horario_id is None:
        return
    horario = await uow.horarios.get(consulta.horario_id)
    if horario is not None:
        await _avisar_abertura(ctx, uow, [horario], medico_id=consulta.medico_id, exceto=exceto)


# The doctor's agenda -------------------------------------------------------------------------


async def criar_horarios(
    ctx: Agenda,
    *,
    medico_id: uuid.UUID,
    inicio: datetime,
    fim: datetime,
    duracao_minutos: int | None = None,
    repetir_semanas: int | None = None,
) -> HorariosCriados:
    """Publish one slot, a window split into slots, or that repeated weekly: all or nothing,
    except for the doctor's blocked periods: a single window with a slot starting inside one
    is refused (409 naming the block); a weekly repeat skips the slots inside blocks and says
    how many (``ignorados_por_bloqueio``), refused only if every slot is inside one."""
    medico = await _medico(ctx, medico_id)
    agora = ctx.relogio()
    intervalos = agenda.gerar_horarios(
        inicio,
        fim,
        fuso=medico.fuso,
        agora=agora,
        horizonte=ctx.horizonte_agenda,
        duracao_minutos=duracao_minutos,
        repetir_semanas=repetir_semanas,
    )

    async def transacao() -> tuple[list[Horario], int]:
        async with ctx.uow() as uow:
            await uow.bloqueios.travar_agenda(medico_id, exclusivo=False)
            livres, ignorados = agenda.fora_dos_bloqueios(
                intervalos,
                await uow.bloqueios.do_medico(medico_id, agora),
                repetindo=bool(repetir_semanas),
                fuso=medico.fuso,
            )
            try:
                criados = await uow.horarios.adicionar(medico_id, livres)
            except IntegrityError as exc:
                if _sobreposicao(exc):
                    raise HorarioSobreposto() from exc
                raise
            await uow.saida.proximo_horario(medico_id)
            await _avisar_abertura(ctx, uow, criados, medico_id=medico_id)
            await uow.commit()
            return criados, ignorados

    criados, ignorados = await db.repetindo(transacao)
    ctx.on_saida()
    return HorariosCriados(criados, medico.fuso, ignorados)


async def alterar_horario(
    ctx: Agenda, *, medico_id: uuid.UUID, horario_id: uuid.UUID, inicio: datetime, fim: datetime
) -> HorariosDoMedico:
    """Move a free slot of the calling doctor (not to start inside a blocked period: 409)."""
    medico = await _medico(ctx, medico_id)
    intervalo = agenda.validar_intervalo(
        inicio, fim, agora=ctx.relogio(), horizonte=ctx.horizonte_agenda
    )

    async def transacao() -> None:
        async with ctx.uow() as uow:
            await uow.bloqueios.travar_agenda(medico_id, exclusivo=False)
            horario = await uow.horarios.travar(horario_id, medico_id)
            if horario is None:
                raise HorarioNaoEncontrado()
            if await uow.horarios.tem_consulta_ativa(horario_id):
                raise HorarioOcupado()
            # A move is one window: into a block it is refused, never skipped.
            agenda.fora_dos_bloqueios(
                [intervalo],
                await uow.bloqueios.do_medico(medico_id, ctx.relogio()),
                repetindo=False,
                fuso=medico.fuso,
            )
            try:
                await uow.horarios.alterar(horario_id, intervalo)
            except IntegrityError as exc:
                if _sobreposicao(exc):
                    raise HorarioSobreposto() from exc
                raise
            await uow.saida.proximo_horario(medico_id)
            movido = Horario(horario_id, medico_id, intervalo.inicio, intervalo.fim)
            await _avisar_abertura(ctx, uow, [movido], medico_id=medico_id)
            await uow.commit()

    await db.repetindo(transacao)
    ctx.on_saida()
    novo = Horario(horario_id, medico_id, intervalo.inicio, intervalo.fim)
    return HorariosDoMedico([novo], medico.fuso)


async def remover_horario(ctx: Agenda, *, medico_id: uuid.UUID, horario_id: uuid.UUID) -> None:
    """Delete a free slot of the calling doctor."""
    async with ctx.uow() as uow:
        horario = await uow.horarios.travar(horario_id, medico_id)
        if horario is None:
            raise HorarioNaoEncontrado()
        if await uow.horarios.tem_consulta_ativa(horario_id):
            raise HorarioOcupado()
        await uow.horarios.remover(horario_id)
        await uow.saida.proximo_horario(medico_id)
        await uow.commit()
    ctx.on_saida()


@dataclass(frozen=True)
class BloqueioDoMedico:
    """What blocking a period did (or, simulated, would do), in the doctor's time zone, and
    the stored period (None when simulated)."""

    removidos: int
    mantidos: list[Horario]
    fuso: ZoneInfo
    bloqueio: agenda.PeriodoBloqueado | None = None


async def bloquear_periodo(
    ctx: Agenda, *, medico_id: uuid.UUID, de: datetime, ate: datetime, simular: bool = False
) -> BloqueioDoMedico:
    """Delete every free slot of the calling doctor starting in ``[de, ate)`` and store the
    period, in one transaction, locked as the single delete locks one, so a racing booking
    either holds its slot first (the slot is kept and listed) or finds it gone (404); a racing
    creation of slots either commits first (its free slots go) or sees the stored period.
    Held slots are listed for the doctor to decide. ``simular`` changes nothing (stores
    nothing) and answers what would happen."""
    medico = await _medico(ctx, medico_id)
    periodo = agenda.periodo_de_bloqueio(de, ate, maximo=ctx.horizonte_reserva)
    if simular:
        async with ctx.uow() as uow:
            previsto = agenda.bloquear(await uow.horarios.do_medico(medico_id, periodo))
        return BloqueioDoMedico(len(previsto.removidos), previsto.mantidos, medico.fuso)

    async def transacao() -> tuple[agenda.Bloqueio, agenda.PeriodoBloqueado]:
        async with ctx.uow() as uow:
            await uow.bloqueios.travar_agenda(medico_id, exclusivo=True)
            feito = agenda.bloquear(await uow.horarios.travar_periodo(medico_id, periodo))
            await uow.horarios.remover_varios([h.id for h in feito.removidos])
            guardado = await uow.bloqueios.adicionar(medico_id, periodo)
            if feito.removidos:
                await uow.saida.proximo_horario(medico_id)
            await uow.commit()
            return feito, guardado

    feito, guardado = await db.repetindo(transacao)
    ctx.on_saida()
    return BloqueioDoMedico(len(feito.removidos), feito.mantidos, medico.fuso, guardado)


@dataclass(frozen=True)
class BloqueiosDoMedico:
    """A doctor's stored blocks and the time zone they are shown in."""

    bloqueios: list[agenda.PeriodoBloqueado]
    fuso: ZoneInfo


async def bloqueios_do_medico(ctx: Agenda, *, medico_id: uuid.UUID) -> BloqueiosDoMedico:
    """The calling doctor's current and future blocked periods, soonest first."""
    medico = await _medico(ctx, medico_id)
    async with ctx.uow() as uow:
        lidos = await uow.bloqueios.do_medico(medico_id, ctx.relogio())
    return BloqueiosDoMedico(lidos, medico.fuso)


async def remover_bloqueio(ctx: Agenda, *, medico_id: uuid.UUID, bloqueio_id: uuid.UUID) -> None:
    """Forget a blocked period of the calling doctor (another's: 404): slots may be opened in
    it again; the slots the block removed are not recreated."""
    async with ctx.uow() as uow:
        if not await uow.bloqueios.remover(bloqueio_id, medico_id):
            raise BloqueioNaoEncontrado()
        await uow.commit()


async def horarios_do_medico(
    ctx: Agenda, *, medico_id: uuid.UUID, de: date | None, ate: date | None
) -> HorariosDoMedico:
    """The calling doctor's slots in a window (default: the next 31 days), with who holds them.
    A plain date is that whole day in the doctor's zone (``agenda.limite_da_janela``)."""
    medico = await _medico(ctx, medico_id)
    janela = agenda.janela_de_consulta(
        agenda.limite_da_janela(de, medico.fuso, fim=False),
        agenda.limite_da_janela(ate, medico.fuso, fim=True),
        agora=ctx.relogio(),
        padrao=JANELA_MEDICO_PADRAO,
        maximo=JANELA_MEDICO_MAXIMA,
    )
    async with ctx.uow() as uow:
        horarios = await uow.horarios.do_medico(medico_id, janela)
    return HorariosDoMedico(horarios, medico.fuso)


async def agenda_publica(
    ctx: Agenda, *, medico_id: uuid.UUID, de: date | None, ate: date | None
) -> HorariosDoMedico:
    """The free slots a patient may book in a window (default 7 days, at most 31): future,
    not closer than the doctor's notice, not beyond the booking horizon. A plain date is that
    whole day in the doctor's zone."""
    medico = await _medico(ctx, medico_id)
    agora = ctx.relogio()
    janela = agenda.janela_de_consulta(
        agenda.limite_da_janela(de, medico.fuso, fim=False),
        agenda.limite_da_janela(ate, medico.fuso, fim=True),
        agora=agora,
        padrao=JANELA_AGENDA_PADRAO,
        maximo=JANELA_AGENDA_MAXIMA,
    )
    reservavel = Intervalo(
        max(janela.inicio, agora + medico.antecedencia_minima),
        min(janela.fim, agora + ctx.horizonte_reserva + timedelta(microseconds=1)),
    )
    if reservavel.fim <= reservavel.inicio:
        return HorariosDoMedico([], medico.fuso)
    async with ctx.uow() as uow:
        horarios = await uow.horarios.livres(medico_id, reservavel)
    return HorariosDoMedico(horarios, medico.fuso)


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
        for _ in range(_TENTATIVAS):
            async with (ctx.uow_avulso or ctx.uow)() as uow:
                quem = await _reserva(uow, horario_id, paciente_id)
                salva = await _pedir(ctx, uow, quem, agora=agora, avisar=avisos.avisos_da_mudanca)
                await uow.commit()  # nothing left to commit in autocommit; needed without it
            if salva is not None:
                return salva
        raise HorarioIndisponivel()

    salva = await _conhecendo(ctx, transacao)
    ctx.on_saida()
    return salva


async def _pedir(
    ctx: Agenda,
    uow: ConsultaUnitOfWork,
    quem: tuple[Horario, Medico, Paciente],
    *,
    agora: datetime,
    avisar: Callable[[Consulta], Sequence[avisos.Aviso]],
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
    try:
        # One statement: the appointment (as stored: the database's timestamps), the outbox
        # row that republishes the doctor's next free slot, and ``avisar``'s e-mails.
        return await uow.consultas.adicionar(consulta, avisar(consulta))
    except IntegrityError as exc:
        if db.is_unique_violation(exc):
            raise HorarioIndisponivel() from exc
        if _sobreposicao(exc):
            raise ConsultaSobreposta() from exc
        raise


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
                await _horario_liberado(ctx, uow, alterada, exceto=alterada.paciente_id)
            await uow.notificacoes.adicionar(avisos.avisos_da_mudanca(alterada))
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
            await uow.notificacoes.adicionar(avisos.avisos_da_mudanca(alterada))
            await _horario_liberado(ctx, uow, alterada, exceto=paciente_id)
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
            medico, paciente = await _quem_pede(uow, consulta.medico_id, paciente_id)
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
            await _horario_liberado(ctx, uow, antiga, exceto=paciente_id)
            # Any refusal below leaves the block and rolls back: the old one stays as it was.
            salva = await _pedir(
                ctx,
                uow,
                (horario, medico, paciente),
                agora=agora,
                consulta_id=nova_id,
                remarcada_de=consulta_id,
                avisar=lambda nova: avisos.avisos_da_remarcacao(antiga, nova),
            )
            if salva is None:  # the slot is locked here: only the account can have closed
                raise TransicaoInvalida("A consulta foi alterada por outra operação; tente de novo")
            await uow.commit()
            return Remarcacao(antiga, salva)

    feita = await _conhecendo(ctx, transacao)
    ctx.on_saida()
    await ctx.ao_encerrar(feita.antiga.id)
    return feita


async def ver(ctx: Agenda, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID) -> Consulta:
    """One appointment, for its participants only (404 for anyone else)."""
    async with ctx.uow() as uow:
        consulta = await uow.consultas.get(consulta_id)
    if consulta is None or consulta.papel_de(usuario_id) is None:
        raise ConsultaNaoEncontrada()
    return consulta


async def calendario_da_consulta(
    ctx: Agenda, *, usuario_id: uuid.UUID, consulta_id: uuid.UUID
) -> calendario.Calendario:
    """The appointment as an iCalendar file for one of its participants (404 for anyone else):
    what the file says depends on who asks (see ``domain/calendario.py``)."""
    consulta = await ver(ctx, usuario_id=usuario_id, consulta_id=consulta_id)
    papel = consulta.papel_de(usuario_id)
    assert papel is not None  # ``ver`` admits participants only
    return calendario.calendario(
        consulta, papel=papel, agora=ctx.relogio(), origem=ctx.settings.origin
    )


@dataclass(frozen=True)
class AssinaturaCriada:
    """A new subscription: its secret address, shown once and never stored."""

    url: str
    criada_em: datetime


async def criar_assinatura(ctx: Agenda, *, usuario_id: uuid.UUID, papel: Papel) -> AssinaturaCriada:
    """A new secret address of the caller's calendar subscription; an older one stops working.
    Only the token's keyed hash is stored: the address is shown now and never again."""
    token = secrets.token_urlsafe(32)
    async with ctx.uow() as uow:
        criada = await uow.assinaturas.substituir(
            usuario_id, papel, crypto.keyed_hash(ctx.settings, token)
        )
        await uow.commit()
    return AssinaturaCriada(
        calendario.url_da_assinatura(ctx.settings.origin, token), criada.criada_em
    )


async def ver_assinatura(ctx: Agenda, *, usuario_id: uuid.UUID) -> calendario.Assinatura | None:
    """The caller's subscription, if any (its address cannot be shown again)."""
    async with ctx.uow() as uow:
        return await uow.assinaturas.da_pessoa(usuario_id)


async def revogar_assinatura(ctx: Agenda, *, usuario_id: uuid.UUID) -> None:
    """The caller's address stops working at once (nothing to do if there is none)."""
    async with ctx.uow() as uow:
        await uow.assinaturas.revogar(usuario_id)
        await uow.commit()


async def agenda_assinada(ctx: Agenda, *, arquivo: str) -> str:
    """The subscribed calendar behind a secret address (``<token>.ics``), no login: the
    address is the credential. 404 for anything that is not a live subscription's token."""
    token = calendario.token_do_arquivo(arquivo)
    if token is None:
        raise AssinaturaNaoEncontrada()
    agora = ctx.relogio()
    janela = calendario.janela_da_assinatura(agora, ctx.horizonte_reserva)
    async with ctx.uow() as uow:
        dona = await uow.assinaturas.do_token(crypto.keyed_hash(ctx.settings, token))
        if dona is None:
            raise AssinaturaNaoEncontrada()
        consultas = await uow.consultas.da_assinatura(
            usuario_id=dona.usuario_id, papel=dona.papel, janela=janela
        )
    return calendario.assinatura(
        consultas, papel=dona.papel, agora=agora, origem=ctx.settings.origin, janela=janela
    )


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
        try:
            avaliacao = await uow.avaliacoes.adicionar(consulta_id, nota, texto)
        except IntegrityError as exc:
            if db.is_unique_violation(exc):
                raise ConsultaJaAvaliada() from exc
            raise
        await uow.saida.avaliacao(consulta.medico_id, consulta_id, nota)
        await uow.commit()
    ctx.on_saida()
    return avaliacao


# Waiting for an earlier slot ("Avise-me") --------------------------------------------------------


async def pedir_aviso(
    ctx: Agenda, *, paciente_id: uuid.UUID, medico_id: uuid.UUID, ate: datetime
) -> tuple[espera.PedidoDeAviso, bool]:
    """The patient asks to be e-mailed when a slot of the doctor opens before ``ate``; asking
    again replaces the date of the active request. True when the request is new."""
    medico = await _medico(ctx, medico_id)
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


# The outbox ------------------------------------------------------------------------------------


# How much one pass takes: the doctors whose items it publishes, the e-mails it sends.
LOTE_MEDICOS = 100
LOTE_NOTIFICACOES = 50


async def drenar_saida(ctx: Agenda) -> int:
    """Deliver what is due in the outbox; return how many items went out. One pass takes
    the due items of many doctors and publishes their next free slots in one call (issue 14:
    a publication per booking was most of a booking's cost). When that fails, each doctor is
    tried alone, so one doctor's failure is retried later (backoff) without holding up the
    others."""
    agora = ctx.relogio()
    itens: dict[uuid.UUID, list[tuple[str, dict[str, Any]]]] = {}
    try:
        async with ctx.uow() as uow:
            itens = await uow.saida.tomar(agora, limite=LOTE_MEDICOS)
            if not itens:
                return 0
            await _publicar(ctx, uow, itens, agora)
            await uow.commit()
        return sum(len(v) for v in itens.values())
    except Exception as exc:  # taken back by the rollback: retried doctor by doctor below
        _log.warning("falha ao publicar um lote da saída: %s", type(exc).__name__)
    entregues = 0
    for medico_id in itens:
        try:
            async with ctx.uow() as uow:
                so_ele = await uow.saida.tomar(agora, medicos=[medico_id])
                await _publicar(ctx, uow, so_ele, agora)
                await uow.commit()
            entregues += sum(len(v) for v in so_ele.values())
        except Exception as exc:  # one doctor's failure must not stop the others
            _log.warning("falha ao publicar para o médico %s: %s", medico_id, type(exc).__name__)
            async with ctx.uow() as uow:
                await uow.saida.adiar(medico_id, ctx.relogio())
                await uow.commit()
    return entregues


async def _publicar(
    ctx: Agenda,
    uow: ConsultaUnitOfWork,
    itens: Mapping[uuid.UUID, Sequence[tuple[str, dict[str, Any]]]],
    agora: datetime,
) -> None:
    """Hand the taken items to the medico service: the ratings one by one (rare), the next
    free slot of every doctor that needs it in one call, remembered for the staleness check."""
    for medico_id, do_medico in itens.items():
        for tipo, carga in do_medico:
            if tipo == "avaliacao":
                await ctx.publicacao.avaliacao(
                    medico_id, uuid.UUID(str(carga["consulta_id"])), int(carga["nota"])
                )
    a_publicar = [
        m for m, do_medico in itens.items() if any(t == "proximo_horario" for t, _ in do_medico)
    ]
    if not a_publicar:
        return
    medicos = await uow.pessoas.medicos(a_publicar)
    for medico_id in a_publicar:
        if medico_id not in medicos and (medico := await _conhecer_medico(ctx, medico_id)):
            medicos[medico_id] = medico
    # Only bookings since the last publication (items marked "tomado" by the booking's
    # statement): the next free slot is found from the one published (issue 14: walking every
    # slot a busy doctor has booked, on every pass, was most of the database's work).
    so_tomados = {
        m
        for m in a_publicar
        if all(t != "proximo_horario" or carga.get("tomado") for t, carga in itens[m])
    }
    proximos = await uow.horarios.proximos_livres(
        {m: agora + medico.antecedencia_minima for m, medico in medicos.items()},
        so_tomados=so_tomados,
    )
    await ctx.publicacao.proximos_horarios(proximos)
    await uow.proximos.guardar(
        {
            m: (proximo, proximo - medicos[m].antecedencia_minima if proximo else None)
            for m, proximo in proximos.items()
        }
    )


async def recalcular_vencidos(ctx: Agenda) -> int:
    """Queue a recomputation for doctors whose published next slot is no longer bookable."""
    async with ctx.uow() as uow:
        quantos = await uow.saida.enfileirar_vencidos(ctx.relogio())
        await uow.commit()
    return quantos


# Notifications ---------------------------------------------------------------------------------


async def agendar_lembretes(ctx: Agenda) -> int:
    """Queue the 24 h and 1 h reminders of confirmed appointments that reached them."""
    agora = ctx.relogio()
    quantos = 0
    async with ctx.uow() as uow:
        limite_1h = avisos.LEMBRETES[avisos.Evento.LEMBRETE_1H]
        for evento, antes in avisos.LEMBRETES.items():
            # The 24 h reminder is pointless once the 1 h one is due.
            de = agora + limite_1h if evento is avisos.Evento.LEMBRETE_24H else agora
            for consulta in await uow.notificacoes.a_lembrar(evento, de=de, ate=agora + antes):
                novos = avisos.lembretes(consulta, evento)
                await uow.notificacoes.adicionar(novos)
                quantos += len(novos)
        await uow.commit()
    return quantos


async def _endereco(ctx: Agenda, usuario_id: uuid.UUID, papel: Papel) -> str | None:
    if papel == "paciente":
        paciente = await _conhecer_paciente(ctx, usuario_id)
        return paciente.email if paciente and paciente.email else None
    medico = await _conhecer_medico(ctx, usuario_id)
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
