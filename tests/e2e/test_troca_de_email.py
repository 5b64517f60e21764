"""Changing the account's e-mail in the browser (issue 15 §2): "Meus dados" asks the current
password when the e-mail changes; the old address gets a notice whose link, opened in the
browser, undoes the change with one click and ends every session."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_paciente
from libs.testing.data import SENHA, novo_email

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


async def test_troca_de_email_pede_a_senha_e_o_endereco_antigo_desfaz(
    pagina, api_real, acessibilidade
):
    page = pagina
    paciente = await registrar_paciente(api_real, nome="Vera Souza")
    await page.goto("/entrar")
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await page.get_by_label("Senha", exact=True).fill(SENHA)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/inicio$"))
    await page.get_by_role("link", name="Meus dados").click()
    formulario = page.get_by_role("form", name="Meus dados")
    await expect(formulario.get_by_label("Senha atual")).to_have_count(0)

    novo = novo_email("vera-nova")
    await formulario.get_by_label("E-mail").fill(novo)
    senha_atual = formulario.get_by_label("Senha atual")
    await expect(senha_atual).to_be_visible()
    await senha_atual.fill("Errada#Demais2027")
    await formulario.get_by_role("button", name="Salvar").click()
    await expect(formulario.get_by_role("alert")).to_contain_text("Senha incorreta")
    r = await api_real.get(f"/paciente/{paciente['id']}", headers=paciente["headers"])
    assert r.json()["email"] == paciente["email"]

    await senha_atual.fill(SENHA)
    await formulario.get_by_role("button", name="Salvar").click()
    await expect(page.get_by_role("status").filter(has_text="Dados salvos")).to_be_visible()

    # The old address was told, with the link that undoes it.
    r = await api_real.get("/dev/emails", params={"para": paciente["email"]})
    aviso = r.json()["itens"][0]
    assert "alterado" in aviso["assunto"]
    link = re.search(r"/desfazer-email\?token=[^\s]+", aviso["corpo"])
    assert link, aviso["corpo"]

    await page.goto(link.group(0))
    await expect(page.get_by_role("heading", name="Desfazer a troca de e-mail")).to_be_visible()
    await acessibilidade(page)
    await page.get_by_role("button", name="Desfazer a troca").click()
    await expect(page.get_by_role("status").filter(has_text="voltou a ser este")).to_be_visible()
    # Every session ended, this browser's too; the old e-mail logs in again.
    await page.goto("/inicio")
    await expect(page).to_have_url(re.compile(r"/entrar\?proximo=%2Finicio"))
    r = await api_real.post("/auth/login", json={"email": paciente["email"], "senha": SENHA})
    assert r.status_code == 200
    r = await api_real.post("/auth/login", json={"email": novo, "senha": SENHA})
    assert r.status_code == 401
