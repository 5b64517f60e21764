"""HTTP and WebSocket of teleconsultation: parse, call one use case, answer."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, WebSocket, WebSocketDisconnect, status

from libs import errors
from libs.auth import CurrentUser
from libs.tokens import TokenVerifier
from services.consulta import ports
from services.consulta.schemas import teleconsulta as schemas
from services.consulta.service import sinalizacao as sinalizacao_service
from services.consulta.service import teleconsulta

router = APIRouter(tags=["teleconsulta"])
_log = logging.getLogger("healthmed.consulta.sala")

_ERROS: dict[int | str, dict[str, Any]] = {
    403: {"description": "Fora da janela (de 15 minutos antes do início até o fim)"},
    404: {"description": "Não é participante da consulta"},
    409: {"description": "A consulta não está confirmada"},
}
# How long a new signaling connection may take to authenticate (its first message).
_PRAZO_AUTENTICACAO = 10.0


def _tc(request: Request) -> teleconsulta.Teleconsulta:
    tc: teleconsulta.Teleconsulta = request.app.state.teleconsulta
    return tc


Tc = Annotated[teleconsulta.Teleconsulta, Depends(_tc)]


@router.post(
    "/consultas/{consulta_id}/link",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.LinkSalaOut,
    responses={200: {"description": "O link já existia", "model": schemas.LinkSalaOut}, **_ERROS},
)
async def criar_link(
    consulta_id: uuid.UUID, usuario: CurrentUser, tc: Tc, response: Response
) -> Any:
    """The meeting link of a confirmed appointment: 201 the first time, then the same with 200."""
    link = await teleconsulta.link(tc, usuario_id=usuario.id, consulta_id=consulta_id)
    if not link.criado:
        response.status_code = status.HTTP_200_OK
    return schemas.LinkSalaOut.from_domain(link.sala, link.fuso)


@router.get(
    "/consultas/{consulta_id}/sala",
    response_model=schemas.SalaOut,
    response_model_exclude_none=True,
    responses={**_ERROS, 428: {"description": "O paciente ainda não deu o consentimento"}},
)
async def entrar_na_sala(consulta_id: uuid.UUID, usuario: CurrentUser, tc: Tc) -> Any:
    """The caller's credentials to join the room, from 15 minutes before the start until the
    end; the patient must have accepted the teleconsultation terms (428 until then)."""
    entrada = await teleconsulta.entrar(tc, usuario_id=usuario.id, consulta_id=consulta_id)
    link = schemas.LinkSalaOut.from_domain(entrada.sala, entrada.fuso)
    return schemas.SalaOut(
        provedor=entrada.sala.provedor,
        consulta_id=entrada.sala.consulta_id,
        papel=entrada.papel,
        url=link.url,
        expira_em=link.expira_em,
        **entrada.dados,
    )


@router.get(
    "/consultas/{consulta_id}/consentimento",
    response_model=schemas.SituacaoConsentimentoOut,
    responses={404: _ERROS[404]},
)
async def ver_consentimento(consulta_id: uuid.UUID, usuario: CurrentUser, tc: Tc) -> Any:
    """The teleconsultation terms (CFM Resolution 2.314/2022) and whether the appointment's
    patient accepted their current version."""
    situacao = await teleconsulta.situacao_consentimento(
        tc, usuario_id=usuario.id, consulta_id=consulta_id
    )
    return schemas.SituacaoConsentimentoOut(
        necessario=situacao.necessario,
        versao=situacao.versao,
        texto=situacao.texto,
        aceito_em=situacao.consentimento.aceito_em if situacao.consentimento else None,
    )


@router.post(
    "/consultas/{consulta_id}/consentimento",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.ConsentimentoOut,
    responses={
        200: {"description": "Já aceito antes", "model": schemas.ConsentimentoOut},
        403: {"description": "Só o paciente consente"},
        404: _ERROS[404],
    },
)
async def consentir(
    consulta_id: uuid.UUID,
    body: schemas.ConsentimentoIn,
    usuario: CurrentUser,
    tc: Tc,
    response: Response,
) -> Any:
    """The patient accepts the teleconsultation terms (stored with who, when and the version;
    once per version: 201 the first time, then 200)."""
    dado, novo = await teleconsulta.consentir(
        tc, usuario_id=usuario.id, consulta_id=consulta_id, versao=body.versao
    )
    if not novo:
        response.status_code = status.HTTP_200_OK
    return schemas.ConsentimentoOut.from_domain(dado)


@router.get(
    "/consultas/{consulta_id}/presencas",
    response_model=schemas.PresencasOut,
    responses={404: _ERROS[404]},
)
async def presencas(consulta_id: uuid.UUID, usuario: CurrentUser, tc: Tc) -> Any:
    """When each participant joined and left the room."""
    lidas, fuso = await teleconsulta.presencas(tc, usuario_id=usuario.id, consulta_id=consulta_id)
    return {"presencas": [schemas.PresencaOut.from_domain(p, fuso) for p in lidas]}


def _codigo_de_fechamento(exc: errors.HealthMedError) -> int:
    """WebSocket close codes in the 4000 range mirror HTTP (4401, 4403, 4409, 4428); a
    stranger gets 4403 like anyone refused, so the room's existence is not revealed."""
    if exc.status == 404:
        return 4403
    return 4000 + exc.status if 400 <= exc.status < 500 else 1011


async def _autenticar(websocket: WebSocket) -> str:
    """The access token, from the first message (a browser cannot set headers on a WebSocket,
    and a token in the URL would end up in access logs)."""
    try:
        primeira = await asyncio.wait_for(websocket.receive_json(), _PRAZO_AUTENTICACAO)
    except (TimeoutError, ValueError) as exc:
        raise errors.NaoAutenticado("Autenticação necessária") from exc
    token = primeira.get("token") if isinstance(primeira, dict) else None
    if not isinstance(token, str) or primeira.get("tipo") != "autenticar":
        raise errors.NaoAutenticado(
            'Autenticação necessária: envie {"tipo": "autenticar", "token": "..."} primeiro'
        )
    return token


@router.websocket("/consultas/{consulta_id}/sala/sinalizacao")
async def sinalizacao(websocket: WebSocket, consulta_id: uuid.UUID) -> None:
    """Signaling of the built-in WebRTC room: relays offers, answers and ICE candidates between
    the appointment's two participants (see ``service/sinalizacao.py`` for the messages)."""
    await websocket.accept()
    tc: teleconsulta.Teleconsulta = websocket.app.state.teleconsulta
    verifier: TokenVerifier = websocket.app.state.verifier
    sessoes: ports.Sessoes = websocket.app.state.sessoes
    try:
        usuario = await verifier.verify(await _autenticar(websocket))
        await sinalizacao_service.sinalizar(
            tc, websocket, usuario=usuario, sessoes=sessoes, consulta_id=consulta_id
        )
    except WebSocketDisconnect:
        return
    except errors.HealthMedError as exc:
        try:
            await websocket.send_json(
                {"tipo": "erro", "status": exc.status, "mensagem": exc.detalhe}
            )
            await websocket.close(code=_codigo_de_fechamento(exc))
        except (WebSocketDisconnect, RuntimeError):
            pass  # the other side is already gone
