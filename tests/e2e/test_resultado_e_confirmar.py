"""Issue 19, finding and booking as a Doctoralia user expects: result cards with the price and
the next free slots as chips that open their booking, the filters folded behind "Filtros" on a
phone, a confirm bar that stays on screen with the focus on it, the focus on the confirmation
once booked, and a star rating that screen readers read."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

import asyncpg
import pytest
from playwright.async_api import Page, expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.passos import (
    SP,
    abrir_horario,
    abrir_janela,
    entrar_paciente,
    esperar_proximo_horario,
)

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


async def _com_nota(servidor, medico_id: str, soma: int, total: int) -> None:
    """Give the doctor ratings already counted (rating through the API needs an appointment
    that has happened; test_consultas proves that path)."""
    conn = await asyncpg.connect(servidor.banco)
    try:
        await conn.execute(
            "update medico.medicos set avaliacao_soma = $2::int, total_avaliacoes = $3::int,"
            " avaliacao_media = $2::int::float8 / $3::int where id = $1",
            uuid.UUID(medico_id),
            soma,
            total,
        )
    finally:
        await conn.close()


async def _foco(page: Page) -> str:
    """The accessible text of the focused element (its label or its text)."""
    texto: str = await page.evaluate(
        "() => { const e = document.activeElement;"
        " return (e.getAttribute('aria-label') || e.textContent || '').trim(); }"
    )
    return texto


async def test_cartao_tem_preco_e_horarios_que_abrem_o_agendamento(
    pagina, api_real, servidor, viewport, fotografar, acessibilidade
):
    page = pagina
    marca = uuid.uuid4().hex[:6]
    nome = f"Dra. Marta Chips {marca}"
    medico = await registrar_medico(
        api_real,
        nome=nome,
        especialidades=["cardiologia"],
        valor_consulta=180,
        antecedencia_minima_minutos=0,
    )
    await _com_nota(servidor, medico["id"], soma=9, total=2)
    inicio = (datetime.now(SP) + timedelta(days=1)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    await abrir_janela(api_real, medico, inicio, minutos=180, duracao_minutos=30)
    await esperar_proximo_horario(api_real, medico["id"])
    paciente = await registrar_paciente(api_real, nome="Rita Moraes")
    await entrar_paciente(page, paciente["email"], paciente["senha"])

    await page.goto(f"/buscar?nome=chips+{marca}&especialidade=cardiologia")
    cartao = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=nome))
    await expect(cartao).to_contain_text("Consulta: R$ 180,00")
    # The rating is an image with its name in the accessibility tree (it was a silent span).
    await expect(cartao.get_by_role("img", name="Nota 4,5 de 5, 2 avaliações")).to_be_visible()
    # The next four of the six free slots, earliest first, each a link to its booking.
    chips = cartao.get_by_role("list", name="Próximos horários").get_by_role("link")
    await expect(chips).to_have_count(4)
    await expect(chips.first).to_contain_text("09:00")
    await expect(chips.nth(3)).to_contain_text("10:30")

    filtros = page.get_by_role("search", name="Filtros da busca")
    botao_filtros = page.get_by_role("button", name=re.compile(r"^Filtros"))
    if viewport == "celular":
        # Folded: the first result is on the first screen; the button counts the filters in use.
        await expect(filtros).to_be_hidden()
        await expect(botao_filtros).to_have_accessible_name("Filtros 2 em uso")
        await expect(botao_filtros).to_have_attribute("aria-expanded", "false")
        await expect(cartao).to_be_in_viewport()
        caixa = await cartao.bounding_box()
        assert caixa is not None and caixa["y"] < page.viewport_size["height"], caixa
        await acessibilidade(page)
        await fotografar(page, "busca-filtros-fechados", inteira=False)
        await botao_filtros.click()
        await expect(botao_filtros).to_have_attribute("aria-expanded", "true")
        await expect(filtros).to_be_visible()
        await expect(filtros.get_by_label("Especialidade")).to_have_value("cardiologia")
    else:
        await expect(botao_filtros).to_be_hidden()
        await expect(filtros).to_be_visible()
    await acessibilidade(page)
    await fotografar(page, "busca-horarios")

    # A chip opens the doctor's page with that slot chosen, and the focus on the confirm bar.
    await chips.nth(1).click()
    await expect(page.get_by_role("heading", name=nome)).to_be_visible()
    await expect(page.get_by_role("img", name="Nota 4,5 de 5, 2 avaliações")).to_be_visible()
    escolhido = page.get_by_role("button", name=re.compile(r"\d{4} às 09:30$"))
    await expect(escolhido).to_have_attribute("aria-pressed", "true")
    dia = f"{inicio:%d/%m}"
    solicitar = page.get_by_role("button", name=f"Solicitar {dia} às 09:30")
    await expect(solicitar).to_be_focused()
    await expect(solicitar).to_be_in_viewport()
    await acessibilidade(page)
    await fotografar(page, "medico-confirmar", inteira=False)

    # By keyboard: another slot, Enter, and the focus is on the (renamed) button at once.
    outro = page.get_by_role("button", name=re.compile(r"\d{4} às 11:00$"))
    await outro.focus()
    await page.keyboard.press("Enter")
    solicitar = page.get_by_role("button", name=f"Solicitar {dia} às 11:00")
    await expect(solicitar).to_be_focused()
    await expect(solicitar).to_be_in_viewport()
    await page.keyboard.press("Enter")

    # Booked: the confirmation is on screen and holds the focus (it fell to the body before).
    enviado = page.get_by_role("status").filter(has_text="Pedido enviado")
    await expect(enviado).to_be_in_viewport()
    assert await enviado.evaluate("e => e.parentElement.contains(document.activeElement)")
    assert await page.evaluate("document.activeElement !== document.body")
    await expect(page.get_by_role("button", name=re.compile(r"\d{4} às 11:00$"))).to_have_count(0)
    await acessibilidade(page)

    r = await api_real.get("/consultas", headers=paciente["headers"])
    consultas = r.json()["itens"]
    assert [datetime.fromisoformat(c["inicio"]) for c in consultas] == [inicio + timedelta(hours=2)]


async def test_entrar_para_agendar_volta_com_o_horario_escolhido(pagina, api_real):
    page = pagina
    nome = f"Dr. Caio Volta {uuid.uuid4().hex[:4]}"
    medico = await registrar_medico(api_real, nome=nome, antecedencia_minima_minutos=0)
    inicio = (datetime.now(SP) + timedelta(days=1)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    await abrir_horario(api_real, medico, inicio)
    paciente = await registrar_paciente(api_real)

    await page.goto(f"/medicos/{medico['id']}")
    await page.get_by_role("button", name=re.compile(r"\d{4} às 14:00$")).click()
    entrar = page.get_by_role("link", name="Entrar para agendar")
    await expect(entrar).to_be_focused()
    await entrar.click()
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await page.get_by_label("Senha", exact=True).fill(paciente["senha"])
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page.get_by_role("heading", name=nome)).to_be_visible()
    await expect(page.get_by_role("button", name=re.compile(r"\d{4} às 14:00$"))).to_have_attribute(
        "aria-pressed", "true"
    )
    await expect(
        page.get_by_role("button", name=f"Solicitar {inicio:%d/%m} às 14:00")
    ).to_be_focused()
