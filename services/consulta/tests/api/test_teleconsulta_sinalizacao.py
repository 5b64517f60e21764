"""The built-in WebRTC room's signaling, through the gateway's WebSocket route: two participants
exchange an offer, an answer and ICE candidates; nobody else gets in; every stay is recorded."""

from __future__ import annotations

import asyncio

import pytest

from libs.testing.websocket import Fechada, conectar
from services.consulta.tests.api.conftest import registrar_paciente
from services.consulta.tests.api.test_teleconsulta import consentir, consulta_confirmada

OFERTA = {"type": "offer", "sdp": "v=0\r\no=- 4611 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"}
RESPOSTA = {"type": "answer", "sdp": "v=0\r\no=- 7214 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"}
CANDIDATO = {
    "candidate": "candidate:1 1 udp 2122260223 192.168.0.10 54321 typ host",
    "sdpMid": "0",
    "sdpMLineIndex": 0,
}


def _caminho(consulta_id: str) -> str:
    return f"/api/consultas/{consulta_id}/sala/sinalizacao"


async def _pronta(api):
    medico, paciente, consulta = await consulta_confirmada(api)
    assert (await consentir(api, paciente, consulta["id"])).status_code == 201
    return medico, paciente, consulta


async def _autenticar(ws, quem):
    await ws.enviar_json({"tipo": "autenticar", "token": quem["access_token"]})
    return await ws.receber_json()


async def test_paciente_espera_o_medico_e_os_dois_trocam_oferta_resposta_e_ice(api, gateway):
    medico, paciente, consulta = await _pronta(api)
    async with conectar(gateway, _caminho(consulta["id"])) as ws_paciente:
        boas_vindas = await _autenticar(ws_paciente, paciente)
        assert boas_vindas["tipo"] == "bem-vindo" and boas_vindas["papel"] == "paciente"
        assert boas_vindas["outro_presente"] is False
        assert boas_vindas["ice_servers"] == []
        espera = await ws_paciente.receber_json()
        assert espera["tipo"] == "aguardando"
        # The doctor chose "Dra.": the message says so ("a médica ... quando ela entrar").
        assert "a médica ainda não entrou" in espera["mensagem"]
        assert "assim que ela entrar" in espera["mensagem"]

        async with conectar(gateway, _caminho(consulta["id"])) as ws_medico:
            boas_vindas = await _autenticar(ws_medico, medico)
            assert boas_vindas == {
                "tipo": "bem-vindo",
                "papel": "medico",
                "outro_presente": True,
                "ice_servers": [],
            }
            # The patient, who was waiting, starts the negotiation.
            chegou = await ws_paciente.receber_json()
            assert chegou == {"tipo": "participante-entrou", "papel": "medico", "iniciar": True}

            await ws_paciente.enviar_json({"tipo": "oferta", "sdp": OFERTA})
            assert await ws_medico.receber_json() == {
                "tipo": "oferta",
                "de": "paciente",
                "sdp": OFERTA,
            }
            await ws_medico.enviar_json({"tipo": "resposta", "sdp": RESPOSTA})
            assert await ws_paciente.receber_json() == {
                "tipo": "resposta",
                "de": "medico",
                "sdp": RESPOSTA,
            }
            await ws_medico.enviar_json({"tipo": "ice", "candidato": CANDIDATO})
            assert await ws_paciente.receber_json() == {
                "tipo": "ice",
                "de": "medico",
                "candidato": CANDIDATO,
            }
            await ws_paciente.enviar_json({"tipo": "ice", "candidato": CANDIDATO})
            assert (await ws_medico.receber_json())["candidato"] == CANDIDATO

            # Anything else is answered with an error and relayed to nobody.
            await ws_medico.enviar_json({"tipo": "qualquer-coisa"})
            await ws_medico.enviar_texto("isto não é JSON")
            await ws_medico.enviar_json({"tipo": "oferta", "sdp": "x" * 70_000})
            for _ in range(3):
                erro = await ws_medico.receber_json()
                assert erro == {"tipo": "erro", "mensagem": "Mensagem de sinalização desconhecida"}
            await ws_medico.enviar_json({"tipo": "ice", "candidato": CANDIDATO})
            assert (await ws_paciente.receber_json())["tipo"] == "ice"

        saiu = await ws_paciente.receber_json()
        assert saiu == {"tipo": "participante-saiu", "papel": "medico"}


