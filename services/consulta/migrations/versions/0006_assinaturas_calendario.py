"""consulta: assinaturas_calendario (the secret address of a person's calendar subscription)

Revision ID: consulta_0006

One subscription per person at most (the primary key): creating another replaces it, which
revokes the old address. Only a keyed hash (HMAC under HEALTHMED_CHAVE_HASH) of the token is
kept, never the token: whoever reads the table cannot subscribe to anyone's agenda.
"""

from alembic import op

from libs.migrations import run_sql

revision = "consulta_0006"
down_revision = "consulta_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table assinaturas_calendario (
            usuario_id uuid primary key,
            papel text not null check (papel in ('medico', 'paciente')),
            token_hash text not null,
            criada_em timestamptz not null default now(),
            constraint uq_assinaturas_calendario_token_hash unique (token_hash)
        );
        """
    )


def downgrade() -> None:
    op.execute("drop table assinaturas_calendario")
