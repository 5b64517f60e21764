"""paciente: pacientes (CPF, telefone, endereço e localização cifrados; CPF por hash)

Revision ID: paciente_0001
"""

from alembic import op

from libs.migrations import run_sql

revision = "paciente_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table pacientes (
            id uuid primary key,
            nome text not null,
            email text not null,
            cpf_cifrado text not null,
            cpf_hash text not null,
            telefone_cifrado text,
            data_nascimento date,
            endereco_cifrado text,
            localizacao_cifrada text,
            criado_em timestamptz not null default now(),
            atualizado_em timestamptz not null default now()
        );
        create unique index uq_pacientes_cpf_hash on pacientes (cpf_hash);
        create unique index uq_pacientes_email on pacientes (lower(email));
        """
    )


def downgrade() -> None:
    op.execute("drop table pacientes")