async def test_terceira_conexao_e_recusada(api, gateway):
    medico, paciente, consulta = await _pronta(api)
    async with conectar(gateway, _caminho(consulta["id"])) as primeira:
        assert (await _autenticar(primeira, medico))["tipo"] == "bem-vindo"
        async with conectar(gateway, _caminho(consulta["id"])) as segunda:
            assert (await _autenticar(segunda, paciente))["tipo"] == "bem-vindo"
            for quem in (medico, paciente):
                async with conectar(gateway, _caminho(consulta["id"])) as terceira:
                    erro = await _autenticar(terceira, quem)
                    assert erro["tipo"] == "erro" and erro["status"] == 403
                    assert "já está nesta sala" in erro["mensagem"]
                    fechada = await terceira.esperar_fechamento()
                    assert fechada.codigo == 4403
            # The two inside are still talking.
            await primeira.enviar_json({"tipo": "oferta", "sdp": OFERTA})
            mensagem = await segunda.receber_json()
            while mensagem["tipo"] != "oferta":
                mensagem = await segunda.receber_json()
            assert mensagem["sdp"] == OFERTA


async def test_estranho_e_recusado_na_sinalizacao(api, gateway):
    _, _, consulta = await _pronta(api)
    estranho = await registrar_paciente(api)
    async with conectar(gateway, _caminho(consulta["id"])) as ws:
        erro = await _autenticar(ws, estranho)
        assert erro["tipo"] == "erro"
        assert (await ws.esperar_fechamento()).codigo == 4403


async def test_sinalizacao_exige_token_valido_na_primeira_mensagem(api, gateway):
    _, _, consulta = await _pronta(api)
    async with conectar(gateway, _caminho(consulta["id"])) as ws:
        await ws.enviar_json({"tipo": "autenticar", "token": "nao-e-um-jwt"})
        erro = await ws.receber_json()
        assert erro["status"] == 401
        assert (await ws.esperar_fechamento()).codigo == 4401
    async with conectar(gateway, _caminho(consulta["id"])) as ws:
        await ws.enviar_json({"tipo": "oferta", "sdp": OFERTA})
        assert (await ws.esperar_fechamento()).codigo == 4401


async def test_paciente_sem_consentimento_nao_entra_na_sinalizacao(api, gateway):
    _, paciente, consulta = await consulta_confirmada(api)
    async with conectar(gateway, _caminho(consulta["id"])) as ws:
        erro = await _autenticar(ws, paciente)
        assert erro["status"] == 428
        assert (await ws.esperar_fechamento()).codigo == 4428


async def test_entradas_e_saidas_ficam_registradas_na_consulta(api, gateway):
    medico, paciente, consulta = await _pronta(api)
    cid = consulta["id"]
    async with conectar(gateway, _caminho(cid)) as ws_medico:
        await _autenticar(ws_medico, medico)
        async with conectar(gateway, _caminho(cid)) as ws_paciente:
            await _autenticar(ws_paciente, paciente)
            r = await api.get(f"/consultas/{cid}/presencas", headers=paciente["headers"])
            assert r.status_code == 200, r.text
            presencas = r.json()["presencas"]
            assert [(p["papel"], p["saiu_em"]) for p in presencas] == [
                ("medico", None),
                ("paciente", None),
            ]
            assert presencas[0]["usuario_id"] == medico["id"]
            assert presencas[1]["usuario_id"] == paciente["id"]
    # Both left: each stay has its end, after its start.
    for _ in range(50):
        presencas = (
            await api.get(f"/consultas/{cid}/presencas", headers=medico["headers"])
        ).json()["presencas"]
        if all(p["saiu_em"] for p in presencas):
            break
        await asyncio.sleep(0.05)
    assert len(presencas) == 2
    assert all(p["saiu_em"] >= p["entrou_em"] for p in presencas)


async def test_rota_de_sinalizacao_passa_pelo_gateway_so_como_websocket(api, gateway):
    _, _, consulta = await _pronta(api)
    r = await api.get(f"/consultas/{consulta['id']}/sala/sinalizacao")
    assert r.status_code in (404, 405)
    with pytest.raises(Fechada) as recusa:
        async with conectar(gateway, "/api/consultas/x/sala/desconhecida"):
            pass
    assert recusa.value.codigo == 1008
