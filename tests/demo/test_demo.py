"""``make demo``: the demo data loads through the API, once, and is usable."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from gateway import demo
from gateway.app import Gateway, GatewaySettings
from gateway.services import build_apps
from libs.postgres import drop_database, ensure_database, migrate_all
from libs.testing.stack import TEST_OVERRIDES, client_for


@pytest.fixture(scope="module")
def demo_url(postgres_server) -> Iterator[str]:
    name = f"healthmed_test_demo_{os.getpid()}"
    url = ensure_database(postgres_server.uri(), name, drop=True)
    migrate_all(url)
    yield url
    drop_database(postgres_server.uri(), name)


@pytest.fixture(scope="module")
async def demo_gateway(demo_url, test_data_dir) -> AsyncIterator[Gateway]:
    settings: dict[str, Any] = {
        **TEST_OVERRIDES,
        "database_url": demo_url,
        "data_dir": test_data_dir,
    }
    gw = Gateway(GatewaySettings(**settings), build_apps(settings))
    async with gw.lifespan():
        yield gw


@pytest.mark.xdist_group("demo")
async def test_demo_carrega_uma_vez_e_o_produto_fica_utilizavel(demo_gateway):
    assert await demo.carregar(demo_gateway) is True
    assert await demo.carregar(demo_gateway) is False  # a second run changes nothing

    async with client_for(demo_gateway) as api:
        r = await api.get("/medicos", params={"por_pagina": 100})
        assert r.json()["total"] == demo.TOTAL_MEDICOS
        especialidades = {e for m in r.json()["itens"] for e in m["especialidades"]}
        assert len(especialidades) >= 10
        cidades = {m["endereco"]["cidade"] for m in r.json()["itens"] if m.get("endereco")}
        assert len(cidades) >= 8

        perto = await api.get("/medicos", params={"lat": -23.55, "lon": -46.63, "raio_km": 30})
        assert perto.json()["total"] >= 5

        login = await api.post(
            "/auth/login", json={"cpf": "529.982.247-25", "senha": demo.SENHA_PACIENTE}
        )
        assert login.status_code == 200
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        consultas = (await api.get("/consultas", headers=headers)).json()["itens"]
        assert [c["status"] for c in consultas] == ["confirmada"]

        medico = await api.post(
            "/auth/login", json={"crm": "100001", "uf": "SP", "senha": demo.SENHA_MEDICO}
        )
        assert medico.status_code == 200
        carla = consultas[0]["medico"]["id"]
        await demo_gateway.apps["consulta"].state.sincronizador.drenar()
        perfil = (await api.get(f"/medicos/{carla}")).json()
        assert perfil["proximo_horario"] is not None  # published by the agenda to the search
        agenda = await api.get(
            f"/medicos/{carla}/agenda",
            params={
                "de": consultas[0]["inicio"],
                "ate": perfil["proximo_horario"][:10] + "T23:59:59-03:00",
            },
        )
        assert agenda.status_code == 200


def test_medicas_da_demonstracao_sao_dra_e_medicos_dr():
    """Issue 19: "Dr. Aline Gomes" came from guessing a woman by her name's final "a"."""
    nomes = {m["nome"] for m in demo._medicos()}
    assert "Dra. Aline Gomes" in nomes and "Dr. Aline Gomes" not in nomes
    for primeiro in demo.MEDICAS:
        assert not any(n.startswith(f"Dr. {primeiro} ") for n in nomes), primeiro
    assert "Dr. André Moreira" in nomes
