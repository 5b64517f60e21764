"""Finding a doctor and booking from their page, in the browser."""

from __future__ import annotations

import asyncio
import random
import re
import string
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.passos import abrir_filtros

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

SP = ZoneInfo("America/Sao_Paulo")
PAULISTA = {"lat": -23.5614, "lon": -46.6559}  # about 2 km from the centre of São Paulo


def _amanha_as(hora: int) -> datetime:
    amanha = datetime.now(SP) + timedelta(days=1)
    return amanha.replace(hour=hora, minute=0, second=0, microsecond=0)


async def _cardiologista_com_agenda(api, nome: str) -> tuple[dict, datetime]:
    medico = await registrar_medico(
        api,
        nome=nome,
        especialidades=["cardiologia"],
        localizacao=PAULISTA,
        endereco={
            "cep": "01311-000",
            "logradouro": "Av. Paulista, 1000",
            "cidade": "São Paulo",
            "uf": "SP",
        },
        valor_consulta=250,
        antecedencia_minima_minutos=0,
        bio="Cardiologista com 15 anos de experiência em prevenção.",
    )
    inicio = _amanha_as(9)
    r = await api.post(
        "/medico/horarios",
        json={
            "inicio": inicio.isoformat(),
            "fim": (inicio + timedelta(hours=2)).isoformat(),
            "duracao_minutos": 30,
        },
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    return medico, inicio


async def test_paciente_acha_cardiologista_perto_e_agenda(
    pagina, contexto, api_real, fotografar, acessibilidade
):
    page = pagina
    nome = f"Dr. Paulo Cardoso {uuid.uuid4().hex[:4].upper()}"
    medico, inicio = await _cardiologista_com_agenda(api_real, nome)
    sem_agenda = f"Dra. Sem Agenda {uuid.uuid4().hex[:4].upper()}"
    await registrar_medico(
        api_real, nome=sem_agenda, especialidades=["cardiologia"], localizacao=PAULISTA
    )
    paciente = await registrar_paciente(api_real, nome="Lúcia Prado")
    await contexto.grant_permissions(["geolocation"])
    await contexto.set_geolocation({"latitude": -23.55, "longitude": -46.63})

    await page.goto("/")
    await page.get_by_label("Especialidade").select_option("cardiologia")
    await page.get_by_role("button", name="Buscar médicos").click()
    await expect(page).to_have_url(re.compile(r"/buscar\?especialidade=cardiologia"))

    await abrir_filtros(page)
    await page.get_by_role("button", name="Usar minha localização atual").click()
    await expect(page).to_have_url(re.compile(r"lat=-23\.55"))
    await page.get_by_label("Distância máxima").select_option("5")
    cartao = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=nome, exact=True)
    )
    await expect(cartao).to_be_visible()
    await expect(cartao).to_contain_text("Cardiologia")
    await expect(cartao).to_contain_text("km")
    await expect(cartao).to_contain_text("Próximos horários")
    await expect(cartao).to_contain_text("Consulta: R$ 250,00")
    await expect(page.get_by_role("link", name=sem_agenda, exact=True)).to_be_visible()
    # The slot is tomorrow: "until tomorrow" keeps the doctor, and drops one with no free slot.
    await page.get_by_label("Com horário livre").select_option("1")
    await expect(page).to_have_url(re.compile(r"disponivel=1"))
    await expect(page.get_by_role("link", name=sem_agenda, exact=True)).to_have_count(0)
    await expect(cartao).to_be_visible()
    await acessibilidade(page)
    await fotografar(page, "busca")

    # The same results on a map drawn by the app: a numbered pin per place, the search point
    # and its radius, summarised in text for screen readers.
    await page.get_by_role("button", name="Mostrar no mapa").click()
    mapa = page.get_by_role("img", name=re.compile("Mapa dos resultados"))
    await expect(mapa).to_be_visible()
    await expect(page).to_have_url(re.compile(r"mapa=1"))
    await expect(mapa.locator("desc")).to_contain_text(nome)
    await expect(mapa.locator("desc")).to_contain_text("num raio de 5 km")
    await expect(mapa.locator(".mapa__alfinete")).to_have_count(1)
    await expect(mapa.locator(".mapa__raio")).to_have_count(1)
    # The background: the seats of the municipalities around (São Paulo's among them).
    await expect(mapa.locator("text", has_text="São Paulo")).to_have_count(1)
    await acessibilidade(page)
    await fotografar(page, "busca-mapa")
    await page.get_by_role("button", name="Mostrar no mapa").click()
    await expect(mapa).to_have_count(0)

    # Another city far away leaves the doctor out of a 25 km radius: any of the 5,570
    # municipalities, found by typing part of its name without accents.
    perto = page.get_by_role("combobox", name="Perto de")
    await perto.fill("cabrobo")
    await expect(perto).to_have_attribute("aria-expanded", "true")
    await acessibilidade(page)
    await fotografar(page, "busca-municipio", inteira=False)
    await page.get_by_role("option", name="Cabrobó – PE").click()
    await expect(page).to_have_url(re.compile(r"perto=cabrobo-pe"))
    await expect(page).not_to_have_url(re.compile(r"lat="))
    await page.get_by_label("Distância máxima").select_option("25")
    await expect(page.get_by_role("link", name=nome, exact=True)).to_have_count(0)
    # By keyboard: the capital comes first among the "São Paulo" suggestions.
    await perto.fill("sao paulo")
    await perto.press("ArrowDown")
    await expect(perto).to_have_attribute("aria-activedescendant", re.compile(r"op-0$"))
    await perto.press("Enter")
    await expect(perto).to_have_value("São Paulo – SP")
    await expect(page).to_have_url(re.compile(r"perto=sao-paulo-sp"))
    await page.get_by_role("link", name=nome, exact=True).click()

    await expect(page.get_by_role("heading", name=nome)).to_be_visible()
    # The results (whose card shows the same price) are gone once the profile is shown.
    await expect(page.get_by_role("link", name=nome, exact=True)).to_have_count(0)
    await expect(page.get_by_text("R$ 250,00")).to_be_visible()
    horario = page.get_by_role("button", name=re.compile(r"\d{4} às 09:30$"))
    await horario.click()
    await expect(horario).to_have_attribute("aria-pressed", "true")
    await acessibilidade(page)
    await fotografar(page, "medico")

    # Not logged in: the app asks to log in and comes back to the doctor's page.
    await page.get_by_role("link", name="Entrar para agendar").click()
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await page.get_by_label("Senha", exact=True).fill(paciente["senha"])
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page.get_by_role("heading", name=nome)).to_be_visible()
    # Back with the same slot chosen and the focus on its confirm button.
    solicitar = page.get_by_role("button", name=f"Solicitar {inicio:%d/%m} às 09:30")
    await expect(solicitar).to_be_focused()
    await solicitar.click()
    await expect(page.get_by_role("status").filter(has_text="Pedido enviado")).to_be_visible()
    # The booked slot is no longer offered.
    await expect(page.get_by_role("button", name=re.compile(r"\d{4} às 09:30$"))).to_have_count(0)
    await fotografar(page, "agendado")

    r = await api_real.get("/consultas", headers=medico["headers"])
    consultas = r.json()["itens"]
    assert [c["status"] for c in consultas] == ["pendente"]
    assert consultas[0]["paciente"]["id"] == paciente["id"]
    assert datetime.fromisoformat(consultas[0]["inicio"]) == inicio + timedelta(minutes=30)


