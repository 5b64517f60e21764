"""Issue 19: the doctor's title by their own choice (Dr., Dra. or none), shown with the name
everywhere a patient or a message names them; never guessed from the name."""

from __future__ import annotations

import uuid

from libs.testing.contas import registrar_medico


async def test_medica_escolhe_dra_e_o_nome_exibido_leva_o_titulo(api, interno):
    m = await registrar_medico(api, nome="Aline Gomes", tratamento="Dra.")
    perfil = (await api.get(f"/medicos/{m['id']}")).json()
    assert perfil["nome"] == "Aline Gomes" and perfil["tratamento"] == "Dra."
    # What other services (appointments, e-mails, the record's shares) show.
    interno_ = (await interno.get(f"/internal/medicos/{m['id']}")).json()
    assert interno_["nome"] == "Dra. Aline Gomes"
    busca = (await api.get("/medicos", params={"nome": "aline gomes", "por_pagina": 100})).json()
    item = next(i for i in busca["itens"] if i["id"] == m["id"])
    assert item["tratamento"] == "Dra."


async def test_nome_ja_com_titulo_nao_ganha_outro_e_sem_tratamento_fica_como_digitado(api, interno):
    com = await registrar_medico(api, nome="Dr. Caio Lima", tratamento="Dr.")
    assert (await interno.get(f"/internal/medicos/{com['id']}")).json()["nome"] == "Dr. Caio Lima"
    sem = await registrar_medico(api, nome="Rui Barros")
    assert (await api.get(f"/medicos/{sem['id']}")).json()["tratamento"] is None
    assert (await interno.get(f"/internal/medicos/{sem['id']}")).json()["nome"] == "Rui Barros"


async def test_medico_troca_e_limpa_o_tratamento(api, interno):
    m = await registrar_medico(api, nome="Renata Dias", tratamento="Dr.")
    url = f"/medicos/{m['id']}"
    r = await api.put(url, json={"tratamento": "Dra."}, headers=m["headers"])
    assert r.status_code == 200, r.text
    assert (await interno.get(f"/internal{url}")).json()["nome"] == "Dra. Renata Dias"
    r = await api.put(url, json={"tratamento": None}, headers=m["headers"])
    assert r.status_code == 200 and r.json()["tratamento"] is None
    assert (await interno.get(f"/internal{url}")).json()["nome"] == "Renata Dias"


async def test_tratamento_desconhecido_e_422_em_portugues_e_nada_muda(api):
    m = await registrar_medico(api, nome="Ana Prado", tratamento="Dra.")
    r = await api.put(f"/medicos/{m['id']}", json={"tratamento": "Doutora"}, headers=m["headers"])
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["erros"][0]["campo"] == "tratamento"
    assert r.json()["erros"][0]["mensagem"].startswith("Valor inválido; aceitos:")
    assert (await api.get(f"/medicos/{m['id']}")).json()["tratamento"] == "Dra."
    r = await api.post(
        "/medicos",
        json={
            "nome": "Teste",
            "crm": str(uuid.uuid4().int)[:7],
            "uf": "SP",
            "email": f"t{uuid.uuid4().hex[:8]}@exemplo.com.br",
            "senha": "Senha#Forte2027",
            "especialidades": ["cardiologia"],
            "tratamento": "Sr.",
        },
    )
    assert r.status_code == 422 and r.json()["erros"][0]["campo"] == "tratamento"
