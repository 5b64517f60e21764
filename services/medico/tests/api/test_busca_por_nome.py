"""Finding a doctor by name (``GET /medicos?nome=``): case and accents ignored, every typed word
the start of a word of the name, in any order, with every other filter and order."""

from __future__ import annotations

import random
import string

from libs.testing.contas import registrar_medico
from services.medico.tests.api.conftest import avaliar, ponto_isolado


def _marca() -> str:
    """A made-up surname no other test's doctor has (letters only, so one word)."""
    return "Zy" + "".join(random.choices(string.ascii_lowercase, k=10))


async def _buscar(api, **params):
    r = await api.get("/medicos", params={"por_pagina": 100, **params})
    assert r.status_code == 200, r.text
    return r.json()


def _ids(corpo) -> list[str]:
    return [i["id"] for i in corpo["itens"]]


async def test_nome_sem_acento_e_em_qualquer_caixa_acha_o_medico(api):
    marca = _marca()
    medica = await registrar_medico(api, nome=f"Dra. Conceição Araújo {marca}")
    for texto in (
        f"conceicao araujo {marca}",
        f"CONCEIÇÃO {marca.upper()}",
        f"Araujo {marca.lower()}",
    ):
        assert _ids(await _buscar(api, nome=texto)) == [medica["id"]], texto


async def test_palavras_em_qualquer_ordem_e_so_o_inicio_de_cada_uma(api):
    marca = _marca()
    helena = await registrar_medico(api, nome=f"Dra. Helena Costa {marca}")
    for texto in (f"hel cos {marca}", f"{marca[:6]} costa", f"cos {marca} helena"):
        assert _ids(await _buscar(api, nome=texto)) == [helena["id"]], texto
    # An infix is no match: "elena" is inside "Helena", not its start.
    assert _ids(await _buscar(api, nome=f"elena {marca}")) == []
    assert _ids(await _buscar(api, nome=f"hel {marca[3:]}")) == []
    # Every word must match: one word of no name of hers excludes her.
    assert _ids(await _buscar(api, nome=f"helena souza {marca}")) == []


async def test_titulos_digitados_sao_ignorados(api):
    marca = _marca()
    tiago = await registrar_medico(api, nome=f"Tiago Moreira {marca}")
    for texto in (f"dr tiago {marca}", f"Dr. {marca} moreira", f"dra. {marca}"):
        assert _ids(await _buscar(api, nome=texto)) == [tiago["id"]], texto


async def test_sem_ordenar_palavras_inteiras_primeiro_e_depois_por_nome(api, interno):
    marca = _marca().lower()
    prefixo = await registrar_medico(api, nome=f"Ana {marca}inha")  # only the start of a word
    inteira_b = await registrar_medico(api, nome=f"Bruna {marca}")
    inteira_a = await registrar_medico(api, nome=f"Alice {marca}")
    corpo = await _buscar(api, nome=marca)
    assert _ids(corpo) == [inteira_a["id"], inteira_b["id"], prefixo["id"]]
    assert corpo["total"] == 3
    # An explicit order wins over the relevance: the only rated one first.
    await avaliar(interno, prefixo["id"], 5)
    corpo = await _buscar(api, nome=marca, ordenar="avaliacao")
    assert _ids(corpo) == [prefixo["id"], inteira_a["id"], inteira_b["id"]]


async def test_nome_combina_com_especialidade_e_distancia(api):
    marca = _marca()
    ponto = ponto_isolado()
    local = {"lat": ponto[0], "lon": ponto[1]}
    cardio_perto = await registrar_medico(
        api, nome=f"Paulo {marca}", especialidades=["cardiologia"], localizacao=local
    )
    derma_perto = await registrar_medico(
        api, nome=f"Pedro {marca}", especialidades=["dermatologia"], localizacao=local
    )
    cardio_longe = await registrar_medico(
        api,
        nome=f"Paula {marca}",
        especialidades=["cardiologia"],
        localizacao={"lat": ponto[0] + 1, "lon": ponto[1]},
    )
    assert set(_ids(await _buscar(api, nome=marca, especialidade="cardiologia"))) == {
        cardio_perto["id"],
        cardio_longe["id"],
    }
    assert set(_ids(await _buscar(api, nome=marca, **local, raio_km=5))) == {
        cardio_perto["id"],
        derma_perto["id"],
    }
    corpo = await _buscar(api, nome=f"pa {marca}", especialidade="cardiologia", **local, raio_km=5)
    assert _ids(corpo) == [cardio_perto["id"]]
    assert corpo["itens"][0]["distancia_km"] == 0
    # Ordered by distance on request: the far one last.
    corpo = await _buscar(api, nome=marca, **local, ordenar="distancia")
    assert _ids(corpo)[-1] == cardio_longe["id"]


async def test_nome_que_ninguem_tem_responde_lista_vazia(api):
    corpo = await _buscar(api, nome=_marca())
    assert corpo["itens"] == [] and corpo["total"] == 0


async def test_nome_com_1_ou_81_caracteres_e_422_em_portugues(api):
    for texto in ("a", " a ", "x" * 81):
        r = await api.get("/medicos", params={"nome": texto})
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["erros"] == [
            {"campo": "nome", "mensagem": "Informe de 2 a 80 caracteres do nome"}
        ]
    # Reported together with the other criteria's errors.
    r = await api.get("/medicos", params={"nome": "a", "raio_km": 10})
    assert r.status_code == 422
    assert {e["campo"] for e in r.json()["erros"]} == {"nome", "raio_km"}
    # Titles only: nothing of a name to look for.
    r = await api.get("/medicos", params={"nome": "Dra."})
    assert r.status_code == 422
    assert r.json()["erros"][0]["campo"] == "nome"
