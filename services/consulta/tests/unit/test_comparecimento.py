"""Attendance: what an ended confirmed appointment is, from who entered the room and the
doctor's word; who may correct it, and rebooking a doctor's absence."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from services.consulta.domain.agenda import Horario
from services.consulta.domain.consulta import (
    PRAZO_COMPARECIMENTO,
    PRAZO_REMARCAR_AUSENCIA,
    Avaliacao,
    Status,
)
from services.consulta.domain.erros import TransicaoInvalida
from services.consulta.tests.unit.fabrica import nova_consulta

INICIO = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)
DEPOIS = INICIO + timedelta(hours=1)


def _encerrada(**campos):
    """A confirmed appointment nobody entered, unless ``campos`` says who did."""
    vazia = {"medico_entrou_em": None, "paciente_entrou_em": None}
    return nova_consulta(Status.CONFIRMADA, inicio=INICIO, **{**vazia, **campos})


@pytest.mark.parametrize(
    ("medico", "paciente", "palavra", "esperado"),
    [
        (INICIO, INICIO, None, Status.REALIZADA),
        (INICIO, None, None, Status.NAO_COMPARECEU),
        (None, INICIO, None, Status.MEDICO_AUSENTE),
        (None, None, None, Status.MEDICO_AUSENTE),  # the doctor's absence is said first
        (INICIO, None, "compareceu", Status.REALIZADA),  # the doctor's word wins
        (INICIO, INICIO, "nao_compareceu", Status.NAO_COMPARECEU),
        (None, INICIO, "compareceu", Status.MEDICO_AUSENTE),
    ],
)
def test_status_depois_do_fim_vem_de_quem_entrou(medico, paciente, palavra, esperado):
    consulta = _encerrada(
        medico_entrou_em=medico, paciente_entrou_em=paciente, comparecimento=palavra
    )
    assert consulta.status_em(DEPOIS) is esperado
    # Before the end nothing is decided: it is still confirmed.
    assert consulta.status_em(INICIO) is Status.CONFIRMADA


def test_ausencias_nao_sao_avaliadas_e_a_mensagem_nao_mostra_identificador():
    for campos in ({"medico_entrou_em": INICIO}, {"paciente_entrou_em": INICIO}):
        with pytest.raises(TransicaoInvalida) as erro:
            _encerrada(**campos).avaliar(DEPOIS)
        assert "_" not in erro.value.detalhe


def test_medico_corrige_o_comparecimento_so_depois_do_fim_e_por_uma_semana():
    consulta = _encerrada(medico_entrou_em=INICIO)
    assert consulta.corrigir_comparecimento(DEPOIS, compareceu=True) == "compareceu"
    assert consulta.corrigir_comparecimento(DEPOIS, compareceu=False) == "nao_compareceu"
    with pytest.raises(TransicaoInvalida):
        consulta.corrigir_comparecimento(INICIO, compareceu=True)  # not ended
    fim_do_prazo = consulta.fim + PRAZO_COMPARECIMENTO
    assert consulta.corrigir_comparecimento(fim_do_prazo, compareceu=True) == "compareceu"
    with pytest.raises(TransicaoInvalida, match="7 dias"):
        consulta.corrigir_comparecimento(fim_do_prazo + timedelta(seconds=1), compareceu=True)
    with pytest.raises(TransicaoInvalida):  # the doctor was not there: nothing to say
        _encerrada().corrigir_comparecimento(DEPOIS, compareceu=True)
    avaliada = replace(
        consulta, paciente_entrou_em=INICIO, avaliacao=Avaliacao(consulta.id, 5, None)
    )
    with pytest.raises(TransicaoInvalida, match="já avaliou"):
        avaliada.corrigir_comparecimento(DEPOIS, compareceu=False)


def test_ausencia_do_medico_se_remarca_uma_vez_em_30_dias_sem_cancelar():
    ausente = _encerrada(paciente_entrou_em=INICIO)
    novo = Horario(uuid.uuid4(), ausente.medico_id, DEPOIS + timedelta(days=1), DEPOIS)
    nova_id = uuid.uuid4()
    mudanca = ausente.remarcar(
        DEPOIS, para=novo, nova_id=nova_id, justificativa=None, prazo_paciente=timedelta(hours=2)
    )
    # The missed one keeps its status (compare-and-set on it), linked to the new one.
    assert (mudanca.de, mudanca.para) == (frozenset({Status.CONFIRMADA}), Status.CONFIRMADA)
    assert mudanca.remarcada_para == nova_id and mudanca.cancelada_por is None
    with pytest.raises(TransicaoInvalida, match="já foi remarcada"):
        replace(ausente, remarcada_para=nova_id).remarcar(
            DEPOIS, para=novo, nova_id=uuid.uuid4(), justificativa=None, prazo_paciente=timedelta()
        )
    tarde = ausente.fim + PRAZO_REMARCAR_AUSENCIA + timedelta(seconds=1)
    with pytest.raises(TransicaoInvalida, match="30 dias"):
        ausente.remarcar(
            tarde, para=novo, nova_id=uuid.uuid4(), justificativa=None, prazo_paciente=timedelta()
        )
    # A visit that took place is not rebooked.
    with pytest.raises(TransicaoInvalida):
        replace(ausente, medico_entrou_em=INICIO).remarcar(
            DEPOIS, para=novo, nova_id=uuid.uuid4(), justificativa=None, prazo_paciente=timedelta()
        )


def test_medico_encerra_e_a_consulta_termina_na_hora():
    abertura = INICIO - timedelta(minutes=15)
    consulta = _encerrada(medico_entrou_em=INICIO, paciente_entrou_em=INICIO)
    durante = INICIO + timedelta(minutes=10)
    consulta.encerrar(durante, abertura=abertura)  # allowed: confirmed, open, doctor in
    encerrada = replace(consulta, encerrada_em=durante)
    assert encerrada.termino == durante < consulta.fim
    assert encerrada.status_em(durante) is Status.REALIZADA
    assert encerrada.status_em(durante - timedelta(seconds=1)) is Status.CONFIRMADA
    with pytest.raises(TransicaoInvalida):  # already ended
        encerrada.encerrar(durante, abertura=abertura)
    with pytest.raises(TransicaoInvalida, match="nem abriu"):
        consulta.encerrar(abertura - timedelta(seconds=1), abertura=abertura)
    with pytest.raises(TransicaoInvalida, match="Entre na sala"):
        replace(consulta, medico_entrou_em=None).encerrar(durante, abertura=abertura)
    # Ended by the doctor without the patient: a no-show at once.
    sem_paciente = replace(encerrada, paciente_entrou_em=None)
    assert sem_paciente.status_em(durante) is Status.NAO_COMPARECEU
