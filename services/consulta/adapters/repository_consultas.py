"""The SQL of appointments and ratings.

Every status change is one ``UPDATE ... WHERE status IN (...) RETURNING``: the database, not a
read-then-write in Python, decides which of two racing changes wins.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from libs import db
from services.consulta.adapters.linhas_consulta import (
    COLUNAS,
    ativa,
    consulta_da_linha,
    consultas_com_avaliacao,
)
from services.consulta.adapters.repository_notificacoes import linhas_de_notificacoes
from services.consulta.adapters.tables import (
    consultas,
)
from services.consulta.domain.calendario import JanelaDaAssinatura
from services.consulta.domain.consulta import (
    Comparecimento,
    Consulta,
    Mudanca,
    Papel,
    Status,
)
from services.consulta.domain.erros import (
    ConsultaSobreposta,
    HorarioIndisponivel,
)
from services.consulta.domain.notificacoes import Notificacao

# The columns of a notice, in the order of _RESERVAR's arrays.
CAMPOS_DE_NOTIFICACAO = (
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
        paciente_nome, criada_em, atualizada_em, remarcada_de, remarcada_para, medico_entrou_em,
        paciente_entrou_em, comparecimento, encerrada_em
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
# $5: of the ended confirmed ones, which attendance (as ``Consulta.status_em`` reads it).
_FILTRO = """
where c.{dono} = $1
  and ($2::text is null or c.status = $2)
  and ($3::timestamptz is null or coalesce(c.encerrada_em, c.fim) <= $3)
  and ($4::timestamptz is null or coalesce(c.encerrada_em, c.fim) > $4)
  and ($5::text is null or $5 = case
        when c.medico_entrou_em is null then 'medico_ausente'
        when coalesce(c.comparecimento,
                      case when c.paciente_entrou_em is null then 'nao_compareceu' end)
             = 'nao_compareceu' then 'nao_compareceu'
        else 'realizada' end)
"""
# A participant's page of appointments with their ratings and, on each row, how many match.
_LISTAR = """
select c.id, c.horario_id, c.medico_id, c.paciente_id, c.inicio, c.fim, c.status,
       c.justificativa, c.cancelada_por, c.cancelada_em, c.medico_nome, c.medico_crm,
       c.medico_uf, c.medico_fuso, c.paciente_nome, c.criada_em, c.atualizada_em,
       c.remarcada_de, c.remarcada_para, c.medico_entrou_em, c.paciente_entrou_em,
       c.comparecimento, c.encerrada_em,
       a.nota, a.comentario, a.criada_em as avaliada_em, count(*) over () as total
from consultas c
left join avaliacoes a on a.consulta_id = c.id
{filtro}
order by c.inicio, c.id
limit $6 offset $7
"""
# Past the last page the window count has no row to ride on.
_CONTAR = "select count(*) as total from consultas c {filtro}"
_ENCERRADAS = frozenset({Status.REALIZADA, Status.NAO_COMPARECEU, Status.MEDICO_AUSENTE})
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

    async def adicionar(
        self, consulta: Consulta, itens: Sequence[Notificacao] = ()
    ) -> Consulta | None:
        """Insert a booking, the outbox row that republishes its doctor's next free slot and
        its e-mails (``itens``), in one statement (one round trip: data-modifying CTEs), sent
        straight to the driver (the booking's hot path: :func:`libs.db.direto`); a statement that is
        its own transaction when the session is in autocommit. It inserts only if the slot
        still has the booking's doctor and times and the patient's account is still open
        (both share-locked until it ends); None when not. The partial unique index and the
        patient's exclusion constraint refuse a second active appointment for the slot or an
        overlap for the patient. Answers the row as stored (``RETURNING``: the database's
        timestamps, without reading it again)."""
        linhas = linhas_de_notificacoes(itens)
        with db.traduzindo(
            uq_consultas_horario_ativa=HorarioIndisponivel,
            ex_consultas_paciente_sobreposta=ConsultaSobreposta,
        ):
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
                *([a[campo] for a in linhas] for campo in CAMPOS_DE_NOTIFICACAO),
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
            # Rebooked once: of two racing reschedulings of one appointment, one wins.
            condicoes.append(consultas.c.remarcada_para.is_(None))
            valores["remarcada_para"] = mudanca.remarcada_para
        query = update(consultas).where(*condicoes).values(**valores).returning(*COLUNAS)
        row = (await self.session.execute(query)).first()
        return consulta_da_linha(row) if row else None

    async def registrar_entrada(
        self, consulta_id: uuid.UUID, papel: Papel, agora: datetime
    ) -> None:
        """The participant asked to enter the room: the first time is kept."""
        coluna = "medico_entrou_em" if papel == "medico" else "paciente_entrou_em"
        await self.session.execute(
            update(consultas)
            .where(consultas.c.id == consulta_id, consultas.c[coluna].is_(None))
            .values({coluna: agora})
        )

    async def encerrar(self, consulta_id: uuid.UUID, agora: datetime) -> Consulta | None:
        """The doctor ended a confirmed consultation before its slot's end (None when it was
        no longer open: another change, or its end, came first)."""
        query = (
            update(consultas)
            .where(
                consultas.c.id == consulta_id,
                consultas.c.status == Status.CONFIRMADA.value,
                consultas.c.encerrada_em.is_(None),
                consultas.c.fim > agora,
            )
            .values(encerrada_em=agora, atualizada_em=agora)
            .returning(*COLUNAS)
        )
        row = (await self.session.execute(query)).first()
        return consulta_da_linha(row) if row else None

    async def corrigir_comparecimento(
        self, consulta_id: uuid.UUID, comparecimento: Comparecimento, agora: datetime
    ) -> Consulta | None:
        """The doctor's word on the patient's attendance, on a confirmed appointment (None when
        another change got there first)."""
        query = (
            update(consultas)
            .where(consultas.c.id == consulta_id, consultas.c.status == Status.CONFIRMADA.value)
            .values(comparecimento=comparecimento, comparecimento_em=agora)
            .returning(*COLUNAS)
        )
        row = (await self.session.execute(query)).first()
        return consulta_da_linha(row) if row else None

    async def futuras_ativas_do_paciente(
        self, paciente_id: uuid.UUID, agora: datetime
    ) -> list[Consulta]:
        """A patient's pending or confirmed appointments that have not started, soonest first
        (what closing the account cancels)."""
        query = (
            consultas_com_avaliacao()
            .where(consultas.c.paciente_id == paciente_id, ativa(), consultas.c.inicio > agora)
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
        comparecimento = None
        if status in _ENCERRADAS:  # an ended confirmed one, by its attendance
            so_status, ate_fim, comparecimento = Status.CONFIRMADA.value, agora, status.value
        elif status is Status.CONFIRMADA:
            depois_do_fim = agora
        listar, contar = _LISTAR_POR_DONO[papel]
        filtro = (usuario_id, so_status, ate_fim, depois_do_fim, comparecimento)
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
            select(*COLUNAS)
            .where(
                dono == usuario_id,
                consultas.c.inicio >= janela.de,
                consultas.c.inicio <= janela.ate,
                ativa() | (consultas.c.atualizada_em >= janela.alteradas_desde),
            )
            .order_by(consultas.c.inicio, consultas.c.id)
        )
        rows = (await self.session.execute(query)).all()
        return [consulta_da_linha(r) for r in rows]
