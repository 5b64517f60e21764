"""Rules of the doctor domain, without a database."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest

from libs import errors
from services.medico.domain.busca import criterios
from services.medico.domain.crm import crm_valido, normalizar_crm
from services.medico.domain.erros import AcessoNegado
from services.medico.domain.medico import (
    Medico,
    exigir_proprio_medico,
    normalizar_especialidades,
    validar_fuso,
    validar_nota,
)


def _medico(**over):
    base = {
        "id": uuid.uuid4(),
        "nome": "Dra. X",
        "crm": "123456",
        "uf": "SP",
        "email": "x@exemplo.com",
        "especialidades": ["cardiologia"],
    }
    return Medico(**{**base, **over})


@pytest.mark.parametrize("crm", ["1234", "123456", "1234567890", "123.456", "12-3456"])
def test_crm_bem_formado(crm):
    assert crm_valido(crm, "SP")


@pytest.mark.parametrize("crm", ["123", "12345678901", "CRM123456", "12a456", ""])
def test_crm_mal_formado(crm):
    assert not crm_valido(crm, "SP")


def test_crm_exige_uf_real():
    assert not crm_valido("123456", "XX")
    assert crm_valido("123456", "rj")


def test_crm_normalizado_em_digitos():
    assert normalizar_crm("123.456") == "123456"


def test_fuso_iana_e_validado():
    validar_fuso("America/Manaus")
    for nome in ("Marte/Olympus", "", "../etc/passwd"):
        with pytest.raises(errors.DadosInvalidos) as exc:
            validar_fuso(nome)
        assert exc.value.erros[0].campo == "fuso_horario"


def test_antecedencia_entre_zero_e_uma_semana():
    _medico(antecedencia_minima_minutos=0)
    _medico(antecedencia_minima_minutos=10080)
    for minutos in (-1, 10081):
        with pytest.raises(errors.DadosInvalidos):
            _medico(antecedencia_minima_minutos=minutos)


def test_especialidades_repetidas_contam_uma_vez_e_ao_menos_uma():
    assert normalizar_especialidades(["Cardiologia", "cardiologia", "urologia"]) == [
        "cardiologia",
        "urologia",
    ]
    with pytest.raises(errors.DadosInvalidos):
        normalizar_especialidades([])


def test_nota_de_1_a_5():
    for nota in (1, 5):
        validar_nota(nota)
    for nota in (0, 6):
        with pytest.raises(errors.DadosInvalidos):
            validar_nota(nota)


def test_crm_uf_e_avaliacoes_nao_se_alteram_pelo_perfil():
    m = _medico()
    for campo in ("crm", "uf", "avaliacao_media", "total_avaliacoes", "id"):
        with pytest.raises(ValueError):
            m.alterar(**{campo: "x"})


def test_alterar_registra_so_o_que_mudou():
    m = _medico()
    m.alterar(nome="Dra. X", bio="nova")
    assert m.campos_alterados == {"bio"}


def test_so_o_proprio_medico_altera_o_perfil():
    eu = uuid.uuid4()
    exigir_proprio_medico(usuario_id=eu, papel="medico", medico_id=eu)
    with pytest.raises(AcessoNegado):
        exigir_proprio_medico(usuario_id=uuid.uuid4(), papel="medico", medico_id=eu)
    with pytest.raises(AcessoNegado):
        exigir_proprio_medico(usuario_id=eu, papel="paciente", medico_id=eu)


def test_raio_e_ordem_por_distancia_exigem_ponto():
    with pytest.raises(errors.DadosInvalidos) as exc:
        criterios(raio_km=10, ordenar="distancia")
    assert {e.campo for e in exc.value.erros} == {"raio_km", "ordenar"}


def test_lat_sem_lon_e_invalido():
    with pytest.raises(errors.DadosInvalidos) as exc:
        criterios(lat=-23.5)
    assert exc.value.erros[0].campo == "lon"


def test_ordem_padrao_distancia_com_ponto_e_nome_sem():
    assert criterios(lat=-23.5, lon=-46.6).ordem == "distancia"
    assert criterios().ordem == "nome"


def test_por_pagina_no_maximo_100_e_offset():
    with pytest.raises(errors.DadosInvalidos):
        criterios(por_pagina=101)
    assert criterios(pagina=3, por_pagina=20).offset == 40


def test_disponivel_ate_exige_fuso():
    with pytest.raises(errors.DadosInvalidos) as exc:
        criterios(disponivel_ate=datetime(2030, 1, 1, 10, 0))
    assert exc.value.erros[0].campo == "disponivel_ate"