async def test_paciente_acha_medica_digitando_parte_do_nome_sem_acento(
    pagina, api_real, acessibilidade
):
    page = pagina
    marca = "Qx" + "".join(random.choices(string.ascii_lowercase, k=6))
    araujo = f"Dra. Conceição Araújo {marca}"
    brandao = f"Dra. Conceição Brandão {marca}"
    for nome in (araujo, brandao):
        await registrar_medico(api_real, nome=nome, localizacao=PAULISTA)

    # From the home page's search: lower case, no accents, word starts only, in another order.
    await page.goto("/")
    await page.get_by_label("Nome do médico (opcional)").fill(f"{marca[:5].lower()} conceicao arau")
    await page.get_by_role("button", name="Buscar médicos").click()
    await expect(page).to_have_url(re.compile(rf"/buscar\?nome={marca[:5].lower()}"))
    await abrir_filtros(page)
    campo = page.get_by_label("Nome do médico")
    await expect(campo).to_have_value(f"{marca[:5].lower()} conceicao arau")
    # She and not her namesake.
    await expect(page.get_by_role("link", name=araujo, exact=True)).to_be_visible()
    await expect(page.get_by_role("link", name=brandao, exact=True)).to_have_count(0)
    await expect(page.get_by_text("1 médico encontrado")).to_be_visible()
    await acessibilidade(page)
    # Both, once the typed name fits both; the field keeps what the URL says on reload.
    await campo.fill(f"dra {marca.lower()}")
    await expect(page.get_by_role("link", name=brandao, exact=True)).to_be_visible()
    await expect(page.get_by_role("link", name=araujo, exact=True)).to_be_visible()
    await page.reload()
    await abrir_filtros(page)
    await expect(page.get_by_label("Nome do médico")).to_have_value(f"dra {marca.lower()}")


