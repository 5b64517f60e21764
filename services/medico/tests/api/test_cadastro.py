"""Registration of doctors through the public API."""

from __future__ import annotations

import uuid

import httpx

from libs.testing import data
from libs.testing.contas import registrar_medico


def _corpo(**over):
    return {
        "nome": "Dr. João Pereira",
        "crm": data.novo_crm(),
        "uf": "SP",
        "email": data.novo_email("joao"),
        "senha": data.SENHA,
        "especialidades": ["cardiologia"],
        **over,
    }


async def test_cadastro_devolve_perfil_com_padroes(api):
    corpo = _corpo(
        especialidades=["cardiologia", "clinica-medica"],
        telefone="11 3123-4567",
        bio="Cardiologista há 20 anos.",
        endereco={
            "cep": "01310-100",
            "logradouro": "Av. Paulista, 1",
            "cidade": "São Paulo",
            "uf": "SP",
        },
        localizacao={"lat": -23.56, "lon": -46.65},
        valor_consulta=350.5,
    )
    r = await api.post("/medicos", json=corpo)
    assert r.status_code == 201, r.text
    m = r.json()
    assert m["crm"] == corpo["crm"] and m["uf"] == "SP"
    assert m["email"] == corpo["email"]
    assert m["especialidades"] == ["cardiologia", "clinica-medica"]
    assert m["fuso_horario"] == "America/Sao_Paulo"
    assert m["antecedencia_minima_minutos"] == 120
    assert m["valor_consulta"] == 350.5
    assert m["endereco"]["cep"] == "01310100"
    assert m["localizacao"] == {"lat": -23.56, "lon": -46.65}
    assert m["avaliacao_media"] is None and m["total_avaliacoes"] == 0
    assert "senha" not in m


async def test_medico_cadastrado_entra_por_crm_e_uf(api):
    m = await registrar_medico(api, uf="rj", crm="12.345")
    assert m["crm"] == "12345" and m["uf"] == "RJ"
    assert m["tokens"]["papel"] == "medico"
    assert m["tokens"]["usuario_id"] == m["id"]


async def test_fuso_e_antecedencia_informados(api):
    r = await api.post(
        "/medicos",
        json=_corpo(fuso_horario="America/Manaus", antecedencia_minima_minutos=0),
    )
    assert r.status_code == 201, r.text
    assert r.json()["fuso_horario"] == "America/Manaus"
    assert r.json()["antecedencia_minima_minutos"] == 0


async def test_senha_fraca_e_422_e_nada_fica_para_tras(api):
    corpo = _corpo(senha="curta")
    r = await api.post("/medicos", json=corpo)
    assert r.status_code == 422, r.text
    assert r.json()["erros"][0]["campo"] == "senha"
    r = await api.post("/medicos", json={**corpo, "senha": data.SENHA})
    assert r.status_code == 201, r.text


async def test_especialidade_desconhecida_e_422_e_nada_fica_para_tras(api):
    corpo = _corpo(especialidades=["cardiologia", "astrologia"])
    r = await api.post("/medicos", json=corpo)
    assert r.status_code == 422, r.text
    erro = r.json()["erros"][0]
    assert erro["campo"] == "especialidades" and "astrologia" in erro["mensagem"]
    assert (await api.post("/medicos", json=_corpo(especialidades=[]))).status_code == 422
    r = await api.post("/medicos", json={**corpo, "especialidades": ["cardiologia"]})
    assert r.status_code == 201, r.text


async def test_crm_e_uf_repetidos_sao_409_mas_outra_uf_pode(api):
    crm = data.novo_crm()
    assert (await api.post("/medicos", json=_corpo(crm=crm, uf="SP"))).status_code == 201
    r = await api.post("/medicos", json=_corpo(crm=crm, uf="sp"))
    assert r.status_code == 409, r.text
    assert r.json()["detail"] == "CRM já cadastrado para esta UF"
    assert (await api.post("/medicos", json=_corpo(crm=crm, uf="MG"))).status_code == 201


async def test_email_repetido_e_409(api):
    email = data.novo_email("dup")
    assert (await api.post("/medicos", json=_corpo(email=email))).status_code == 201
    r = await api.post("/medicos", json=_corpo(email=email.upper()))
    assert r.status_code == 409, r.text
    assert r.json()["detail"] == "E-mail já cadastrado"


async def test_crm_invalido_e_422_no_campo_crm(api):
    for crm in ("abc", "123", "12345678901", "CRM 1234"):
        r = await api.post("/medicos", json=_corpo(crm=crm))
        assert r.status_code == 422, (crm, r.text)
        assert r.json()["erros"][0]["campo"] == "crm"


async def test_dados_invalidos_sao_422_com_o_campo(api):
    casos = {
        "uf": {"uf": "XX"},
        "email": {"email": "sem-arroba"},
        "fuso_horario": {"fuso_horario": "Marte/Olympus"},
        "antecedencia_minima_minutos": {"antecedencia_minima_minutos": 10081},
        "valor_consulta": {"valor_consulta": -1},
        "localizacao.lat": {"localizacao": {"lat": -91, "lon": 0}},
        "endereco.cep": {"endereco": {"cep": "1234", "logradouro": "R", "cidade": "C", "uf": "SP"}},
        "nome": {"nome": " "},
    }
    for campo, over in casos.items():
        r = await api.post("/medicos", json=_corpo(**over))
        assert r.status_code == 422, (campo, r.text)
        assert campo in [e["campo"] for e in r.json()["erros"]], (campo, r.json())


async def test_caracteres_de_controle_sao_422(api):
    casos = {
        "nome": {"nome": "Dr\x00"},
        "bio": {"bio": "bio\x00"},
        "especialidades.0": {"especialidades": ["cardio\x00"]},
        "fuso_horario": {"fuso_horario": "America/Sao_Paulo\x00"},
    }
    for campo, over in casos.items():
        r = await api.post("/medicos", json=_corpo(**over))
        assert r.status_code == 422, (campo, r.text)
        assert r.json()["erros"][0]["campo"] == campo


async def test_recusa_do_auth_e_409_e_o_perfil_volta_atras(api, gateway):
    """A CRM that auth already holds (with no profile here): 409, and nothing is kept."""
    auth = gateway.apps["auth"]
    crm, email = data.novo_crm(), data.novo_email("so-auth")
    body = {
        "usuario_id": str(uuid.uuid4()),
        "papel": "medico",
        "email": data.novo_email("outro"),
        "senha": data.SENHA,
        "crm": crm,
        "uf": "BA",
    }
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=auth), base_url="http://auth"
    ) as http:
        r = await http.post(
            "/internal/credenciais",
            json=body,
            headers={"x-service-token": auth.state.settings.secret("service_token")},
        )
    assert r.status_code == 201, r.text
    r = await api.post("/medicos", json=_corpo(crm=crm, uf="BA", email=email))
    assert r.status_code == 409, r.text
    assert r.json()["detail"] == "CRM já cadastrado para esta UF"
    # The e-mail of the refused registration was not kept here.
    assert (await api.post("/medicos", json=_corpo(email=email))).status_code == 201
