"""medico: tratamento (the title the doctor chose: Dr., Dra. or none)

Revision ID: medico_0005

Issue 19: a title by the doctor's own choice, not guessed from the name. Null is "none" (and
every doctor registered before it: their name stays as they typed it).
"""

from libs.migrations import run_sql

revision = "medico_0005"
down_revision = "medico_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table medicos add column tratamento text
            constraint ck_medicos_tratamento check (tratamento in ('Dr.', 'Dra.'));
        """
    )


def downgrade() -> None:
    run_sql("alter table medicos drop column tratamento;")
