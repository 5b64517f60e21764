"""paciente: encerrada_em; e-mail and CPF may be NULL (a closed, anonymised account)

LGPD art. 18 (elimination on the patient's request): the profile of a closed account keeps
only its id (the appointments and the health record kept by law point to it), the name
"Paciente (conta encerrada)" and when it was closed. E-mail, CPF and the CPF's keyed hash
become NULL: no lookup finds them, and the unique indexes (which ignore NULLs) let the same
e-mail and CPF register a new account.

Revision ID: paciente_0002
"""

from alembic import op

from libs.migrations import run_sql

revision = "paciente_0002"
down_revision = "paciente_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table pacientes add column encerrada_em timestamptz;
        alter table pacientes alter column email drop not null;
        alter table pacientes alter column cpf_cifrado drop not null;
        alter table pacientes alter column cpf_hash drop not null;
        alter table pacientes add constraint ck_pacientes_identificada_ou_encerrada check (
            encerrada_em is not null
            or (email is not null and cpf_cifrado is not null and cpf_hash is not null)
        );
        """
    )


def downgrade() -> None:
    op.execute(
        """
        alter table pacientes drop constraint ck_pacientes_identificada_ou_encerrada;
        delete from pacientes where encerrada_em is not null;
        alter table pacientes alter column email set not null;
        alter table pacientes alter column cpf_cifrado set not null;
        alter table pacientes alter column cpf_hash set not null;
        alter table pacientes drop column encerrada_em;
        """
    )
