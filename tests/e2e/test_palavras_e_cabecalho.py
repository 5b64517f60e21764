"""Issue 19's words and header, as a first-time user on a phone and a desktop meets them."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_paciente

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


async def test_senha_errada_diz_email_cpf_ou_senha_incorretos(pagina, api_real, acessibilidade):
    page = pagina
    paciente = await registrar_paciente(api_real, nome="Helena Prado")
    await page.goto("/entrar")
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await page.get_by_label("Senha", exact=True).fill("nao-e-a-senha-dela")
    await page.get_by_role("button", name="Entrar", exact=True).click()
    formulario = page.get_by_role("form", name="Entrar como paciente")
    await expect(formulario.get_by_role("alert")).to_have_text("E-mail/CPF ou senha incorretos")
    await acessibilidade(page)


async def test_cabecalho_oferece_criar_conta_em_qualquer_tela(pagina, acessibilidade):
    page = pagina
    await page.goto("/")
    cabecalho = page.get_by_role("navigation", name="Principal")
    await expect(cabecalho.get_by_role("link", name="Entrar", exact=True)).to_be_visible()
    criar = cabecalho.get_by_role("link", name="Criar conta")
    await expect(criar).to_be_visible()
    # Both fit inside the page's margin: nothing scrolls sideways or touches the edge.
    assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    caixa = await criar.bounding_box()
    assert caixa is not None
    assert caixa["x"] + caixa["width"] <= page.viewport_size["width"] - 12, caixa
    await acessibilidade(page)
    await criar.click()
    await expect(page).to_have_url(re.compile(r"/cadastro$"))
