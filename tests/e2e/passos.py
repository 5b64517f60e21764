"""Steps that several journeys share: logging in and out through the UI, and a doctor's slots
made through the API."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from playwright.async_api import Page, expect

SP = ZoneInfo("America/Sao_Paulo")


async def dois_horarios(
    api: httpx.AsyncClient, medico: dict[str, Any], hora: int
) -> tuple[datetime, list[dict[str, Any]]]:
    """Two consecutive 30-minute slots of ``medico`` at ``hora`` (São Paulo) two days from now:
    the window's start and the slots."""
    inicio = (datetime.now(SP) + timedelta(days=2)).replace(
        hour=hora, minute=0, second=0, microsecond=0
    )
    r = await api.post(
        "/medico/horarios",
        json={
            "inicio": inicio.isoformat(),
            "fim": (inicio + timedelta(hours=1)).isoformat(),
            "duracao_minutos": 30,
        },
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    horarios: list[dict[str, Any]] = r.json()["horarios"]
    return inicio, horarios


async def abrir_horario(
    api: httpx.AsyncClient, medico: dict[str, Any], inicio: datetime
) -> dict[str, Any]:
    """One free 30-minute slot of ``medico`` from ``inicio``, made through the API."""
    r = await api.post(
        "/medico/horarios",
        json={"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()},
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    horario: dict[str, Any] = r.json()["horarios"][0]
    return horario


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
