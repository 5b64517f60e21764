"""Issue 15 §1: an open signaling connection lives only as long as what admitted it. Through
the gateway's real WebSocket route: a logout closes the participant's connection (4401), a
cancellation closes both (4409), the end of the window closes it (4403), and a closed
connection frees its place at once, so the real participant gets in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from libs.testing.contas import auth_headers
from libs.testing.websocket import SessaoWebSocket, conectar
from services.consulta.tests.api.conftest import cancelar, instante, voltar_no_tempo
from services.consulta.tests.api.test_teleconsulta_sinalizacao import (
    CANDIDATO,
    _autenticar,
    _caminho,
    _pronta,
)


async def _ate(ws: SessaoWebSocket, tipo: str) -> dict[str, Any]:
    """The next message of a type (skipping the waiting-room notices)."""
    while True:
        mensagem: dict[str, Any] = await ws.receber_json()
        if mensagem["tipo"] == tipo:
            return mensagem


async def _fechada_com(ws: SessaoWebSocket, status: int, espera: float = 30) -> dict[str, Any]:
    """The error the server sent before closing, after checking the close code mirrors it."""
    erro = await _ate(ws, "erro")
    assert erro["status"] == status, erro
    assert (await ws.esperar_fechamento(espera)).codigo == 4000 + status
    return erro


async def _nova_sessao(api, quem: dict[str, Any]) -> dict[str, Any]:
    """Another login of the same person (another device): its own session."""
    r = await api.post("/auth/login", json={"email": quem["email"], "senha": quem["senha"]})
    assert r.status_code == 200, r.text
    return {**quem, "access_token": r.json()["access_token"]}


async def test_logout_fecha_a_conexao_e_libera_o_lugar_para_o_participante(api, gateway):
    medico, paciente, consulta = await _pronta(api)
    cid = consulta["id"]
    # Whoever holds this session (a stolen token, a forgotten tab) is in the room.
    roubada = await _nova_sessao(api, paciente)
    async with conectar(gateway, _caminho(cid)) as ws_medico:
        assert (await _autenticar(ws_medico, medico))["tipo"] == "bem-vindo"
        async with conectar(gateway, _caminho(cid)) as ws_intruso:
            assert (await _autenticar(ws_intruso, roubada))["tipo"] == "bem-vindo"
            await _ate(ws_medico, "participante-entrou")

            r = await api.post("/auth/logout", headers=auth_headers(roubada["access_token"]))
            assert r.status_code == 204

            erro = await _fechada_com(ws_intruso, 401)
            assert "sessão terminou" in erro["mensagem"]
            assert await _ate(ws_medico, "participante-saiu") == {
                "tipo": "participante-saiu",
                "papel": "paciente",
            }

        # The place is free: the real patient (another session) gets in and talks.
        async with conectar(gateway, _caminho(cid)) as ws_paciente:
            assert (await _autenticar(ws_paciente, paciente))["tipo"] == "bem-vindo"
            await ws_medico.enviar_json({"tipo": "ice", "candidato": CANDIDATO})
            assert (await _ate(ws_paciente, "ice"))["candidato"] == CANDIDATO


async def test_cancelar_a_consulta_fecha_as_duas_conexoes(api, gateway):
    medico, paciente, consulta = await _pronta(api)
    cid = consulta["id"]
    async with (
        conectar(gateway, _caminho(cid)) as ws_medico,
        conectar(gateway, _caminho(cid)) as ws_paciente,
    ):
        assert (await _autenticar(ws_medico, medico))["tipo"] == "bem-vindo"
        assert (await _autenticar(ws_paciente, paciente))["tipo"] == "bem-vindo"

        assert (await cancelar(api, medico, cid)).status_code == 200

        for ws in (ws_medico, ws_paciente):
            erro = await _fechada_com(ws, 409)
            assert "confirmada" in erro["mensagem"]
    # Nobody is left in the room, and a new connection is refused the same way.
    async with conectar(gateway, _caminho(cid)) as ws:
        assert (await _autenticar(ws, paciente))["status"] == 409
        assert (await ws.esperar_fechamento()).codigo == 4409


async def test_fim_da_janela_fecha_a_conexao(api, gateway):
    medico, _, consulta = await _pronta(api)
    cid = consulta["id"]
    # The appointment ends a few seconds from now (as if most of it had passed).
    fim = instante(consulta["fim"])
    await voltar_no_tempo(gateway, cid, fim - (datetime.now(UTC) + timedelta(seconds=4)))
    async with conectar(gateway, _caminho(cid)) as ws_medico:
        assert (await _autenticar(ws_medico, medico))["tipo"] == "bem-vindo"
        erro = await _fechada_com(ws_medico, 403, espera=60)
        assert "já terminou" in erro["mensagem"]


async def test_medico_encerra_a_consulta_a_sala_fecha_e_ela_ja_e_realizada(api, gateway):
    medico, paciente, consulta = await _pronta(api)
    cid = consulta["id"]
    url = f"/medico/consultas/{cid}/encerrar"
    # Only a doctor who is in the room ends it.
    r = await api.post(url, headers=medico["headers"])
    assert r.status_code == 409 and "Entre na sala" in r.json()["detail"]
    for quem in (medico, paciente):
        r = await api.get(f"/consultas/{cid}/sala", headers=quem["headers"])
        assert r.status_code == 200, r.text
    async with (
        conectar(gateway, _caminho(cid)) as ws_medico,
        conectar(gateway, _caminho(cid)) as ws_paciente,
    ):
        assert (await _autenticar(ws_medico, medico))["tipo"] == "bem-vindo"
        assert (await _autenticar(ws_paciente, paciente))["tipo"] == "bem-vindo"
        assert (await api.post(url, headers=paciente["headers"])).status_code == 403

        r = await api.post(url, headers=medico["headers"])

        assert r.status_code == 200 and r.json()["status"] == "realizada", r.text
        for ws in (ws_medico, ws_paciente):
            erro = await _fechada_com(ws, 403)
            assert "encerrou a consulta" in erro["mensagem"]
    # It counts as done at once: the patient rates it; nobody enters again; once only.
    r = await api.post(f"/consultas/{cid}/avaliacao", json={"nota": 5}, headers=paciente["headers"])
    assert r.status_code == 201, r.text
    r = await api.get(f"/consultas/{cid}/sala", headers=paciente["headers"])
    assert r.status_code == 403 and "encerrou a consulta" in r.json()["detail"]
    assert (await api.post(url, headers=medico["headers"])).status_code == 409
