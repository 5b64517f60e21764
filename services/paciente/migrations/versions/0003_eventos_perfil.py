"""paciente: eventos_perfil (what the consulta service keeps a copy of, one event per change)

Revision ID: paciente_0003

The consulta service books against its own copy of each patient's name and e-mail, and of
whether the account is closed (issue 14). Every profile change (registration, edit, closing:
the anonymised profile) writes an event here in its own transaction; the service delivers them
(``libs/perfis_publicados.py``) and deletes them once delivered.
"""

from libs.migrations import run_sql
from libs.perfis_publicados import DDL

revision = "paciente_0003"
down_revision = "paciente_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(DDL)


def downgrade() -> None:
    run_sql("drop table eventos_perfil;")
