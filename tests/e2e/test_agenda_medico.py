"""The doctor's agenda editor in the browser: open a window of slots, repeat it, delete one."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.passos import entrar_medico, entrar_paciente

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

SP = ZoneInfo("America/Sao_Paulo")


async def test_medico_abre_horarios_repetidos_e_exclui_um(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    medico = await registrar_medico(api_real, nome="Dra. Carla Mendes", uf="SP")
    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    await page.get_by_role("link", name="Minha agenda").click()
    await expect(page.get_by_role("heading", name="Minha agenda")).to_be_visible()

    dia = (datetime.now(SP) + timedelta(days=1)).date()
    formulario = page.get_by_role("form", name="Abrir horários")
    await formulario.get_by_label("Dia").fill(dia.isoformat())
    await formulario.get_by_label("Início").fill("08:00")
    await formulario.get_by_label("Fim").fill("10:00")
    await formulario.get_by_label("Duração de cada consulta").select_option("30")
    await formulario.get_by_label("Repetir").select_option("1")
    await formulario.get_by_role("button", name="Abrir horários").click()
    await expect(page.get_by_role("status").filter(has_text="8 horários abertos")).to_be_visible()
    excluir = page.get_by_role("button", name="Excluir horário de")
    await expect(excluir).to_have_count(4)  # the week of the first day; the repeat is next week
    await acessibilidade(page)
    await fotografar(page, "agenda-medico")

    await excluir.first.click()
    await expect(page.get_by_role("status").filter(has_text="excluído")).to_be_visible()
    await expect(excluir).to_have_count(3)
    await page.get_by_role("button", name="Próxima semana").click()
    await expect(excluir).to_have_count(4)

    # Move a slot earlier; moving it onto another one is refused with the API's message.
    await page.get_by_role("button", name="Semana anterior").click()
    await page.get_by_role("button", name=re.compile(r"Editar horário de .* 08:30")).click()
    dialogo = page.get_by_role("dialog", name="Editar horário")
    await dialogo.get_by_label("Início").fill("07:00")
    await dialogo.get_by_label("Fim").fill("07:30")
    await dialogo.get_by_role("button", name="Salvar").click()
    await expect(page.get_by_role("status").filter(has_text="movido")).to_contain_text("07:00")
    await expect(page.get_by_text("07:00–07:30")).to_be_visible()
    await page.get_by_role("button", name=re.compile(r"Editar horário de .* 07:00")).click()
    await dialogo.get_by_label("Início").fill("09:00")
    await dialogo.get_by_label("Fim").fill("09:30")
    await dialogo.get_by_role("button", name="Salvar").click()
    await expect(dialogo.get_by_role("alert")).to_be_visible()
    await dialogo.get_by_role("button", name="Voltar").click()
    await expect(dialogo).to_be_hidden()

    # The same window again overlaps: the API's 409 is shown and nothing is created.
    await formulario.get_by_role("button", name="Abrir horários").click()
    await expect(formulario.get_by_role("alert")).to_be_visible()
    r = await api_real.get(
        "/medico/horarios",
        params={
            "de": datetime.combine(dia, datetime.min.time(), SP).isoformat(),
            "ate": datetime.combine(dia + timedelta(days=8), datetime.min.time(), SP).isoformat(),
        },
        headers=medico["headers"],
    )
    assert len(r.json()["horarios"]) == 7

    # The agenda on the phone: the subscription address shown once on the home page, fetched
    # with no login as a calendar app does, carries this doctor's appointment; revoked, 404.
    paciente = await registrar_paciente(api_real, nome="Bruno Teixeira Lima")
    reserva = await api_real.post(
        "/consultas",
        json={"horario_id": r.json()["horarios"][0]["id"]},
        headers=paciente["headers"],
    )
    assert reserva.status_code == 201, reserva.text
    await page.goto("/inicio")
    cartao = page.get_by_role("region", name="Sua agenda no celular")
    await cartao.get_by_role("button", name="Gerar endereço de assinatura").click()
    url = await cartao.get_by_label("Endereço de assinatura").input_value()
    webcal = url.replace("http://", "webcal://", 1)
    await expect(cartao.get_by_role("link", name="Abrir no calendário")).to_have_attribute(
        "href", webcal
    )
    await acessibilidade(page)
    await fotografar(page, "agenda-no-celular")
    caminho = urlsplit(url).path.removeprefix("/api")
    feed = await api_real.get(caminho)
    assert feed.status_code == 200, feed.text
    assert f"UID:{reserva.json()['id']}@healthmed" in feed.text
    assert "SUMMARY:Consulta — Bruno\r\n" in feed.text
    await page.reload()
    await expect(cartao.get_by_text("Há um endereço ativo desde")).to_be_visible()
    await expect(cartao.get_by_label("Endereço de assinatura")).to_have_count(0)  # shown once
    await cartao.get_by_role("button", name="Revogar", exact=True).click()
    await expect(cartao.get_by_role("status").filter(has_text="revogado")).to_be_visible()
    assert (await api_real.get(caminho)).status_code == 404


async def test_paciente_nao_abre_a_agenda_do_medico(pagina, api_real):
    page = pagina
    paciente = await registrar_paciente(api_real)
    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.goto("/agenda")
    await expect(page.get_by_role("heading", name="Olá, Paciente")).to_be_visible()
