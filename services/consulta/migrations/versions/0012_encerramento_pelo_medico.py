"""consulta: the doctor ends the consultation from the room

Revision ID: consulta_0012

``encerrada_em``: when the doctor ended the consultation before its slot's end; from then on it
reads as ended (``realizada``, or an absence) and the room is closed, as at the slot's end.
"""

from libs.migrations import run_sql

revision = "consulta_0012"
down_revision = "consulta_0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table consultas add column encerrada_em timestamptz
            constraint ck_consultas_encerrada_no_horario check (encerrada_em < fim);
        """
    )


def downgrade() -> None:
    run_sql("alter table consultas drop column encerrada_em;")
