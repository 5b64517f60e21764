"""The session in the browser: refresh-token rotation and a clean way back to the login page."""

from __future__ import annotations

import json
import re

import pytest
from playwright.async_api import Page, expect

from libs.testing.contas import registrar_paciente

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

CHAVE = "healthmed.sessao"


async def _sessao(page: Page) -> dict:
    return json.loads(await page.evaluate(f"localStorage.getItem('{CHAVE}')"))


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


async def test_token_de_acesso_vencido_e_renovado_com_rotacao(pagina, api_real):
    page = pagina
    paciente = await registrar_paciente(api_real, nome="Julia Alves")
    await _entrar(page, paciente)
    antes = await _sessao(page)
    # Pretend the access token expired: the app must renew it before asking the API.
    vencida = {**antes, "expiraEm": 0}
    await page.evaluate(f"localStorage.setItem('{CHAVE}', {json.dumps(json.dumps(vencida))})")
    await page.reload()
    await expect(page.get_by_role("heading", name="Olá, Julia")).to_be_visible()
    depois = await _sessao(page)
    assert depois["refreshToken"] != antes["refreshToken"], "o refresh token deveria rodar"
    assert depois["accessToken"] != antes["accessToken"]
    # The rotated-out refresh token is dead; the new one is what the app keeps.
    r = await api_real.post("/auth/refresh", json={"refresh_token": depois["refreshToken"]})
    assert r.status_code == 200, r.text


async def test_sessao_encerrada_no_servidor_volta_ao_login_com_aviso(pagina, api_real):
    page = pagina
    paciente = await registrar_paciente(api_real)
    await _entrar(page, paciente)
    sessao = await _sessao(page)
    # The session ends elsewhere (e.g. a password reset): every token stops working.
    r = await api_real.post(
        "/auth/logout", headers={"Authorization": f"Bearer {sessao['accessToken']}"}
    )
    assert r.status_code == 204
    await page.reload()
    await expect(page).to_have_url(re.compile(r"/entrar\?proximo=%2Finicio"))
    await expect(page.get_by_text("Sua sessão expirou. Entre novamente.")).to_be_visible()
