"""Steps that several journeys share (logging in and out through the UI)."""

from __future__ import annotations

import re

from playwright.async_api import Page, expect


async def entrar_paciente(page: Page, identificador: str, senha: str) -> None:
    """Log a patient in by e-mail or CPF and wait for their home."""
    await page.goto("/entrar")
    await page.get_by_label("E-mail ou CPF").fill(identificador)
    await page.get_by_label("Senha", exact=True).fill(senha)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/inicio$"))


async def entrar_medico(page: Page, crm: str, uf: str, senha: str) -> None:
    """Log a doctor in by CRM + UF and wait for their home."""
    await page.goto("/entrar?perfil=medico")
    await page.get_by_label("CRM").fill(crm)
    await page.get_by_label("UF").select_option(uf)
    await page.get_by_label("Senha", exact=True).fill(senha)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/inicio$"))


async def sair(page: Page) -> None:
    """Log out from the header and wait for the public home."""
    await page.get_by_role("button", name="Sair").click()
    await expect(page.get_by_role("link", name="Entrar", exact=True)).to_be_visible()
