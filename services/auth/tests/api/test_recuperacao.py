"""Password recovery end to end, through the dev inbox of the local profile."""

from __future__ import annotations

import re

from services.auth.tests.api.conftest import Conta

NOVA = "Outra#Senha2027"


async def _token_do_email(api, email: str) -> str:
    r = await api.get("/dev/emails", params={"para": email})
    assert r.status_code == 200
    itens = r.json()["itens"]
    assert itens, "nenhum e-mail enviado"
    match = re.search(r"token=([A-Za-z0-9_\-]+)", itens[0]["corpo"])
    assert match
    return match.group(1)


async def test_recuperacao_de_ponta_a_ponta(api, ip_client, paciente: Conta):
    client = ip_client()
    login = await client.post(
        "/auth/login", json={"email": paciente.email, "senha": paciente.senha}
    )
    old_tokens = login.json()
    r = await client.post("/auth/recover", json={"cpf": paciente.cpf})
    assert r.status_code == 202
    token = await _token_do_email(api, paciente.email)

    r = await client.post("/auth/recover/confirm", json={"token": token, "nova_senha": NOVA})
    assert r.status_code == 204

    antiga = await client.post(
        "/auth/login", json={"email": paciente.email, "senha": paciente.senha}
    )
    assert antiga.status_code == 401
    nova = await client.post("/auth/login", json={"email": paciente.email, "senha": NOVA})
    assert nova.status_code == 200
    # Every session opened before the reset is over.
    headers = {"Authorization": f"Bearer {old_tokens['access_token']}"}
    assert (await client.post("/auth/logout", headers=headers)).status_code == 401
    refresh = await client.post(
        "/auth/refresh", json={"refresh_token": old_tokens["refresh_token"]}
    )
    assert refresh.status_code == 401
    # Single use.
    again = await client.post(
        "/auth/recover/confirm", json={"token": token, "nova_senha": "Mais#Uma2028"}
    )
    assert again.status_code == 400


async def test_recuperacao_responde_202_para_conta_inexistente_sem_enviar_nada(api, ip_client):
    client = ip_client()
    email = "nao.existe.aqui@exemplo.com.br"
    r = await client.post("/auth/recover", json={"email": email})
    assert r.status_code == 202
    # The inbox answers only on this machine (loopback): read it as the local browser would.
    assert (await api.get("/dev/emails", params={"para": email})).json()["itens"] == []


async def test_recuperacao_de_medico_por_crm(api, ip_client, medico: Conta):
    client = ip_client()
    r = await client.post("/auth/recover", json={"crm": medico.crm, "uf": medico.uf})
    assert r.status_code == 202
    token = await _token_do_email(api, medico.email)
    assert (
        await client.post("/auth/recover/confirm", json={"token": token, "nova_senha": NOVA})
    ).status_code == 204
    login = await client.post(
        "/auth/login", json={"crm": medico.crm, "uf": medico.uf, "senha": NOVA}
    )
    assert login.status_code == 200


async def test_senha_fraca_na_confirmacao_e_422_e_o_token_continua_valido(
    api, ip_client, paciente: Conta
):
    client = ip_client()
    await client.post("/auth/recover", json={"email": paciente.email})
    token = await _token_do_email(api, paciente.email)
    fraca = await client.post(
        "/auth/recover/confirm", json={"token": token, "nova_senha": "12345678"}
    )
    assert fraca.status_code == 422
    assert fraca.json()["erros"][0]["campo"] == "nova_senha"
    ok = await client.post("/auth/recover/confirm", json={"token": token, "nova_senha": NOVA})
    assert ok.status_code == 204


async def test_token_invalido_e_400(api):
    r = await api.post("/auth/recover/confirm", json={"token": "x" * 43, "nova_senha": NOVA})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")


async def test_usar_um_codigo_encerra_os_outros_codigos_da_conta(api, ip_client, paciente: Conta):
    """Issue 15 §5: the reset codes of an account end together: a second code, e-mailed
    before the first was used, no longer sets a password."""
    client = ip_client()
    assert (await client.post("/auth/recover", json={"email": paciente.email})).status_code == 202
    primeiro = await _token_do_email(api, paciente.email)
    assert (await client.post("/auth/recover", json={"cpf": paciente.cpf})).status_code == 202
    segundo = await _token_do_email(api, paciente.email)
    assert primeiro != segundo

    r = await client.post("/auth/recover/confirm", json={"token": segundo, "nova_senha": NOVA})
    assert r.status_code == 204
    r = await client.post(
        "/auth/recover/confirm", json={"token": primeiro, "nova_senha": "Mais#Uma2028"}
    )
    assert r.status_code == 400
    # The password is the one the used code set.
    r = await client.post("/auth/login", json={"email": paciente.email, "senha": NOVA})
    assert r.status_code == 200
