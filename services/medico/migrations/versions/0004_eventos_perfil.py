"""medico: eventos_perfil (what the consulta service keeps a copy of, one event per change)

Revision ID: medico_0004

The consulta service books against its own copy of each doctor's name, CRM, e-mail, time zone
and notice (issue 14). Every profile change writes an event here in its own transaction; the
service delivers them (``libs/perfis_publicados.py``) and deletes them once delivered.
"""

from libs.migrations import run_sql
from libs.perfis_publicados import DDL

revision = "medico_0004"
down_revision = "medico_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(DDL)


def downgrade() -> None:
    run_sql("drop table eventos_perfil;")
