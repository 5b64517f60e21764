"""Appointments in the browser: the doctor accepts or refuses, the patient cancels or rates."""

from __future__ import annotations

import asyncio
import re
import time
import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import asyncpg
import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.passos import (
    dois_horarios,
    entrar_medico,
    entrar_paciente,
    formatar_data_hora,
    sair,
)

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

SP = ZoneInfo("America/Sao_Paulo")


async def _dois_pedidos(api) -> tuple[dict, dict]:
    medico = await registrar_medico(api, nome="Dr. Tiago Moreira", antecedencia_minima_minutos=0)
    paciente = await registrar_paciente(api, nome="Sofia Ramos")
    _, horarios = await dois_horarios(api, medico, hora=14)
    for horario in horarios:
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
    # The dialog names the request it refuses (issue 19).
    await expect(dialogo).to_contain_text("Pedido de Sofia Ramos para ")
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
    # Two days ahead, the room is not open yet: "Entrar na sala" waits and says when it opens
    # (15 minutes before the 14:00 start, on the patient's clock).
    sala = confirmada.get_by_role("button", name="Entrar na sala")
    await expect(sala).to_be_disabled()
    await expect(sala).to_have_accessible_description(re.compile(r"A sala abre .* às 13:45"))
    await expect(confirmada.get_by_role("link", name="Entrar na sala")).to_have_count(0)
    await acessibilidade(page)
    await fotografar(page, "consultas-paciente")

    # "Adicionar ao calendário" downloads the .ics (with the session's token) for the slot booked.
    r = await api_real.get("/consultas?status=confirmada", headers=paciente["headers"])
    (marcada,) = r.json()["itens"]
    async with page.expect_download() as baixando:
        await confirmada.get_by_role("button", name="Adicionar ao calendário").click()
    download = await baixando.value
    inicio_utc = datetime.fromisoformat(marcada["inicio"]).astimezone(UTC)
    assert f"{inicio_utc:%H:%M}" == "17:00"  # the first slot booked, 14:00 in São Paulo
    assert download.suggested_filename == f"consulta-{marcada['inicio'][:10]}.ics"
    caminho = await download.path()
    ics = caminho.read_bytes().decode()  # bytes: read_text would turn the CRLFs into LFs
    linhas = ics.replace("\r\n ", "").split("\r\n")  # unfolded content lines
    assert linhas[0] == "BEGIN:VCALENDAR"
    assert "SUMMARY:Consulta com Dr. Tiago Moreira" in linhas
    assert f"DTSTART:{inicio_utc:%Y%m%dT%H%M%SZ}" in linhas
    assert "STATUS:CONFIRMED" in linhas

    await confirmada.get_by_role("button", name="Cancelar consulta").click()
    dialogo = page.get_by_role("dialog", name="Cancelar consulta")
    # It names the appointment, and says the minimum before any error (issue 19).
    await expect(dialogo).to_contain_text(
        f"Teleconsulta com Dr. Tiago Moreira em {formatar_data_hora(marcada['inicio'])}."
    )
    justificativa = dialogo.get_by_label("Justificativa")
    await expect(justificativa).to_have_accessible_description("Pelo menos 10 caracteres.")
    await acessibilidade(page)
    await justificativa.fill("curta")
    await expect(justificativa).to_have_accessible_description(
        "Pelo menos 10 caracteres (faltam 5)."
    )
    await dialogo.get_by_role("button", name="Cancelar consulta").click()
    await expect(dialogo.get_by_text("Escreva pelo menos 10 caracteres")).to_be_visible()
    await acessibilidade(page)
    await fotografar(page, "cancelar-consulta", inteira=False)
    await dialogo.get_by_label("Justificativa").fill("Precisei viajar a trabalho.")
    await dialogo.get_by_role("button", name="Cancelar consulta").click()
    await expect(dialogo).to_be_hidden()
    cancelada = page.get_by_role("listitem").filter(has_text="Cancelada")
    await expect(cancelada).to_contain_text("Precisei viajar a trabalho.")
    await expect(cancelada.get_by_role("button", name="Adicionar ao calendário")).to_have_count(0)
    await expect(page.get_by_role("listitem").filter(has_text="Confirmada")).to_have_count(0)


async def test_paciente_sem_consultas_ve_convite_para_buscar(pagina, api_real):
    page = pagina
    paciente = await registrar_paciente(api_real)
    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.goto("/consultas")
    await expect(page.get_by_text("Nenhuma consulta ainda")).to_be_visible()
    await page.get_by_role("link", name="Buscar médicos").click()
    await expect(page.get_by_role("heading", name="Buscar médicos")).to_be_visible()


_ENTROU = {
    "medico": "update consulta.consultas set medico_entrou_em = inicio where id = $1",
    "paciente": "update consulta.consultas set paciente_entrou_em = inicio where id = $1",
}


