"""All SQL of the consulta service.

Every status change is one ``UPDATE ... WHERE status IN (...) RETURNING``: the database, not a
read-then-write in Python, decides which of two racing changes wins.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import DateTime, and_, delete, exists, func, insert, literal, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from libs import db
from services.consulta.adapters.tables import (
    avaliacoes,
    consultas,
    copias_medicos,
    copias_pacientes,
    horarios,
    notificacoes,
    proximos_horarios,
    saida,
)
from services.consulta.domain.agenda import Horario, Intervalo, StatusHorario
from services.consulta.domain.avisos import Aviso, Evento
from services.consulta.domain.calendario import JanelaDaAssinatura
from services.consulta.domain.consulta import ATIVOS, Avaliacao, Consulta, Mudanca, Papel, Status

_ATIVOS = sorted(s.value for s in ATIVOS)


def _ativa() -> Any:
    return consultas.c.status.in_(_ATIVOS)


class HorarioRepository:
    """A doctor's slots."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar(
        self, medico_id: uuid.UUID, intervalos: Sequence[Intervalo]
    ) -> list[Horario]:
        """Insert every slot in one statement (the exclusion constraint refuses any overlap)."""
        criados = [Horario(uuid.uuid4(), medico_id, i.inicio, i.fim) for i in intervalos]
        rows = [
            {"id": h.id, "medico_id": medico_id, "inicio": h.inicio, "fim": h.fim} for h in criados
        ]
        await self.session.execute(insert(horarios), rows)
        return criados

    async def travar(self, horario_id: uuid.UUID, medico_id: uuid.UUID) -> Horario | None:
        """A slot of this doctor, locked against concurrent bookings and edits."""
        query = (
            select(horarios.c.id, horarios.c.medico_id, horarios.c.inicio, horarios.c.fim)
            .where(horarios.c.id == horario_id, horarios.c.medico_id == medico_id)
            .with_for_update()
        )
        row = (await self.session.execute(query)).first()
        return Horario(row.id, row.medico_id, row.inicio, row.fim) if row else None

    async def para_reservar(self, horario_id: uuid.UUID) -> Horario | None:
        """A slot, share-locked: many bookings may hold it at once (the unique index picks one
        winner), while an edit or delete waits for them."""
        query = (
            select(horarios.c.id, horarios.c.medico_id, horarios.c.inicio, horarios.c.fim)
            .where(horarios.c.id == horario_id)
            .with_for_update(read=True)
        )
        row = (await self.session.execute(query)).first()
        return Horario(row.id, row.medico_id, row.inicio, row.fim) if row else None

    async def get(self, horario_id: uuid.UUID) -> Horario | None:
        """A slot, unlocked."""
        query = select(
            horarios.c.id, horarios.c.medico_id, horarios.c.inicio, horarios.c.fim
        ).where(horarios.c.id == horario_id)
        row = (await self.session.execute(query)).first()
        return Horario(row.id, row.medico_id, row.inicio, row.fim) if row else None

    async def tem_consulta_ativa(self, horario_id: uuid.UUID) -> bool:
        """Whether a pending or confirmed appointment holds the slot."""
        query = select(exists().where(consultas.c.horario_id == horario_id, _ativa()))
        return bool((await self.session.execute(query)).scalar())

    async def alterar(self, horario_id: uuid.UUID, intervalo: Intervalo) -> None:
        """Move a slot (the exclusion constraint refuses an overlap)."""
        await self.session.execute(
            update(horarios)
            .where(horarios.c.id == horario_id)
            .values(inicio=intervalo.inicio, fim=intervalo.fim, atualizado_em=func.now())
        )

    async def remover(self, horario_id: uuid.UUID) -> None:
        """Delete a slot (past appointments keep their own copy of the times)."""
        await self.session.execute(delete(horarios).where(horarios.c.id == horario_id))

    async def travar_periodo(self, medico_id: uuid.UUID, periodo: Intervalo) -> list[Horario]:
        """Every slot of a doctor starting in the period, locked as ``travar`` locks one (a
        booking holding one share-locked is waited for; a later one waits for us), with who
        holds it. Two statements on purpose: under READ COMMITTED the second reads a snapshot
        taken after the lock was granted, so it sees the appointment of a booking that
        committed while we waited (one statement would judge it by its older snapshot)."""
        travados = (
            select(horarios.c.id)
            .where(
                horarios.c.medico_id == medico_id,
                horarios.c.inicio >= periodo.inicio,
                horarios.c.inicio < periodo.fim,
            )
            .order_by(horarios.c.inicio, horarios.c.id)  # one order: two blocks never deadlock
            .with_for_update()
        )
        ids = set((await self.session.execute(travados)).scalars())
        # A slot created after the lock is not ours to judge (nor locked): left out.
        return [h for h in await self.do_medico(medico_id, periodo) if h.id in ids]

    async def remover_varios(self, horario_ids: Sequence[uuid.UUID]) -> int:
        """Delete slots (locked by the caller); how many went."""
        if not horario_ids:
            return 0
        result = await self.session.execute(
            delete(horarios).where(horarios.c.id.in_(list(horario_ids))).returning(horarios.c.id)
        )
        return len(result.all())

    async def do_medico(self, medico_id: uuid.UUID, janela: Intervalo) -> list[Horario]:
        """Every slot of a doctor starting in the window, with who holds it."""
        ativa = consultas.alias("ativa")
        query = (
            select(
                horarios.c.id,
                horarios.c.medico_id,
                horarios.c.inicio,
                horarios.c.fim,
                ativa.c.id.label("consulta_id"),
                ativa.c.status,
            )
            .select_from(
                horarios.outerjoin(
                    ativa,
                    and_(ativa.c.horario_id == horarios.c.id, ativa.c.status.in_(_ATIVOS)),
                )
            )
            .where(
                horarios.c.medico_id == medico_id,
                horarios.c.inicio >= janela.inicio,
                horarios.c.inicio < janela.fim,
            )
            .order_by(horarios.c.inicio)
        )
        result = []
        for row in (await self.session.execute(query)).all():
            status = StatusHorario.LIVRE
            if row.status == Status.PENDENTE.value:
                status = StatusHorario.RESERVADO
            elif row.status == Status.CONFIRMADA.value:
                status = StatusHorario.CONFIRMADO
            result.append(
                Horario(row.id, row.medico_id, row.inicio, row.fim, status, row.consulta_id)
            )
        return result

    def _livres(self, medico_id: uuid.UUID) -> Any:
        return (
            select(horarios.c.id, horarios.c.medico_id, horarios.c.inicio, horarios.c.fim)
            .where(
                horarios.c.medico_id == medico_id,
                ~exists().where(consultas.c.horario_id == horarios.c.id, _ativa()),
            )
            .order_by(horarios.c.inicio)
        )

    async def livres(self, medico_id: uuid.UUID, janela: Intervalo) -> list[Horario]:
        """Free slots of a doctor starting in the window."""
        query = self._livres(medico_id).where(
            horarios.c.inicio >= janela.inicio, horarios.c.inicio < janela.fim
        )
        rows = (await self.session.execute(query)).all()
        return [Horario(r.id, r.medico_id, r.inicio, r.fim) for r in rows]

    async def proximos_livres(
        self, desde: Mapping[uuid.UUID, datetime], *, so_tomados: Collection[uuid.UUID] = ()
    ) -> dict[uuid.UUID, datetime | None]:
        """The start of each doctor's first free slot starting at or after its ``desde``, in
        one statement (one index probe per doctor). For the doctors in ``so_tomados`` only
        bookings happened since their last publication, and a booking only takes a slot: the
        answer cannot be before the slot last published, so the probe starts there instead of
        walking every slot booked in between."""
        if not desde:
            return {}
        rows = await self.session.execute(
            _PROXIMOS_LIVRES,
            {
                "ids": list(desde),
                "desdes": list(desde.values()),
                "so_tomados": [m in so_tomados for m in desde],
                "ativos": _ATIVOS,
            },
        )
        return {r.medico_id: r.inicio for r in rows}


