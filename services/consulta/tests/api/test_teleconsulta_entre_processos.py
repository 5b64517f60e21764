"""The built-in room across processes: two copies of the product (two gateways, each with its
own consulta app, its own pool and its own LISTEN connection, as two workers or two replicas
would have) over the same database. The doctor connects through one, the patient through the
other: they still meet, exchange an offer (larger than a NOTIFY may carry), an answer and ICE
candidates; a third connection is refused by either copy; and a participant whose copy stops
stops counting once its heartbeat is older than the timeout."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from gateway.app import Gateway, GatewaySettings
from gateway.services import build_apps
from libs.testing.websocket import Fechada, SessaoWebSocket, conectar
from services.consulta.tests.api.conftest import linhas
from services.consulta.tests.api.test_teleconsulta_sinalizacao import (
    CANDIDATO,
    RESPOSTA,
    _autenticar,
    _caminho,
    _pronta,
)

# Short rhythm so that the test waits about two seconds, not fifteen.
BATIDA, VALIDADE = 0.2, 1.5
# An SDP offer of real size (video and audio with many codecs and candidates) is often above
# the 8000 bytes a NOTIFY may carry.
OFERTA_GRANDE = {"type": "offer", "sdp": "v=0\r\n" + "a=rtpmap:96 VP8/90000\r\n" * 600}


@contextlib.asynccontextmanager
async def _copia(stack_settings: dict[str, Any]) -> AsyncIterator[Gateway]:
    """Another copy of the whole product over the test database, started and then stopped."""
    settings = {
        **stack_settings,
        "sinalizacao_batida_segundos": BATIDA,
        "sinalizacao_validade_segundos": VALIDADE,
    }
    gw = Gateway(GatewaySettings(**settings), build_apps(settings))
    async with gw.lifespan():
        yield gw


async def _proxima(ws: SessaoWebSocket, tipo: str) -> dict[str, Any]:
    """The next message of a type (skipping the waiting-room notices)."""
    while True:
        mensagem: dict[str, Any] = await ws.receber_json()
        if mensagem["tipo"] == tipo:
            return mensagem


async def _fechar_sem_erro(ws: SessaoWebSocket) -> None:
    with contextlib.suppress(Exception):
        await ws.fechar()


async def _recusada(gw: Gateway, consulta_id: str, quem: dict[str, Any]) -> None:
    async with conectar(gw, _caminho(consulta_id)) as ws:
        erro = await _autenticar(ws, quem)
        assert erro["tipo"] == "erro" and erro["status"] == 403
        assert "já está nesta sala" in erro["mensagem"]
        assert (await ws.esperar_fechamento()).codigo == 4403


async def test_medico_e_paciente_em_copias_diferentes_se_encontram_e_a_terceira_e_recusada(
    api, stack_settings
):
    medico, paciente, consulta = await _pronta(api)
    cid = consulta["id"]
    async with (
        contextlib.AsyncExitStack() as fim,
        _copia(stack_settings) as copia_a,
        contextlib.AsyncExitStack() as pilha_b,
    ):
        copia_b = await pilha_b.enter_async_context(_copia(stack_settings))
        # Closed only at the very end, after copy B stopped: like the browser of a patient whose
        # server process was killed, it never said goodbye.
        ws_paciente = SessaoWebSocket(copia_b, _caminho(cid))
        await ws_paciente.abrir()
        fim.push_async_callback(_fechar_sem_erro, ws_paciente)
        boas_vindas = await _autenticar(ws_paciente, paciente)
        assert boas_vindas["papel"] == "paciente" and boas_vindas["outro_presente"] is False
        assert "a médica ainda não entrou" in (await ws_paciente.receber_json())["mensagem"]

        async with conectar(copia_a, _caminho(cid)) as ws_medico:
            boas_vindas = await _autenticar(ws_medico, medico)
            assert boas_vindas["papel"] == "medico" and boas_vindas["outro_presente"] is True
            # The waiting-room rule across copies: the patient learns the doctor arrived.
            assert await ws_paciente.receber_json() == {
                "tipo": "participante-entrou",
                "papel": "medico",
                "iniciar": True,
            }

            await ws_paciente.enviar_json({"tipo": "oferta", "sdp": OFERTA_GRANDE})
            assert await ws_medico.receber_json() == {
                "tipo": "oferta",
                "de": "paciente",
                "sdp": OFERTA_GRANDE,
            }
            await ws_medico.enviar_json({"tipo": "resposta", "sdp": RESPOSTA})
            assert await ws_paciente.receber_json() == {
                "tipo": "resposta",
                "de": "medico",
                "sdp": RESPOSTA,
            }
            # Several candidates in a row arrive, in order, on the other copy.
            for i in range(3):
                await ws_medico.enviar_json({"tipo": "ice", "candidato": {**CANDIDATO, "n": i}})
            for i in range(3):
                recebida = await ws_paciente.receber_json()
                assert recebida == {
                    "tipo": "ice",
                    "de": "medico",
                    "candidato": {**CANDIDATO, "n": i},
                }
            await ws_paciente.enviar_json({"tipo": "ice", "candidato": CANDIDATO})
            assert (await ws_medico.receber_json())["candidato"] == CANDIDATO

            # A third connection is refused whichever copy it reaches.
            for copia in (copia_a, copia_b):
                for quem in (medico, paciente):
                    await _recusada(copia, cid, quem)
            # The heartbeat keeps the two counted well past the timeout.
            await asyncio.sleep(VALIDADE + 4 * BATIDA)
            await _recusada(copia_a, cid, paciente)
            await ws_medico.enviar_json({"tipo": "ice", "candidato": CANDIDATO})
            assert (await _proxima(ws_paciente, "ice"))["candidato"] == CANDIDATO

            # Copy B stops (its lifespan ends) with the patient's WebSocket still open, as a
            # process that dies: its row stays, and stops counting after the timeout.
            await pilha_b.aclose()
            conexoes = await linhas(
                copia_a, "select papel from conexoes_sala where consulta_id = :c", c=cid
            )
            assert {c["papel"] for c in conexoes} == {"medico", "paciente"}
            prazo = asyncio.get_running_loop().time() + VALIDADE + 10
            while True:
                try:
                    async with conectar(copia_a, _caminho(cid)) as ws_novo:
                        resposta = await _autenticar(ws_novo, paciente)
                        if resposta["tipo"] == "bem-vindo":
                            assert resposta["outro_presente"] is True
                            chegou = await _proxima(ws_medico, "participante-entrou")
                            assert chegou["papel"] == "paciente"
                            break
                        assert resposta["status"] == 403
                except Fechada:
                    pass
                assert asyncio.get_running_loop().time() < prazo, "a conexão parada ainda conta"
                await asyncio.sleep(BATIDA)


async def test_chegando_juntos_em_copias_diferentes_so_um_ve_o_outro_e_inicia(api, stack_settings):
    medico, paciente, consulta = await _pronta(api)
    cid = consulta["id"]
    async with _copia(stack_settings) as copia_a, _copia(stack_settings) as copia_b:
        ws_medico = SessaoWebSocket(copia_a, _caminho(cid))
        ws_paciente = SessaoWebSocket(copia_b, _caminho(cid))
        try:
            await asyncio.gather(ws_medico.abrir(), ws_paciente.abrir())
            bv_medico, bv_paciente = await asyncio.gather(
                _autenticar(ws_medico, medico), _autenticar(ws_paciente, paciente)
            )
            # Admissions to a room are serialised: exactly one arrived second and saw the
            # other, so exactly one side (the first) is told to start the negotiation.
            assert {bv_medico["outro_presente"], bv_paciente["outro_presente"]} == {True, False}
            primeiro = ws_paciente if bv_medico["outro_presente"] else ws_medico
            chegou = await _proxima(primeiro, "participante-entrou")
            assert chegou["iniciar"] is True
        finally:
            await _fechar_sem_erro(ws_medico)
            await _fechar_sem_erro(ws_paciente)


async def test_cancelar_em_outra_copia_fecha_as_conexoes_das_duas_copias(api, stack_settings):
    """Issue 15 §1 across processes: the doctor on copy A, the patient on copy B, the
    cancellation through a third copy (the test's own gateway): the notice travels through
    the relay (PostgreSQL) and both connections close with 4409."""
    medico, paciente, consulta = await _pronta(api)
    cid = consulta["id"]
    async with (
        _copia(stack_settings) as copia_a,
        _copia(stack_settings) as copia_b,
        conectar(copia_a, _caminho(cid)) as ws_medico,
        conectar(copia_b, _caminho(cid)) as ws_paciente,
    ):
        assert (await _autenticar(ws_medico, medico))["tipo"] == "bem-vindo"
        assert (await _autenticar(ws_paciente, paciente))["tipo"] == "bem-vindo"
        await _proxima(ws_medico, "participante-entrou")

        r = await api.request(
            "DELETE",
            f"/consultas/{cid}",
            json={"justificativa": "Precisei remarcar minha agenda"},
            headers=medico["headers"],
        )
        assert r.status_code == 200, r.text

        for ws in (ws_medico, ws_paciente):
            erro = await _proxima(ws, "erro")
            assert erro["status"] == 409
            assert (await ws.esperar_fechamento(30)).codigo == 4409
