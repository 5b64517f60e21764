"""auth: usuarios.pendente_desde (credentials of a registration not yet confirmed)

A registration stores the login here before the profile commits in its own service; until
that service confirms it, the login is pending: it does not log in and is not recovered, and
the reconciliation confirms it or deletes it. Existing rows are confirmed (null).

Revision ID: auth_0003
"""

from alembic import op

from libs.migrations import run_sql

revision = "auth_0003"
down_revision = "auth_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table usuarios add column pendente_desde timestamptz;
        create index ix_usuarios_pendentes on usuarios (pendente_desde)
            where pendente_desde is not null;
        """
    )


def downgrade() -> None:
    op.execute("drop index if exists ix_usuarios_pendentes")
    op.execute("alter table usuarios drop column pendente_desde")