# The first free slot of each doctor of one outbox pass: one LATERAL probe per doctor on
# (medico_id, inicio), skipping the slots an active appointment holds; after bookings only,
# from the slot last published (greatest() ignores a null: none published, from desde).
_PROXIMOS_LIVRES = text(
    """
    select d.medico_id, (
        select h.inicio from horarios h
        where h.medico_id = d.medico_id
          and h.inicio >= greatest(d.desde, case when d.so_tomados then p.proximo_horario end)
          and not exists (
            select 1 from consultas c
            where c.horario_id = h.id and c.status = any(cast(:ativos as text[]))
          )
        order by h.inicio limit 1
    ) as inicio
    from unnest(
        cast(:ids as uuid[]), cast(:desdes as timestamptz[]), cast(:so_tomados as boolean[])
    ) as d(medico_id, desde, so_tomados)
    left join proximos_horarios p on p.medico_id = d.medico_id
    """
)


_STATUS = {s.value: s for s in Status}  # a dict lookup: Status(texto) costs ~1 us a row


def consulta_da_linha(row: Any) -> Consulta:
    """An appointment from a row of :func:`consultas_com_avaliacao` (or of the table alone)."""
    avaliacao = None
    if getattr(row, "nota", None) is not None:
        avaliacao = Avaliacao(row.id, row.nota, row.comentario, row.avaliada_em)
    return Consulta(
        id=row.id,
        horario_id=row.horario_id,
        medico_id=row.medico_id,
        paciente_id=row.paciente_id,
        inicio=row.inicio,
        fim=row.fim,
        status=_STATUS[row.status],
        justificativa=row.justificativa,
        cancelada_por=row.cancelada_por,
        cancelada_em=row.cancelada_em,
        medico_nome=row.medico_nome,
        medico_crm=row.medico_crm,
        medico_uf=row.medico_uf,
        medico_fuso=row.medico_fuso,
        paciente_nome=row.paciente_nome,
        criada_em=row.criada_em,
        atualizada_em=row.atualizada_em,
        avaliacao=avaliacao,
        remarcada_de=row.remarcada_de,
        remarcada_para=row.remarcada_para,
    )


