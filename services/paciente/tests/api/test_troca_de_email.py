"""Changing the account's e-mail (issue 15 §2): the e-mail is where password recovery goes, so
a change takes the current password, ends the other sessions and tells the old address, whose
link undoes it. Through the API, with the local inbox."""

from __future__ import annotations

import re
from typing import Any

import httpx

from libs.testing import data
from libs.testing.contas import auth_headers, registrar_medico, registrar_paciente

NOVA_SENHA = "Outra#Senha2027"


async def _caixa(api: httpx.AsyncClient, para: str) -> list[dict[str, Any]]:
    """What was e-mailed to ``para`` since the registration (its welcome left out)."""
    r = await api.get("/dev/emails", params={"para": para})
    assert r.status_code == 200, r.text
    itens: list[dict[str, Any]] = r.json()["itens"]
    return [e for e in itens if e["assunto"] != "Boas-vindas ao HealthMed"]


async def _token(api: httpx.AsyncClient, para: str, pagina: str) -> str:
    for email in await _caixa(api, para):
        achado = re.search(rf"/{pagina}\?token=([A-Za-z0-9_\-]+)", email["corpo"])
        if achado:
            return achado.group(1)
    raise AssertionError(f"nenhum link /{pagina} para {para}")


async def _outra_sessao(api: httpx.AsyncClient, p: dict[str, Any]) -> dict[str, Any]:
    r = await api.post("/auth/login", json={"email": p["email"], "senha": p["senha"]})
    assert r.status_code == 200, r.text
    tokens: dict[str, Any] = r.json()
    return tokens


async def _trocar(
    api: httpx.AsyncClient, p: dict[str, Any], novo: str, **extra: Any
) -> httpx.Response:
    return await api.put(
        f"/paciente/{p['id']}", json={"email": novo, **extra}, headers=p["headers"]
    )


async def _login(api: httpx.AsyncClient, email: str, senha: str) -> int:
    return (await api.post("/auth/login", json={"email": email, "senha": senha})).status_code


async def test_trocar_email_sem_a_senha_atual_e_422_e_nada_muda(api):
    p = await registrar_paciente(api)
    novo = data.novo_email("sem-senha")
    r = await _trocar(api, p, novo, nome="Não Gravado")
    assert r.status_code == 422, r.text
    assert r.json()["erros"][0]["campo"] == "senha_atual"
    lido = (await api.get(f"/paciente/{p['id']}", headers=p["headers"])).json()
    assert lido["email"] == p["email"] and lido["nome"] == p["nome"]
    assert await _login(api, novo, p["senha"]) == 401
    assert await _caixa(api, p["email"]) == []


async def test_trocar_email_com_senha_errada_e_403_e_nada_muda(api):
    p = await registrar_paciente(api)
    novo = data.novo_email("senha-errada")
    r = await _trocar(api, p, novo, senha_atual="Errada#Demais2027")
    assert r.status_code == 403, r.text
    assert (await api.get(f"/paciente/{p['id']}", headers=p["headers"])).json()["email"] == p[
        "email"
    ]
    assert await _login(api, novo, p["senha"]) == 401
    assert await _login(api, p["email"], p["senha"]) == 200


async def test_outros_campos_nao_pedem_a_senha(api):
    p = await registrar_paciente(api)
    r = await api.put(
        f"/paciente/{p['id']}",
        json={"nome": "Nome Novo", "email": p["email"]},  # the same e-mail is no change
        headers=p["headers"],
    )
    assert r.status_code == 200, r.text
    assert r.json()["nome"] == "Nome Novo"


