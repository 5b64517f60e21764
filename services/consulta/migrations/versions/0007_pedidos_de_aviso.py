"""consulta: pedidos_de_aviso ("Avise-me": a patient waits for an earlier slot of a doctor)

Revision ID: consulta_0007

One active request per patient and doctor (the partial unique index: asking again replaces the
date). A request that fired keeps its row with ``avisado_em`` (it never fires again; the
notice it caused is in ``notificacoes``). The doctor's name, time zone and booking notice are
copied when the request is made, as an appointment copies its doctor's name: the transaction
of a cancellation then tells the waiting patients without calling the medico service.

The notice of an opened slot concerns no appointment: ``notificacoes.consulta_id`` becomes
optional for that event only.
"""

from libs.migrations import run_sql

revision = "consulta_0007"
down_revision = "consulta_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table pedidos_de_aviso (
            id uuid primary key,
            paciente_id uuid not null,
            medico_id uuid not null,
            ate timestamptz not null,
            medico_nome text not null,
            medico_fuso text not null,
            antecedencia_minima_minutos integer not null
                check (antecedencia_minima_minutos >= 0),
            criado_em timestamptz not null default now(),
            avisado_em timestamptz
        );
        create unique index uq_pedidos_de_aviso_ativo on pedidos_de_aviso (paciente_id, medico_id)
            where avisado_em is null;
        create index ix_pedidos_de_aviso_medico on pedidos_de_aviso (medico_id, id)
            where avisado_em is null;

        alter table notificacoes alter column consulta_id drop not null;
        alter table notificacoes drop constraint notificacoes_evento_check;
        alter table notificacoes add constraint notificacoes_evento_check check (evento in (
            'solicitada', 'confirmada', 'recusada', 'cancelada', 'remarcada',
            'lembrete_24h', 'lembrete_1h', 'horario_aberto'
        ));
        alter table notificacoes add constraint ck_notificacoes_consulta check (
            consulta_id is not null or evento = 'horario_aberto'
        );
        """
    )


def downgrade() -> None:
    run_sql(
        """
        delete from notificacoes where evento = 'horario_aberto';
        alter table notificacoes drop constraint ck_notificacoes_consulta;
        alter table notificacoes drop constraint notificacoes_evento_check;
        alter table notificacoes add constraint notificacoes_evento_check check (evento in (
            'solicitada', 'confirmada', 'recusada', 'cancelada', 'remarcada',
            'lembrete_24h', 'lembrete_1h'
        ));
        alter table notificacoes alter column consulta_id set not null;
        drop table pedidos_de_aviso;
        """
    )
