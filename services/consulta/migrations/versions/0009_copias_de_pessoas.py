"""consulta: copias_medicos, copias_pacientes (the agenda's own copy of who people are)

Revision ID: consulta_0009

Booking needs a doctor's name, CRM, time zone and notice and a patient's name; the notices need
their e-mails. Asking the medico and paciente services on every booking was a quarter of its
cost (issue 14): the agenda keeps a copy, fed by the owners' profile events
(``PUT /internal/copias/...``, ``libs/perfis_publicados.py``) and filled on first use by asking
the owner once. ``versao`` is the owner's event id: only a newer event replaces a copy (0: read
from the owner, any event replaces it). A closed patient's copy keeps no name or e-mail.
"""

from libs.migrations import run_sql

revision = "consulta_0009"
down_revision = "consulta_0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table copias_medicos (
            id uuid primary key,
            nome text not null,
            crm text not null,
            uf text not null,
            email text,
            fuso_horario text not null,
            antecedencia_minima_minutos integer not null,
            versao bigint not null,
            atualizada_em timestamptz not null default now()
        );
        create table copias_pacientes (
            id uuid primary key,
            nome text not null,
            email text,
            encerrada boolean not null default false,
            versao bigint not null,
            atualizada_em timestamptz not null default now()
        );
        """
    )


def downgrade() -> None:
    run_sql("drop table copias_pacientes; drop table copias_medicos;")
