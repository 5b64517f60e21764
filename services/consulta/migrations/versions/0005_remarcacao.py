"""consulta: remarcada_de / remarcada_para (rescheduling), the 'remarcada' notice

Revision ID: consulta_0005

A rescheduled appointment is cancelled and a new one booked in the same transaction; the two
rows point at each other. The old row is updated first (it must leave the patient's overlap
constraint and the slot's unique index before the new row goes in), while the new row does not
exist yet: so ``remarcada_para`` is checked at commit (deferred). Each appointment is moved at
most once and comes from at most one (unique).
"""

from libs.migrations import run_sql

revision = "consulta_0005"
down_revision = "consulta_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table consultas
            add column remarcada_de uuid
                constraint fk_consultas_remarcada_de references consultas (id),
            add column remarcada_para uuid
                constraint fk_consultas_remarcada_para references consultas (id)
                deferrable initially deferred;
        create unique index uq_consultas_remarcada_de on consultas (remarcada_de)
            where remarcada_de is not null;
        create unique index uq_consultas_remarcada_para on consultas (remarcada_para)
            where remarcada_para is not null;

        alter table notificacoes drop constraint notificacoes_evento_check;
        alter table notificacoes add constraint notificacoes_evento_check check (evento in (
            'solicitada', 'confirmada', 'recusada', 'cancelada', 'remarcada',
            'lembrete_24h', 'lembrete_1h'
        ));
        """
    )


def downgrade() -> None:
    run_sql(
        """
        delete from notificacoes where evento = 'remarcada';
        alter table notificacoes drop constraint notificacoes_evento_check;
        alter table notificacoes add constraint notificacoes_evento_check check (evento in (
            'solicitada', 'confirmada', 'recusada', 'cancelada', 'lembrete_24h', 'lembrete_1h'
        ));
        alter table consultas drop column remarcada_para, drop column remarcada_de;
        """
    )
