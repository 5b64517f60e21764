"""Time rules of the agenda, without a database."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from libs import errors
from services.consulta.domain import agenda

SP = ZoneInfo("America/Sao_Paulo")
MANAUS = ZoneInfo("America/Manaus")
AGORA = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ANO = timedelta(days=365)


def _gerar(inicio, fim, **kw):
    kw.setdefault("fuso", SP)
    return agenda.gerar_horarios(inicio, fim, agora=AGORA, horizonte=ANO, **kw)


def test_janela_sem_duracao_e_um_horario():
    inicio = datetime(2026, 12, 2, 9, 0, tzinfo=SP)
    horarios = _gerar(inicio, inicio + timedelta(minutes=50))
    assert [(h.inicio, h.fim) for h in horarios] == [(inicio, inicio + timedelta(minutes=50))]


def test_janela_dividida_em_horarios_consecutivos_descarta_a_sobra():
    inicio = datetime(2026, 12, 2, 9, 0, tzinfo=SP)
    horarios = _gerar(inicio, inicio + timedelta(minutes=100), duracao_minutos=30)
    assert len(horarios) == 3
    assert all(h.duracao == timedelta(minutes=30) for h in horarios)
    assert all(a.fim == b.inicio for a, b in itertools.pairwise(horarios))
    assert horarios[-1].fim == inicio + timedelta(minutes=90)


def test_repetir_semanas_acrescenta_semanas_no_mesmo_dia_e_hora_do_fuso_do_medico():
    inicio = datetime(2026, 12, 2, 9, 0, tzinfo=MANAUS)
    horarios = _gerar(
        inicio, inicio + timedelta(hours=1), fuso=MANAUS, duracao_minutos=30, repetir_semanas=3
    )
    assert len(horarios) == 2 * 4
    for h in horarios:
        local = h.inicio.astimezone(MANAUS)
        assert local.weekday() == inicio.weekday()
        assert (local.hour, local.minute) in {(9, 0), (9, 30)}


def test_repeticao_atravessa_mudanca_de_horario_de_verao_mantendo_a_hora_local():
    nova_york = ZoneInfo("America/New_York")  # Brazil has no DST today; the rule still holds
    agora = datetime(2026, 2, 20, tzinfo=UTC)
    inicio = datetime(2026, 3, 2, 9, 0, tzinfo=nova_york)
    horarios = agenda.gerar_horarios(
        inicio,
        inicio + timedelta(minutes=30),
        fuso=nova_york,
        agora=agora,
        horizonte=ANO,
        repetir_semanas=2,
    )
    locais = [h.inicio.astimezone(nova_york) for h in horarios]
    assert [(t.hour, t.minute) for t in locais] == [(9, 0)] * 3
    assert locais[0].utcoffset() != locais[2].utcoffset()
    assert all(h.duracao == timedelta(minutes=30) for h in horarios)


@pytest.mark.parametrize(
    ("inicio", "fim", "campo"),
    [
        (AGORA + timedelta(hours=2), AGORA + timedelta(hours=1), "fim"),
        (AGORA - timedelta(hours=1), AGORA + timedelta(hours=1), "inicio"),
        (AGORA + timedelta(hours=1), AGORA + timedelta(hours=1, minutes=9), "fim"),
        (AGORA + timedelta(hours=1), AGORA + timedelta(hours=26), "fim"),
    ],
)
def test_janela_invalida_e_422_com_o_campo(inicio, fim, campo):
    with pytest.raises(errors.DadosInvalidos) as exc:
        _gerar(inicio, fim)
    assert exc.value.erros[0].campo == campo


def test_horario_sem_fuso_e_recusado():
    with pytest.raises(errors.DadosInvalidos):
        _gerar(datetime(2026, 12, 2, 9, 0), datetime(2026, 12, 2, 10, 0))


def test_duracao_maior_que_a_janela_e_recusada():
    inicio = AGORA + timedelta(days=1)
    with pytest.raises(errors.DadosInvalidos) as exc:
        _gerar(inicio, inicio + timedelta(minutes=20), duracao_minutos=30)
    assert exc.value.erros[0].campo == "duracao_minutos"


def test_reserva_respeita_antecedencia_minima_e_horizonte():
    regra = {"agora": AGORA, "antecedencia_minima": timedelta(hours=2), "horizonte": ANO}
    agenda.validar_reserva(AGORA + timedelta(hours=2), **regra)
    for inicio in (AGORA - timedelta(minutes=1), AGORA + timedelta(minutes=119)):
        with pytest.raises(errors.DadosInvalidos):
            agenda.validar_reserva(inicio, **regra)
    with pytest.raises(errors.DadosInvalidos):
        agenda.validar_reserva(AGORA + ANO + timedelta(minutes=1), **regra)


def test_antecedencia_zero_permite_reservar_ate_o_inicio():
    regra = {"agora": AGORA, "antecedencia_minima": timedelta(0), "horizonte": ANO}
    agenda.validar_reserva(AGORA + timedelta(seconds=1), **regra)


def test_janela_de_consulta_tem_padrao_e_limite():
    janela = agenda.janela_de_consulta(
        None, None, agora=AGORA, padrao=timedelta(days=7), maximo=timedelta(days=31)
    )
    assert (janela.inicio, janela.fim) == (AGORA, AGORA + timedelta(days=7))
    with pytest.raises(errors.DadosInvalidos):
        agenda.janela_de_consulta(
            AGORA,
            AGORA + timedelta(days=32),
            agora=AGORA,
            padrao=timedelta(days=7),
            maximo=timedelta(days=31),
        )
