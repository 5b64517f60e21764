"""prontuario: documentos.versao_objeto (the storage version checked at confirmation)

S3 cannot make a presigned POST single-use: until it expires, other bytes of the same length
and type may be posted to a confirmed document's key. Reads ask for the version recorded here.
Null for the local storage (files written once) and for documents confirmed before this
revision (they keep being read by key).

Revision ID: prontuario_0002
"""

from alembic import op

from libs.migrations import run_sql

revision = "prontuario_0002"
down_revision = "prontuario_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table documentos add column versao_objeto text
            check (length(versao_objeto) between 1 and 1024);
        """
    )


def downgrade() -> None:
    op.execute("alter table documentos drop column versao_objeto")
