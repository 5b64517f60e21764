"""Appointments in the browser: the doctor accepts or refuses, the patient cancels."""

from __future__ import annotations

import re
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
    # The home lists what is coming (the refused request is not).
    proximas = page.get_by_role("region", name="Próximas consultas")
    await expect(proximas.get_by_role("listitem")).to_have_count(1)
    await expect(proximas).to_contain_text("Dr. Tiago Moreira")
    await expect(proximas).to_contain_text("Confirmada")
    await page.get_by_role("link", name="Consultas", exact=True).click()
    await expect(page.get_by_role("heading", name="Minhas consultas")).to_be_visible()
    confirmada = page.get_by_role("listitem").filter(has_text="Confirmada")
    await expect(confirmada).to_contain_text("Dr. Tiago Moreira")
    # A confirmed appointment leads to its video room.
    sala = confirmada.get_by_role("link", name="Entrar na sala")
    await expect(sala).to_have_attribute("href", re.compile(r"^/sala/[0-9a-f-]{36}$"))
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


async def test_avaliacao_vai_a_api_e_mostra_a_recusa_de_consulta_nao_realizada(
    pagina, api_real, fotografar, acessibilidade
):
    """The rating dialog talks to the real API. An appointment only becomes "realizada" after
    its end, so the listing is rewritten in the browser to offer the rating now; the server,
    which still sees it "confirmada", refuses, and the dialog shows its message."""
    page = pagina
    medico, paciente = await _dois_pedidos(api_real)
    r = await api_real.get("/consultas", headers=medico["headers"])
    consulta_id = r.json()["itens"][0]["id"]
    aceite = await api_real.post(
        f"/medico/consultas/{consulta_id}/aceitar", headers=medico["headers"]
    )
    assert aceite.status_code == 200, aceite.text

    async def como_realizada(route):
        resposta = await route.fetch()
        corpo = await resposta.json()
        for item in corpo["itens"]:
            if item["id"] == consulta_id:
                item["status"] = "realizada"
        await route.fulfill(response=resposta, json=corpo)

    await page.route(re.compile(r"/api/consultas\?"), como_realizada)
    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.goto("/consultas")
    await page.get_by_role("button", name="Avaliar consulta").click()
    dialogo = page.get_by_role("dialog", name="Avaliar consulta")
    await dialogo.get_by_role("button", name="Enviar avaliação").click()
    await expect(dialogo.get_by_text("Escolha de 1 a 5 estrelas")).to_be_visible()
    await dialogo.locator("label", has_text="5 estrelas: Excelente").click()
    await expect(dialogo.get_by_role("radio", name="5 estrelas: Excelente")).to_be_checked()
    await dialogo.get_by_label("Comentário (opcional)").fill("Muito atencioso.")
    await dialogo.get_by_role("button", name="Enviar avaliação").click()
    await expect(dialogo.get_by_role("alert")).to_contain_text("Só uma consulta realizada")
    await acessibilidade(page)
    await fotografar(page, "avaliar-consulta", inteira=False)
