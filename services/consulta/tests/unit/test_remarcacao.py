"""Rescheduling, without a database: a patient's cancellation that says where to."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from libs import errors
from services.consulta.domain import notificacoes
from services.consulta.domain.agenda import Horario
from services.consulta.domain.consulta import Status
from services.consulta.domain.erros import TransicaoInvalida
from services.consulta.tests.unit.fabrica import nova_consulta

AGORA = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
DUAS_HORAS = timedelta(hours=2)


def _consulta(status=Status.PENDENTE, daqui=timedelta(days=1)):
    return nova_consulta(status, inicio=AGORA + daqui, medico_fuso="America/Manaus")


def _horario(consulta, *, daqui=timedelta(days=2), medico_id=None, horario_id=None):
    inicio = AGORA + daqui
    return Horario(
        horario_id or uuid.uuid4(),
        medico_id or consulta.medico_id,
        inicio,
        inicio + timedelta(minutes=30),
    )


def _remarcar(consulta, horario, justificativa=None, agora=AGORA):
    return consulta.remarcar(
        agora,
        para=horario,
        nova_id=uuid.uuid4(),
        justificativa=justificativa,
        prazo_paciente=DUAS_HORAS,
    )


@pytest.mark.parametrize("status", [Status.PENDENTE, Status.CONFIRMADA])
def test_remarcar_e_um_cancelamento_do_paciente_que_aponta_a_nova(status):
    c = _consulta(status)
    nova_id = uuid.uuid4()
    mudanca = c.remarcar(
        AGORA,
        para=_horario(c),
        nova_id=nova_id,
        justificativa="Vou viajar nesse dia",
        prazo_paciente=DUAS_HORAS,
    )
    assert mudanca.para is Status.CANCELADA and mudanca.cancelada_por == "paciente"
    assert mudanca.de == {Status.PENDENTE, Status.CONFIRMADA}
    assert mudanca.remarcada_para == nova_id
    assert mudanca.justificativa == "Vou viajar nesse dia"
    # The cutoff is enforced by the compare-and-set as well, like cancelling.
    assert mudanca.inicio_apos == AGORA + DUAS_HORAS


def test_sem_justificativa_a_padrao_diz_para_quando_no_relogio_do_medico():
    c = _consulta()
    # 2026-12-03 12:00 UTC is 08:00 in Manaus (UTC-4).
    mudanca = _remarcar(c, _horario(c, daqui=timedelta(days=2)), justificativa="   ")
    assert mudanca.justificativa == (
        "Remarcada pelo paciente para 03/12/2026 às 08:00 (horário de Manaus)"
    )


def test_justificativa_informada_segue_a_regra_do_cancelamento():
    c = _consulta()
    with pytest.raises(errors.DadosInvalidos) as exc:
        _remarcar(c, _horario(c), justificativa="curta")
    assert exc.value.erros[0].campo == "justificativa"


def test_horario_de_outro_medico_e_dado_invalido():
    c = _consulta()
    with pytest.raises(errors.DadosInvalidos) as exc:
        _remarcar(c, _horario(c, medico_id=uuid.uuid4()))
    assert exc.value.erros[0].campo == "horario_id"
    assert "mesmo médico" in exc.value.erros[0].mensagem


def test_o_mesmo_horario_e_dado_invalido():
    c = _consulta()
    with pytest.raises(errors.DadosInvalidos) as exc:
        _remarcar(c, _horario(c, horario_id=c.horario_id))
    assert "diferente" in exc.value.erros[0].mensagem


@pytest.mark.parametrize("status", [Status.RECUSADA, Status.CANCELADA])
def test_recusada_ou_cancelada_nao_se_remarca(status):
    c = _consulta(status)
    with pytest.raises(TransicaoInvalida):
        _remarcar(c, _horario(c))


def test_realizada_nao_se_remarca():
    c = _consulta(Status.CONFIRMADA, daqui=-timedelta(hours=1))
    with pytest.raises(TransicaoInvalida, match="realizada"):
        _remarcar(c, _horario(c))


def test_perto_do_inicio_vale_o_prazo_do_cancelamento():
    c = _consulta(daqui=timedelta(minutes=90))
    with pytest.raises(TransicaoInvalida, match="2 hora"):
        _remarcar(c, _horario(c))


def test_o_medico_recebe_um_aviso_de_remarcacao_com_as_duas_datas():
    antiga = _consulta()
    antiga.justificativa = "Vou viajar nesse dia"
    nova = _consulta()
    nova.inicio = antiga.inicio + timedelta(days=1)
    (aviso,) = notificacoes.da_remarcacao(antiga, nova)
    assert aviso.evento is notificacoes.Evento.REMARCADA
    assert (aviso.papel, aviso.usuario_id, aviso.consulta_id) == ("medico", nova.medico_id, nova.id)
    assert aviso.assunto == "Consulta remarcada - HealthMed"
    assert "02/12/2026 às 08:00" in aviso.corpo  # from
    assert "03/12/2026 às 08:00" in aviso.corpo  # to
    assert "Vou viajar nesse dia" in aviso.corpo
