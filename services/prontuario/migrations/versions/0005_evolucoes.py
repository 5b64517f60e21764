"""prontuario: evoluções (the clinical note of a consultation) and their addenda

A note is a draft until its doctor signs it; a signed note is never changed again, and its
addenda are never changed at all: triggers refuse it whoever asks (as the access log's), so
the lock holds even against a bug or a hand-typed UPDATE. In PostgreSQL in every profile
(next to the access log), whatever keeps the documents' metadata.

Revision ID: prontuario_0005
"""

from alembic import op

from libs.migrations import run_sql

revision = "prontuario_0005"
down_revision = "prontuario_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table evolucoes (
            id uuid primary key,
            paciente_id uuid not null,
            consulta_id uuid not null unique,
            medico_id uuid not null,
            texto text not null,
            queixa_principal text not null,
            avaliacao text not null,
            plano text not null,
            cid10 text[] not null,
            criada_em timestamptz not null,
            atualizada_em timestamptz not null,
            assinada_em timestamptz,
            sha256 text,
            check ((assinada_em is null) = (sha256 is null))
        );
        create index ix_evolucoes_paciente on evolucoes (paciente_id, criada_em);

        create table evolucao_adendos (
            id uuid primary key,
            evolucao_id uuid not null references evolucoes (id),
            medico_id uuid not null,
            texto text not null,
            assinado_em timestamptz not null,
            sha256 text not null
        );
        create index ix_evolucao_adendos on evolucao_adendos (evolucao_id, assinado_em);

        -- A signed note is locked for ever (CFM 2.314/2022): no UPDATE, no DELETE.
        create function evolucoes_assinadas_imutaveis() returns trigger
        language plpgsql as $$
        begin
            if old.assinada_em is not null then
                raise exception 'evolução assinada não pode ser alterada (% negado)', tg_op
                    using errcode = 'insufficient_privilege';
            end if;
            return case when tg_op = 'DELETE' then old else new end;
        end;
        $$;
        create trigger evolucoes_assinadas before update or delete on evolucoes
            for each row execute function evolucoes_assinadas_imutaveis();

        -- Addenda are signed when written: append-only (the function serves every such table
        -- of the clinical record, prontuario_0006's too).
        create function registro_clinico_somente_inclusao() returns trigger
        language plpgsql as $$
        begin
            raise exception '% é somente de inclusão (% negado)', tg_table_name, tg_op
                using errcode = 'insufficient_privilege';
        end;
        $$;
        create trigger adendos_sem_alteracao before update or delete on evolucao_adendos
            for each row execute function registro_clinico_somente_inclusao();
        create trigger adendos_sem_truncate before truncate on evolucao_adendos
            for each statement execute function registro_clinico_somente_inclusao();
        """
    )


def downgrade() -> None:
    op.execute(
        "drop table evolucao_adendos, evolucoes; "
        "drop function registro_clinico_somente_inclusao(), evolucoes_assinadas_imutaveis()"
    )
