"""The health record in the browser: upload (picker and drag and drop), open, share, revoke."""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import Page, expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.conftest import novo_contexto
from tests.e2e.passos import abrir_horario, entrar_medico, entrar_paciente

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

SP = ZoneInfo("America/Sao_Paulo")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 2048


async def _paciente_com_medico(api) -> tuple[dict, dict]:
    """A patient with an appointment request, so the doctor is one they can share with."""
    medico = await registrar_medico(api, nome="Dr. Ricardo Lopes", antecedencia_minima_minutos=0)
    paciente = await registrar_paciente(api, nome="Beatriz Costa")
    inicio = (datetime.now(SP) + timedelta(days=3)).replace(
        hour=11, minute=0, second=0, microsecond=0
    )
    horario = await abrir_horario(api, medico, inicio)
    r = await api.post(
        "/consultas",
        json={"horario_id": horario["id"]},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text
    return medico, paciente


async def _soltar_arquivo(page: Page, nome: str, conteudo: str, tipo: str) -> None:
    """Drop a file on the drop zone, as a person dragging it from their desktop would."""
    transferencia = await page.evaluate_handle(
        """([nome, conteudo, tipo]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([conteudo], nome, { type: tipo }));
            return dt;
        }""",
        [nome, conteudo, tipo],
    )
    await page.dispatch_event(".zona-soltar", "drop", {"dataTransfer": transferencia})


async def test_paciente_envia_compartilha_e_revoga_e_medico_ve_documentos(
    pagina, navegador, servidor, viewport, api_real, fotografar, acessibilidade
):
    page = pagina
    medico, paciente = await _paciente_com_medico(api_real)
    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.get_by_role("link", name="Meu prontuário").click()
    await expect(page.get_by_role("heading", name="Meu prontuário")).to_be_visible()
    await expect(page.get_by_text("Nenhum documento ainda")).to_be_visible()

    # Picked with the file chooser.
    envio = page.get_by_role("form", name="Enviar documento")
    await envio.locator("input[type=file]").set_input_files(
        {"name": "hemograma.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    await expect(envio.get_by_text("hemograma.pdf")).to_be_visible()
    await envio.get_by_label("Categoria").select_option("exame")
    await envio.get_by_role("button", name="Enviar documento").click()
    await expect(
        page.get_by_role("status").filter(has_text="hemograma.pdf enviado")
    ).to_be_visible()

    # Dropped on the drop zone.
    await _soltar_arquivo(page, "receita.txt", "Dipirona 500 mg, 6/6 h", "text/plain")
    await expect(envio.get_by_text("receita.txt")).to_be_visible()
    await envio.get_by_label("Categoria").select_option("receita")
    await envio.get_by_role("button", name="Enviar documento").click()
    await expect(page.get_by_role("status").filter(has_text="receita.txt enviado")).to_be_visible()
    documentos = page.locator(".documento")
    await expect(documentos).to_have_count(2)

    # A type the record does not take is refused before anything is sent.
    await envio.locator("input[type=file]").set_input_files(
        {"name": "video.mp4", "mimeType": "video/mp4", "buffer": b"\x00" * 10}
    )
    await expect(envio.get_by_text("Envie PDF, JPEG, PNG ou texto simples")).to_be_visible()

    async with page.expect_download() as baixado:
        await page.get_by_role("button", name="Baixar receita.txt").click()
    download = await baixado.value
    assert download.suggested_filename == "receita.txt"
    assert "/api/prontuario/arquivos/" in download.url
    caminho = await download.path()
    assert caminho.read_text(encoding="utf-8") == "Dipirona 500 mg, 6/6 h"

    compartilhar = page.get_by_role("form", name="Compartilhar prontuário")
    await compartilhar.get_by_label("Médico").select_option(
        label=f"Dr. Ricardo Lopes (CRM {medico['crm']}/SP)"
    )
    # Any day up to 30 days ahead (issue 19: the choices were 1 h/24 h/3/7/30 days): the
    # access lasts to the end of that day.
    ate = (datetime.now(SP) + timedelta(days=11)).date()
    campo_ate = compartilhar.get_by_label("Compartilhar até")
    await expect(campo_ate).to_have_attribute(
        "max", (datetime.now(SP) + timedelta(days=30)).date().isoformat()
    )
    await campo_ate.fill((datetime.now(SP) + timedelta(days=31)).date().isoformat())
    await compartilhar.get_by_role("button", name="Compartilhar").click()
    await expect(
        compartilhar.get_by_text("Escolha um dia de hoje até daqui a 30 dias")
    ).to_be_visible()
    await campo_ate.fill(ate.isoformat())
    await compartilhar.get_by_label("Só alguns documentos").check()
    await compartilhar.get_by_label("receita.txt").check()
    await compartilhar.get_by_role("button", name="Compartilhar").click()
    await expect(
        page.get_by_role("status").filter(has_text="compartilhado com Dr. Ricardo Lopes")
    ).to_be_visible()
    await expect(
        page.get_by_role("button", name="Revogar acesso de Dr. Ricardo Lopes")
    ).to_be_visible()
    # One document is "1 documento", never "documento(s)".
    await expect(page.get_by_text("1 documento ·")).to_be_visible()
    await expect(page.get_by_text(f"até {ate:%d/%m/%Y}, 23:59")).to_be_visible()
    await acessibilidade(page)
    await fotografar(page, "prontuario")

    # The doctor, in their own browser, sees the shared documents.
    contexto_medico = await novo_contexto(navegador, servidor.origem, viewport)
    try:
        medico_page = await contexto_medico.new_page()
        await entrar_medico(medico_page, medico["crm"], "SP", medico["senha"])
        await medico_page.get_by_role("link", name="Prontuários compartilhados").click()
        await expect(medico_page.get_by_text("1 documento ·")).to_be_visible()
        await medico_page.get_by_role("link", name="Ver documentos").click()
        await expect(medico_page.locator(".documento")).to_have_count(1)
        # Whose record it is and until when (issue 19).
        await expect(
            medico_page.get_by_role("heading", name="Prontuário de Beatriz Costa")
        ).to_be_visible()
        await expect(
            medico_page.get_by_text(f"1 documento compartilhado · acesso até {ate:%d/%m/%Y}, 23:59")
        ).to_be_visible()
        # Opened again: the patient's log shows one line for both.
        await medico_page.reload()
        await expect(medico_page.locator(".documento")).to_have_count(1)
        await acessibilidade(medico_page)
        await fotografar(medico_page, "prontuario-medico")
    finally:
        await contexto_medico.close()

    # Revoking ends access at once; the log shows the doctor's reading.
    await page.reload()
    await page.get_by_role("button", name="Revogar acesso de Dr. Ricardo Lopes").click()
    await expect(page.get_by_role("status").filter(has_text="revogado")).to_be_visible()
    await expect(page.get_by_text("Encerrado")).to_be_visible()
    acessos = page.get_by_role("list").filter(has=page.locator("time"))
    await expect(acessos).to_contain_text(
        "Dr. Ricardo Lopes (médico) viu a lista de documentos 2 vezes, desde"
    )
    await expect(
        acessos.get_by_role("listitem").filter(has_text="Dr. Ricardo Lopes (médico) viu a lista")
    ).to_have_count(1)
    await acessibilidade(page)
    r = await api_real.get(f"/prontuario/{paciente['id']}", headers=medico["headers"])
    assert r.status_code == 403

    # LGPD: everything in one archive, downloaded with the session's token.
    async with page.expect_download() as baixado:
        await page.get_by_role("button", name="Baixar todos os meus dados").click()
    arquivo = await (await baixado.value).path()
    with zipfile.ZipFile(arquivo) as zipado:
        nomes = zipado.namelist()
    assert any(n.endswith("hemograma.pdf") for n in nomes), nomes


async def test_bytes_trocados_a_caminho_sao_recusados_pelo_sha256_do_navegador(pagina, api_real):
    # What a swap of the draft by whoever holds the upload URL leaves: other bytes of the same
    # type and length. Only the hash the browser computed of the chosen file tells them apart.
    page = pagina
    paciente = await registrar_paciente(api_real, nome="Carla Souza")
    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.get_by_role("link", name="Meu prontuário").click()
    await expect(page.get_by_role("heading", name="Meu prontuário")).to_be_visible()
    inicio = b"%PDF-1.4\n% trocado\n"
    trocado = inicio + b"9" * (len(PDF) - len(inicio))
    assert len(trocado) == len(PDF) and trocado != PDF

    async def trocar(route):
        await route.continue_(post_data=trocado)

    await page.route("**/prontuario/arquivos/**", trocar)
    envio = page.get_by_role("form", name="Enviar documento")
    await envio.locator("input[type=file]").set_input_files(
        {"name": "hemograma.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    await envio.get_by_role("button", name="Enviar documento").click()
    await expect(envio.get_by_text("não é o que o seu navegador enviou")).to_be_visible()
    r = await api_real.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    assert [d["status"] for d in r.json()["documentos"]] == ["pendente"]
