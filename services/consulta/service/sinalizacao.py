"""Signaling of the built-in WebRTC room: one participant's WebSocket session (:func:`sinalizar`).

The two browsers exchange their offers over a relay (:class:`~services.consulta.ports.Sinalizacao`):
through PostgreSQL by default (``adapters/sinalizacao_pg.py``: works across processes and
replicas), or in this process only (``adapters/reuniao_local.py``).

A signaling connection lives only as long as what admitted it: it is closed (with the close code
of the error, 4401, 4403 or 4409, and the message before it) as soon as the participant's session
ends (its revocation is heard, in any process, through
:class:`~services.consulta.ports.Sessoes`), the appointment stops being confirmed
(:func:`avisar_encerramento`, called by the agenda after the change, reaches every process
through the relay), or the room's window ends; a periodic check
(:attr:`Teleconsulta.reverificar_segundos`) covers a notice lost on the way.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Awaitable
from typing import Any

from libs import errors
from libs.tokens import Usuario
from services.consulta.domain import teleconsulta as regras
from services.consulta.domain.consulta import Consulta, Papel
from services.consulta.domain.pessoas import referencia_ao_medico
from services.consulta.ports import (
    Conexao,
    Sessoes,
    Sinalizacao,
)
from services.consulta.service.consultas import ver
from services.consulta.service.teleconsulta import (
    SalaJaConectada,
    Teleconsulta,
    admitir,
    registrar_entrada,
    registrar_saida,
)

_log = logging.getLogger("healthmed.consulta.sala")


# Signaling (built-in WebRTC room) ---------------------------------------------------------------

_REPASSADAS = {"oferta": "sdp", "resposta": "sdp", "ice": "candidato"}
# An SDP is a few kilobytes; anything much larger is not signaling and is not relayed.
MENSAGEM_MAXIMA = 64 * 1024


def _ler(texto: str) -> Any:
    if len(texto) > MENSAGEM_MAXIMA:
        return None
    try:
        return json.loads(texto)
    except ValueError:
        return None


_OUTRO: dict[Papel, Papel] = {"medico": "paciente", "paciente": "medico"}


def _aguardando(papel: Papel, consulta: Consulta) -> str:
    """What the one waiting alone in the room reads (the doctor as their title says)."""
    if papel == "medico":
        return "O paciente ainda não entrou na sala."
    medico = referencia_ao_medico(consulta.medico_nome)
    return (
        f"Aguarde: {medico.o} ainda não entrou na sala. "
        f"A consulta começa assim que {medico.ele} entrar."
    )


# The notice "this appointment changed: check it again", sent through the relay to the
# participants' connections, in whichever process holds them. It never reaches a browser (the
# connection's wrapper keeps it), and a browser cannot send it (only _REPASSADAS are relayed).
_VERIFICAR = "_verificar-consulta"


class _Vigiada:
    """A participant's connection as registered in the relay: it passes everything through,
    except the notice that the appointment changed, which wakes the watcher instead."""

    def __init__(self, conexao: Conexao) -> None:
        self._conexao = conexao
        self.mudou = asyncio.Event()

    async def send_json(self, data: Any, mode: str = "text") -> None:
        if isinstance(data, dict) and data.get("tipo") == _VERIFICAR:
            self.mudou.set()
            return
        await self._conexao.send_json(data, mode)

    async def receive_text(self) -> str:
        return await self._conexao.receive_text()


async def avisar_encerramento(tc: Teleconsulta, consulta_id: uuid.UUID) -> None:
    """The appointment stopped being confirmed: its participants' connections, in any process,
    check it again (and close). Never fails the change that called it: a lost notice is caught
    by the connections' periodic check."""
    if tc.sinalizacao is None:
        return
    for papel in _OUTRO:
        try:
            await tc.sinalizacao.enviar(consulta_id, papel, {"tipo": _VERIFICAR})
        except Exception as exc:
            _log.warning("falha ao avisar a sala do fim da consulta: %s", type(exc).__name__)


_SESSAO_ENCERRADA = "Sua sessão terminou: entre de novo para voltar à sala"


async def _ainda_pode(
    tc: Teleconsulta, sessoes: Sessoes, *, usuario: Usuario, consulta_id: uuid.UUID
) -> Consulta:
    """What admitted the connection still holds: the session lives (401), the caller is a
    participant (404) of a confirmed appointment (409) within its window (403)."""
    if not await sessoes.viva(usuario.sessao_id):
        raise errors.NaoAutenticado(_SESSAO_ENCERRADA)
    consulta = await ver(tc.agenda, usuario_id=usuario.id, consulta_id=consulta_id)
    regras.exigir_sala_aberta(consulta, tc.agenda.relogio())
    return consulta


async def _vigiar(
    tc: Teleconsulta,
    sessoes: Sessoes,
    conexao: _Vigiada,
    *,
    usuario: Usuario,
    consulta_id: uuid.UUID,
) -> errors.HealthMedError:
    """Wait until the connection must end, and answer why. Wakes at a notice of the
    appointment, a revocation of the session, the end of the window, or every
    ``reverificar_segundos``; then checks everything again. A check that fails for lack of an
    answer (auth or the database away: 5xx) does not end a consultation in progress."""
    while True:
        conexao.mudou.clear()
        try:
            consulta = await _ainda_pode(tc, sessoes, usuario=usuario, consulta_id=consulta_id)
            restante = (consulta.fim - tc.agenda.relogio()).total_seconds()
        except errors.HealthMedError as exc:
            if 400 <= exc.status < 500:
                return exc
            _log.warning("sala: verificação adiada: %s", type(exc).__name__)
            restante = tc.reverificar_segundos
        except Exception as exc:  # the database away: try again at the next round
            _log.warning("sala: verificação adiada: %s", type(exc).__name__)
            restante = tc.reverificar_segundos
        espera = max(0.0, min(tc.reverificar_segundos, restante))
        await _o_primeiro(
            [conexao.mudou.wait(), sessoes.aguardar_fim(usuario.sessao_id, espera)], espera
        )


