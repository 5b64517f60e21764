"""A doctor's account in the browser: log in by CRM + UF, recover the password by CRM."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import datetime, timedelta

import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.passos import SP, abrir_horario, entrar_medico, entrar_paciente, sair

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


async def test_medico_entra_com_crm_e_uf_e_sai(pagina, api_real, fotografar, acessibilidade):
    page = pagina
    medico = await registrar_medico(api_real, nome="Dra. Renata Campos", uf="MG")
    await page.goto("/entrar")
    # The tabs follow the WAI-ARIA pattern: arrow keys move between them.
    await page.get_by_role("tab", name="Paciente").focus()
    await page.keyboard.press("ArrowRight")
    await expect(page.get_by_role("tab", name="Médico")).to_have_attribute("aria-selected", "true")
    await expect(page.get_by_role("tab", name="Médico")).to_be_focused()
    await page.get_by_label("CRM").fill(medico["crm"])
    await page.get_by_label("UF").select_option("MG")
    await page.get_by_label("Senha", exact=True).fill(medico["senha"])
    await acessibilidade(page)
    await fotografar(page, "entrar-medico")
    await page.get_by_role("button", name="Entrar", exact=True).click()

    await expect(page).to_have_url(re.compile(r"/inicio$"))
    await expect(page.get_by_role("heading", name="Olá, Dra. Renata")).to_be_visible()
    await page.get_by_role("button", name="Sair").click()
    await expect(page.get_by_role("link", name="Entrar", exact=True)).to_be_visible()


async def test_crm_de_outra_uf_nao_entra(pagina, api_real):
    page = pagina
    medico = await registrar_medico(api_real, uf="SP")
    await page.goto("/entrar?perfil=medico")
    await page.get_by_label("CRM").fill(medico["crm"])
    await page.get_by_label("UF").select_option("RJ")
    await page.get_by_label("Senha", exact=True).fill(medico["senha"])
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page.get_by_role("alert")).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/entrar"))


async def test_medico_recupera_a_senha_pelo_crm(pagina, api_real):
    page = pagina
    medico = await registrar_medico(api_real, uf="BA")
    await page.goto("/recuperar-senha?perfil=medico")
    await page.get_by_label("CRM").fill(medico["crm"])
    await page.get_by_label("UF").select_option("BA")
    await page.get_by_role("button", name="Enviar link").click()
    await expect(page.get_by_role("status")).to_contain_text("Pedido recebido")
    r = await api_real.get("/dev/emails", params={"para": medico["email"]})
    assert "/recuperar-senha?token=" in r.json()["itens"][0]["corpo"]


async def test_medico_edita_o_perfil_que_os_pacientes_veem(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    medico = await registrar_medico(api_real, nome="Dr. Caio Brandão", uf="SP")
    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    await page.get_by_role("link", name="Meu perfil").click()
    perfil = page.get_by_role("form", name="Meu perfil")
    await expect(perfil.get_by_role("checkbox", name="Clínica Médica")).to_be_checked()
    # Specialties: typed part of the name narrows the 55 to a few (issue 19), Enter picks the
    # only one; the chosen ones are listed apart, each removable.
    busca = perfil.get_by_label("Buscar especialidade")
    await busca.fill("pediatria")
    await expect(perfil.get_by_role("checkbox")).to_have_count(1)
    await expect(perfil.get_by_text("1 especialidade encontrada")).to_be_visible()
    await busca.press("Enter")
    await expect(perfil.get_by_role("checkbox", name="Pediatria")).to_be_checked()
    await busca.fill("cir plas")
    await perfil.get_by_role("checkbox", name="Cirurgia Plástica").check()
    escolhidas = perfil.get_by_role("list", name="Especialidades escolhidas")
    await expect(escolhidas.get_by_role("listitem")).to_have_text(
        ["Clínica Médica×", "Pediatria×", "Cirurgia Plástica×"]
    )
    await escolhidas.get_by_role("button", name="Remover Cirurgia Plástica").click()
    await busca.fill("")
    await expect(perfil.get_by_role("checkbox", name="Cirurgia Plástica")).not_to_be_checked()
    # CEP and phone masked while typed, like the CPF.
    await perfil.get_by_label("CEP").press_sequentially("14015000")
    await expect(perfil.get_by_label("CEP")).to_have_value("14015-000")
    await perfil.get_by_label("Logradouro e número").fill("Rua Álvares Cabral, 500")
    await perfil.get_by_label("Cidade").fill("Ribeirão Preto")
    await perfil.get_by_label("UF").select_option("SP")
    telefone = perfil.get_by_label("Telefone do consultório")
    await telefone.press_sequentially("1631234567")
    await expect(telefone).to_have_value("(16) 3123-4567")
    await perfil.get_by_label("Apresentação").fill("Atendo crianças e adultos há 10 anos.")
    await perfil.get_by_label("Valor da consulta (R$)").fill("180")
    local = perfil.get_by_role("combobox", name="Localização para a busca por distância")
    await local.fill("Mogi Mir")
    await perfil.get_by_role("option", name="Mogi Mirim – SP").click()
    await expect(local).to_have_value("Mogi Mirim – SP")
    await acessibilidade(page)
    await fotografar(page, "perfil-medico")
    await perfil.get_by_role("button", name="Salvar perfil").click()
    await expect(page.get_by_role("status").filter(has_text="Perfil salvo")).to_be_visible()

    await page.get_by_role("link", name="Ver meu perfil público").click()
    await expect(page.get_by_role("heading", name="Dr. Caio Brandão")).to_be_visible()
    await expect(page.get_by_text("R$ 180,00")).to_be_visible()
    await expect(page.get_by_text("Atendo crianças e adultos há 10 anos.")).to_be_visible()
    await expect(page.get_by_text(re.compile("Pediatria"))).to_be_visible()
    r = await api_real.get(f"/medicos/{medico['id']}")
    assert sorted(r.json()["especialidades"]) == ["clinica-medica", "pediatria"]
    assert r.json()["telefone"] == "(16) 3123-4567"
    assert r.json()["endereco"]["cep"] == "14015000"
    # The seat of Mogi Mirim (IBGE 3530805), from the app's municipality list.
    assert r.json()["localizacao"] == pytest.approx({"lat": -22.43, "lon": -46.96}, abs=0.05)


async def test_medico_sem_localizacao_entra_no_mapa_pela_cidade_do_consultorio(pagina, api_real):
    """No place picked: the office's municipality (typed without accents) places the doctor."""
    page = pagina
    medico = await registrar_medico(api_real, nome="Dra. Olga Ramos", uf="SP")
    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    await page.get_by_role("link", name="Meu perfil").click()
    perfil = page.get_by_role("form", name="Meu perfil")
    await expect(perfil.get_by_text("Em branco, usamos a cidade do consultório")).to_be_visible()
    await perfil.get_by_label("CEP").fill("14015-000")
    await perfil.get_by_label("Logradouro e número").fill("Rua Álvares Cabral, 500")
    await perfil.get_by_label("Cidade").fill("ribeirao preto")
    await perfil.get_by_label("UF").select_option("SP")
    await perfil.get_by_role("button", name="Salvar perfil").click()
    await expect(page.get_by_role("status").filter(has_text="Perfil salvo")).to_be_visible()
    r = await api_real.get(f"/medicos/{medico['id']}")
    assert r.json()["localizacao"] == pytest.approx({"lat": -21.18, "lon": -47.81}, abs=0.05)


