"""prontuario: documentos_assinados (prescriptions and certificates by verification code)

The signed PDF itself is a document of the record (the documents' storage); this register
says, for the public verification page, which code names which document, who signed it, when,
and the SHA-256 of the PDF as issued. Append-only (a trigger, like the access log's): an
issued document is never re-registered or taken back silently. Also: ``atestado`` becomes a
category of documents.

Revision ID: prontuario_0006
"""

from alembic import op

from libs.migrations import run_sql

revision = "prontuario_0006"
down_revision = "prontuario_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table documentos_assinados (
            codigo text primary key,
            documento_id uuid not null unique,
            paciente_id uuid not null,
            consulta_id uuid not null,
            tipo text not null check (tipo in ('receita', 'atestado')),
            medico_id uuid not null,
            medico_nome text not null,
            medico_crm text not null,
            medico_uf text not null,
            sha256 text not null,
            emitido_em timestamptz not null
        );
        create index ix_documentos_assinados_paciente
            on documentos_assinados (paciente_id, emitido_em);
        create trigger documentos_assinados_sem_alteracao
            before update or delete on documentos_assinados
            for each row execute function registro_clinico_somente_inclusao();

        -- A certificate is a document of its own kind in the record.
        alter table documentos drop constraint documentos_categoria_check;
        alter table documentos add constraint documentos_categoria_check
            check (categoria in ('exame', 'laudo', 'receita', 'vacina', 'atestado', 'outro'));
        """
    )


def downgrade() -> None:
    op.execute(
        "drop table documentos_assinados; "
        "alter table documentos drop constraint documentos_categoria_check; "
        "alter table documentos add constraint documentos_categoria_check"
        " check (categoria in ('exame', 'laudo', 'receita', 'vacina', 'outro'))"
    )