_COLUNAS = [c for c in consultas.c if c.name != "periodo"]


def consultas_com_avaliacao() -> Any:
    """SELECT of appointments with their rating, if any (shared by the history's repository)."""
    return select(
        *_COLUNAS,
        avaliacoes.c.nota,
        avaliacoes.c.comentario,
        avaliacoes.c.criada_em.label("avaliada_em"),
    ).select_from(consultas.outerjoin(avaliacoes, avaliacoes.c.consulta_id == consultas.c.id))


# The columns of a notice, in the order of _RESERVAR's arrays.
_CAMPOS_DE_AVISO = (
    "id",
    "chave",
    "consulta_id",
    "usuario_id",
    "papel",
    "evento",
    "assunto",
    "corpo",
)

# The booking: the appointment, the outbox row that republishes its doctor's next free slot,
# and its notices (any number, as arrays: one statement text for all), in one round trip;
# only while the slot is as read ($2, $3, $5, $6) and the patient's account open ($4).
_RESERVAR = """
with horario as (
    select 1 from horarios
    where id = $2 and medico_id = $3 and inicio = $5 and fim = $6
    for share
), paciente as (
    select 1 from copias_pacientes where id = $4 and not encerrada
    for share
), nova as (
    insert into consultas (
        id, horario_id, medico_id, paciente_id, inicio, fim, status,
        medico_nome, medico_crm, medico_uf, medico_fuso, paciente_nome, remarcada_de
    )
    select $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::timestamptz, $6::timestamptz, $7::text,
           $8::text, $9::text, $10::text, $11::text, $12::text, $13::uuid
    where exists (select 1 from horario) and exists (select 1 from paciente)
    returning
        id, horario_id, medico_id, paciente_id, inicio, fim, status, justificativa,
        cancelada_por, cancelada_em, medico_nome, medico_crm, medico_uf, medico_fuso,
        paciente_nome, criada_em, atualizada_em, remarcada_de, remarcada_para
), publicar as (
    -- Marked as a booking's: the next free slot is looked for from the one last published.
    insert into saida (tipo, medico_id, carga)
    select 'proximo_horario', medico_id, '{"tomado": true}'::jsonb from nova
), avisar as (
    insert into notificacoes (
        id, chave, consulta_id, usuario_id, papel, evento, assunto, corpo
    )
    select * from unnest(
        $14::uuid[], $15::text[], $16::uuid[], $17::uuid[],
        $18::text[], $19::text[], $20::text[], $21::text[]
    )
    where exists (select 1 from nova)
    on conflict (chave) do nothing
)
select * from nova
"""


