"""consulta: attendance (who entered the room) and the doctor's correction of it

Revision ID: consulta_0010

A confirmed appointment whose end has passed is shown, on read, as ``realizada``,
``nao_compareceu`` (the patient never entered the room) or ``medico_ausente`` (the doctor never
did): ``medico_entrou_em`` and ``paciente_entrou_em`` keep the first time each participant asked
to enter (``GET /consultas/{id}/sala``); ``comparecimento`` is the doctor's word on the patient's
attendance, which wins over the record. Appointments that ended before this revision were shown
as ``realizada``: their entries are taken from the room's stays, and where none were kept, from
their start, so that none is re-read as a no-show after the fact.
"""

from libs.migrations import run_sql

revision = "consulta_0010"
down_revision = "consulta_0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table consultas
            add column medico_entrou_em timestamptz,
            add column paciente_entrou_em timestamptz,
            add column comparecimento text
                constraint ck_consultas_comparecimento
                check (comparecimento in ('compareceu', 'nao_compareceu')),
            add column comparecimento_em timestamptz;
        update consultas c set
            medico_entrou_em = (select min(p.entrou_em) from presencas_sala p
                                where p.consulta_id = c.id and p.papel = 'medico'),
            paciente_entrou_em = (select min(p.entrou_em) from presencas_sala p
                                  where p.consulta_id = c.id and p.papel = 'paciente');
        update consultas set
            medico_entrou_em = coalesce(medico_entrou_em, inicio),
            paciente_entrou_em = coalesce(paciente_entrou_em, inicio)
        where status = 'confirmada' and fim <= now();
        alter table notificacoes drop constraint notificacoes_evento_check;
        alter table notificacoes add constraint notificacoes_evento_check check (evento in (
            'solicitada', 'confirmada', 'recusada', 'cancelada', 'remarcada',
            'lembrete_24h', 'lembrete_1h', 'horario_aberto',
            'nao_compareceu', 'medico_ausente'
        ));
        """
    )


def downgrade() -> None:
    run_sql(
        """
        delete from notificacoes where evento in ('nao_compareceu', 'medico_ausente');
        alter table notificacoes drop constraint notificacoes_evento_check;
        alter table notificacoes add constraint notificacoes_evento_check check (evento in (
            'solicitada', 'confirmada', 'recusada', 'cancelada', 'remarcada',
            'lembrete_24h', 'lembrete_1h', 'horario_aberto'
        ));
        alter table consultas
            drop column comparecimento_em,
            drop column comparecimento,
            drop column paciente_entrou_em,
            drop column medico_entrou_em;
        """
    )
