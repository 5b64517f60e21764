"""The doctor's page opens its agenda where the free slots are (issue 19): on the week of the
first free slot, not on an empty current week, and without the days already past."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_medico
from tests.e2e.passos import abrir_horario

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

SP = ZoneInfo("America/Sao_Paulo")


async def _medico_com_horario(api, daqui_a_dias: int) -> tuple[dict, datetime]:
    medico = await registrar_medico(api, nome="Dra. Sofia Campos", antecedencia_minima_minutos=0)
    inicio = (datetime.now(SP) + timedelta(days=daqui_a_dias)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    await abrir_horario(api, medico, inicio)
    return medico, inicio


async def test_agenda_abre_na_semana_do_primeiro_horario_livre(pagina, api_real, acessibilidade):
    page = pagina
    medico, _ = await _medico_com_horario(api_real, daqui_a_dias=16)
    await page.goto(f"/medicos/{medico['id']}")
    agenda = page.get_by_role("region", name="Agenda")
    await expect(agenda.get_by_role("button", name=re.compile(r"às 10:00$"))).to_be_visible()
    await expect(agenda.get_by_text("Nenhum horário livre")).to_have_count(0)
    await acessibilidade(page)


async def test_agenda_esconde_os_dias_que_ja_passaram(pagina, api_real, acessibilidade):
    page = pagina
    medico, inicio = await _medico_com_horario(api_real, daqui_a_dias=1)
    hoje = datetime.now(SP).date()
    segunda = inicio.date() - timedelta(days=inicio.weekday())
    dias_visiveis = 7 - (hoje - segunda).days if segunda <= hoje else 7
    await page.goto(f"/medicos/{medico['id']}")
    agenda = page.get_by_role("region", name="Agenda")
    await expect(agenda.get_by_role("button", name=re.compile(r"às 10:00$"))).to_be_visible()
    await expect(agenda.locator(".agenda__dia")).to_have_count(dias_visiveis)
    await acessibilidade(page)
