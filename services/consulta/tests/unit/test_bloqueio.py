"""Blocking a period of the agenda, without a database: which period is accepted, and which
slots go."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from libs import errors
from services.consulta.domain import bloqueio as regras_de_bloqueio
from services.consulta.domain.agenda import Horario, StatusHorario

DE = datetime(2026, 12, 20, 3, 0, tzinfo=UTC)
HORIZONTE = timedelta(days=90)


def _horario(horas: int, status: StatusHorario = StatusHorario.LIVRE) -> Horario:
    inicio = DE + timedelta(hours=horas)
    consulta_id = None if status is StatusHorario.LIVRE else uuid.uuid4()
    return Horario(
        uuid.uuid4(), uuid.uuid4(), inicio, inicio + timedelta(minutes=30), status, consulta_id
    )


def test_periodo_valido_e_o_intervalo_semiaberto_pedido():
    periodo = regras_de_bloqueio.periodo_de_bloqueio(DE, DE + timedelta(days=1), maximo=HORIZONTE)
    assert (periodo.inicio, periodo.fim) == (DE, DE + timedelta(days=1))


def test_periodo_do_tamanho_do_horizonte_e_aceito_um_segundo_a_mais_nao():
    regras_de_bloqueio.periodo_de_bloqueio(DE, DE + HORIZONTE, maximo=HORIZONTE)
    with pytest.raises(errors.DadosInvalidos) as exc:
        regras_de_bloqueio.periodo_de_bloqueio(
            DE, DE + HORIZONTE + timedelta(seconds=1), maximo=HORIZONTE
        )
    assert exc.value.erros[0].campo == "ate"
    assert "90 dias" in exc.value.erros[0].mensagem


@pytest.mark.parametrize("ate", [DE, DE - timedelta(minutes=1)])
def test_fim_do_periodo_nao_depois_do_inicio_e_recusado(ate):
    with pytest.raises(errors.DadosInvalidos) as exc:
        regras_de_bloqueio.periodo_de_bloqueio(DE, ate, maximo=HORIZONTE)
    assert exc.value.erros[0].campo == "ate"


@pytest.mark.parametrize(
    ("de", "ate", "campo"),
    [
        (datetime(2026, 12, 20, 0, 0), DE + timedelta(days=1), "de"),
        (DE, datetime(2026, 12, 21, 0, 0), "ate"),
    ],
)
def test_periodo_sem_fuso_e_recusado(de, ate, campo):
    with pytest.raises(errors.DadosInvalidos) as exc:
        regras_de_bloqueio.periodo_de_bloqueio(de, ate, maximo=HORIZONTE)
    assert exc.value.erros[0].campo == campo


def test_bloquear_remove_so_os_livres_e_mantem_os_com_consulta_na_ordem():
    livre_1, reservado, livre_2, confirmado = (
        _horario(1),
        _horario(2, StatusHorario.RESERVADO),
        _horario(3),
        _horario(4, StatusHorario.CONFIRMADO),
    )
    bloqueio = regras_de_bloqueio.bloquear([livre_1, reservado, livre_2, confirmado])
    assert bloqueio.removidos == [livre_1, livre_2]
    assert bloqueio.mantidos == [reservado, confirmado]


def test_bloquear_periodo_vazio_nao_remove_nada():
    assert regras_de_bloqueio.bloquear([]) == regras_de_bloqueio.Bloqueio([], [])
