"""Stored blocked periods, without a database: which requested slots may still be created."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.consulta.domain import bloqueio
from services.consulta.domain.agenda import Intervalo
from services.consulta.domain.bloqueio import HorarioEmBloqueio, PeriodoBloqueado

SP = ZoneInfo("America/Sao_Paulo")
# 20/12 00:00 to 06/01 00:00 in São Paulo: the doctor reads "de 20/12 a 05/01".
FERIAS = PeriodoBloqueado(
    uuid.uuid4(),
    uuid.uuid4(),
    datetime(2026, 12, 20, tzinfo=SP),
    datetime(2027, 1, 6, tzinfo=SP),
)


def _slot(dia: datetime, minutos: int = 30) -> Intervalo:
    return Intervalo(dia, dia + timedelta(minutes=minutos))


def _semanas(primeira: datetime, n: int) -> list[Intervalo]:
    return [_slot(primeira + timedelta(weeks=i)) for i in range(n)]


def test_periodo_contem_o_inicio_e_nao_o_fim():
    assert FERIAS.contem(FERIAS.de)
    assert FERIAS.contem(FERIAS.ate - timedelta(microseconds=1))
    assert not FERIAS.contem(FERIAS.ate)
    assert not FERIAS.contem(FERIAS.de - timedelta(microseconds=1))


def test_horario_que_comeca_antes_e_entra_no_bloqueio_e_aceito():
    atravessa = Intervalo(FERIAS.de - timedelta(minutes=20), FERIAS.de + timedelta(minutes=20))
    livres, ignorados = bloqueio.fora_dos_bloqueios([atravessa], [FERIAS], repetindo=False)
    assert (livres, ignorados) == ([atravessa], 0)


def test_janela_unica_dentro_do_bloqueio_e_recusada_citando_os_dias_no_fuso_do_medico():
    with pytest.raises(HorarioEmBloqueio) as exc:
        bloqueio.fora_dos_bloqueios(
            [_slot(datetime(2026, 12, 24, 9, tzinfo=SP))], [FERIAS], repetindo=False, fuso=SP
        )
    assert exc.value.status == 409
    assert exc.value.bloqueio is FERIAS
    assert exc.value.detalhe.startswith("Você bloqueou de 20/12 a 05/01")


def test_janela_dividida_com_um_horario_no_bloqueio_e_recusada_inteira():
    janela = [_slot(FERIAS.ate - timedelta(minutes=30)), _slot(FERIAS.ate)]
    with pytest.raises(HorarioEmBloqueio):
        bloqueio.fora_dos_bloqueios(janela, [FERIAS], repetindo=False, fuso=SP)


def test_repeticao_pula_as_semanas_bloqueadas_e_conta():
    semanas = _semanas(datetime(2026, 12, 9, 9, tzinfo=SP), 6)  # 09/12 ... 13/01
    livres, ignorados = bloqueio.fora_dos_bloqueios(semanas, [FERIAS], repetindo=True, fuso=SP)
    assert [i.inicio.day for i in livres] == [9, 16, 6, 13]
    assert ignorados == 2  # 23/12 and 30/12


def test_repeticao_toda_dentro_do_bloqueio_e_recusada():
    semanas = _semanas(datetime(2026, 12, 21, 9, tzinfo=SP), 2)
    with pytest.raises(HorarioEmBloqueio):
        bloqueio.fora_dos_bloqueios(semanas, [FERIAS], repetindo=True, fuso=SP)


def test_sem_bloqueios_tudo_passa():
    semanas = _semanas(datetime(2026, 12, 21, 9, tzinfo=SP), 3)
    assert bloqueio.fora_dos_bloqueios(semanas, [], repetindo=True) == (semanas, 0)


def test_entre_dois_bloqueios_o_que_comeca_primeiro_e_citado():
    depois = PeriodoBloqueado(
        uuid.uuid4(), FERIAS.medico_id, datetime(2026, 12, 22, tzinfo=SP), FERIAS.ate
    )
    achado = bloqueio.bloqueio_que_contem(datetime(2026, 12, 23, tzinfo=SP), [depois, FERIAS])
    assert achado is FERIAS


def test_mensagem_sem_fuso_usa_o_instante_como_veio():
    bloqueio = PeriodoBloqueado(
        uuid.uuid4(),
        uuid.uuid4(),
        datetime(2026, 3, 1, 12, tzinfo=UTC),
        datetime(2026, 3, 2, 12, tzinfo=UTC),
    )
    assert HorarioEmBloqueio(bloqueio).detalhe.startswith("Você bloqueou de 01/03 a 02/03")


def test_mensagem_de_bloqueio_de_um_dia_so_diz_o_dia():
    bloqueio = PeriodoBloqueado(
        uuid.uuid4(),
        uuid.uuid4(),
        datetime(2026, 11, 30, 3, tzinfo=UTC),
        datetime(2026, 12, 1, 3, tzinfo=UTC),
    )
    detalhe = HorarioEmBloqueio(bloqueio, ZoneInfo("America/Sao_Paulo")).detalhe
    assert detalhe.startswith("Você bloqueou o dia 30/11: remova o bloqueio")
