"""Finding a doctor: specialty, distance, rating, availability, order and pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from libs.testing.contas import registrar_medico
from services.medico.tests.api.conftest import avaliar, ponto_isolado

SAO_PAULO = (-23.5505, -46.6333)
CAMPINAS = (-22.9056, -47.0608)
RIO = (-22.9068, -43.1729)


async def _medico_em(api, ponto, **over):
    return await registrar_medico(api, localizacao={"lat": ponto[0], "lon": ponto[1]}, **over)


def _ids(r):
    assert r.status_code == 200, r.text
    return [i["id"] for i in r.json()["itens"]]


async def _perto(api, ponto, **params):
    """Doctors within 2 km of an isolated point (only this test's doctors)."""
    return await api.get(
        "/medicos", params={"lat": ponto[0], "lon": ponto[1], "raio_km": 2, **params}
    )


async def test_raio_de_50_km_de_sao_paulo_acha_sp_e_nao_campinas_nem_rio(api):
    sp = await _medico_em(
        api,
        SAO_PAULO,
        valor_consulta=250,
        endereco={
            "cep": "01001000",
            "logradouro": "Praça da Sé",
            "cidade": "São Paulo",
            "uf": "SP",
        },
    )
    campinas = await _medico_em(api, CAMPINAS)
    rio = await _medico_em(api, RIO)
    r = await api.get(
        "/medicos",
        params={"lat": SAO_PAULO[0], "lon": SAO_PAULO[1], "raio_km": 50, "por_pagina": 100},
    )
    ids = _ids(r)
    assert sp["id"] in ids
    assert campinas["id"] not in ids and rio["id"] not in ids
    item = next(i for i in r.json()["itens"] if i["id"] == sp["id"])
    assert item["distancia_km"] == 0
    assert item["endereco"]["cidade"] == "São Paulo"
    assert set(item) == {
        "id",
        "nome",
        "crm",
        "uf",
        "especialidades",
        "avaliacao_media",
        "total_avaliacoes",
        "distancia_km",
        "proximo_horario",
        "endereco",
        "localizacao",
        "valor_consulta",
        "tratamento",
    }
    # The price, so a result card shows it (null when the doctor gave none).
    assert item["valor_consulta"] == 250
    # Where the office is, for a map of the results.
    assert item["localizacao"] == {"lat": SAO_PAULO[0], "lon": SAO_PAULO[1]}
    # 100 km reaches Campinas (about 84 km away) but not Rio (about 360 km).
    r = await api.get(
        "/medicos",
        params={"lat": SAO_PAULO[0], "lon": SAO_PAULO[1], "raio_km": 100, "por_pagina": 100},
    )
    ids = _ids(r)
    assert campinas["id"] in ids and rio["id"] not in ids
    assert next(i for i in r.json()["itens"] if i["id"] == campinas["id"])["valor_consulta"] is None


async def test_distancia_em_km_e_ordem_por_distancia(api):
    origem = ponto_isolado()
    longe = await _medico_em(api, (origem[0] + 0.01, origem[1]))  # ~1.1 km
    perto = await _medico_em(api, (origem[0] + 0.001, origem[1]))  # ~0.11 km
    itens = (await _perto(api, origem)).json()["itens"]
    assert [i["id"] for i in itens] == [perto["id"], longe["id"]]
    assert 0.05 < itens[0]["distancia_km"] < 0.2
    assert 1.0 < itens[1]["distancia_km"] < 1.2


async def test_sem_lat_lon_a_distancia_e_nula(api):
    m = await registrar_medico(api, especialidades=["medicina-de-trafego"])
    r = await api.get(
        "/medicos", params={"especialidade": "medicina-de-trafego", "por_pagina": 100}
    )
    item = next(i for i in r.json()["itens"] if i["id"] == m["id"])
    assert item["distancia_km"] is None
    assert item["localizacao"] is None


async def test_filtra_por_especialidade(api):
    ponto = ponto_isolado()
    cardio = await _medico_em(api, ponto, especialidades=["cardiologia", "clinica-medica"])
    derma = await _medico_em(api, ponto, especialidades=["dermatologia"])
    assert _ids(await _perto(api, ponto, especialidade="cardiologia")) == [cardio["id"]]
    assert _ids(await _perto(api, ponto, especialidade="dermatologia")) == [derma["id"]]
    assert set(_ids(await _perto(api, ponto))) == {cardio["id"], derma["id"]}


async def test_especialidade_desconhecida_na_busca_e_422(api):
    r = await api.get("/medicos", params={"especialidade": "astrologia"})
    assert r.status_code == 422
    assert r.json()["erros"][0]["campo"] == "especialidade"


async def test_avaliacao_minima_e_ordem_por_avaliacao(api, interno):
    ponto = ponto_isolado()
    otimo = await _medico_em(api, ponto)
    bom = await _medico_em(api, ponto)
    sem_nota = await _medico_em(api, ponto)
    for nota in (5, 5):
        await avaliar(interno, otimo["id"], nota)
    for nota in (4, 3):
        await avaliar(interno, bom["id"], nota)
    assert _ids(await _perto(api, ponto, avaliacao_min=4)) == [otimo["id"]]
    melhores = _ids(await _perto(api, ponto, avaliacao_min=3.5, ordenar="avaliacao"))
    assert melhores == [otimo["id"], bom["id"]]
    ordem = _ids(await _perto(api, ponto, ordenar="avaliacao"))
    assert ordem == [otimo["id"], bom["id"], sem_nota["id"]]
    item = (await _perto(api, ponto, ordenar="avaliacao")).json()["itens"][1]
    assert item["avaliacao_media"] == 3.5 and item["total_avaliacoes"] == 2


async def test_disponivel_ate_e_ordem_por_proximo_horario(api, interno):
    ponto = ponto_isolado()
    agora = datetime.now(UTC)
    amanha = await _medico_em(api, ponto)
    semana_que_vem = await _medico_em(api, ponto)
    sem_agenda = await _medico_em(api, ponto)
    passado = await _medico_em(api, ponto)
    for m, quando in (
        (amanha, agora + timedelta(days=1)),
        (semana_que_vem, agora + timedelta(days=8)),
        (passado, agora - timedelta(hours=1)),  # stale: already past, treated as none
    ):
        r = await interno.put(
            "/internal/medicos/proximos-horarios",
            json={"itens": [{"medico_id": m["id"], "proximo_horario": quando.isoformat()}]},
        )
        assert r.status_code == 200
    ate = (agora + timedelta(days=3)).isoformat()
    assert _ids(await _perto(api, ponto, disponivel_ate=ate)) == [amanha["id"]]
    ate = (agora + timedelta(days=10)).isoformat()
    disponiveis = set(_ids(await _perto(api, ponto, disponivel_ate=ate)))
    assert disponiveis == {amanha["id"], semana_que_vem["id"]}
    ordem = _ids(await _perto(api, ponto, ordenar="proximo_horario"))
    assert ordem[:2] == [amanha["id"], semana_que_vem["id"]]
    assert set(ordem[2:]) == {sem_agenda["id"], passado["id"]}
    itens = {i["id"]: i for i in (await _perto(api, ponto)).json()["itens"]}
    assert itens[passado["id"]]["proximo_horario"] is None
    assert itens[amanha["id"]]["proximo_horario"] is not None


async def test_paginas(api):
    ponto = ponto_isolado()
    criados = [await _medico_em(api, ponto, nome=f"Dr. Página {n}") for n in range(5)]
    vistos = []
    for pagina, tamanho in ((1, 2), (2, 2), (3, 1), (4, 0)):
        r = await _perto(api, ponto, pagina=pagina, por_pagina=2, ordenar="distancia")
        body = r.json()
        assert body["total"] == 5 and body["pagina"] == pagina and body["por_pagina"] == 2
        assert len(body["itens"]) == tamanho
        vistos += [i["id"] for i in body["itens"]]
    assert sorted(vistos) == sorted(m["id"] for m in criados)


async def test_padrao_de_paginacao(api):
    body = (await api.get("/medicos")).json()
    assert body["pagina"] == 1 and body["por_pagina"] == 20
    assert len(body["itens"]) <= 20 and body["total"] >= len(body["itens"])


async def test_combinacoes_invalidas_sao_422(api):
    casos = {
        "raio_km": {"raio_km": 10},
        "ordenar": {"ordenar": "distancia"},
        "lon": {"lat": -23.5},
        "lat": {"lon": -46.6},
        "por_pagina": {"por_pagina": 101},
        "pagina": {"pagina": 0},
        "avaliacao_min": {"avaliacao_min": 6},
        "disponivel_ate": {"disponivel_ate": "amanhã"},
    }
    for campo, params in casos.items():
        r = await api.get("/medicos", params=params)
        assert r.status_code == 422, (campo, r.text)
        assert campo in [e["campo"] for e in r.json()["erros"]], (campo, r.json())
    r = await api.get("/medicos", params={"ordenar": "preco"})
    assert r.status_code == 422


async def test_especialidade_com_caracteres_estranhos_e_422(api):
    r = await api.get("/medicos", params={"especialidade": "a\x00"})
    assert r.status_code == 422
