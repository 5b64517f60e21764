"""auth: trocas_de_email (the undo links of e-mail changes, issue 15 §2)

A change of the login e-mail e-mails the OLD address a single-use link that puts the old
e-mail back and ends every session. Only the token's hash is stored, as for reset tokens.

Revision ID: auth_0004
"""

from alembic import op

from libs.migrations import run_sql

revision = "auth_0004"
down_revision = "auth_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table trocas_de_email (
            hash text primary key,
            usuario_id uuid not null references usuarios (id) on delete cascade,
            email_antigo text not null,
            email_novo text not null,
            criado_em timestamptz not null default now(),
            expira_em timestamptz not null,
            usado_em timestamptz
        );
        create index ix_trocas_de_email_usuario on trocas_de_email (usuario_id);
        """
    )


def downgrade() -> None:
    op.execute("drop table if exists trocas_de_email")
