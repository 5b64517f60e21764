"""Steps that several journeys share: logging in and out through the UI, and a doctor's slots
made through the API."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from playwright.async_api import Page, expect

SP = ZoneInfo("America/Sao_Paulo")
_DIAS_DA_SEMANA = [
    "segunda-feira",
    "terça-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
    "sábado",
    "domingo",
]
_MESES = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
]


def formatar_data_hora(instante: str | datetime) -> str:
    """An instant as the app writes it in São Paulo (``Intl`` pt-BR, full date, short time):
    ``segunda-feira, 7 de dezembro de 2026 às 14:00``."""
    d = (datetime.fromisoformat(instante) if isinstance(instante, str) else instante).astimezone(SP)
    return (
        f"{_DIAS_DA_SEMANA[d.weekday()]}, {d.day} de {_MESES[d.month - 1]} de {d.year} às {d:%H:%M}"
    )


async def abrir_janela(
    api: httpx.AsyncClient,
    medico: dict[str, Any],
    inicio: datetime,
    *,
    minutos: int,
    duracao_minutos: int | None = None,
) -> list[dict[str, Any]]:
    """Free slots of ``medico`` from ``inicio`` for ``minutos``, made through the API (one slot,
    or consecutive ones of ``duracao_minutos``)."""
    corpo: dict[str, Any] = {
        "inicio": inicio.isoformat(),
        "fim": (inicio + timedelta(minutes=minutos)).isoformat(),
    }
    if duracao_minutos is not None:
        corpo["duracao_minutos"] = duracao_minutos
    r = await api.post("/medico/horarios", json=corpo, headers=medico["headers"])
    assert r.status_code == 201, r.text
    horarios: list[dict[str, Any]] = r.json()["horarios"]
    return horarios


async def dois_horarios(
    api: httpx.AsyncClient, medico: dict[str, Any], hora: int
) -> tuple[datetime, list[dict[str, Any]]]:
    """Two consecutive 30-minute slots of ``medico`` at ``hora`` (São Paulo) two days from now:
    the window's start and the slots."""
    inicio = (datetime.now(SP) + timedelta(days=2)).replace(
        hour=hora, minute=0, second=0, microsecond=0
    )
    return inicio, await abrir_janela(api, medico, inicio, minutos=60, duracao_minutos=30)


async def abrir_horario(
    api: httpx.AsyncClient, medico: dict[str, Any], inicio: datetime
) -> dict[str, Any]:
    """One free 30-minute slot of ``medico`` from ``inicio``, made through the API."""
    return (await abrir_janela(api, medico, inicio, minutos=30))[0]


async def abrir_filtros(page: Page) -> None:
    """On a phone the search filters fold behind "Filtros": open them (a no-op on a desktop)."""
    botao = page.get_by_role("button", name=re.compile(r"^Filtros"))
    await expect(page.get_by_role("heading", name="Buscar médicos")).to_be_visible()
    if await botao.is_visible() and await botao.get_attribute("aria-expanded") == "false":
        await botao.click()
    await expect(page.get_by_role("search", name="Filtros da busca")).to_be_visible()


async def esperar_proximo_horario(api: httpx.AsyncClient, medico_id: str) -> None:
    """Wait until the search knows the doctor's next free slot (consulta's outbox delivers it
    in the background), bounded like the assertions."""
    for _ in range(40):
        r = await api.get(f"/medicos/{medico_id}")
        if r.json()["proximo_horario"] is not None:
            return
        await asyncio.sleep(0.25)
    raise AssertionError("a busca não recebeu o próximo horário do médico")


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
