"""The agenda's own copy of who people are (issue 14): a booking asks no other service; the
owners' profile events keep the copy current (a newer version only); a closed account cannot
book, even with a token still valid."""

from __future__ import annotations

from typing import Any

import pytest

from services.consulta.adapters.servicos import ServicosHttp
from services.consulta.tests.api.conftest import (
    cliente_interno,
    daqui,
    registrar_medico,
    registrar_paciente,
    reservar,
    sql,
    um_horario,
)


async def _drenar_perfis(gateway: Any) -> None:
    """Deliver the medico and paciente services' profile events now (not sleeping)."""
    await gateway.apps["medico"].state.publicador.drenar()
    await gateway.apps["paciente"].state.publicador.drenar()


async def test_reserva_nao_pergunta_ao_medico_nem_ao_paciente_quem_sao(api, gateway, monkeypatch):
    medico = await registrar_medico(api, nome="Dra. Copia Local")
    paciente = await registrar_paciente(api)
    await _drenar_perfis(gateway)

    async def proibido(*_: Any) -> None:
        raise AssertionError("a reserva perguntou a outro serviço")

    monkeypatch.setattr(ServicosHttp, "medico", proibido)
    monkeypatch.setattr(ServicosHttp, "paciente", proibido)
    r = await reservar(api, paciente, (await um_horario(api, medico))["id"])
    assert r.status_code == 201, r.text
    assert r.json()["medico"]["nome"] == "Dra. Copia Local"


async def test_quem_a_agenda_ainda_nao_conhece_e_perguntado_uma_vez(api, gateway, monkeypatch):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    # Copies lost (as for people registered before the copies existed): asked once, kept.
    await _drenar_perfis(gateway)
    await sql(gateway, "delete from copias_medicos where id = :id", id=medico["id"])
    await sql(gateway, "delete from copias_pacientes where id = :id", id=paciente["id"])
    perguntas: list[str] = []
    original_medico, original_paciente = ServicosHttp.medico, ServicosHttp.paciente

    async def medico_contado(self: ServicosHttp, medico_id: Any) -> Any:
        perguntas.append("medico")
        return await original_medico(self, medico_id)

    async def paciente_contado(self: ServicosHttp, paciente_id: Any) -> Any:
        perguntas.append("paciente")
        return await original_paciente(self, paciente_id)

    monkeypatch.setattr(ServicosHttp, "medico", medico_contado)
    monkeypatch.setattr(ServicosHttp, "paciente", paciente_contado)
    for dias in (2, 3, 4):
        r = await reservar(api, paciente, (await um_horario(api, medico, daqui(dias=dias)))["id"])
        assert r.status_code == 201, r.text
    assert sorted(perguntas) == ["medico", "paciente"]


async def test_antecedencia_alterada_pelo_medico_vale_na_reserva_seguinte(api, gateway):
    medico = await registrar_medico(api, antecedencia_minima_minutos=0)
    paciente = await registrar_paciente(api)
    assert (await reservar(api, paciente, (await um_horario(api, medico))["id"])).status_code == 201
    r = await api.put(
        f"/medicos/{medico['id']}",
        json={"antecedencia_minima_minutos": 180, "nome": "Dra. Nova Antecedencia"},
        headers=medico["headers"],
    )
    assert r.status_code == 200, r.text
    await gateway.apps["medico"].state.publicador.drenar()  # delivered, if not already

    perto = await um_horario(api, medico, daqui(horas=2))
    r = await reservar(api, paciente, perto["id"])
    assert r.status_code == 422, r.text
    assert "180 minutos" in r.json()["detail"]
    longe = await um_horario(api, medico, daqui(horas=4))
    r = await reservar(api, paciente, longe["id"])
    assert r.status_code == 201, r.text
    assert r.json()["medico"]["nome"] == "Dra. Nova Antecedencia"


async def test_nome_alterado_pelo_paciente_chega_a_copia(api, gateway):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    r = await api.put(
        f"/paciente/{paciente['id']}", json={"nome": "Joana Renomeada"}, headers=paciente["headers"]
    )
    assert r.status_code == 200, r.text
    await gateway.apps["paciente"].state.publicador.drenar()  # delivered, if not already
    r = await reservar(api, paciente, (await um_horario(api, medico))["id"])
    assert r.status_code == 201, r.text
    consulta = (await api.get(f"/consultas/{r.json()['id']}", headers=medico["headers"])).json()
    assert consulta["paciente"]["nome"] == "Joana Renomeada"


async def test_evento_mais_antigo_nao_substitui_a_copia(api, gateway):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    await _drenar_perfis(gateway)
    perfil = {"crm": medico["crm"], "uf": "SP", "fuso_horario": "America/Sao_Paulo"}
    async with cliente_interno(gateway) as interno:
        for versao, nome in ((10**9, "Dra. Mais Nova"), (10**9 - 1, "Dra. Mais Velha")):
            r = await interno.put(
                f"/internal/copias/medicos/{medico['id']}",
                json={**perfil, "versao": versao, "nome": nome, "antecedencia_minima_minutos": 0},
            )
            assert r.status_code == 204, r.text
        assert (
            await interno.put(f"/internal/copias/medicos/{medico['id']}", json={})
        ).status_code == 422
    r = await reservar(api, paciente, (await um_horario(api, medico))["id"])
    assert r.status_code == 201, r.text
    assert r.json()["medico"]["nome"] == "Dra. Mais Nova"


@pytest.mark.parametrize("conhecido", [True, False])
async def test_conta_encerrada_nao_reserva_mesmo_com_token_valido(api, gateway, conhecido):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    if conhecido:  # the agenda had a copy of the patient, or not yet
        await _drenar_perfis(gateway)
    async with cliente_interno(gateway) as interno:
        r = await interno.post(f"/internal/pacientes/{paciente['id']}/encerramento")
        assert r.status_code == 200, r.text
        # A late event of the profile before closing does not reopen it.
        r = await interno.put(
            f"/internal/copias/pacientes/{paciente['id']}",
            json={"versao": 10**9, "nome": "Antes de Encerrar", "email": "a@b.com.br"},
        )
        assert r.status_code == 204, r.text
    r = await reservar(api, paciente, (await um_horario(api, medico))["id"])
    assert r.status_code == 403, r.text
    assert "encerrada" in r.json()["detail"]
