"""Appointments in the browser: the doctor accepts or refuses, the patient cancels."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.passos import entrar_medico, entrar_paciente, sair

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

SP = ZoneInfo("America/Sao_Paulo")


async def _dois_pedidos(api) -> tuple[dict, dict]:
    medico = await registrar_medico(api, nome="Dr. Tiago Moreira", antecedencia_minima_minutos=0)
    paciente = await registrar_paciente(api, nome="Sofia Ramos")
    inicio = (datetime.now(SP) + timedelta(days=2)).replace(
        hour=14, minute=0, second=0, microsecond=0
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
    for horario in r.json()["horarios"]:
        pedido = await api.post(
            "/consultas", json={"horario_id": horario["id"]}, headers=paciente["headers"]
        )
        assert pedido.status_code == 201, pedido.text
    return medico, paciente


async def test_medico_aceita_e_recusa_e_paciente_cancela(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    medico, paciente = await _dois_pedidos(api_real)

    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    await page.get_by_role("link", name="Consultas", exact=True).click()
    pedidos = page.get_by_role("listitem").filter(has_text="Sofia Ramos")
    await expect(pedidos).to_have_count(2)
    await expect(pedidos.first).to_contain_text("Aguardando confirmação")
    await acessibilidade(page)
    await fotografar(page, "consultas-medico")

    await pedidos.first.get_by_role("button", name="Aceitar").click()
    await expect(page.get_by_role("status").filter(has_text="confirmada")).to_be_visible()
    await expect(pedidos.filter(has_text="Confirmada")).to_have_count(1)

    await (
        pedidos.filter(has_text="Aguardando confirmação")
        .get_by_role("button", name="Recusar")
        .click()
    )
    dialogo = page.get_by_role("dialog", name="Recusar pedido")
    await expect(dialogo).to_be_visible()
    await dialogo.get_by_label("Justificativa (opcional)").fill("Agenda cheia neste dia.")
    await dialogo.get_by_role("button", name="Recusar pedido").click()
    await expect(dialogo).to_be_hidden()
    await expect(pedidos.filter(has_text="Recusada")).to_contain_text("Agenda cheia neste dia.")
    await sair(page)

    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.get_by_role("link", name="Consultas", exact=True).click()
    await expect(page.get_by_role("heading", name="Minhas consultas")).to_be_visible()
    confirmada = page.get_by_role("listitem").filter(has_text="Confirmada")
    await expect(confirmada).to_contain_text("Dr. Tiago Moreira")
    await fotografar(page, "consultas-paciente")

    await confirmada.get_by_role("button", name="Cancelar consulta").click()
    dialogo = page.get_by_role("dialog", name="Cancelar consulta")
    await dialogo.get_by_label("Justificativa").fill("curta")
    await dialogo.get_by_role("button", name="Cancelar consulta").click()
    await expect(dialogo.get_by_text("Escreva pelo menos 10 caracteres")).to_be_visible()
    await acessibilidade(page)
    await fotografar(page, "cancelar-consulta", inteira=False)
    await dialogo.get_by_label("Justificativa").fill("Precisei viajar a trabalho.")
    await dialogo.get_by_role("button", name="Cancelar consulta").click()
    await expect(dialogo).to_be_hidden()
    cancelada = page.get_by_role("listitem").filter(has_text="Cancelada")
    await expect(cancelada).to_contain_text("Precisei viajar a trabalho.")
    await expect(page.get_by_role("listitem").filter(has_text="Confirmada")).to_have_count(0)


async def test_paciente_sem_consultas_ve_convite_para_buscar(pagina, api_real):
    page = pagina
    paciente = await registrar_paciente(api_real)
    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.goto("/consultas")
    await expect(page.get_by_text("Nenhuma consulta ainda")).to_be_visible()
    await page.get_by_role("link", name="Buscar médicos").click()
    await expect(page.get_by_role("heading", name="Buscar médicos")).to_be_visible()