async def _o_primeiro(esperas: list[Awaitable[Any]], limite: float) -> None:
    """Wait for the first of ``esperas`` to finish (or ``limite`` seconds); cancel the rest."""
    tarefas = [asyncio.ensure_future(e) for e in esperas]
    try:
        await asyncio.wait(tarefas, timeout=limite, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for tarefa in tarefas:
            tarefa.cancel()
        await asyncio.gather(*tarefas, return_exceptions=True)


async def _repassar(
    hub: Sinalizacao, conexao: Conexao, *, consulta_id: uuid.UUID, papel: Papel, espera: str
) -> None:
    """Relay what the participant sends, until their connection ends (``receive_text`` raises);
    while the other is away, say ``espera``."""
    outro = _OUTRO[papel]
    while True:
        mensagem = _ler(await conexao.receive_text())
        tipo = mensagem.get("tipo") if isinstance(mensagem, dict) else None
        if not isinstance(tipo, str) or tipo not in _REPASSADAS:
            await conexao.send_json(
                {"tipo": "erro", "mensagem": "Mensagem de sinalização desconhecida"}
            )
            continue
        chave = _REPASSADAS[tipo]
        repasse = {"tipo": tipo, "de": papel, chave: mensagem.get(chave)}
        if not await hub.enviar(consulta_id, outro, repasse):
            await conexao.send_json({"tipo": "aguardando", "mensagem": espera})


async def _ate_o_fim(
    tc: Teleconsulta,
    hub: Sinalizacao,
    sessoes: Sessoes,
    conexao: _Vigiada,
    *,
    usuario: Usuario,
    consulta_id: uuid.UUID,
    papel: Papel,
    espera: str,
) -> None:
    """Relay until the participant leaves (their exception propagates) or the watcher says the
    connection must end (its error is raised, for the caller to close with)."""
    repasse = asyncio.ensure_future(
        _repassar(hub, conexao, consulta_id=consulta_id, papel=papel, espera=espera)
    )
    vigia = asyncio.ensure_future(
        _vigiar(tc, sessoes, conexao, usuario=usuario, consulta_id=consulta_id)
    )
    try:
        await asyncio.wait([repasse, vigia], return_when=asyncio.FIRST_COMPLETED)
    finally:
        repasse.cancel()
        vigia.cancel()
        await asyncio.gather(repasse, vigia, return_exceptions=True)
    if not repasse.cancelled():
        repasse.result()  # the participant left: their exception goes on
    if not vigia.cancelled():
        raise vigia.result()


async def sinalizar(
    tc: Teleconsulta,
    conexao: Conexao,
    *,
    usuario: Usuario,
    sessoes: Sessoes,
    consulta_id: uuid.UUID,
) -> None:
    """One participant's signaling session, until their connection ends (the caller's
    ``receive_text`` raises) or must end (a :class:`errors.HealthMedError` is raised: the
    session ended, 401; the appointment is no longer confirmed, 409; the window ended, 403).
    Relays SDP offers/answers and ICE candidates to the other participant; the one already in
    the room is told to start (send the offer) when the other arrives; a patient who arrives
    first is told to wait for the doctor. Every stay is recorded, and leaving frees the
    participant's place at once.
    """
    if tc.sinalizacao is None:
        raise errors.NaoEncontrado("Esta instalação não usa a sala de vídeo própria")
    hub = tc.sinalizacao
    consulta, papel = await admitir(tc, usuario_id=usuario.id, consulta_id=consulta_id)
    espera = _aguardando(papel, consulta)
    outro = _OUTRO[papel]
    vigiada = _Vigiada(conexao)
    outros = await hub.entrar(consulta_id, papel, vigiada)
    if outros is None:
        raise SalaJaConectada()
    try:
        presenca_id = await registrar_entrada(tc, consulta_id, usuario.id, papel)
        try:
            presente = outro in outros
            await conexao.send_json(
                {
                    "tipo": "bem-vindo",
                    "papel": papel,
                    "outro_presente": presente,
                    "ice_servers": tc.ice_servers,
                }
            )
            if presente:
                # The one who was waiting starts the negotiation (sends the offer).
                await hub.enviar(
                    consulta_id,
                    outro,
                    {"tipo": "participante-entrou", "papel": papel, "iniciar": True},
                )
            else:
                await conexao.send_json({"tipo": "aguardando", "mensagem": espera})
            await _ate_o_fim(
                tc,
                hub,
                sessoes,
                vigiada,
                usuario=usuario,
                consulta_id=consulta_id,
                papel=papel,
                espera=espera,
            )
        finally:
            await registrar_saida(tc, presenca_id)
    finally:
        await hub.sair(consulta_id, papel, vigiada)
        await hub.enviar(consulta_id, outro, {"tipo": "participante-saiu", "papel": papel})
