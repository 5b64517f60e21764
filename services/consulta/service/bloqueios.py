"""Blocked periods (out of office): blocking removes the free slots and keeps the period."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from libs import db
from services.consulta.domain.agenda import Horario
from services.consulta.domain.bloqueio import (
    Bloqueio,
    PeriodoBloqueado,
    bloquear,
    periodo_de_bloqueio,
)
from services.consulta.domain.erros import (
    BloqueioNaoEncontrado,
)
from services.consulta.service.contexto import Agenda
from services.consulta.service.pessoas import (
    exigir_medico,
)


@dataclass(frozen=True)
class BloqueioDoMedico:
    """What blocking a period did (or, simulated, would do), in the doctor's time zone, and
    the stored period (None when simulated)."""

    removidos: int
    mantidos: list[Horario]
    fuso: ZoneInfo
    bloqueio: PeriodoBloqueado | None = None


async def bloquear_periodo(
    ctx: Agenda, *, medico_id: uuid.UUID, de: datetime, ate: datetime, simular: bool = False
) -> BloqueioDoMedico:
    """Delete every free slot of the calling doctor starting in ``[de, ate)`` and store the
    period, in one transaction, locked as the single delete locks one, so a racing booking
    either holds its slot first (the slot is kept and listed) or finds it gone (404); a racing
    creation of slots either commits first (its free slots go) or sees the stored period.
    Held slots are listed for the doctor to decide. ``simular`` changes nothing (stores
    nothing) and answers what would happen."""
    medico = await exigir_medico(ctx, medico_id)
    periodo = periodo_de_bloqueio(de, ate, maximo=ctx.horizonte_reserva)
    if simular:
        async with ctx.uow() as uow:
            previsto = bloquear(await uow.horarios.do_medico(medico_id, periodo))
        return BloqueioDoMedico(len(previsto.removidos), previsto.mantidos, medico.fuso)

    async def transacao() -> tuple[Bloqueio, PeriodoBloqueado]:
        async with ctx.uow() as uow:
            await uow.bloqueios.travar_agenda(medico_id, exclusivo=True)
            feito = bloquear(await uow.horarios.travar_periodo(medico_id, periodo))
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

    bloqueios: list[PeriodoBloqueado]
    fuso: ZoneInfo


async def bloqueios_do_medico(ctx: Agenda, *, medico_id: uuid.UUID) -> BloqueiosDoMedico:
    """The calling doctor's current and future blocked periods, soonest first."""
    medico = await exigir_medico(ctx, medico_id)
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
