"""consulta: conexoes_sala, mensagens_sala (the built-in room's signaling across processes)

Revision ID: consulta_0004

- who is connected to a room, one row per participant (the primary key refuses a second
  connection of the same participant in any process), kept alive by a heartbeat;
- the signaling messages in transit between processes: a NOTIFY carries at most 8000 bytes and
  an SDP offer may not fit, so the message is a row and the notification only names its seq.
"""

from alembic import op

from libs.migrations import run_sql

revision = "consulta_0004"
down_revision = "consulta_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table conexoes_sala (
            consulta_id uuid not null,
            papel text not null check (papel in ('medico', 'paciente')),
            conexao_id uuid not null unique,
            processo uuid not null,
            batida_em timestamptz not null default now(),
            primary key (consulta_id, papel)
        );

        create table mensagens_sala (
            seq bigserial primary key,
            consulta_id uuid not null,
            remetente text not null check (remetente in ('medico', 'paciente')),
            destinatario text not null check (destinatario in ('medico', 'paciente')),
            corpo jsonb not null,
            criada_em timestamptz not null default now()
        );
        create index ix_mensagens_sala_criada_em on mensagens_sala (criada_em);
        """
    )


def downgrade() -> None:
    op.execute("drop table mensagens_sala, conexoes_sala")
