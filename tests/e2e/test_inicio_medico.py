"""The doctor's home answers the requests (issue 19): how many wait, with Aceitar and Recusar
right there, no trip to the appointments page."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from libs.testing.contas import registrar_medico, registrar_paciente
from tests.e2e.passos import dois_horarios, entrar_medico

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


async def test_inicio_do_medico_conta_os_pedidos_e_responde_ali_mesmo(
    pagina, api_real, acessibilidade
):
    page = pagina
    medico = await registrar_medico(api_real, nome="Dr. Otávio Reis", antecedencia_minima_minutos=0)
    _, horarios = await dois_horarios(api_real, medico, hora=15)
    for horario, nome in zip(horarios, ["Lívia Sampaio", "Rui Tavares"], strict=True):
        paciente = await registrar_paciente(api_real, nome=nome)
        r = await api_real.post(
            "/consultas", json={"horario_id": horario["id"]}, headers=paciente["headers"]
        )
        assert r.status_code == 201, r.text

    await entrar_medico(page, medico["crm"], "SP", medico["senha"])
    pedidos = page.get_by_role("region", name="Pedidos de consulta")
    await expect(pedidos).to_contain_text("2 pedidos aguardam sua resposta.")
    await acessibilidade(page)

    await (
        pedidos.get_by_role("listitem")
        .filter(has_text="Lívia Sampaio")
        .get_by_role("button", name="Aceitar")
        .click()
    )
    await expect(pedidos.get_by_role("status")).to_have_text(
        "Consulta com Lívia Sampaio confirmada."
    )
    await expect(pedidos).to_contain_text("1 pedido aguarda sua resposta.")

    await (
        pedidos.get_by_role("listitem")
        .filter(has_text="Rui Tavares")
        .get_by_role("button", name="Recusar")
        .click()
    )
    dialogo = page.get_by_role("dialog", name="Recusar pedido")
    await dialogo.get_by_role("button", name="Recusar pedido").click()
    await expect(dialogo).to_be_hidden()
    await expect(pedidos).to_contain_text("Nenhum pedido aguardando sua resposta.")
    await acessibilidade(page)

    r = await api_real.get("/consultas", headers=medico["headers"])
    status = {c["paciente"]["nome"]: c["status"] for c in r.json()["itens"]}
    assert status == {"Lívia Sampaio": "confirmada", "Rui Tavares": "recusada"}