async def _passar_do_fim(
    servidor, consulta_id: str, entraram: tuple[str, ...] = ("medico", "paciente")
) -> None:
    """Move an appointment and its slot three days into the past, as if it had happened, with
    ``entraram`` having entered its room at the start: with both it is "realizada" (the API
    cannot make time pass; the database of the running stack can)."""
    conn = await asyncpg.connect(servidor.banco)
    try:
        async with conn.transaction():
            await conn.execute(
                "update consulta.horarios set inicio = inicio - interval '3 days',"
                " fim = fim - interval '3 days'"
                " where id = (select horario_id from consulta.consultas where id = $1)",
                uuid.UUID(consulta_id),
            )
            await conn.execute(
                "update consulta.consultas set inicio = inicio - interval '3 days',"
                " fim = fim - interval '3 days' where id = $1",
                uuid.UUID(consulta_id),
            )
            for papel in entraram:
                await conn.execute(_ENTROU[papel], uuid.UUID(consulta_id))
    finally:
        await conn.close()


async def _esperar_media(api, medico_id: str, headers: dict) -> dict:
    """The doctor's public profile once the rating arrived (the consulta outbox delivers it
    in the background), or its last state after a bounded wait."""
    prazo = time.monotonic() + 15
    while True:
        r = await api.get(f"/medicos/{medico_id}", headers=headers)
        assert r.status_code == 200, r.text
        perfil: dict = r.json()
        if perfil["total_avaliacoes"] > 0 or time.monotonic() > prazo:
            return perfil
        await asyncio.sleep(0.2)


async def test_paciente_avalia_consulta_realizada_e_a_media_do_medico_muda(
    pagina, api_real, servidor, fotografar, acessibilidade
):
    """A confirmed appointment whose end has passed is "realizada": the patient rates it in
    "Minhas consultas" and the doctor's average and count follow."""
    page = pagina
    medico, paciente = await _dois_pedidos(api_real)
    r = await api_real.get("/consultas", headers=medico["headers"])
    consulta_id = r.json()["itens"][0]["id"]
    aceite = await api_real.post(
        f"/medico/consultas/{consulta_id}/aceitar", headers=medico["headers"]
    )
    assert aceite.status_code == 200, aceite.text
    antes = await api_real.get(f"/medicos/{medico['id']}", headers=paciente["headers"])
    assert antes.status_code == 200, antes.text
    assert antes.json()["total_avaliacoes"] == 0
    assert antes.json()["avaliacao_media"] is None

    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.goto("/consultas")
    await expect(page.get_by_role("listitem").filter(has_text="Confirmada")).to_have_count(1)
    await expect(page.get_by_role("button", name="Avaliar consulta")).to_have_count(0)

    await _passar_do_fim(servidor, consulta_id)
    await page.reload()
    realizada = page.get_by_role("listitem").filter(has_text="Realizada")
    await expect(realizada).to_have_count(1)
    await realizada.get_by_role("button", name="Avaliar consulta").click()
    dialogo = page.get_by_role("dialog", name="Avaliar consulta")
    await dialogo.get_by_role("button", name="Enviar avaliação").click()
    await expect(dialogo.get_by_text("Escolha de 1 a 5 estrelas")).to_be_visible()
    await dialogo.locator("label", has_text="4 estrelas").click()
    await expect(dialogo.get_by_role("radio", name=re.compile("^4 estrelas"))).to_be_checked()
    await dialogo.get_by_label("Comentário (opcional)").fill("Muito atencioso.")
    await acessibilidade(page)
    await fotografar(page, "avaliar-consulta", inteira=False)
    await dialogo.get_by_role("button", name="Enviar avaliação").click()
    await expect(dialogo).to_be_hidden()

    await expect(realizada).to_contain_text("Sua avaliação: ★★★★ · Muito atencioso.")
    await expect(realizada.get_by_role("button", name="Avaliar consulta")).to_have_count(0)
    # It is stored, not only shown: it survives a reload.
    await page.reload()
    await expect(page.get_by_role("listitem").filter(has_text="Realizada")).to_contain_text(
        "Sua avaliação: ★★★★ · Muito atencioso."
    )

    perfil = await _esperar_media(api_real, medico["id"], paciente["headers"])
    assert perfil["total_avaliacoes"] == 1
    assert perfil["avaliacao_media"] == pytest.approx(4.0)


