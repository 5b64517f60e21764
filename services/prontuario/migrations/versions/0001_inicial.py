"""prontuario: documentos, compartilhamentos, acessos (append-only, HMAC-chained)

Revision ID: prontuario_0001
"""

from alembic import op

from libs.migrations import run_sql

revision = "prontuario_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table documentos (
            id uuid primary key,
            paciente_id uuid not null,
            nome text not null check (length(nome) between 1 and 200),
            categoria text not null
                check (categoria in ('exame', 'laudo', 'receita', 'vacina', 'outro')),
            tipo_conteudo text not null
                check (tipo_conteudo in ('application/pdf', 'image/jpeg', 'image/png',
                                         'text/plain')),
            tamanho bigint not null check (tamanho > 0),
            sha256 text check (sha256 ~ '^[0-9a-f]{64}$'),
            status text not null check (status in ('pendente', 'disponivel')),
            criado_em timestamptz not null,
            enviado_por uuid not null,
            chave_objeto text not null unique,
            check (status = 'pendente' or sha256 is not null)
        );
        create index ix_documentos_paciente on documentos (paciente_id, criado_em);

        create table compartilhamentos (
            id uuid primary key,
            paciente_id uuid not null,
            medico_id uuid not null,
            todos boolean not null,
            expira_em timestamptz not null,
            criado_em timestamptz not null,
            revogado_em timestamptz,
            check (expira_em > criado_em)
        );
        create index ix_compartilhamentos_paciente on compartilhamentos (paciente_id, criado_em);
        create index ix_compartilhamentos_medico
            on compartilhamentos (medico_id, paciente_id, expira_em);

        create table compartilhamento_documentos (
            compartilhamento_id uuid not null references compartilhamentos (id) on delete cascade,
            documento_id uuid not null references documentos (id) on delete cascade,
            primary key (compartilhamento_id, documento_id)
        );

        create table acessos (
            seq bigint primary key check (seq > 0),
            id uuid not null unique,
            quando timestamptz not null,
            paciente_id uuid not null,
            usuario_id uuid not null,
            papel text not null check (papel in ('medico', 'paciente')),
            acao text not null,
            ip text not null,
            documento_id uuid,
            compartilhamento_id uuid,
            mac_anterior text not null,
            mac text not null
        );
        create index ix_acessos_paciente on acessos (paciente_id, seq);

        -- The log is append-only: no UPDATE, DELETE or TRUNCATE, whoever asks.
        create function acessos_somente_inclusao() returns trigger
        language plpgsql as $$
        begin
            raise exception 'o registro de acessos do prontuário é somente de inclusão (% negado)',
                tg_op using errcode = 'insufficient_privilege';
        end;
        $$;
        create trigger acessos_sem_alteracao before update or delete on acessos
            for each row execute function acessos_somente_inclusao();
        create trigger acessos_sem_truncate before truncate on acessos
            for each statement execute function acessos_somente_inclusao();
        """
    )


def downgrade() -> None:
    op.execute(
        "drop table acessos, compartilhamento_documentos, compartilhamentos, documentos; "
        "drop function acessos_somente_inclusao()"
    )