async def test_troca_avisa_o_endereco_antigo_e_encerra_as_outras_sessoes(api):
    p = await registrar_paciente(api)
    outra = await _outra_sessao(api, p)
    novo = data.novo_email("trocado")
    r = await _trocar(api, p, novo, senha_atual=p["senha"])
    assert r.status_code == 200, r.text
    # The session that changed it goes on; the other one ended, refresh included.
    assert (await api.get(f"/paciente/{p['id']}", headers=p["headers"])).status_code == 200
    r = await api.get(f"/paciente/{p['id']}", headers=auth_headers(outra["access_token"]))
    assert r.status_code == 401
    r = await api.post("/auth/refresh", json={"refresh_token": outra["refresh_token"]})
    assert r.status_code == 401
    # The old address is told, with the link that undoes it.
    avisos = await _caixa(api, p["email"])
    assert avisos and "alterado" in avisos[0]["assunto"]
    assert "/desfazer-email?token=" in avisos[0]["corpo"]


async def test_link_do_endereco_antigo_desfaz_a_troca_e_encerra_todas_as_sessoes(api):
    """The thief knew the password and holds a session at the new address: the undo puts
    the old e-mail back (profile and login), ends every session (the thief's), kills the reset
    codes sent to the thief's address and sends the old address a fresh reset link."""
    p = await registrar_paciente(api)
    ladrao = data.novo_email("ladrao")
    assert (await _trocar(api, p, ladrao, senha_atual=p["senha"])).status_code == 200
    assert (await api.post("/auth/recover", json={"email": ladrao})).status_code == 202
    codigo_do_ladrao = await _token(api, ladrao, "recuperar-senha")
    token = await _token(api, p["email"], "desfazer-email")

    r = await api.post("/auth/email/desfazer", json={"token": token})
    assert r.status_code == 204, r.text

    assert (await api.get(f"/paciente/{p['id']}", headers=p["headers"])).status_code == 401
    assert await _login(api, ladrao, p["senha"]) == 401
    assert await _login(api, p["email"], p["senha"]) == 200
    sessao = await _outra_sessao(api, p)
    perfil = await api.get(f"/paciente/{p['id']}", headers=auth_headers(sessao["access_token"]))
    assert perfil.json()["email"] == p["email"]
    r = await api.post(
        "/auth/recover/confirm", json={"token": codigo_do_ladrao, "nova_senha": NOVA_SENHA}
    )
    assert r.status_code == 400
    # A reset link to the old address: the thief knew the password.
    reset = await _token(api, p["email"], "recuperar-senha")
    r = await api.post("/auth/recover/confirm", json={"token": reset, "nova_senha": NOVA_SENHA})
    assert r.status_code == 204
    # Single use.
    r = await api.post("/auth/email/desfazer", json={"token": token})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")


async def test_link_invalido_e_400_e_nada_muda(api):
    r = await api.post("/auth/email/desfazer", json={"token": "nao-e-um-token-valido"})
    assert r.status_code == 400
    assert r.json()["detail"].startswith("Link para desfazer")


async def test_medico_tambem_troca_com_a_senha_e_o_endereco_antigo_desfaz(api):
    m = await registrar_medico(api)
    novo = data.novo_email("medico-trocado")
    r = await api.put(f"/medicos/{m['id']}", json={"email": novo}, headers=m["headers"])
    assert r.status_code == 422 and r.json()["erros"][0]["campo"] == "senha_atual"
    r = await api.put(
        f"/medicos/{m['id']}", json={"email": novo, "senha_atual": m["senha"]}, headers=m["headers"]
    )
    assert r.status_code == 200, r.text
    token = await _token(api, m["email"], "desfazer-email")
    assert (await api.post("/auth/email/desfazer", json={"token": token})).status_code == 204
    # Every session ended; the login and the profile have the old e-mail again.
    assert (await api.post("/auth/logout", headers=m["headers"])).status_code == 401
    r = await api.post("/auth/login", json={**m["login"], "senha": m["senha"]})
    assert r.status_code == 200
    r = await api.put(
        f"/medicos/{m['id']}", json={"bio": "x"}, headers=auth_headers(r.json()["access_token"])
    )
    assert r.json()["email"] == m["email"]
