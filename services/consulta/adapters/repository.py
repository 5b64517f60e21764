"""All SQL of the consulta service.

Every status change is one ``UPDATE ... WHERE status IN (...) RETURNING``: the database, not a
read-then-write in Python, decides which of two racing changes wins.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import DateTime, and_, delete, exists, func, insert, literal, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.consulta.adapters.tables import (
    avaliacoes,
    consultas,
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

    async def proximo_livre(self, medico_id: uuid.UUID, desde: datetime) -> datetime | None:
        """The start of the doctor's first free slot starting at or after ``desde``."""
        query = self._livres(medico_id).where(horarios.c.inicio >= desde).limit(1)
        row = (await self.session.execute(query)).first()
        return row.inicio if row else None


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
        status=Status(row.status),
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


class ConsultaRepository:
    """Appointments."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def adicionar(self, consulta: Consulta, avisos: Sequence[Aviso] = ()) -> Consulta:
        """Insert a booking, the outbox row that republishes its doctor's next free slot and
        its ``avisos``, in one statement (one round trip: data-modifying CTEs). The partial
        unique index and the patient's exclusion constraint refuse a second active appointment
        for the slot or an overlap for the patient. Answers the row as stored (``RETURNING``:
        the database's timestamps, without reading it again)."""
        nova = (
            insert(consultas)
            .values(
                id=consulta.id,
                horario_id=consulta.horario_id,
                medico_id=consulta.medico_id,
                paciente_id=consulta.paciente_id,
                inicio=consulta.inicio,
                fim=consulta.fim,
                status=consulta.status.value,
                medico_nome=consulta.medico_nome,
                medico_crm=consulta.medico_crm,
                medico_uf=consulta.medico_uf,
                medico_fuso=consulta.medico_fuso,
                paciente_nome=consulta.paciente_nome,
                remarcada_de=consulta.remarcada_de,
            )
            .returning(*_COLUNAS)
            .cte("nova")
        )
        publicar = (
            insert(saida)
            .from_select(
                ["tipo", "medico_id"], select(literal("proximo_horario"), nova.c.medico_id)
            )
            .returning(saida.c.id)
            .cte("publicar")
        )
        query = select(*nova.c).add_cte(publicar)
        # One single-row INSERT per notice: a multi-row VALUES inside a CTE leaves the statement
        # without a cache key (SQLAlchemy compiled it on every booking); this shape is cached.
        for k, linha in enumerate(_linhas_de_avisos(avisos)):
            aviso = (
                pg_insert(notificacoes)
                .values(**linha)
                .on_conflict_do_nothing(index_elements=[notificacoes.c.chave])
                .returning(notificacoes.c.id)
            )
            query = query.add_cte(aviso.cte(f"avisar_{k}"))
        row = await self.session.execute(query)
        return consulta_da_linha(row.one())

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
        """A participant's appointments, soonest first, filtered by the status the API shows."""
        dono = consultas.c.medico_id if papel == "medico" else consultas.c.paciente_id
        condicoes: list[Any] = [dono == usuario_id]
        if status is Status.REALIZADA:
            condicoes += [consultas.c.status == Status.CONFIRMADA.value, consultas.c.fim <= agora]
        elif status is Status.CONFIRMADA:
            condicoes += [consultas.c.status == Status.CONFIRMADA.value, consultas.c.fim > agora]
        elif status is not None:
            condicoes.append(consultas.c.status == status.value)
        # One statement: the page and, on each row, how many match (before LIMIT).
        query = (
            consultas_com_avaliacao()
            .add_columns(func.count().over().label("total"))
            .where(*condicoes)
            .order_by(consultas.c.inicio, consultas.c.id)
            .limit(por_pagina)
            .offset((pagina - 1) * por_pagina)
        )
        rows = (await self.session.execute(query)).all()
        if rows:
            return [consulta_da_linha(r) for r in rows], int(rows[0].total)
        # An empty page (none at all, or past the last one): the total needs its own count.
        total = (
            await self.session.execute(
                select(func.count()).select_from(consultas).where(*condicoes)
            )
        ).scalar_one()
        return [], int(total)

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

    async def medicos_pendentes(self, agora: datetime, limite: int = 100) -> list[uuid.UUID]:
        """Doctors with something due, oldest first."""
        query = (
            select(saida.c.medico_id)
            .where(saida.c.proxima_tentativa <= agora)
            .group_by(saida.c.medico_id)
            .order_by(func.min(saida.c.id))
            .limit(limite)
        )
        return list((await self.session.execute(query)).scalars())

    async def travar_medico(self, medico_id: uuid.UUID) -> bool:
        """Serialise the publications of one doctor (until the transaction ends), so an older
        computation can never be published after a newer one. False, without waiting, when
        another transaction is publishing for this doctor."""
        travou = await self.session.scalar(
            text("select pg_try_advisory_xact_lock(hashtextextended(:chave, 0))"),
            {"chave": f"consulta.saida:{medico_id}"},
        )
        return bool(travou)

    async def tomar(
        self, medico_id: uuid.UUID, agora: datetime
    ) -> list[tuple[str, dict[str, Any]]]:
        """Remove and return the doctor's due items (they come back if the transaction fails)."""
        devidos = (
            select(saida.c.id)
            .where(saida.c.medico_id == medico_id, saida.c.proxima_tentativa <= agora)
            .with_for_update(skip_locked=True)
        )
        query = delete(saida).where(saida.c.id.in_(devidos)).returning(saida.c.tipo, saida.c.carga)
        return [(r.tipo, dict(r.carga)) for r in (await self.session.execute(query)).all()]

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


class ProximoHorarioRepository:
    """What was last published as each doctor's next free slot."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def guardar(
        self, medico_id: uuid.UUID, proximo: datetime | None, vence_em: datetime | None
    ) -> None:
        """Remember the published value and when it goes stale."""
        query = pg_insert(proximos_horarios).values(
            medico_id=medico_id, proximo_horario=proximo, vence_em=vence_em
        )
        query = query.on_conflict_do_update(
            index_elements=[proximos_horarios.c.medico_id],
            set_={"proximo_horario": proximo, "vence_em": vence_em, "publicado_em": func.now()},
        )
        await self.session.execute(query)

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
        """Due, unsent notices, oldest first, locked so two runners never send one twice."""
        query = (
            select(
                notificacoes.c.id,
                notificacoes.c.usuario_id,
                notificacoes.c.papel,
                notificacoes.c.assunto,
                notificacoes.c.corpo,
            )
            .where(notificacoes.c.enviada_em.is_(None), notificacoes.c.proxima_tentativa <= agora)
            .order_by(notificacoes.c.criada_em)
            .limit(limite)
            .with_for_update(skip_locked=True)
        )
        rows = (await self.session.execute(query)).all()
        return [NotificacaoPendente(r.id, r.usuario_id, r.papel, r.assunto, r.corpo) for r in rows]

    async def enviada(self, notificacao_id: uuid.UUID, para: str, agora: datetime) -> None:
        """Delivered to ``para``."""
        await self.session.execute(
            update(notificacoes)
            .where(notificacoes.c.id == notificacao_id)
            .values(enviada_em=agora, para=para)
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

    async def adiar(self, notificacao_id: uuid.UUID, agora: datetime) -> None:
        """Delivery failed: try again later (exponential, up to an hour)."""
        espera = func.least(func.power(2, notificacoes.c.tentativas) * 5, 3600)
        await self.session.execute(
            update(notificacoes)
            .where(notificacoes.c.id == notificacao_id)
            .values(
                tentativas=notificacoes.c.tentativas + 1,
                proxima_tentativa=literal(agora) + espera * timedelta(seconds=1),
            )
        )


__all__ = [
    "AvaliacaoRepository",
    "ConsultaRepository",
    "HorarioRepository",
    "NotificacaoRepository",
    "ProximoHorarioRepository",
    "SaidaRepository",
]
