"""The doctor's slots: publishing, moving, deleting; the doctor's and the public agenda."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from libs import db
from services.consulta.domain import agenda
from services.consulta.domain.agenda import Horario, Intervalo
from services.consulta.domain.bloqueio import (
    fora_dos_bloqueios,
)
from services.consulta.domain.consulta import Consulta
from services.consulta.domain.erros import (
    HorarioNaoEncontrado,
    HorarioOcupado,
)
from services.consulta.ports import (
    UnitOfWork,
)
from services.consulta.service.contexto import Agenda
from services.consulta.service.espera import avisar_abertura
from services.consulta.service.pessoas import (
    exigir_medico,
)

JANELA_AGENDA_PADRAO = timedelta(days=7)
JANELA_AGENDA_MAXIMA = timedelta(days=31)
JANELA_MEDICO_PADRAO = timedelta(days=31)
JANELA_MEDICO_MAXIMA = timedelta(days=366)


@dataclass(frozen=True)
class HorariosDoMedico:
    """Slots and the time zone they are shown in (the doctor's)."""

    horarios: list[Horario]
    fuso: ZoneInfo


@dataclass(frozen=True)
class HorariosCriados(HorariosDoMedico):
    """Slots just published, and how many of a weekly repeat fell in a blocked period."""

    ignorados_por_bloqueio: int = 0


async def horario_liberado(
    ctx: Agenda, uow: UnitOfWork, consulta: Consulta, *, exceto: uuid.UUID | None
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
        await avisar_abertura(ctx, uow, [horario], medico_id=consulta.medico_id, exceto=exceto)


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
    medico = await exigir_medico(ctx, medico_id)
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
            livres, ignorados = fora_dos_bloqueios(
                intervalos,
                await uow.bloqueios.do_medico(medico_id, agora),
                repetindo=bool(repetir_semanas),
                fuso=medico.fuso,
            )
            criados = await uow.horarios.adicionar(medico_id, livres)
            await uow.saida.proximo_horario(medico_id)
            await avisar_abertura(ctx, uow, criados, medico_id=medico_id)
            await uow.commit()
            return criados, ignorados

    criados, ignorados = await db.repetindo(transacao)
    ctx.on_saida()
    return HorariosCriados(criados, medico.fuso, ignorados)


async def alterar_horario(
    ctx: Agenda, *, medico_id: uuid.UUID, horario_id: uuid.UUID, inicio: datetime, fim: datetime
) -> HorariosDoMedico:
    """Move a free slot of the calling doctor (not to start inside a blocked period: 409)."""
    medico = await exigir_medico(ctx, medico_id)
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
            fora_dos_bloqueios(
                [intervalo],
                await uow.bloqueios.do_medico(medico_id, ctx.relogio()),
                repetindo=False,
                fuso=medico.fuso,
            )
            await uow.horarios.alterar(horario_id, intervalo)
            await uow.saida.proximo_horario(medico_id)
            movido = Horario(horario_id, medico_id, intervalo.inicio, intervalo.fim)
            await avisar_abertura(ctx, uow, [movido], medico_id=medico_id)
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


async def horarios_do_medico(
    ctx: Agenda, *, medico_id: uuid.UUID, de: date | None, ate: date | None
) -> HorariosDoMedico:
    """The calling doctor's slots in a window (default: the next 31 days), with who holds them.
    A plain date is that whole day in the doctor's zone (``agenda.limite_da_janela``)."""
    medico = await exigir_medico(ctx, medico_id)
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
    medico = await exigir_medico(ctx, medico_id)
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
