"""The public profile, and a doctor editing only their own."""

from __future__ import annotations

import uuid

from libs.testing import data
from libs.testing.contas import registrar_medico, registrar_paciente


async def test_perfil_publico_sem_login_e_sem_email(api):
    m = await registrar_medico(api, nome="Dra. Helena Costa", telefone="11 3333-4444")
    r = await api.get(f"/medicos/{m['id']}")
    assert r.status_code == 200, r.text
    perfil = r.json()
    assert perfil["nome"] == "Dra. Helena Costa"
    assert perfil["telefone"] == "11 3333-4444"
    assert perfil["avaliacao_media"] is None and perfil["total_avaliacoes"] == 0
    assert "email" not in perfil
    assert m["email"] not in r.text


async def test_medico_desconhecido_e_404(api):
    assert (await api.get(f"/medicos/{uuid.uuid4()}")).status_code == 404
    assert (await api.get("/medicos/nao-e-uuid")).status_code == 422


async def test_medico_altera_o_proprio_perfil(api):
    m = await registrar_medico(api)
    mudanca = {
        "bio": "Nova bio",
        "especialidades": ["pediatria", "neurologia"],
        "valor_consulta": 200,
        "fuso_horario": "America/Recife",
        "antecedencia_minima_minutos": 60,
        "localizacao": {"lat": -8.05, "lon": -34.9},
    }
    r = await api.put(f"/medicos/{m['id']}", json=mudanca, headers=m["headers"])
    assert r.status_code == 200, r.text
    perfil = (await api.get(f"/medicos/{m['id']}")).json()
    for campo, valor in mudanca.items():
        assert perfil[campo] == valor, campo
    assert perfil["nome"] == m["nome"]  # absent fields stay
    limpo = await api.put(f"/medicos/{m['id']}", json={"bio": None}, headers=m["headers"])
    assert limpo.json()["bio"] is None


async def test_crm_uf_e_senha_nao_se_alteram_pelo_perfil(api):
    m = await registrar_medico(api)
    for campo, valor in (("crm", data.novo_crm()), ("uf", "RJ"), ("senha", "Outra#Senha2026")):
        r = await api.put(f"/medicos/{m['id']}", json={campo: valor}, headers=m["headers"])
        assert r.status_code == 422, r.text
        assert r.json()["erros"][0]["campo"] == campo


async def test_outro_medico_ou_paciente_nao_altera_o_perfil(api):
    m = await registrar_medico(api)
    outro = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    for quem in (outro, paciente):
        r = await api.put(f"/medicos/{m['id']}", json={"bio": "x"}, headers=quem["headers"])
        assert r.status_code == 403, r.text
    assert (await api.put(f"/medicos/{m['id']}", json={"bio": "x"})).status_code == 401
    assert (await api.get(f"/medicos/{m['id']}")).json()["bio"] is None


async def test_especialidade_desconhecida_na_alteracao_e_422_e_nada_muda(api):
    m = await registrar_medico(api)
    r = await api.put(
        f"/medicos/{m['id']}",
        json={"especialidades": ["inexistente"], "bio": "não grava"},
        headers=m["headers"],
    )
    assert r.status_code == 422, r.text
    assert r.json()["erros"][0]["campo"] == "especialidades"
    perfil = (await api.get(f"/medicos/{m['id']}")).json()
    assert perfil["especialidades"] == ["clinica-medica"] and perfil["bio"] is None


async def test_email_de_outro_medico_e_409_e_nada_muda(api):
    m = await registrar_medico(api)
    outro = await registrar_medico(api)
    r = await api.put(
        f"/medicos/{m['id']}", json={"email": outro["email"], "bio": "x"}, headers=m["headers"]
    )
    assert r.status_code == 409, r.text
    assert (await api.get(f"/medicos/{m['id']}")).json()["bio"] is None


async def test_novo_email_recebe_a_recuperacao_de_senha(api):
    m = await registrar_medico(api)
    novo = data.novo_email("novo-medico")
    r = await api.put(
        f"/medicos/{m['id']}", json={"email": novo, "senha_atual": m["senha"]}, headers=m["headers"]
    )
    assert r.status_code == 200 and r.json()["email"] == novo
    pedido = await api.post("/auth/recover", json={"crm": m["crm"], "uf": m["uf"]})
    assert pedido.status_code == 202
    for _ in range(50):
        caixa = (await api.get("/dev/emails", params={"para": novo})).json()["itens"]
        if caixa:
            break
    assert caixa, "o e-mail de recuperação deveria ir para o novo endereço"
