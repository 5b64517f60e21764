"""auth: usuarios, sessoes, refresh tokens, recuperacao, tentativas, emails

Revision ID: auth_0001
"""

from alembic import op

from libs.migrations import run_sql

revision = "auth_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table usuarios (
            id uuid primary key,
            papel text not null check (papel in ('medico', 'paciente')),
            email text not null,
            cpf_hash text,
            crm text,
            senha_hash text not null,
            criado_em timestamptz not null default now(),
            senha_alterada_em timestamptz not null default now()
        );
        create unique index uq_usuarios_email_papel on usuarios (papel, lower(email));
        create unique index uq_usuarios_cpf_hash on usuarios (cpf_hash) where cpf_hash is not null;
        create unique index uq_usuarios_crm on usuarios (crm) where crm is not null;

        create table sessoes (
            id uuid primary key,
            usuario_id uuid not null references usuarios (id) on delete cascade,
            criada_em timestamptz not null default now(),
            expira_em timestamptz not null,
            revogada_em timestamptz,
            motivo text
        );
        create index ix_sessoes_usuario on sessoes (usuario_id);

        create table refresh_tokens (
            hash text primary key,
            sessao_id uuid not null references sessoes (id) on delete cascade,
            criado_em timestamptz not null default now(),
            usado_em timestamptz
        );
        create index ix_refresh_sessao on refresh_tokens (sessao_id);

        create table tokens_recuperacao (
            hash text primary key,
            usuario_id uuid not null references usuarios (id) on delete cascade,
            criado_em timestamptz not null default now(),
            expira_em timestamptz not null,
            usado_em timestamptz
        );

        create table tentativas (
            id bigserial primary key,
            chave text not null,
            momento timestamptz not null default now()
        );
        create index ix_tentativas_chave_momento on tentativas (chave, momento);

        create table emails (
            id uuid primary key,
            para text not null,
            assunto text not null,
            corpo text not null,
            criado_em timestamptz not null default now(),
            enviado_em timestamptz,
            tentativas bigint not null default 0
        );
        create index ix_emails_pendentes on emails (criado_em) where enviado_em is null;
        create index ix_emails_para on emails (para, criado_em);
        """
    )


def downgrade() -> None:
    op.execute(
        "drop table emails, tentativas, tokens_recuperacao, refresh_tokens, sessoes, usuarios"
    )