# Whose appointments, and which: $1 the doctor or patient, $2 a status or null, $3/$4 the
# end at most / after (or null). One filter for the page and for its count.
_FILTRO = """
where c.{dono} = $1
  and ($2::text is null or c.status = $2)
  and ($3::timestamptz is null or c.fim <= $3)
  and ($4::timestamptz is null or c.fim > $4)
"""
# A participant's page of appointments with their ratings and, on each row, how many match.
_LISTAR = """
select c.id, c.horario_id, c.medico_id, c.paciente_id, c.inicio, c.fim, c.status,
       c.justificativa, c.cancelada_por, c.cancelada_em, c.medico_nome, c.medico_crm,
       c.medico_uf, c.medico_fuso, c.paciente_nome, c.criada_em, c.atualizada_em,
       c.remarcada_de, c.remarcada_para,
       a.nota, a.comentario, a.criada_em as avaliada_em, count(*) over () as total
from consultas c
left join avaliacoes a on a.consulta_id = c.id
{filtro}
order by c.inicio, c.id
limit $5 offset $6
"""
# Past the last page the window count has no row to ride on.
_CONTAR = "select count(*) as total from consultas c {filtro}"
_LISTAR_POR_DONO = {
    papel: tuple(
        sql.replace("{filtro}", _FILTRO).replace("{dono}", coluna) for sql in (_LISTAR, _CONTAR)
    )
    for papel, coluna in (("medico", "medico_id"), ("paciente", "paciente_id"))
}


