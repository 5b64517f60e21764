"""consulta: bloqueios (the periods a doctor blocked: out of office)

Revision ID: consulta_0008

Blocking a period removes its free slots and keeps the period, so that no slot is created or
moved to start inside it later (a weekly repeat skips those weeks). ``[de, ate)`` as the block
itself; removing the row reopens the period for new slots but recreates none.
"""

from libs.migrations import run_sql

revision = "consulta_0008"
down_revision = "consulta_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table bloqueios (
            id uuid primary key,
            medico_id uuid not null,
            de timestamptz not null,
            ate timestamptz not null,
            criado_em timestamptz not null default now(),
            constraint ck_bloqueios_periodo check (ate > de)
        );
        create index ix_bloqueios_medico on bloqueios (medico_id, ate);
        """
    )


def downgrade() -> None:
    run_sql("drop table bloqueios;")
