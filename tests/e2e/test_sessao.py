"""The session in the browser: refresh-token rotation and a clean way back to the login page."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from libs.testing.contas import registrar_paciente

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

COOKIE = "healthmed_refresh"


async def _armazenado(page: Page) -> str:
    """Everything the page's scripts can read from its storage, as one text."""
    return str(
        await page.evaluate(
            "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
        )
    )


async def _cookie_de_refresh(page: Page) -> dict:
    cookies = [c for c in await page.context.cookies() if c["name"] == COOKIE]
    assert len(cookies) == 1, cookies
    return dict(cookies[0])


async def _entrar(page: Page, paciente: dict) -> None:
    await page.goto("/entrar")
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await page.get_by_label("Senha", exact=True).fill(paciente["senha"])
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/inicio$"))


async def test_pagina_protegida_sem_sessao_leva_ao_login_e_volta(pagina, api_real):
    page = pagina
    paciente = await registrar_paciente(api_real, nome="Igor Nunes")
    await page.goto("/inicio")
    await expect(page).to_have_url(re.compile(r"/entrar\?proximo=%2Finicio"))
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await page.get_by_label("Senha", exact=True).fill(paciente["senha"])
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/inicio$"))
    await expect(page.get_by_role("heading", name="Olá, Igor")).to_be_visible()


async def test_refresh_token_fica_so_no_cookie_httponly_e_o_reload_mantem_a_sessao(
    pagina, api_real
):
    """Issue 15 §5: after login no script can read the refresh token (nothing in localStorage
    or sessionStorage, not even the access token); a reload keeps the session through the
    HttpOnly cookie, whose token rotates."""
    page = pagina
    paciente = await registrar_paciente(api_real, nome="Julia Alves")
    await _entrar(page, paciente)
    await expect(page.get_by_role("heading", name="Olá, Julia")).to_be_visible()
    antes = await _cookie_de_refresh(page)
    assert antes["httpOnly"] is True
    assert antes["sameSite"] == "Strict"
    assert antes["path"] == "/api/auth/refresh"
    armazenado = await _armazenado(page)
    assert antes["value"] not in armazenado
    assert "refresh" not in armazenado.lower() and "eyJ" not in armazenado  # no JWT either
    assert await page.evaluate("document.cookie") == ""  # HttpOnly: invisible to scripts

    await page.reload()
    await expect(page.get_by_role("heading", name="Olá, Julia")).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/inicio$"))
    depois = await _cookie_de_refresh(page)
    assert depois["value"] != antes["value"], "o refresh token deveria rodar"
    assert depois["value"] not in await _armazenado(page)
    # The rotated cookie is the live one; the old one was rotated out (within the tolerance
    # it would rotate again, so it is not replayed here).
    r = await api_real.post("/auth/refresh", json={"refresh_token": depois["value"]})
    assert r.status_code == 200, r.text


async def test_sair_apaga_o_cookie_e_o_reload_nao_volta_a_sessao(pagina, api_real):
    page = pagina
    paciente = await registrar_paciente(api_real, nome="Lia Prado")
    await _entrar(page, paciente)
    await expect(page.get_by_role("heading", name="Olá, Lia")).to_be_visible()
    await _cookie_de_refresh(page)
    await page.get_by_role("button", name="Sair").first.click()
    await expect(page).not_to_have_url(re.compile(r"/inicio$"))
    assert [c for c in await page.context.cookies() if c["name"] == COOKIE] == []
    await page.goto("/inicio")
    await expect(page).to_have_url(re.compile(r"/entrar\?proximo=%2Finicio"))


async def test_sessao_encerrada_no_servidor_volta_ao_login_com_aviso(pagina, api_real):
    page = pagina
    paciente = await registrar_paciente(api_real)
    await _entrar(page, paciente)
    # The session ends elsewhere (e.g. a password reset): every token stops working. The
    # cookie's token, read here as only the browser itself could, opens it to end it.
    cookie = await _cookie_de_refresh(page)
    r = await api_real.post("/auth/refresh", json={"refresh_token": cookie["value"]})
    assert r.status_code == 200, r.text
    r = await api_real.post(
        "/auth/logout", headers={"Authorization": f"Bearer {r.json()['access_token']}"}
    )
    assert r.status_code == 204
    await page.reload()
    await expect(page).to_have_url(re.compile(r"/entrar\?proximo=%2Finicio"))
    await expect(page.get_by_text("Sua sessão expirou. Entre novamente.")).to_be_visible()
