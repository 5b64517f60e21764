"""Closing the patient's account cancels their appointments: the patient's cancellation, except
that the cancellation cutoff does not block it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.consulta.domain.consulta import JUSTIFICATIVA_ENCERRAMENTO, Status
from services.consulta.domain.erros import TransicaoInvalida
from services.consulta.tests.unit.fabrica import nova_consulta

AGORA = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
DUAS_HORAS = timedelta(hours=2)


@pytest.mark.parametrize("status", [Status.PENDENTE, Status.CONFIRMADA])
def test_encerramento_cancela_consulta_ativa_como_o_paciente(status):
    c = nova_consulta(status, inicio=AGORA + timedelta(days=3))
    mudanca = c.cancelar_por_encerramento(AGORA)
    assert mudanca.para is Status.CANCELADA
    assert mudanca.cancelada_por == "paciente"
    assert mudanca.justificativa == JUSTIFICATIVA_ENCERRAMENTO == "Conta encerrada pelo paciente"
    assert mudanca.de == {Status.PENDENTE, Status.CONFIRMADA}


def test_prazo_do_paciente_nao_impede_encerrar_a_conta():
    tarde = nova_consulta(Status.CONFIRMADA, inicio=AGORA + timedelta(minutes=30))
    # The same appointment the patient could not cancel by hand...
    with pytest.raises(TransicaoInvalida):
        tarde.cancelar(
            AGORA, por="paciente", justificativa="Imprevisto familiar", prazo_paciente=DUAS_HORAS
        )
    # ...is cancelled when the account closes, and the database's guard is only "not started".
    mudanca = tarde.cancelar_por_encerramento(AGORA)
    assert mudanca.para is Status.CANCELADA
    assert mudanca.inicio_apos == AGORA


@pytest.mark.parametrize("status", [Status.RECUSADA, Status.CANCELADA])
def test_encerramento_nao_muda_consulta_encerrada(status):
    c = nova_consulta(status, inicio=AGORA + timedelta(days=3))
    with pytest.raises(TransicaoInvalida):
        c.cancelar_por_encerramento(AGORA)


def test_encerramento_nao_cancela_consulta_que_ja_comecou_ou_foi_realizada():
    comecou = nova_consulta(Status.CONFIRMADA, inicio=AGORA - timedelta(minutes=10))
    realizada = nova_consulta(Status.CONFIRMADA, inicio=AGORA - timedelta(days=1))
    for c in (comecou, realizada):
        with pytest.raises(TransicaoInvalida):
            c.cancelar_por_encerramento(AGORA)
