"""Reading and changing a patient's own profile."""

from __future__ import annotations

from libs.testing import data
from libs.testing.contas import auth_headers, registrar_medico, registrar_paciente


async def test_paciente_le_o_proprio_perfil(api):
    p = await registrar_paciente(api, nome="Ana Souza")
    r = await api.get(f"/paciente/{p['id']}", headers=p["headers"])
    assert r.status_code == 200, r.text
    assert r.json()["nome"] == "Ana Souza"
    assert r.json()["cpf"] == p["cpf"]


async def test_sem_login_e_401(api):
    p = await registrar_paciente(api)
    assert (await api.get(f"/paciente/{p['id']}")).status_code == 401


async def test_outro_paciente_e_medico_recebem_403(api):
    p = await registrar_paciente(api)
    outro = await registrar_paciente(api)
    medico = await registrar_medico(api)
    for quem in (outro, medico):
        assert (await api.get(f"/paciente/{p['id']}", headers=quem["headers"])).status_code == 403
        r = await api.put(f"/paciente/{p['id']}", json={"nome": "Invasor"}, headers=quem["headers"])
        assert r.status_code == 403
    assert (await api.get(f"/paciente/{p['id']}", headers=p["headers"])).json()["nome"] != "Invasor"


async def test_paciente_altera_o_proprio_perfil(api):
    p = await registrar_paciente(api)
    mudanca = {
        "nome": "Nome Novo",
        "telefone": "21 99876-5432",
        "endereco": {"cep": "20040020", "logradouro": "Rua X, 1", "cidade": "Rio", "uf": "RJ"},
    }
    r = await api.put(f"/paciente/{p['id']}", json=mudanca, headers=p["headers"])
    assert r.status_code == 200, r.text
    lido = (await api.get(f"/paciente/{p['id']}", headers=p["headers"])).json()
    assert lido["nome"] == "Nome Novo"
    assert lido["telefone"] == "21 99876-5432"
    assert lido["endereco"]["uf"] == "RJ"
    assert lido["email"] == p["email"]  # absent fields stay
    limpo = await api.put(f"/paciente/{p['id']}", json={"telefone": None}, headers=p["headers"])
    assert limpo.json()["telefone"] is None


async def test_cpf_e_senha_nao_se_alteram_pelo_perfil(api):
    p = await registrar_paciente(api)
    for campo, valor in (("cpf", data.novo_cpf()), ("senha", "OutraSenha#2026")):
        r = await api.put(f"/paciente/{p['id']}", json={campo: valor}, headers=p["headers"])
        assert r.status_code == 422, r.text
        assert r.json()["erros"][0]["campo"] == campo


async def test_novo_email_vale_para_o_login(api):
    p = await registrar_paciente(api)
    novo = data.novo_email("mudou")
    r = await api.put(
        f"/paciente/{p['id']}",
        json={"email": novo, "senha_atual": p["senha"]},
        headers=p["headers"],
    )
    assert r.status_code == 200, r.text
    assert r.json()["email"] == novo
    assert (
        await api.post("/auth/login", json={"email": novo, "senha": p["senha"]})
    ).status_code == 200
    antigo = await api.post("/auth/login", json={"email": p["email"], "senha": p["senha"]})
    assert antigo.status_code == 401


async def test_email_de_outro_paciente_e_409_e_nada_muda(api):
    p = await registrar_paciente(api)
    outro = await registrar_paciente(api)
    r = await api.put(
        f"/paciente/{p['id']}",
        json={"email": outro["email"], "nome": "Não Gravado"},
        headers=p["headers"],
    )
    assert r.status_code == 409, r.text
    lido = (await api.get(f"/paciente/{p['id']}", headers=p["headers"])).json()
    assert lido["email"] == p["email"] and lido["nome"] == p["nome"]


async def test_logout_revogado_e_visto_pelo_servico_paciente(api):
    p = await registrar_paciente(api)
    login = await api.post("/auth/login", json={"email": p["email"], "senha": p["senha"]})
    headers = auth_headers(login.json()["access_token"])
    assert (await api.get(f"/paciente/{p['id']}", headers=headers)).status_code == 200
    assert (await api.post("/auth/logout", headers=headers)).status_code == 204
    assert (await api.get(f"/paciente/{p['id']}", headers=headers)).status_code == 401


async def test_rota_interna_nao_e_publica(api):
    p = await registrar_paciente(api)
    assert (await api.get(f"/internal/pacientes/{p['id']}")).status_code == 404
