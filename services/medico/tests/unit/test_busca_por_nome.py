"""Finding a doctor by name: the criterion, without a database."""

from __future__ import annotations

import pytest

from libs import errors
from services.medico.domain.busca import criterios, palavras_do_nome


def test_palavras_sem_acento_minusculas_e_so_letras_e_digitos():
    assert palavras_do_nome("  CONCEIÇÃO  d'Ávila-Gonçalves ") == [
        "conceicao",
        "d",
        "avila",
        "goncalves",
    ]
    assert palavras_do_nome("Müller Straße Ærø Łukasz") == [
        "muller",
        "strasse",
        "aero",
        "lukasz",
    ]
    assert palavras_do_nome("...") == []


def test_nome_guarda_as_palavras_na_ordem_digitada():
    assert criterios(nome="Tiago  MOREIRA").nome == ("tiago", "moreira")
    assert criterios(nome="moreira tiago").nome == ("moreira", "tiago")


@pytest.mark.parametrize("texto", ["dra helena", "Dra. Helena", "DR. helena", "doutora Helena"])
def test_titulos_digitados_sao_ignorados(texto):
    assert criterios(nome=texto).nome == ("helena",)


def test_so_titulo_e_recusado():
    with pytest.raises(errors.DadosInvalidos) as exc:
        criterios(nome="Dra.")
    assert exc.value.erros[0].campo == "nome"
    assert "título" in exc.value.erros[0].mensagem


@pytest.mark.parametrize("texto", ["a", " b ", "", "   ", "x" * 81])
def test_nome_de_2_a_80_caracteres_depois_de_aparar(texto):
    with pytest.raises(errors.DadosInvalidos) as exc:
        criterios(nome=texto)
    assert [e.campo for e in exc.value.erros] == ["nome"]
    assert exc.value.erros[0].mensagem == "Informe de 2 a 80 caracteres do nome"


def test_limites_de_2_e_80_caracteres_sao_aceitos():
    assert criterios(nome=" ab ").nome == ("ab",)
    assert criterios(nome="  " + "y" * 80 + "  ").nome == ("y" * 80,)


def test_erro_do_nome_vem_junto_com_os_demais():
    with pytest.raises(errors.DadosInvalidos) as exc:
        criterios(nome="a", raio_km=10, por_pagina=0)
    assert {e.campo for e in exc.value.erros} == {"nome", "raio_km", "por_pagina"}


def test_sem_ordenar_busca_por_nome_ordena_por_relevancia_mesmo_com_ponto():
    assert criterios(nome="helena").ordem == "relevancia"
    assert criterios(nome="helena", lat=-23.5, lon=-46.6).ordem == "relevancia"
    assert criterios(nome="helena", lat=-23.5, lon=-46.6, ordenar="distancia").ordem == (
        "distancia"
    )
    assert criterios(nome="helena", ordenar="avaliacao").ordem == "avaliacao"


def test_sem_nome_nada_muda():
    assert criterios().nome == ()
    assert criterios().ordem == "nome"
