"""The answers FastAPI's parameter helpers give are kept per declared parameter
(libs/fastapi_parametros.py): requests, however many and however varied, add none."""

from __future__ import annotations

from libs import fastapi_parametros


async def test_buscas_repetidas_nao_fazem_crescer_o_que_se_guarda(api):
    r = await api.get("/medicos", params={"especialidade": "cardiologia", "pagina": 2})
    assert r.status_code == 200, r.text
    antes = fastapi_parametros.guardados()
    assert antes > 0  # installed, and this route's parameters are held
    variacoes = [
        {"especialidade": "pediatria", "por_pagina": 5},
        {"lat": -23.5, "lon": -46.6, "raio_km": 30, "ordenar": "distancia"},
        {"avaliacao_min": 4, "nome": "ana"},
        {"disponivel_ate": "2030-01-01T00:00:00+00:00", "ordenar": "proximo_horario"},
        {"por_pagina": 0},  # refused (422): the same parameters, validated
    ]
    for params in variacoes:
        r = await api.get("/medicos", params=params)
        assert r.status_code in (200, 422), r.text
    assert fastapi_parametros.guardados() == antes
