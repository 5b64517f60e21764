"""consulta: notificacoes (the e-mail outbox of the appointment's events and reminders)

Revision ID: consulta_0002
"""

from alembic import op

from libs.migrations import run_sql

revision = "consulta_0002"
down_revision = "consulta_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table notificacoes (
            id uuid primary key,
            -- one notice per event, appointment and recipient: a retried job never doubles it
            chave text not null,
            consulta_id uuid not null references consultas (id),
            usuario_id uuid not null,
            papel text not null check (papel in ('medico', 'paciente')),
            evento text not null check (evento in (
                'solicitada', 'confirmada', 'recusada', 'cancelada', 'lembrete_24h', 'lembrete_1h'
            )),
            assunto text not null,
            corpo text not null,
            para text,
            tentativas integer not null default 0,
            proxima_tentativa timestamptz not null default now(),
            enviada_em timestamptz,
            criada_em timestamptz not null default now(),
            constraint uq_notificacoes_chave unique (chave)
        );
        create index ix_notificacoes_pendentes on notificacoes (proxima_tentativa)
            where enviada_em is null;
        create index ix_notificacoes_consulta on notificacoes (consulta_id);
        """
    )


def downgrade() -> None:
    op.execute("drop table notificacoes")
