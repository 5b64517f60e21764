"""prontuario: encerramentos (records whose patient closed the account)

A closed account's record is kept for the legal retention period (Lei 13.787/2018 art. 6:
20 years; CFM 1.821/2007), read-only: no new documents, no new shares. The mark lives in
PostgreSQL in every profile, next to the access log, whatever keeps the documents' metadata.

Revision ID: prontuario_0004
"""

from alembic import op

from libs.migrations import run_sql

revision = "prontuario_0004"
down_revision = "prontuario_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table encerramentos (
            paciente_id uuid primary key,
            encerrado_em timestamptz not null
        );
        """
    )


def downgrade() -> None:
    op.execute("drop table encerramentos")
