"""Password recovery in the browser, from the request to logging in with the new password."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_paciente

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

NOVA_SENHA = "Outra#Senha2027"


async def _link_do_email(api: httpx.AsyncClient, email: str) -> str:
    r = await api.get("/dev/emails", params={"para": email})
    assert r.status_code == 200, r.text
    itens = r.json()["itens"]
    assert itens, f"nenhum e-mail para {email}"
    achado = re.search(r"/recuperar-senha\?token=[^\s]+", itens[0]["corpo"])
    assert achado, itens[0]["corpo"]
    return achado.group(0)


async def test_paciente_recupera_a_senha_pelo_link_do_email(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    paciente = await registrar_paciente(api_real, nome="Helena Rocha")
    await page.goto("/entrar")
    await page.get_by_role("link", name="Esqueci minha senha").click()
    await expect(page.get_by_role("heading", name="Recuperar senha")).to_be_visible()
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await acessibilidade(page)
    await fotografar(page, "recuperar-senha")
    await page.get_by_role("button", name="Enviar link").click()
    await expect(page.get_by_role("status")).to_contain_text("Pedido recebido")

    link = await _link_do_email(api_real, paciente["email"])
    await page.goto(link)
    await expect(page.get_by_role("heading", name="Nova senha")).to_be_visible()
    await page.get_by_label("Nova senha", exact=True).fill(NOVA_SENHA)
    await page.get_by_label("Repita a nova senha").fill(NOVA_SENHA)
    await acessibilidade(page)
    await fotografar(page, "nova-senha")
    await page.get_by_role("button", name="Salvar nova senha").click()

    await expect(page).to_have_url(re.compile(r"/entrar\?aviso=senha-alterada"))
    await expect(page.get_by_text("Senha alterada. Entre com a nova senha.")).to_be_visible()
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await page.get_by_label("Senha", exact=True).fill(NOVA_SENHA)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page.get_by_role("heading", name="Olá, Helena")).to_be_visible()

    # The link is single-use: opening it again fails with the API's message.
    await page.goto(link)
    await page.get_by_label("Nova senha", exact=True).fill("Mais#Uma2028x")
    await page.get_by_label("Repita a nova senha").fill("Mais#Uma2028x")
    await page.get_by_role("button", name="Salvar nova senha").click()
    await expect(page.get_by_role("alert")).to_be_visible()


async def test_paciente_pede_recuperacao_pelo_cpf(pagina, api_real):
    page = pagina
    paciente = await registrar_paciente(api_real)
    await page.goto("/recuperar-senha")
    await page.get_by_label("E-mail ou CPF").fill(paciente["cpf"])
    await page.get_by_role("button", name="Enviar link").click()
    await expect(page.get_by_role("status")).to_contain_text("Pedido recebido")
    assert await _link_do_email(api_real, paciente["email"])
