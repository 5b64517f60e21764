"""Rescheduling in the browser: the patient moves an appointment to another free slot of the
same doctor and sees the new request and the old one, cancelled, marked "Remarcada"."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.passos import dois_horarios, entrar_paciente

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


async def test_paciente_remarca_consulta_e_ve_a_nova_e_a_antiga_remarcada(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    medico = await registrar_medico(
        api_real, nome="Dra. Helena Costa", antecedencia_minima_minutos=0
    )
    paciente = await registrar_paciente(api_real, nome="Caio Nunes")
    _, (primeiro, segundo) = await dois_horarios(api_real, medico, hora=9)
    r = await api_real.post(
        "/consultas", json={"horario_id": primeiro["id"]}, headers=paciente["headers"]
    )
    assert r.status_code == 201, r.text

    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.goto("/consultas")
    atual = page.get_by_role("listitem").filter(has_text="Aguardando confirmação")
    await expect(atual).to_have_count(1)
    await atual.get_by_role("button", name="Remarcar").click()

    dialogo = page.get_by_role("dialog", name="Remarcar consulta")
    await expect(dialogo).to_be_visible()
    await expect(dialogo).to_contain_text("Dra. Helena Costa")
    # The dialog opens on the week of the first free slot.
    # The slot the appointment holds is not free; the next one is.
    await expect(dialogo.get_by_role("button", name=re.compile("09:00"))).to_have_count(0)
    await dialogo.get_by_role("button", name=re.compile("09:30")).click()
    confirmar = dialogo.get_by_role("form", name="Confirmar remarcação")
    await expect(confirmar).to_contain_text("09:30")
    motivo = confirmar.get_by_label("Motivo (opcional)")
    await motivo.fill("Reunião de trabalho às 9h.")
    await acessibilidade(page)
    await fotografar(page, "remarcar-consulta", inteira=False)
    # A reason, when given, follows the cancellation's rule (at least 10 characters).
    await motivo.fill("curto")
    await confirmar.get_by_role("button", name="Confirmar remarcação").click()
    await expect(confirmar.get_by_text("Escreva pelo menos 10 caracteres")).to_be_visible()
    await motivo.fill("Reunião de trabalho às 9h.")
    await confirmar.get_by_role("button", name="Confirmar remarcação").click()
    await expect(dialogo).to_be_hidden()

    await expect(
        page.get_by_role("status").filter(has_text="Consulta remarcada para")
    ).to_be_visible()
    nova = page.get_by_role("listitem").filter(has_text="Aguardando confirmação")
    await expect(nova).to_have_count(1)
    await expect(nova).to_contain_text("09:30")
    await expect(nova).to_contain_text(re.compile(r"Remarcada de .*09:00"))
    antiga = page.get_by_role("listitem").filter(has_text=re.compile(r"Remarcada para .*09:30"))
    await expect(antiga).to_have_count(1)
    await expect(antiga.locator(".selo")).to_have_text("Remarcada")
    await expect(antiga).to_contain_text("Reunião de trabalho às 9h.")
    await expect(antiga.get_by_role("button", name="Remarcar")).to_have_count(0)
    await acessibilidade(page)

    # The API agrees: the old one cancelled, the new one pending, linked both ways.
    itens = (await api_real.get("/consultas", headers=paciente["headers"])).json()["itens"]
    por_horario = {c["horario_id"]: c for c in itens}
    velha, nova_api = por_horario[primeiro["id"]], por_horario[segundo["id"]]
    assert (velha["status"], nova_api["status"]) == ("cancelada", "pendente")
    assert velha["remarcada_para"] == nova_api["id"] and nova_api["remarcada_de"] == velha["id"]
