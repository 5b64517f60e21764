"""consulta: salas (meeting links), consentimentos_teleconsulta, presencas_sala

Revision ID: consulta_0003

- one room per appointment (the primary key), whatever the provider;
- a patient's consent is stored once per version of the text, and never changed or deleted
  afterwards (a trigger refuses it): it is the audit record CFM Resolution 2.314/2022 asks for;
- every stay in the room (who, when in, when out) is a row.
"""

from alembic import op

from libs.migrations import run_sql

revision = "consulta_0003"
down_revision = "consulta_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table salas (
            consulta_id uuid primary key references consultas (id),
            provedor text not null check (provedor in ('webrtc', 'chime')),
            url text not null,
            reuniao_id text,
            reuniao jsonb,
            participantes jsonb not null default '{}'::jsonb,
            geracao integer not null default 0,
            expira_em timestamptz not null,
            criada_em timestamptz not null default now(),
            atualizada_em timestamptz not null default now()
        );

        create table consentimentos_teleconsulta (
            id uuid primary key,
            paciente_id uuid not null,
            consulta_id uuid not null references consultas (id),
            versao text not null,
            aceito_em timestamptz not null default now(),
            constraint uq_consentimentos_paciente_versao unique (paciente_id, versao)
        );

        create function consentimento_imutavel() returns trigger language plpgsql as $$
        begin
            raise exception 'consentimentos de teleconsulta não podem ser alterados nem apagados';
        end
        $$;

        create trigger tg_consentimentos_imutaveis
            before update or delete on consentimentos_teleconsulta
            for each row execute function consentimento_imutavel();

        create table presencas_sala (
            id uuid primary key,
            consulta_id uuid not null references consultas (id),
            usuario_id uuid not null,
            papel text not null check (papel in ('medico', 'paciente')),
            entrou_em timestamptz not null,
            saiu_em timestamptz,
            constraint ck_presencas_saida_depois_da_entrada
                check (saiu_em is null or saiu_em >= entrou_em)
        );
        create index ix_presencas_sala_consulta on presencas_sala (consulta_id, entrou_em);
        """
    )


def downgrade() -> None:
    op.execute("drop table presencas_sala, consentimentos_teleconsulta, salas")
    op.execute("drop function consentimento_imutavel()")
