"""consulta: horarios, consultas, avaliacoes, saida (outbox), proximos_horarios

Revision ID: consulta_0001

The rules of the agenda live here, in PostgreSQL, not only in code:
- a doctor's slots never overlap: exclusion constraint over ``tstzrange`` (btree_gist);
- a slot holds at most one active appointment: partial unique index;
- a patient never holds two active appointments that overlap: exclusion constraint over the
  appointment's own time range (copied from the slot when booked).
"""

from alembic import op

from libs.migrations import run_sql

revision = "consulta_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create extension if not exists btree_gist;

        create table horarios (
            id uuid primary key,
            medico_id uuid not null,
            inicio timestamptz not null,
            fim timestamptz not null,
            periodo tstzrange generated always as (tstzrange(inicio, fim, '[)')) stored,
            criado_em timestamptz not null default now(),
            atualizado_em timestamptz not null default now(),
            constraint ck_horarios_fim_depois_do_inicio check (fim > inicio),
            constraint ex_horarios_sobrepostos
                exclude using gist (medico_id with =, periodo with &&)
        );
        create index ix_horarios_medico_inicio on horarios (medico_id, inicio);

        create table consultas (
            id uuid primary key,
            horario_id uuid references horarios (id) on delete set null,
            medico_id uuid not null,
            paciente_id uuid not null,
            inicio timestamptz not null,
            fim timestamptz not null,
            periodo tstzrange generated always as (tstzrange(inicio, fim, '[)')) stored,
            status text not null
                check (status in ('pendente', 'confirmada', 'recusada', 'cancelada')),
            justificativa text,
            cancelada_por text check (cancelada_por in ('medico', 'paciente')),
            cancelada_em timestamptz,
            medico_nome text not null,
            medico_crm text not null,
            medico_uf text not null,
            medico_fuso text not null,
            paciente_nome text not null,
            criada_em timestamptz not null default now(),
            atualizada_em timestamptz not null default now(),
            constraint ck_consultas_ativa_tem_horario
                check (status not in ('pendente', 'confirmada') or horario_id is not null),
            constraint ex_consultas_paciente_sobreposta
                exclude using gist (paciente_id with =, periodo with &&)
                where (status in ('pendente', 'confirmada'))
        );
        create unique index uq_consultas_horario_ativa on consultas (horario_id)
            where status in ('pendente', 'confirmada');
        create index ix_consultas_medico_inicio on consultas (medico_id, inicio);
        create index ix_consultas_paciente_inicio on consultas (paciente_id, inicio);

        create table avaliacoes (
            consulta_id uuid primary key references consultas (id),
            nota smallint not null check (nota between 1 and 5),
            comentario text,
            criada_em timestamptz not null default now()
        );

        create table saida (
            id bigserial primary key,
            tipo text not null check (tipo in ('proximo_horario', 'avaliacao')),
            medico_id uuid not null,
            carga jsonb not null default '{}'::jsonb,
            tentativas integer not null default 0,
            proxima_tentativa timestamptz not null default now(),
            criado_em timestamptz not null default now()
        );
        create index ix_saida_medico on saida (medico_id, id);
        create index ix_saida_proxima_tentativa on saida (proxima_tentativa);

        create table proximos_horarios (
            medico_id uuid primary key,
            proximo_horario timestamptz,
            -- when that slot stops being bookable (its start minus the doctor's notice):
            -- from then on the published value is stale and must be recomputed
            vence_em timestamptz,
            publicado_em timestamptz not null default now()
        );
        create index ix_proximos_horarios_vence_em on proximos_horarios (vence_em)
            where vence_em is not null;
        """
    )


def downgrade() -> None:
    op.execute("drop table proximos_horarios, saida, avaliacoes, consultas, horarios")
