"""The teleconsultation room in two browsers: the doctor and the patient log in (two browser
contexts of Debian's headless Chromium, whose camera and microphone are fakes granted without a
prompt: see ``CHROMIUM_ARGS`` in conftest.py), the patient accepts the consent terms and
waits, the doctor joins, and each page plays the other's video."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import Browser, Page, expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.conftest import VIEWPORTS
from tests.e2e.passos import entrar_medico, entrar_paciente

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

SP = ZoneInfo("America/Sao_Paulo")
# Waited for as "() => ...": a function (Playwright compiles a bare expression with eval, which
# the app's Content-Security-Policy forbids).
TOCANDO = """v => v.readyState >= 2 && !v.paused && v.videoWidth > 0
    && v.srcObject && v.srcObject.getVideoTracks().some(t => t.readyState === 'live')"""


async def _consulta_agora(api) -> tuple[dict, dict, dict]:
    medico = await registrar_medico(api, nome="Dra. Helena Prado", antecedencia_minima_minutos=0)
    paciente = await registrar_paciente(api, nome="Caio Mendes")
    inicio = (datetime.now(UTC) + timedelta(minutes=6)).replace(second=0, microsecond=0)
    r = await api.post(
        "/medico/horarios",
        json={
            "inicio": inicio.astimezone(SP).isoformat(),
            "fim": (inicio + timedelta(minutes=30)).astimezone(SP).isoformat(),
        },
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    horario = r.json()["horarios"][0]
    r = await api.post(
        "/consultas", json={"horario_id": horario["id"]}, headers=paciente["headers"]
    )
    assert r.status_code == 201, r.text
    consulta = r.json()
    r = await api.post(f"/medico/consultas/{consulta['id']}/aceitar", headers=medico["headers"])
    assert r.status_code == 200, r.text
    return medico, paciente, consulta


async def _nova_pagina(browser: Browser, origem: str, viewport: str) -> Page:
    ctx = await browser.new_context(
        base_url=origem,
        viewport=VIEWPORTS[viewport],
        locale="pt-BR",
        timezone_id="America/Sao_Paulo",
    )
    ctx.set_default_timeout(15_000)
    await ctx.grant_permissions(["camera", "microphone"])
    return await ctx.new_page()


async def test_medico_e_paciente_se_veem_na_sala(
    navegador, servidor, api_real, viewport, acessibilidade, fotografar
):
    medico, paciente, consulta = await _consulta_agora(api_real)
    sala = f"/sala/{consulta['id']}"
    pagina_paciente = await _nova_pagina(navegador, servidor.origem, viewport)
    pagina_medico = await _nova_pagina(navegador, servidor.origem, viewport)
    erros: list[str] = []
    for p in (pagina_paciente, pagina_medico):
        p.on("pageerror", lambda exc: erros.append(str(exc)))

    # The patient: the consent terms first, then the preview, then the waiting room.
    await entrar_paciente(pagina_paciente, paciente["email"], paciente["senha"])
    await pagina_paciente.goto(sala)
    await expect(
        pagina_paciente.get_by_role("heading", name="Consentimento para teleconsulta")
    ).to_be_visible()
    await expect(pagina_paciente.get_by_text("2.314/2022").first).to_be_visible()
    await pagina_paciente.get_by_role("button", name="Aceitar e continuar").click()
    await expect(pagina_paciente.get_by_role("alert")).to_contain_text("Marque que leu")
    await pagina_paciente.get_by_label("Li e aceito o termo").check()
    await pagina_paciente.get_by_role("button", name="Aceitar e continuar").click()
    propria = pagina_paciente.get_by_label("Sua câmera")
    await expect(propria).to_be_visible()
    await pagina_paciente.wait_for_function(
        f"() => ({TOCANDO})(document.querySelector('video[aria-label=\"Sua câmera\"]'))"
    )
    await pagina_paciente.get_by_role("button", name="Entrar na sala").click()
    await expect(
        pagina_paciente.get_by_role("status").filter(has_text="a médica ainda não entrou")
    ).to_be_visible()

    # The patient shares the record with the doctor for today.
    r = await api_real.post(
        f"/prontuario/{paciente['id']}/compartilhar",
        json={"medico_id": medico["id"], "duracao_horas": 24},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text

    # The doctor's pre-join screen says the patient is waiting, and offers the shared
    # documents in another tab (issue 19).
    await entrar_medico(pagina_medico, medico["crm"], "SP", medico["senha"])
    await pagina_medico.goto(sala)
    await expect(
        pagina_medico.get_by_role("status").filter(
            has_text="Caio Mendes já está na sala esperando por você."
        )
    ).to_be_visible()
    documentos = pagina_medico.get_by_role(
        "link", name="Documentos compartilhados por Caio Mendes (abre em outra aba)"
    )
    await expect(documentos).to_have_attribute("href", f"/compartilhados/{paciente['id']}")
    await expect(documentos).to_have_attribute("target", "_blank")
    await expect(pagina_medico.get_by_label("Sua câmera")).to_be_visible()
    await acessibilidade(pagina_medico)

    # The doctor joins: each page plays the other's video.
    await pagina_medico.get_by_role("button", name="Entrar na sala").click()
    video_do_paciente = 'video[aria-label="Vídeo de Caio Mendes"]'
    video_da_medica = 'video[aria-label="Vídeo de Dra. Helena Prado"]'
    await pagina_medico.wait_for_function(
        f"() => ({TOCANDO})(document.querySelector('{video_do_paciente}'))", timeout=20_000
    )
    await pagina_paciente.wait_for_function(
        f"() => ({TOCANDO})(document.querySelector('{video_da_medica}'))", timeout=20_000
    )
    await expect(
        pagina_paciente.get_by_role("status").filter(has_text="em consulta com Dra. Helena Prado")
    ).to_be_visible()
    await acessibilidade(pagina_paciente)
    await fotografar(pagina_paciente, "sala-paciente", inteira=False)

    # Mute and camera off are pressed toggles.
    microfone = pagina_medico.get_by_role("button", name="Desligar microfone")
    await microfone.click()
    await expect(pagina_medico.get_by_role("button", name="Ligar microfone")).to_have_attribute(
        "aria-pressed", "true"
    )
    await pagina_medico.get_by_role("button", name="Desligar câmera").click()
    desligadas = await pagina_medico.evaluate(
        "() => document.querySelector('video[aria-label=\"Sua câmera\"]').srcObject"
        ".getTracks().filter(t => !t.enabled).length"
    )
    assert desligadas == 2
    await pagina_medico.get_by_role("button", name="Ligar microfone").click()
    await pagina_medico.get_by_role("button", name="Ligar câmera").click()

    # The doctor leaves: camera and microphone go off with them, the patient is told, and both
    # stays are recorded with their end.
    await pagina_medico.get_by_role("button", name="Sair da sala").click()
    await expect(pagina_medico.get_by_role("button", name="Entrar de novo")).to_be_visible()
    for nome in ("Ligar câmera", "Ligar microfone"):
        await expect(pagina_medico.get_by_role("button", name=nome)).to_have_attribute(
            "aria-pressed", "true"
        )
    ligadas = await pagina_medico.evaluate(
        "() => document.querySelector('video[aria-label=\"Sua câmera\"]').srcObject"
        ".getTracks().filter(t => t.enabled).length"
    )
    assert ligadas == 0
    await acessibilidade(pagina_medico)
    await expect(
        pagina_paciente.get_by_role("status").filter(has_text="saiu da sala")
    ).to_be_visible()
    r = await api_real.get(f"/consultas/{consulta['id']}/presencas", headers=medico["headers"])
    presencas = r.json()["presencas"]
    assert {p["papel"] for p in presencas} == {"medico", "paciente"}
    assert any(p["papel"] == "medico" and p["saiu_em"] for p in presencas)

    # The doctor comes back and ends the consultation from the room (issue 19): it counts as
    # done at once, the room closes for both, and the patient is asked to rate it.
    await pagina_medico.get_by_role("button", name="Entrar de novo").click()
    await pagina_medico.wait_for_function(
        f"() => ({TOCANDO})(document.querySelector('{video_do_paciente}'))", timeout=20_000
    )
    await pagina_medico.get_by_role("button", name="Encerrar consulta").click()
    await expect(
        pagina_medico.get_by_role("status").filter(has_text="ela já consta como realizada")
    ).to_be_visible()
    avaliar = pagina_paciente.get_by_role("link", name="Avaliar a consulta")
    await expect(avaliar).to_be_visible()
    await acessibilidade(pagina_paciente)
    await avaliar.click()
    dialogo = pagina_paciente.get_by_role("dialog", name="Avaliar consulta")
    await expect(dialogo).to_be_visible()
    r = await api_real.get(f"/consultas/{consulta['id']}", headers=paciente["headers"])
    assert r.json()["status"] == "realizada"
    assert not erros, erros
    for p in (pagina_paciente, pagina_medico):
        await p.context.close()


async def test_sala_fora_da_janela_explica_quando_abre(
    navegador, servidor, api_real, viewport, acessibilidade
):
    medico = await registrar_medico(api_real, antecedencia_minima_minutos=0)
    paciente = await registrar_paciente(api_real)
    inicio = (datetime.now(UTC) + timedelta(days=1)).replace(second=0, microsecond=0)
    r = await api_real.post(
        "/medico/horarios",
        json={"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()},
        headers=medico["headers"],
    )
    horario = r.json()["horarios"][0]
    r = await api_real.post(
        "/consultas", json={"horario_id": horario["id"]}, headers=paciente["headers"]
    )
    consulta = r.json()
    await api_real.post(f"/medico/consultas/{consulta['id']}/aceitar", headers=medico["headers"])
    pagina = await _nova_pagina(navegador, servidor.origem, viewport)
    await entrar_medico(pagina, medico["crm"], "SP", medico["senha"])
    await pagina.goto(f"/sala/{consulta['id']}")
    aviso = pagina.get_by_role("alert")
    await expect(aviso).to_contain_text(re.compile("abre 15 minutos antes"))
    # The zone by its name, as people say it: never "America/Sao_Paulo".
    await expect(aviso).to_contain_text("(horário de Brasília)")
    await expect(aviso).not_to_contain_text("America/")
    await acessibilidade(pagina)
    await pagina.context.close()
