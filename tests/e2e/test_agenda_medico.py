"""The doctor's agenda editor in the browser: open a window of slots, repeat it, delete one;
block a day (kept, listed, refusing new slots, removable)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.passos import abrir_janela, dois_horarios, entrar_medico, entrar_paciente

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


async def test_medico_bloqueia_um_dia_e_o_horario_com_consulta_fica(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    medico = await registrar_medico(api_real, nome="Dra. Helena Prado", uf="SP")
    inicio, livres = await dois_horarios(api_real, medico, 9)
    tarde = inicio.replace(hour=14)
    criado = await api_real.post(
        "/medico/horarios",
        json={"inicio": tarde.isoformat(), "fim": (tarde + timedelta(minutes=30)).isoformat()},
        headers=medico["headers"],
    )
    assert criado.status_code == 201, criado.text
    (reservado,) = criado.json()["horarios"]
    paciente = await registrar_paciente(api_real)
    reserva = await api_real.post(
        "/consultas", json={"horario_id": reservado["id"]}, headers=paciente["headers"]
    )
    assert reserva.status_code == 201, reserva.text

    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    await page.get_by_role("link", name="Minha agenda").click()
    await page.get_by_role("button", name="Bloquear período").click()
    dialogo = page.get_by_role("dialog", name="Bloquear período")
    await dialogo.get_by_label("Primeiro dia").fill(inicio.date().isoformat())
    await dialogo.get_by_label("Último dia").fill(inicio.date().isoformat())
    await dialogo.get_by_role("button", name="Ver o que será removido").click()
    await expect(dialogo.get_by_role("status")).to_contain_text(
        "2 horários livres serão removidos; 1 horário com consulta será mantido:"
    )
    mantidos = dialogo.get_by_role("list", name="Horários com consulta que serão mantidos")
    await expect(mantidos.get_by_role("listitem")).to_have_count(1)
    await expect(mantidos).to_contain_text("14:00–14:30")
    await expect(mantidos).to_contain_text("pedido aguardando sua resposta")
    await acessibilidade(page)
    await fotografar(page, "agenda-bloqueio", inteira=False)

    await dialogo.get_by_role("button", name="Confirmar bloqueio").click()
    await expect(dialogo).to_be_hidden()
    await expect(page.get_by_role("status").filter(has_text="removidos")).to_have_text(
        "2 horários livres removidos; 1 horário com consulta mantido."
    )
    # The week of the blocked day: the booked slot is there, no free one (only they are
    # editable) is left.
    await expect(page.get_by_text("14:00–14:30")).to_be_visible()
    await expect(page.get_by_role("button", name="Excluir horário de")).to_have_count(0)
    r = await api_real.get(
        "/medico/horarios",
        params={"de": inicio.isoformat(), "ate": (inicio + timedelta(days=1)).isoformat()},
        headers=medico["headers"],
    )
    assert [h["id"] for h in r.json()["horarios"]] == [reservado["id"]]
    assert not {h["id"] for h in livres} & {h["id"] for h in r.json()["horarios"]}

    # The period is kept: listed, and its day marked in the week.
    dia = f"{inicio:%d/%m}"
    bloqueios = page.get_by_role("region", name="Períodos bloqueados")
    await expect(bloqueios.get_by_role("listitem")).to_have_count(1)
    await expect(bloqueios.get_by_role("listitem")).to_contain_text(f"Bloqueado em {dia}")
    await expect(page.get_by_text("Bloqueado", exact=True)).to_be_visible()
    # Opening a slot inside it is refused with the API's message; nothing is created.
    formulario = page.get_by_role("form", name="Abrir horários")
    await formulario.get_by_label("Dia").fill(inicio.date().isoformat())
    await formulario.get_by_label("Início").fill("16:00")
    await formulario.get_by_label("Fim").fill("17:00")
    await formulario.get_by_role("button", name="Abrir horários").click()
    await expect(formulario.get_by_role("alert")).to_contain_text(f"Você bloqueou o dia {dia}")
    await acessibilidade(page)
    await fotografar(page, "agenda-bloqueada")
    # Removing the block lists nothing; the removed slots do not come back.
    await bloqueios.get_by_role("button", name="Remover bloqueio").click()
    await expect(page.get_by_role("status").filter(has_text="Bloqueio removido")).to_be_visible()
    await expect(bloqueios.get_by_role("listitem")).to_have_count(0)
    await expect(bloqueios).to_contain_text("Nenhum período bloqueado.")
    await expect(page.get_by_text("Bloqueado", exact=True)).to_have_count(0)
    await expect(page.get_by_role("button", name="Excluir horário de")).to_have_count(0)


async def test_paciente_nao_abre_a_agenda_do_medico(pagina, api_real):
    page = pagina
    paciente = await registrar_paciente(api_real)
    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.goto("/agenda")
    await expect(page.get_by_role("heading", name="Olá, Paciente")).to_be_visible()


async def test_horarios_reservados_mostram_o_nome_do_paciente(pagina, api_real, acessibilidade):
    """Issue 19: a booked slot in the doctor's agenda says whose it is, pending or confirmed."""
    page = pagina
    medico = await registrar_medico(
        api_real, nome="Dra. Lia Nogueira", antecedencia_minima_minutos=0
    )
    inicio = (datetime.now(SP) + timedelta(days=1)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )
    horarios = await abrir_janela(api_real, medico, inicio, minutos=90, duracao_minutos=30)
    consultas = []
    for horario, nome in zip(horarios, ["Marina Teles", "Jonas Prado"], strict=False):
        paciente = await registrar_paciente(api_real, nome=nome)
        r = await api_real.post(
            "/consultas", json={"horario_id": horario["id"]}, headers=paciente["headers"]
        )
        assert r.status_code == 201, r.text
        consultas.append(r.json())
    aceite = await api_real.post(
        f"/medico/consultas/{consultas[1]['id']}/aceitar", headers=medico["headers"]
    )
    assert aceite.status_code == 200, aceite.text

    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    await page.get_by_role("link", name="Minha agenda").click()
    if inicio.date() - timedelta(days=inicio.weekday()) != datetime.now(SP).date() - timedelta(
        days=datetime.now(SP).weekday()
    ):
        await page.get_by_role("button", name="Próxima semana").click()
    slots = page.locator(".meu-horario")
    reservado = slots.filter(has_text="15:00–15:30")
    await expect(reservado).to_contain_text("Reservado")
    await expect(reservado).to_contain_text("Marina Teles")
    confirmado = slots.filter(has_text="15:30–16:00")
    await expect(confirmado).to_contain_text("Confirmado")
    await expect(confirmado).to_contain_text("Jonas Prado")
    livre = slots.filter(has_text="16:00–16:30")
    await expect(livre).to_contain_text("Livre")
    await acessibilidade(page)
