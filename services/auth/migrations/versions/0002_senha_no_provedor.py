"""auth: usuarios.senha_hash may be null (Cognito keeps the password in the aws profile)

Revision ID: auth_0002
"""

from alembic import op

from libs.migrations import run_sql

revision = "auth_0002"
down_revision = "auth_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("alter table usuarios alter column senha_hash drop not null;")


def downgrade() -> None:
    op.execute("alter table usuarios alter column senha_hash set not null")