async def test_ausencias_aparecem_aos_dois_e_o_medico_corrige_a_falta(
    pagina, api_real, servidor, fotografar, acessibilidade
):
    """After the end, who never entered the room decides: the patient sees the doctor's absence
    with the offer to rebook at no cost; the doctor sees the patient's absence and corrects it."""
    page = pagina
    medico, paciente = await _dois_pedidos(api_real)
    r = await api_real.get("/consultas", headers=medico["headers"])
    primeira, segunda = sorted(r.json()["itens"], key=lambda c: c["inicio"])
    for consulta in (primeira, segunda):
        aceite = await api_real.post(
            f"/medico/consultas/{consulta['id']}/aceitar", headers=medico["headers"]
        )
        assert aceite.status_code == 200, aceite.text
    await _passar_do_fim(servidor, primeira["id"], entraram=("paciente",))
    await _passar_do_fim(servidor, segunda["id"], entraram=("medico",))

    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.goto("/consultas")
    ausente = page.get_by_role("listitem").filter(has_text="Médico não compareceu")
    await expect(ausente).to_contain_text(
        "O médico não entrou na sala. Você pode remarcar sem custo na agenda do médico."
    )
    falta = page.get_by_role("listitem").filter(has_text="Paciente não compareceu")
    await expect(falta).to_have_count(1)
    await expect(falta.get_by_role("button")).to_have_count(0)  # nothing to rate
    await acessibilidade(page)
    await ausente.get_by_role("button", name="Remarcar sem custo").click()
    dialogo = page.get_by_role("dialog", name="Remarcar consulta")
    await expect(dialogo).to_be_visible()
    await page.keyboard.press("Escape")
    await expect(dialogo).to_be_hidden()
    await sair(page)

    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    await page.get_by_role("link", name="Consultas", exact=True).click()
    falta = page.get_by_role("listitem").filter(has_text="Paciente não compareceu")
    await expect(
        page.get_by_role("listitem").filter(has_text="Médico não compareceu")
    ).to_have_count(1)
    await acessibilidade(page)
    await fotografar(page, "consultas-comparecimento")
    await falta.get_by_role("button", name="O paciente compareceu").click()
    await expect(
        page.get_by_role("status").filter(has_text="Comparecimento de Sofia Ramos registrado")
    ).to_be_visible()
    realizada = page.get_by_role("listitem").filter(has_text="Realizada")
    await expect(realizada).to_have_count(1)
    # And back: the doctor may still mark it a no-show within the week.
    await realizada.get_by_role("button", name="Marcar falta do paciente").click()
    await expect(
        page.get_by_role("listitem").filter(has_text="Paciente não compareceu")
    ).to_have_count(1)


async def test_comentario_verificado_na_pagina_do_medico_e_a_resposta_dele(
    pagina, api_real, servidor, fotografar, acessibilidade
):
    """A patient's written review shows on the doctor's page (signed "Sofia R."); the doctor,
    on their own page, replies once, and the reply shows under it."""
    page = pagina
    medico, paciente = await _dois_pedidos(api_real)
    r = await api_real.get("/consultas", headers=medico["headers"])
    consulta_id = sorted(r.json()["itens"], key=lambda c: c["inicio"])[0]["id"]
    aceite = await api_real.post(
        f"/medico/consultas/{consulta_id}/aceitar", headers=medico["headers"]
    )
    assert aceite.status_code == 200, aceite.text
    await _passar_do_fim(servidor, consulta_id)
    r = await api_real.post(
        f"/consultas/{consulta_id}/avaliacao",
        json={"nota": 4, "comentario": "Explicou tudo com calma."},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text

    await entrar_paciente(page, paciente["email"], paciente["senha"])
    await page.goto(f"/medicos/{medico['id']}")
    avaliacoes = page.get_by_role("region", name="Avaliações de pacientes")
    await expect(avaliacoes).to_contain_text("Explicou tudo com calma.")
    await expect(avaliacoes).to_contain_text("Sofia R.")
    await expect(avaliacoes.get_by_role("img", name="Nota 4 de 5")).to_be_visible()
    await expect(avaliacoes.get_by_role("button", name="Responder")).to_have_count(0)
    await acessibilidade(page)
    await sair(page)

    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    await page.goto(f"/medicos/{medico['id']}")
    await avaliacoes.get_by_role("button", name="Responder").click()
    dialogo = page.get_by_role("dialog", name="Responder avaliação")
    await dialogo.get_by_label("Sua resposta (pública, uma só vez)").fill(
        "Obrigado, Sofia! Fico à disposição."
    )
    await acessibilidade(page)
    await dialogo.get_by_role("button", name="Publicar resposta").click()
    await expect(dialogo).to_be_hidden()
    await expect(page.get_by_role("status").filter(has_text="Resposta publicada.")).to_be_visible()
    await expect(avaliacoes).to_contain_text("Obrigado, Sofia! Fico à disposição.")
    await expect(avaliacoes).to_contain_text("Tiago Moreira")
    await expect(avaliacoes.get_by_role("button", name="Responder")).to_have_count(0)
    await fotografar(page, "avaliacoes-do-medico")

    # Reporting it takes the comment off the page until moderation (the score still counts).
    await avaliacoes.get_by_role("button", name="Denunciar").click()
    dialogo = page.get_by_role("dialog", name="Denunciar avaliação")
    await dialogo.get_by_label("Motivo da denúncia").fill("curto")
    await dialogo.get_by_role("button", name="Enviar denúncia").click()
    await expect(dialogo).to_contain_text("pelo menos 10 caracteres")
    await dialogo.get_by_label("Motivo da denúncia").fill("Cita dados de outra pessoa.")
    await dialogo.get_by_role("button", name="Enviar denúncia").click()
    await expect(dialogo).to_be_hidden()
    await expect(avaliacoes).to_contain_text("Ainda não há comentários de pacientes.")
    await expect(avaliacoes).not_to_contain_text("Explicou tudo com calma.")
    await acessibilidade(page)
