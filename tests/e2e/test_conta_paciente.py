"""A patient's account in the browser: sign up, log in by e-mail and by CPF, log out, close it."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from libs.testing.contas import registrar_medico, registrar_paciente
from libs.testing.data import SENHA, novo_cpf, novo_email
from tests.e2e.passos import dois_horarios

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


async def _entrar_como_paciente(page: Page, identificador: str, senha: str = SENHA) -> None:
    await page.goto("/entrar")
    await page.get_by_label("E-mail ou CPF").fill(identificador)
    await page.get_by_label("Senha", exact=True).fill(senha)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page).to_have_url(re.compile(r"/inicio$"))


async def _sair(page: Page) -> None:
    await page.get_by_role("button", name="Sair").click()
    await expect(page).to_have_url(re.compile(r"/$"))
    await expect(page.get_by_role("link", name="Entrar", exact=True)).to_be_visible()


async def test_paciente_se_cadastra_e_entra_na_sua_area(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    await page.goto("/")
    await expect(
        page.get_by_role("heading", name="Consulte um médico sem sair de casa")
    ).to_be_visible()
    await acessibilidade(page)
    await fotografar(page, "inicio")

    await page.get_by_role("link", name="Crie sua conta de paciente").click()
    await expect(page.get_by_role("heading", name="Criar conta de paciente")).to_be_visible()
    cpf = novo_cpf()
    email = novo_email("ana")
    await page.get_by_label("Nome completo").fill("Ana Beatriz Souza")
    await page.get_by_label("E-mail").fill(email)
    cpf_campo = page.get_by_label("CPF")
    await cpf_campo.press_sequentially(cpf)
    # The mask formats while typing.
    await expect(cpf_campo).to_have_value(f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}")
    await page.get_by_label("Senha", exact=True).fill(SENHA)
    await page.get_by_label("Repita a senha").fill(SENHA)
    await acessibilidade(page)
    await fotografar(page, "cadastro")
    await page.get_by_role("button", name="Criar conta").click()

    await expect(page).to_have_url(re.compile(r"/inicio$"))
    await expect(page.get_by_role("heading", name="Olá, Ana")).to_be_visible()
    # Issue 19: a welcome line on the first page, and a welcome e-mail.
    await expect(
        page.get_by_role("status").filter(has_text="Boas-vindas ao HealthMed!")
    ).to_be_visible()
    await acessibilidade(page)
    await fotografar(page, "area-do-paciente")
    r = await api_real.get("/dev/emails", params={"para": email})
    boas_vindas = [e for e in r.json()["itens"] if e["assunto"] == "Boas-vindas ao HealthMed"]
    assert len(boas_vindas) == 1, r.json()
    assert "/buscar" in boas_vindas[0]["corpo"]
    await _sair(page)
    # Only the first time: logging in again shows the usual home.
    await _entrar_como_paciente(page, email)
    await expect(page.get_by_role("heading", name="Olá, Ana")).to_be_visible()
    await expect(page.get_by_text("Boas-vindas ao HealthMed!")).to_have_count(0)


async def test_cadastro_valida_cpf_no_navegador_antes_de_enviar(pagina, fotografar, acessibilidade):
    page = pagina
    pedidos: list[str] = []
    page.on("request", lambda r: pedidos.append(r.url) if r.method == "POST" else None)
    await page.goto("/cadastro")
    await page.get_by_label("Nome completo").fill("Carlos Lima")
    await page.get_by_label("E-mail").fill(novo_email("carlos"))
    cpf = novo_cpf()
    errado = cpf[:10] + str((int(cpf[10]) + 1) % 10)
    await page.get_by_label("CPF").fill(errado)
    await page.get_by_label("Senha", exact=True).fill(SENHA)
    await page.get_by_label("Repita a senha").fill(SENHA + "x")
    await page.get_by_role("button", name="Criar conta").click()

    await expect(page.get_by_text("CPF inválido: confira os números")).to_be_visible()
    await expect(page.get_by_text("As senhas não conferem")).to_be_visible()
    await expect(page.get_by_label("CPF")).to_have_attribute("aria-invalid", "true")
    await expect(page.get_by_label("CPF")).to_be_focused()
    assert not pedidos, "nada deveria ter sido enviado ao servidor"
    await acessibilidade(page)
    await fotografar(page, "cadastro-erros")


async def test_cadastro_mostra_no_campo_os_erros_do_servidor(pagina, api_real):
    page = pagina
    existente = await registrar_paciente(api_real)
    await page.goto("/cadastro")
    await page.get_by_label("Nome completo").fill("Bruna Dias")
    await page.get_by_label("E-mail").fill(novo_email("bruna"))
    await page.get_by_label("CPF").fill(existente["cpf"])
    await page.get_by_label("Senha", exact=True).fill(SENHA)
    await page.get_by_label("Repita a senha").fill(SENHA)
    await page.get_by_role("button", name="Criar conta").click()
    # 409 problem+json: the message lands on the CPF field.
    cpf = page.get_by_label("CPF")
    await expect(cpf).to_have_attribute("aria-invalid", "true")
    await expect(cpf).to_have_accessible_description(re.compile("CPF .*(cadastrado|uso)", re.I))

    # 422 problem+json with "erros": a common password is refused by the server, per field.
    await page.get_by_label("CPF").fill(novo_cpf())
    await page.get_by_label("Senha", exact=True).fill("12345678")
    await page.get_by_label("Repita a senha").fill("12345678")
    await page.get_by_role("button", name="Criar conta").click()
    await expect(page.get_by_role("alert")).to_contain_text("Confira os dados informados")
    await expect(page.get_by_label("Senha", exact=True)).to_have_attribute("aria-invalid", "true")


async def test_paciente_entra_por_email_e_por_cpf_e_sai(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    paciente = await registrar_paciente(api_real, nome="Marcos Pereira")
    await page.goto("/entrar")
    await acessibilidade(page)
    await fotografar(page, "entrar-paciente")

    await _entrar_como_paciente(page, paciente["email"])
    await expect(page.get_by_role("heading", name="Olá, Marcos")).to_be_visible()
    await _sair(page)

    cpf = paciente["cpf"]
    await _entrar_como_paciente(page, f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}")
    await expect(page.get_by_role("heading", name="Olá, Marcos")).to_be_visible()
    await _sair(page)

    # After logging out the protected page sends back to the login page.
    await page.goto("/inicio")
    await expect(page).to_have_url(re.compile(r"/entrar\?proximo=%2Finicio"))


async def test_senha_errada_mostra_a_mensagem_da_api(pagina, api_real, fotografar):
    page = pagina
    paciente = await registrar_paciente(api_real)
    await page.goto("/entrar")
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await page.get_by_label("Senha", exact=True).fill("senha-errada-123")
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page.get_by_role("alert")).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/entrar"))
    await fotografar(page, "entrar-erro")


async def test_paciente_atualiza_seus_dados_e_ve_erros_do_servidor_no_campo(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    paciente = await registrar_paciente(api_real, nome="Otávio Lins")
    await _entrar_como_paciente(page, paciente["email"])
    await page.get_by_role("link", name="Meus dados").click()
    formulario = page.get_by_role("form", name="Meus dados")
    await expect(formulario.get_by_label("Nome completo")).to_have_value("Otávio Lins")
    await expect(formulario.get_by_label("CPF")).to_have_value(re.compile(r"\d"))
    await formulario.get_by_label("Nome completo").fill("Renato Lins")
    # Phone and CEP masked while typed, like the CPF (issue 19).
    await formulario.get_by_label("Celular").press_sequentially("11912345678")
    await expect(formulario.get_by_label("Celular")).to_have_value("(11) 91234-5678")
    await formulario.get_by_label("CEP").fill("123")
    await formulario.get_by_label("Logradouro e número").fill("Rua das Flores, 10")
    await formulario.get_by_label("Cidade").fill("Campinas")
    await formulario.get_by_label("UF").select_option("SP")
    await formulario.get_by_role("button", name="Salvar").click()
    # 422 with "endereco.cep": the server's message lands on the CEP field; nothing changed.
    await expect(formulario.get_by_label("CEP")).to_have_attribute("aria-invalid", "true")
    await expect(formulario.get_by_label("CEP")).to_have_accessible_description(
        re.compile("CEP inválido")
    )
    await acessibilidade(page)
    await fotografar(page, "meus-dados")
    r = await api_real.get(f"/paciente/{paciente['id']}", headers=paciente["headers"])
    assert r.json()["nome"] == "Otávio Lins"

    await formulario.get_by_label("CEP").fill("")
    await formulario.get_by_label("CEP").press_sequentially("13010100")
    await expect(formulario.get_by_label("CEP")).to_have_value("13010-100")
    await formulario.get_by_role("button", name="Salvar").click()
    await expect(page.get_by_role("status").filter(has_text="Dados salvos")).to_be_visible()
    r = await api_real.get(f"/paciente/{paciente['id']}", headers=paciente["headers"])
    assert r.json()["nome"] == "Renato Lins"
    assert r.json()["endereco"]["cidade"] == "Campinas"
    assert r.json()["telefone"] == "(11) 91234-5678"
    await page.get_by_role("link", name="HealthMed").click()  # the logo leads home
    await expect(page.get_by_role("heading", name="Olá, Renato")).to_be_visible()


async def test_paciente_com_consulta_marcada_encerra_a_conta_e_nao_entra_mais(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    medico = await registrar_medico(api_real, nome="Dra. Helena Prado")
    paciente = await registrar_paciente(api_real, nome="Sofia Andrade")
    _, horarios = await dois_horarios(api_real, medico, 10)
    r = await api_real.post(
        "/consultas", json={"horario_id": horarios[0]["id"]}, headers=paciente["headers"]
    )
    assert r.status_code == 201, r.text
    consulta_id = r.json()["id"]

    await _entrar_como_paciente(page, paciente["email"])
    await page.get_by_role("link", name="Meus dados").click()
    secao = page.get_by_role("region", name="Encerrar minha conta")
    await secao.scroll_into_view_if_needed()
    # What happens is said before anything is asked, with the way to export first.
    await expect(secao).to_contain_text("consultas marcadas")
    await expect(secao).to_contain_text("20 anos")
    await expect(secao.get_by_role("link", name="Exporte os seus dados")).to_be_visible()
    formulario = page.get_by_role("form", name="Encerrar minha conta")
    await formulario.get_by_label("Senha atual").fill(SENHA)
    await formulario.get_by_label("Para confirmar, digite ENCERRAR").fill("encerrar")
    await formulario.get_by_role("button", name="Encerrar minha conta").click()
    # Checked in the browser first: lowercase is not the confirmation, nothing is sent.
    confirmacao = formulario.get_by_label("Para confirmar, digite ENCERRAR")
    await expect(confirmacao).to_have_attribute("aria-invalid", "true")
    await acessibilidade(page)
    await fotografar(page, "encerrar-conta")

    await confirmacao.fill("ENCERRAR")
    await formulario.get_by_role("button", name="Encerrar minha conta").click()
    await expect(page).to_have_url(re.compile(r"/conta-encerrada$"))
    await expect(page.get_by_role("heading", name="Conta encerrada")).to_be_visible()
    await expect(page.get_by_text("1 consulta cancelada")).to_be_visible()
    await expect(page.get_by_text(paciente["id"])).to_be_visible()  # the protocol
    # Logged out: the header offers to log in again.
    await expect(page.get_by_role("link", name="Entrar", exact=True)).to_be_visible()
    await acessibilidade(page)
    await fotografar(page, "conta-encerrada")

    # The old e-mail no longer logs in (the same answer as an unknown account).
    await page.goto("/entrar")
    await page.get_by_label("E-mail ou CPF").fill(paciente["email"])
    await page.get_by_label("Senha", exact=True).fill(SENHA)
    await page.get_by_role("button", name="Entrar", exact=True).click()
    await expect(page.get_by_role("alert")).to_be_visible()
    await expect(page).to_have_url(re.compile(r"/entrar"))

    # The doctor sees the appointment cancelled, saying why; the old token is dead.
    r = await api_real.get(f"/consultas/{consulta_id}", headers=medico["headers"])
    assert r.json()["status"] == "cancelada"
    assert r.json()["justificativa"] == "Conta encerrada pelo paciente"
    r = await api_real.get(f"/paciente/{paciente['id']}", headers=paciente["headers"])
    assert r.status_code == 401