class ConsultaRepository:
    """Appointments."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar(self, consulta: Consulta, avisos: Sequence[Aviso] = ()) -> Consulta | None:
        """Insert a booking, the outbox row that republishes its doctor's next free slot and
        its ``avisos``, in one statement (one round trip: data-modifying CTEs), sent straight
        to the driver (the booking's hot path: :func:`libs.db.direto`); a statement that is
        its own transaction when the session is in autocommit. It inserts only if the slot
        still has the booking's doctor and times and the patient's account is still open
        (both share-locked until it ends); None when not. The partial unique index and the
        patient's exclusion constraint refuse a second active appointment for the slot or an
        overlap for the patient. Answers the row as stored (``RETURNING``: the database's
        timestamps, without reading it again)."""
        linhas = _linhas_de_avisos(avisos)
        rows = await db.direto(
            self.session,
            _RESERVAR,
            consulta.id,
            consulta.horario_id,
            consulta.medico_id,
            consulta.paciente_id,
            consulta.inicio,
            consulta.fim,
            consulta.status.value,
            consulta.medico_nome,
            consulta.medico_crm,
            consulta.medico_uf,
            consulta.medico_fuso,
            consulta.paciente_nome,
            consulta.remarcada_de,
            *([a[campo] for a in linhas] for campo in _CAMPOS_DE_AVISO),
        )
        return consulta_da_linha(rows[0]) if rows else None

    async def get(self, consulta_id: uuid.UUID) -> Consulta | None:
        """By id, with its rating."""
        query = consultas_com_avaliacao().where(consultas.c.id == consulta_id)
        row = (await self.session.execute(query)).first()
        return consulta_da_linha(row) if row else None

    async def mudar(
        self, consulta_id: uuid.UUID, mudanca: Mudanca, agora: datetime
    ) -> Consulta | None:
        """Apply a change only if the stored status (and, when bound, the start) still allow
        it: a compare-and-set. Answers the row as this change left it, or None when another
        change got there first."""
        condicoes = [
            consultas.c.id == consulta_id,
            consultas.c.status.in_(sorted(s.value for s in mudanca.de)),
        ]
        if mudanca.inicio_apos is not None:
            condicoes.append(consultas.c.inicio > mudanca.inicio_apos)
        # Never before the change it follows: a request that read the clock first but got the
        # row lock second (a racing accept and cancel) still records the later time.
        momento = func.greatest(literal(agora, DateTime(timezone=True)), consultas.c.atualizada_em)
        valores: dict[str, Any] = {"status": mudanca.para.value, "atualizada_em": momento}
        if mudanca.justificativa is not None:
            valores["justificativa"] = mudanca.justificativa
        if mudanca.cancelada_por is not None:
            valores["cancelada_por"] = mudanca.cancelada_por
            valores["cancelada_em"] = momento
        if mudanca.remarcada_para is not None:
            valores["remarcada_para"] = mudanca.remarcada_para
        query = update(consultas).where(*condicoes).values(**valores).returning(*_COLUNAS)
        row = (await self.session.execute(query)).first()
        return consulta_da_linha(row) if row else None

    async def futuras_ativas_do_paciente(
        self, paciente_id: uuid.UUID, agora: datetime
    ) -> list[Consulta]:
        """A patient's pending or confirmed appointments that have not started, soonest first
        (what closing the account cancels)."""
        query = (
            consultas_com_avaliacao()
            .where(consultas.c.paciente_id == paciente_id, _ativa(), consultas.c.inicio > agora)
            .order_by(consultas.c.inicio)
        )
        return [consulta_da_linha(row) for row in await self.session.execute(query)]

    async def listar(
        self,
        *,
        usuario_id: uuid.UUID,
        papel: Papel,
        status: Status | None,
        agora: datetime,
        pagina: int,
        por_pagina: int,
    ) -> tuple[list[Consulta], int]:
        """A participant's appointments, soonest first, filtered by the status the API shows:
        one statement (the page and, on each row, how many match before LIMIT), sent straight
        to the driver (the listing is a hot path: :func:`libs.db.direto`)."""
        so_status, ate_fim, depois_do_fim = status.value if status else None, None, None
        if status is Status.REALIZADA:
            so_status, ate_fim = Status.CONFIRMADA.value, agora
        elif status is Status.CONFIRMADA:
            depois_do_fim = agora
        listar, contar = _LISTAR_POR_DONO[papel]
        filtro = (usuario_id, so_status, ate_fim, depois_do_fim)
        rows = await db.direto(self.session, listar, *filtro, por_pagina, (pagina - 1) * por_pagina)
        if not rows:  # an empty page (none at all, or past the last one)
            rows = await db.direto(self.session, contar, *filtro)
            return [], int(rows[0].total)
        return [consulta_da_linha(r) for r in rows], int(rows[0].total)

    async def da_assinatura(
        self, *, usuario_id: uuid.UUID, papel: Papel, janela: JanelaDaAssinatura
    ) -> list[Consulta]:
        """A participant's appointments that a calendar subscription carries: starting in the
        window, active, or cancelled/refused since ``janela.alteradas_desde``; soonest first."""
        dono = consultas.c.medico_id if papel == "medico" else consultas.c.paciente_id
        query = (
            select(*_COLUNAS)
            .where(
                dono == usuario_id,
                consultas.c.inicio >= janela.de,
                consultas.c.inicio <= janela.ate,
                _ativa() | (consultas.c.atualizada_em >= janela.alteradas_desde),
            )
            .order_by(consultas.c.inicio, consultas.c.id)
        )
        rows = (await self.session.execute(query)).all()
        return [consulta_da_linha(r) for r in rows]


class AvaliacaoRepository:
    """Ratings (one per appointment: the primary key says so)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar(
        self, consulta_id: uuid.UUID, nota: int, comentario: str | None
    ) -> Avaliacao:
        """Store a rating (a second one for the same appointment is a unique violation)."""
        query = (
            insert(avaliacoes)
            .values(consulta_id=consulta_id, nota=nota, comentario=comentario)
            .returning(avaliacoes.c.criada_em)
        )
        criada_em = (await self.session.execute(query)).scalar_one()
        return Avaliacao(consulta_id, nota, comentario, criada_em)


class SaidaRepository:
    """The transactional outbox towards the medico service."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def proximo_horario(self, medico_id: uuid.UUID) -> None:
        """The doctor's next free slot may have changed: recompute and publish it."""
        await self.session.execute(
            insert(saida).values(tipo="proximo_horario", medico_id=medico_id)
        )

    async def avaliacao(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None:
        """A rating to hand to the medico service (idempotent there, by appointment)."""
        await self.session.execute(
            insert(saida).values(
                tipo="avaliacao",
                medico_id=medico_id,
                carga={"consulta_id": str(consulta_id), "nota": nota},
            )
        )

    async def tomar(
        self, agora: datetime, *, medicos: Sequence[uuid.UUID] | None = None, limite: int = 100
    ) -> dict[uuid.UUID, list[tuple[str, dict[str, Any]]]]:
        """Remove and return the due items of up to ``limite`` doctors (or of ``medicos``),
        oldest first, by doctor; they come back if the transaction fails. Only doctors whose
        publication no other transaction holds are taken: an advisory lock per doctor, kept
        until this transaction ends and never waited for, so an older computation can never
        be published after a newer one, and a busy doctor goes out in a later pass."""
        rows = await self.session.execute(
            _TOMAR,
            {
                "agora": agora,
                "limite": limite,
                "todos": medicos is None,
                "medicos": list(medicos or ()),
            },
        )
        itens: dict[uuid.UUID, list[tuple[str, dict[str, Any]]]] = {}
        for r in rows:
            itens.setdefault(r.medico_id, []).append((r.tipo, dict(r.carga)))
        return itens

    async def adiar(self, medico_id: uuid.UUID, agora: datetime) -> None:
        """A delivery failed: try this doctor's items again later (exponential, up to 5 min)."""
        espera = func.least(func.power(2, saida.c.tentativas), 300)
        await self.session.execute(
            update(saida)
            .where(saida.c.medico_id == medico_id)
            .values(
                tentativas=saida.c.tentativas + 1,
                proxima_tentativa=literal(agora) + espera * timedelta(seconds=1),
            )
        )

    async def enfileirar_vencidos(self, agora: datetime) -> int:
        """Queue a recomputation for every doctor whose published next slot is no longer
        bookable (its notice window has been reached), unless one is already queued."""
        pendente = (
            select(literal(1))
            .where(
                saida.c.medico_id == proximos_horarios.c.medico_id,
                saida.c.tipo == "proximo_horario",
            )
            .exists()
        )
        vencidos = select(literal("proximo_horario"), proximos_horarios.c.medico_id).where(
            proximos_horarios.c.vence_em <= agora, ~pendente
        )
        result = await self.session.execute(
            insert(saida).from_select(["tipo", "medico_id"], vencidos).returning(saida.c.id)
        )
        return len(result.all())


# The doctors with something due (oldest first), those of them whose advisory lock this
# transaction gets (pg_try_advisory_xact_lock is volatile: the CTE is evaluated once, never
# inlined), and their due items, removed (SKIP LOCKED: a row another pass took is its own).
_TOMAR = text(
    """
    with candidatos as (
        select medico_id from saida
        where proxima_tentativa <= :agora
          and (:todos or medico_id = any(cast(:medicos as uuid[])))
        group by medico_id order by min(id) limit :limite
    ), travados as (
        select medico_id from candidatos
        where pg_try_advisory_xact_lock(hashtextextended('consulta.saida:' || medico_id, 0))
    ), devidos as (
        select s.id from saida s join travados t on t.medico_id = s.medico_id
        where s.proxima_tentativa <= :agora
        for update of s skip locked
    )
    delete from saida where id in (select id from devidos)
    returning medico_id, tipo, carga
    """
)


class ProximoHorarioRepository:
    """What was last published as each doctor's next free slot."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def guardar(
        self, publicados: Mapping[uuid.UUID, tuple[datetime | None, datetime | None]]
    ) -> None:
        """Remember what was published for each doctor, ``(proximo, vence_em)``: the value
        and when it goes stale (one statement)."""
        if not publicados:
            return
        linhas = [
            {"medico_id": m, "proximo_horario": p, "vence_em": v}
            for m, (p, v) in publicados.items()
        ]
        query = pg_insert(proximos_horarios)
        query = query.on_conflict_do_update(
            index_elements=[proximos_horarios.c.medico_id],
            set_={
                "proximo_horario": query.excluded.proximo_horario,
                "vence_em": query.excluded.vence_em,
                "publicado_em": func.now(),
            },
        )
        await self.session.execute(query, linhas)

    async def get(self, medico_id: uuid.UUID) -> datetime | None:
        """The last published next slot of a doctor."""
        query = select(proximos_horarios.c.proximo_horario).where(
            proximos_horarios.c.medico_id == medico_id
        )
        value: datetime | None = (await self.session.execute(query)).scalar_one_or_none()
        return value


@dataclass(frozen=True)
class NotificacaoPendente:
    """An e-mail waiting in the outbox."""

    id: uuid.UUID
    usuario_id: uuid.UUID
    papel: Papel
    assunto: str
    corpo: str
    para: str | None  # the address in the agenda's copy of the person; None: not known


def _linhas_de_avisos(avisos: Sequence[Aviso]) -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.uuid4(),
            "chave": a.chave,
            "consulta_id": a.consulta_id,
            "usuario_id": a.usuario_id,
            "papel": a.papel,
            "evento": a.evento.value,
            "assunto": a.assunto,
            "corpo": a.corpo,
        }
        for a in avisos
    ]


def _inserir_avisos(avisos: Sequence[Aviso]) -> Any:
    """Queue notices; one already queued under the same key is left alone."""
    return (
        pg_insert(notificacoes)
        .values(_linhas_de_avisos(avisos))
        .on_conflict_do_nothing(index_elements=[notificacoes.c.chave])
    )


class NotificacaoRepository:
    """The e-mail outbox of appointments (written in the same transaction as the change)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar(self, avisos: Sequence[Aviso]) -> None:
        """Queue notices; one already queued under the same key is left alone."""
        if not avisos:
            return
        await self.session.execute(_inserir_avisos(avisos))

    async def a_lembrar(
        self, evento: Evento, *, de: datetime, ate: datetime, limite: int = 200
    ) -> list[Consulta]:
        """Confirmed appointments starting in ``(de, ate]`` not yet reminded of ``evento``."""
        lembrado = (
            select(literal(1))
            .where(
                notificacoes.c.consulta_id == consultas.c.id,
                notificacoes.c.evento == evento.value,
            )
            .exists()
        )
        query = (
            consultas_com_avaliacao()
            .where(
                consultas.c.status == Status.CONFIRMADA.value,
                consultas.c.inicio > de,
                consultas.c.inicio <= ate,
                ~lembrado,
            )
            .order_by(consultas.c.inicio)
            .limit(limite)
        )
        return [consulta_da_linha(r) for r in (await self.session.execute(query)).all()]

    async def pendentes(self, agora: datetime, limite: int = 50) -> list[NotificacaoPendente]:
        """Due, unsent notices, oldest first, locked so two runners never send one twice, each
        with the address the agenda's copy of the person holds now."""
        n, cp, cm = notificacoes, copias_pacientes, copias_medicos
        query = (
            select(
                n.c.id,
                n.c.usuario_id,
                n.c.papel,
                n.c.assunto,
                n.c.corpo,
                func.coalesce(cp.c.email, cm.c.email).label("para"),
            )
            .select_from(
                n.outerjoin(cp, and_(n.c.papel == "paciente", cp.c.id == n.c.usuario_id)).outerjoin(
                    cm, and_(n.c.papel == "medico", cm.c.id == n.c.usuario_id)
                )
            )
            .where(n.c.enviada_em.is_(None), n.c.proxima_tentativa <= agora)
            .order_by(n.c.criada_em)
            .limit(limite)
            .with_for_update(skip_locked=True, of=n)
        )
        rows = (await self.session.execute(query)).all()
        return [
            NotificacaoPendente(r.id, r.usuario_id, r.papel, r.assunto, r.corpo, r.para or None)
            for r in rows
        ]

    async def enviadas(self, para: Mapping[uuid.UUID, str], agora: datetime) -> None:
        """Delivered, each to the address given (one statement)."""
        if para:
            await self.session.execute(
                _ENVIADAS, {"ids": list(para), "paras": list(para.values()), "agora": agora}
            )

    async def descartar_pendentes_de(self, usuario_id: uuid.UUID) -> int:
        """Drop the unsent e-mails to someone who closed their account (no address is left
        to send them to); how many. Sent ones stay, as the record of what was told."""
        result = await self.session.execute(
            delete(notificacoes)
            .where(notificacoes.c.usuario_id == usuario_id, notificacoes.c.enviada_em.is_(None))
            .returning(notificacoes.c.id)
        )
        return len(result.all())

    async def adiar(self, notificacao_ids: Sequence[uuid.UUID], agora: datetime) -> None:
        """Delivery failed: try again later (exponential, up to an hour)."""
        if not notificacao_ids:
            return
        espera = func.least(func.power(2, notificacoes.c.tentativas) * 5, 3600)
        await self.session.execute(
            update(notificacoes)
            .where(notificacoes.c.id.in_(notificacao_ids))
            .values(
                tentativas=notificacoes.c.tentativas + 1,
                proxima_tentativa=literal(agora) + espera * timedelta(seconds=1),
            )
        )


_ENVIADAS = text(
    """
    update notificacoes n set enviada_em = :agora, para = e.para
    from unnest(cast(:ids as uuid[]), cast(:paras as text[])) as e(id, para)
    where n.id = e.id
    """
)


__all__ = [
    "AvaliacaoRepository",
    "ConsultaRepository",
    "HorarioRepository",
    "NotificacaoRepository",
    "ProximoHorarioRepository",
    "SaidaRepository",
]
