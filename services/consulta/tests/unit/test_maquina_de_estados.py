"""The appointment's state machine, without a database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from libs import errors
from services.consulta.domain.consulta import Status, status_visivel
from services.consulta.domain.erros import TransicaoInvalida
from services.consulta.tests.unit.fabrica import nova_consulta

AGORA = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
DUAS_HORAS = timedelta(hours=2)
MOTIVO = "Imprevisto familiar"


def _consulta(status=Status.PENDENTE, daqui=timedelta(days=1)):
    return nova_consulta(status, inicio=AGORA + daqui)


def test_pendente_pode_ser_aceita_recusada_ou_cancelada():
    c = _consulta()
    assert c.aceitar(AGORA).para is Status.CONFIRMADA
    assert c.recusar(AGORA, None).para is Status.RECUSADA
    mudanca = c.cancelar(AGORA, por="paciente", justificativa=MOTIVO, prazo_paciente=DUAS_HORAS)
    assert mudanca.para is Status.CANCELADA and mudanca.cancelada_por == "paciente"
    assert mudanca.de == {Status.PENDENTE, Status.CONFIRMADA}


@pytest.mark.parametrize("status", [Status.CONFIRMADA, Status.RECUSADA, Status.CANCELADA])
def test_so_pendente_pode_ser_aceita_ou_recusada(status):
    c = _consulta(status)
    with pytest.raises(TransicaoInvalida):
        c.aceitar(AGORA)
    with pytest.raises(TransicaoInvalida):
        c.recusar(AGORA, None)


@pytest.mark.parametrize("status", [Status.RECUSADA, Status.CANCELADA])
def test_recusada_ou_cancelada_nao_pode_ser_cancelada(status):
    with pytest.raises(TransicaoInvalida):
        _consulta(status).cancelar(
            AGORA, por="medico", justificativa=MOTIVO, prazo_paciente=DUAS_HORAS
        )


def test_confirmada_cujo_fim_passou_e_realizada_e_nao_pode_ser_cancelada():
    c = _consulta(Status.CONFIRMADA, daqui=-timedelta(hours=1))
    assert c.status_em(AGORA) is Status.REALIZADA
    with pytest.raises(TransicaoInvalida):
        c.cancelar(AGORA, por="medico", justificativa=MOTIVO, prazo_paciente=DUAS_HORAS)
    c.avaliar(AGORA)


def test_status_realizada_e_calculado_na_leitura():
    fim = AGORA + timedelta(minutes=1)
    assert status_visivel(Status.CONFIRMADA, fim, AGORA) is Status.CONFIRMADA
    assert status_visivel(Status.CONFIRMADA, fim, fim) is Status.REALIZADA
    assert status_visivel(Status.PENDENTE, fim, fim + timedelta(days=1)) is Status.PENDENTE


def test_so_realizada_pode_ser_avaliada():
    for status in (Status.PENDENTE, Status.CONFIRMADA, Status.CANCELADA, Status.RECUSADA):
        with pytest.raises(TransicaoInvalida):
            _consulta(status).avaliar(AGORA)


def test_paciente_nao_cancela_dentro_do_prazo_mas_o_medico_sim():
    c = _consulta(Status.CONFIRMADA, daqui=timedelta(hours=1))
    with pytest.raises(TransicaoInvalida):
        c.cancelar(AGORA, por="paciente", justificativa=MOTIVO, prazo_paciente=DUAS_HORAS)
    mudanca = c.cancelar(AGORA, por="medico", justificativa=MOTIVO, prazo_paciente=DUAS_HORAS)
    assert mudanca.inicio_apos == AGORA


def test_consulta_iniciada_nao_pode_ser_aceita_nem_cancelada():
    c = _consulta(Status.PENDENTE, daqui=-timedelta(minutes=5))
    with pytest.raises(TransicaoInvalida):
        c.aceitar(AGORA)
    with pytest.raises(TransicaoInvalida):
        c.cancelar(AGORA, por="medico", justificativa=MOTIVO, prazo_paciente=timedelta(0))


@pytest.mark.parametrize("justificativa", [None, "", "curta", "   nove    "])
def test_cancelamento_exige_justificativa_de_dez_caracteres(justificativa):
    with pytest.raises(errors.DadosInvalidos) as exc:
        _consulta().cancelar(
            AGORA, por="paciente", justificativa=justificativa, prazo_paciente=DUAS_HORAS
        )
    assert exc.value.erros[0].campo == "justificativa"


def test_papel_de_cada_participante():
    c = _consulta()
    assert c.papel_de(c.medico_id) == "medico"
    assert c.papel_de(c.paciente_id) == "paciente"
    assert c.papel_de(uuid.uuid4()) is None