async def test_busca_sem_resultado_mostra_estado_vazio(pagina):
    page = pagina
    await page.goto("/buscar?especialidade=genetica-medica&nota=4.5&perto=boa-vista-rr&raio=5")
    await expect(page.get_by_text("Nenhum médico encontrado")).to_be_visible()
    await expect(page.get_by_text("0 médicos encontrados")).to_be_visible()


async def test_medico_inexistente_mostra_erro(pagina):
    page = pagina
    await page.goto(f"/medicos/{uuid.uuid4()}")
    await expect(page.get_by_role("heading", name="Médico não encontrado")).to_be_visible()
    await expect(page.get_by_role("link", name="Voltar para a busca")).to_be_visible()


async def test_codigo_de_pagina_indisponivel_pede_para_recarregar(pagina):
    """A tab left open across a new release asks for page code that no longer exists."""
    page = pagina
    await page.goto("/")
    await page.route(re.compile(r"/assets/busca-[^/]+\.js$"), lambda rota: rota.abort())
    await page.get_by_role("button", name="Buscar médicos").click()
    await expect(
        page.get_by_role("heading", name="Há uma versão nova do HealthMed")
    ).to_be_visible()
    await page.unroute(re.compile(r"/assets/busca-[^/]+\.js$"))
    await page.get_by_role("button", name="Recarregar").click()
    await expect(page.get_by_role("heading", name="Buscar médicos")).to_be_visible()


async def _email_de_horario_aberto(api, para: str) -> dict | None:
    """The 'slot opened' e-mail in the local inbox, waiting for the background delivery (it
    runs right after the commit) up to 10 s like the assertions."""
    for _ in range(40):
        r = await api.get("/dev/emails", params={"para": para})
        for email in r.json()["itens"]:
            if email["assunto"] == "Abriu um horário - HealthMed":
                return email
        await asyncio.sleep(0.25)
    return None


async def test_paciente_pede_aviso_e_recebe_email_quando_abre_horario(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    nome = f"Dra. Helena Aviso {uuid.uuid4().hex[:4].upper()}"
    medico = await registrar_medico(api_real, nome=nome, antecedencia_minima_minutos=0)
    paciente = await registrar_paciente(api_real)

    # Anonymous: invited to log in, and brought back to the doctor's page.
    await page.goto(f"/medicos/{medico['id']}")
    await expect(page.get_by_role("heading", name=nome)).to_be_visible()
    await page.get_by_role("link", name="Entre para ser avisado").click()
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await page.get_by_label("Senha", exact=True).fill(paciente["senha"])
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page.get_by_role("heading", name=nome)).to_be_visible()

    campo = page.get_by_label("Avise-me se abrir um horário antes de")
    duas_semanas = (datetime.now(SP) + timedelta(days=14)).date()
    await expect(campo).to_have_value(duas_semanas.isoformat())
    await page.get_by_role("button", name="Avise-me", exact=True).click()
    aviso = page.get_by_role("status").filter(has_text="Você será avisado por e-mail")
    await expect(aviso).to_contain_text(duas_semanas.strftime("%d/%m/%Y"))
    await expect(page.get_by_role("button", name="Cancelar aviso")).to_be_visible()
    await acessibilidade(page)
    await fotografar(page, "medico-aviso")

    # The doctor publishes a slot within the date (through the API): the e-mail arrives.
    inicio = _amanha_as(15)
    r = await api_real.post(
        "/medico/horarios",
        json={"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()},
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    email = await _email_de_horario_aberto(api_real, paciente["email"])
    assert email is not None, "o aviso de horário não chegou"
    assert f"Abriu um horário com {nome} em {inicio:%d/%m/%Y às %H:%M}" in email["corpo"]
    assert f"/medicos/{medico['id']}" in email["corpo"]
    # Consumed: back on the page, the patient may ask again.
    await page.reload()
    await expect(page.get_by_role("button", name="Avise-me", exact=True)).to_be_visible()
