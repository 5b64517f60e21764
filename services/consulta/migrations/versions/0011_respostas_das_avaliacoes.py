"""consulta: the doctor's reply to a rating, and a rating reported for moderation

Revision ID: consulta_0011

A rating's comment is public on the doctor's page (only after a ``realizada`` appointment: every
review is verified). Its doctor may reply once (``resposta``, kept for good) and report it
(``denunciada_em``, ``denuncia_motivo``): a reported rating leaves the page until an operator
decides; its score still counts in the average (the patient's rating is theirs).
"""

from libs.migrations import run_sql

revision = "consulta_0011"
down_revision = "consulta_0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table avaliacoes
            add column resposta text
                constraint ck_avaliacoes_resposta check (char_length(resposta) between 1 and 1000),
            add column respondida_em timestamptz,
            add column denunciada_em timestamptz,
            add column denuncia_motivo text
                constraint ck_avaliacoes_denuncia
                check (char_length(denuncia_motivo) between 10 and 1000),
            add constraint ck_avaliacoes_resposta_com_data
                check ((resposta is null) = (respondida_em is null)),
            add constraint ck_avaliacoes_denuncia_com_data
                check ((denuncia_motivo is null) = (denunciada_em is null));
        """
    )


def downgrade() -> None:
    run_sql(
        """
        alter table avaliacoes
            drop constraint ck_avaliacoes_denuncia_com_data,
            drop constraint ck_avaliacoes_resposta_com_data,
            drop column denuncia_motivo,
            drop column denunciada_em,
            drop column respondida_em,
            drop column resposta;
        """
    )