async def test_medica_escolhe_dra_e_e_chamada_assim_na_busca_no_perfil_e_nas_consultas(
    pagina, api_real, acessibilidade
):
    """Issue 19: the title is the doctor's choice (it was guessed: "Dr. Aline Gomes")."""
    page = pagina
    marca = uuid.uuid4().hex[:5]
    medico = await registrar_medico(
        api_real, nome=f"Aline Gomes {marca}", uf="SP", antecedencia_minima_minutos=0
    )
    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    await page.get_by_role("link", name="Meu perfil").click()
    perfil = page.get_by_role("form", name="Meu perfil")
    await expect(perfil.get_by_label("Tratamento")).to_have_value("")
    await perfil.get_by_label("Tratamento").select_option("Dra.")
    await acessibilidade(page)
    await perfil.get_by_role("button", name="Salvar perfil").click()
    await expect(page.get_by_role("status").filter(has_text="Perfil salvo")).to_be_visible()
    nome = f"Dra. Aline Gomes {marca}"
    await page.get_by_role("link", name="Ver meu perfil público").click()
    await expect(page.get_by_role("heading", name=nome)).to_be_visible()
    await page.goto("/inicio")
    await expect(page.get_by_role("heading", name="Olá, Dra. Aline")).to_be_visible()
    await page.goto(f"/buscar?nome=aline+gomes+{marca}")
    await expect(page.get_by_role("link", name=nome, exact=True)).to_be_visible()

    # Appointments name her so too (the booking service's copy follows the profile).
    inicio = (datetime.now(SP) + timedelta(days=2)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    horario = await abrir_horario(api_real, medico, inicio)
    paciente = await registrar_paciente(api_real, nome="Téo Barros")
    r = await api_real.post(
        "/consultas", json={"horario_id": horario["id"]}, headers=paciente["headers"]
    )
    assert r.status_code == 201, r.text
    for _ in range(40):
        r = await api_real.get("/consultas", headers=paciente["headers"])
        if r.json()["itens"][0]["medico"]["nome"] == nome:
            break
        await asyncio.sleep(0.25)
    assert r.json()["itens"][0]["medico"]["nome"] == nome, r.json()
    await sair(page)
    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.get_by_role("link", name="Consultas", exact=True).click()
    await expect(page.get_by_role("listitem").filter(has_text=nome)).to_have_count(1)
