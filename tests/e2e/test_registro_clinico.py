"""The consultation's clinical record in the browser: the doctor writes, signs and amends the
note and issues a signed prescription from the consultation; the patient reads the note and
downloads the signed PDF in "Prontuário"; anyone checks the code on the public page."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.async_api import Page, expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.passos import abrir_horario, entrar_medico, entrar_paciente

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

SP = ZoneInfo("America/Sao_Paulo")


async def _consulta_confirmada(api: httpx.AsyncClient) -> tuple[dict, dict, dict]:
    """A doctor, a patient and an accepted consultation between them about to start, through
    the API."""
    medico = await registrar_medico(api, nome="Dra. Helena Prado", antecedencia_minima_minutos=0)
    paciente = await registrar_paciente(api, nome="Marcos Teixeira")
    # Starting in a few minutes: its room is open, and the record is written from then on.
    inicio = (datetime.now(SP) + timedelta(minutes=6)).replace(second=0, microsecond=0)
    horario = await abrir_horario(api, medico, inicio)
    r = await api.post(
        "/consultas", json={"horario_id": horario["id"]}, headers=paciente["headers"]
    )
    assert r.status_code == 201, r.text
    consulta: dict[str, Any] = r.json()
    r = await api.post(f"/medico/consultas/{consulta['id']}/aceitar", headers=medico["headers"])
    assert r.status_code == 200, r.text
    return medico, paciente, consulta


async def _preencher(page: Page, campos: dict[str, str]) -> None:
    for rotulo, valor in campos.items():
        await page.get_by_label(rotulo, exact=True).fill(valor)


async def test_medico_escreve_assina_emenda_e_emite_receita(
    pagina, api_real, tmp_path: Path, fotografar, acessibilidade
):
    page = pagina
    medico, _, consulta = await _consulta_confirmada(api_real)
    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    # From the room, the record opens in another tab (the call goes on).
    await page.goto(f"/sala/{consulta['id']}")
    no_quarto = page.get_by_role("link", name="Registro clínico (abre em outra aba)")
    await expect(no_quarto).to_have_attribute("href", f"/consultas/{consulta['id']}/registro")
    await expect(no_quarto).to_have_attribute("target", "_blank")
    await page.goto("/consultas")
    await page.get_by_role("link", name="Registro clínico").click()
    await expect(page.get_by_role("heading", name="Registro clínico")).to_be_visible()
    await expect(page.get_by_text("Marcos Teixeira")).to_be_visible()

    nota = page.get_by_role("form", name="Evolução da consulta")
    await _preencher(
        nota,
        {
            "Queixa principal": "Dor de garganta há três dias",
            "Avaliação": "Faringite viral provável",
            "Plano": "Sintomáticos e hidratação",
            "CID-10": "j02.9",
            "Evolução": "Sem febre; orofaringe hiperemiada.",
        },
    )
    await nota.get_by_role("button", name="Salvar rascunho").click()
    await expect(page.get_by_role("status").filter(has_text="Rascunho salvo")).to_be_visible()
    await acessibilidade(page)
    await nota.get_by_role("button", name="Assinar evolução").click()
    assinada = page.get_by_role("article", name="Evolução assinada")
    await expect(assinada).to_contain_text("J02.9")
    await expect(assinada).to_contain_text("Faringite viral provável")
    await expect(nota).to_have_count(0)  # signed: no form to edit it any more

    adendo = page.get_by_role("form", name="Registrar adendo")
    await adendo.get_by_label("Adendo").fill("Teste rápido para estreptococo negativo.")
    await adendo.get_by_role("button", name="Assinar adendo").click()
    await expect(page.get_by_role("status").filter(has_text="Adendo assinado")).to_be_visible()
    await expect(assinada).to_contain_text("Teste rápido para estreptococo negativo.")

    receita = page.get_by_role("form", name="Emitir receita")
    await _preencher(
        receita,
        {
            "Medicamento": "Ibuprofeno",
            "Dose": "400 mg",
            "Posologia": "1 comprimido de 8 em 8 horas",
            "Duração": "3 dias",
        },
    )
    await receita.get_by_role("button", name="Emitir receita assinada").click()
    emitida = page.get_by_role("status").filter(has_text="Receita assinada emitida")
    await expect(emitida).to_be_visible()
    codigo = re.search(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}", await emitida.inner_text())
    assert codigo is not None
    async with page.expect_download() as baixado:
        await page.get_by_role("link", name="Baixar receita (PDF)").click()
    pdf = (await (await baixado.value).path()).read_bytes()
    assert pdf.startswith(b"%PDF") and b"/ByteRange" in pdf  # signed
    # A certificate: the CID only with the patient's authorisation.
    atestado = page.get_by_role("form", name="Emitir atestado")
    await atestado.get_by_label("Dias de afastamento").fill("2")
    await atestado.get_by_label("CID-10 (opcional)").fill("J02.9")
    await atestado.get_by_role("button", name="Emitir atestado assinado").click()
    await expect(atestado.get_by_text("com a autorização do paciente")).to_be_visible()
    await atestado.get_by_label("O paciente autorizou o CID no atestado").check()
    await atestado.get_by_role("button", name="Emitir atestado assinado").click()
    await expect(
        atestado.get_by_role("status").filter(has_text="Atestado assinado emitido")
    ).to_be_visible()
    async with page.expect_download() as baixado:
        await page.get_by_role("link", name="Baixar atestado (PDF)").click()
    assert (await (await baixado.value).path()).read_bytes().startswith(b"%PDF")
    await acessibilidade(page)
    await fotografar(page, "registro-clinico")

    # The public page of the QR code: authentic; the PDF in hand is identical; one changed
    # byte and it is not.
    await receita.get_by_role("link", name="Ver a verificação").click()
    await expect(page).to_have_url(re.compile(rf"/verificar/{codigo.group(0)}$"))
    await expect(page.get_by_role("heading", name="Documento autêntico")).to_be_visible()
    await expect(page.get_by_text("Dra. Helena Prado")).to_be_visible()
    await expect(page.get_by_text("não é ICP-Brasil")).to_be_visible()
    await expect(page.get_by_text("Ibuprofeno")).to_have_count(0)
    entrada = page.get_by_label("Conferir se o seu PDF não foi alterado")
    await entrada.set_input_files(
        {"name": "receita.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    await expect(page.get_by_text("idêntico ao documento emitido")).to_be_visible()
    alterado = bytearray(pdf)
    alterado[12] ^= 0x01
    await entrada.set_input_files(
        {"name": "receita.pdf", "mimeType": "application/pdf", "buffer": bytes(alterado)}
    )
    await expect(page.get_by_text("ele foi alterado")).to_be_visible()
    await acessibilidade(page)
    await fotografar(page, "verificar")


async def test_paciente_le_a_evolucao_e_baixa_a_receita_assinada(
    pagina, api_real, fotografar, acessibilidade
):
    page = pagina
    medico, paciente, consulta = await _consulta_confirmada(api_real)
    base = f"/prontuario/{paciente['id']}"
    r = await api_real.post(
        f"{base}/evolucoes",
        json={"consulta_id": consulta["id"], "queixa_principal": "Tosse seca", "cid10": ["R05"]},
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    r = await api_real.post(f"{base}/evolucoes/{r.json()['id']}/assinar", headers=medico["headers"])
    assert r.status_code == 200, r.text
    r = await api_real.post(
        f"{base}/receitas",
        json={
            "consulta_id": consulta["id"],
            "itens": [
                {
                    "medicamento": "Xarope",
                    "dose": "10 ml",
                    "posologia": "8/8 h",
                    "duracao": "5 dias",
                }
            ],
        },
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    nome_pdf = r.json()["documento"]["nome"]

    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.get_by_role("link", name="Meu prontuário").click()
    evolucoes = page.get_by_role("region", name="Evoluções das consultas")
    await expect(evolucoes).to_contain_text("Tosse seca")
    await expect(evolucoes).to_contain_text("R05")
    async with page.expect_download() as baixado:
        await page.get_by_role("button", name=f"Baixar {nome_pdf}").click()
    pdf = (await (await baixado.value).path()).read_bytes()
    assert pdf.startswith(b"%PDF") and b"/ByteRange" in pdf
    await acessibilidade(page)
    await fotografar(page, "prontuario-evolucao")
