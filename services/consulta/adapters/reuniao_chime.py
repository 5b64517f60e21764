"""Amazon Chime SDK meetings (aws profile): the meeting provider of production.

The server creates the meeting and each participant's attendee; the browser joins with
``amazon-chime-sdk-js`` using the ``Meeting`` and ``Attendee`` objects exactly as Chime returns
them. A meeting ends after 24 hours, or a few minutes after everyone left: when ``GetMeeting``
says it no longer exists, a new one is created transparently (a new ``ClientRequestToken``,
since Chime would answer a reused token with the old meeting).

boto3 is synchronous: every call goes through :func:`libs.aws.call` (a worker thread).
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from libs import aws, errors
from services.consulta.domain.consulta import Papel
from services.consulta.domain.teleconsulta import Provedor, Sala
from services.consulta.ports import Ingresso

_log = logging.getLogger("healthmed.consulta.chime")

# Chime's answers that mean "try again in a moment" (botocore has retried already).
_TRANSITORIOS = {
    "ThrottlingException",
    "ServiceUnavailableException",
    "ServiceFailureException",
    "LimitExceededException",
    "TooManyRequestsException",
}


def _codigo(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _indisponivel(exc: Exception) -> errors.ServicoIndisponivel:
    if isinstance(exc, ClientError) and _codigo(exc) in _TRANSITORIOS:
        return errors.ServicoIndisponivel(
            "O serviço de vídeo está sobrecarregado no momento; tente entrar de novo em instantes"
        )
    return errors.ServicoIndisponivel("O serviço de vídeo não respondeu; tente de novo")


class _ReuniaoEncerrada(Exception):
    """The meeting no longer exists at Chime."""


def token_de_criacao(consulta_id: uuid.UUID, geracao: int) -> str:
    """The idempotency token of one creation of an appointment's meeting (2 to 64 characters
    of ``[-_a-zA-Z0-9]``): the same appointment and generation is the same meeting."""
    return f"{consulta_id}-{geracao}"


class ReunioesChime:
    """The meeting provider on Amazon Chime SDK meetings (``chime-sdk-meetings`` client)."""

    provedor: Provedor = "chime"

    def __init__(self, cliente: Any, *, media_region: str = "sa-east-1") -> None:
        self.cliente = cliente
        self.media_region = media_region

    async def criar(self, consulta_id: uuid.UUID, geracao: int) -> dict[str, Any] | None:
        """``CreateMeeting`` for an appointment (idempotent per appointment and generation)."""
        try:
            resposta = await aws.call(
                self.cliente.create_meeting,
                ClientRequestToken=token_de_criacao(consulta_id, geracao),
                ExternalMeetingId=str(consulta_id),
                MediaRegion=self.media_region,
            )
        except (ClientError, BotoCoreError) as exc:
            _log.warning("Chime CreateMeeting falhou: %s", type(exc).__name__)
            raise _indisponivel(exc) from exc
        reuniao: dict[str, Any] = resposta["Meeting"]
        return reuniao

    async def _existe(self, meeting_id: str) -> bool:
        try:
            await aws.call(self.cliente.get_meeting, MeetingId=meeting_id)
        except ClientError as exc:
            if _codigo(exc) in ("NotFoundException", "GoneException"):
                return False
            _log.warning("Chime GetMeeting falhou: %s", _codigo(exc))
            raise _indisponivel(exc) from exc
        except BotoCoreError as exc:
            raise _indisponivel(exc) from exc
        return True

    async def _participante(self, meeting_id: str, usuario_id: uuid.UUID) -> dict[str, Any]:
        try:
            resposta = await aws.call(
                self.cliente.create_attendee, MeetingId=meeting_id, ExternalUserId=str(usuario_id)
            )
        except ClientError as exc:
            if _codigo(exc) == "NotFoundException":
                raise _ReuniaoEncerrada() from exc
            _log.warning("Chime CreateAttendee falhou: %s", _codigo(exc))
            raise _indisponivel(exc) from exc
        except BotoCoreError as exc:
            raise _indisponivel(exc) from exc
        participante: dict[str, Any] = resposta["Attendee"]
        return participante

    async def ingressar(self, sala: Sala, *, usuario_id: uuid.UUID, papel: Papel) -> Ingresso:
        """The live meeting (created again when it expired) and the caller's attendee (the one
        created before, while the meeting lives)."""
        reuniao, geracao, participantes = sala.reuniao, sala.geracao, sala.participantes
        reuniao_nova = None
        if reuniao is None or not await self._existe(str(reuniao["MeetingId"])):
            geracao += 1
            reuniao = reuniao_nova = await self.criar(sala.consulta_id, geracao)
            assert reuniao is not None
            participantes = {}
        participante = participantes.get(str(usuario_id))
        participante_novo = None
        if participante is None:
            try:
                participante = await self._participante(str(reuniao["MeetingId"]), usuario_id)
            except _ReuniaoEncerrada:
                # It ended between GetMeeting and CreateAttendee: once more, on a new one.
                geracao += 1
                reuniao = reuniao_nova = await self.criar(sala.consulta_id, geracao)
                assert reuniao is not None
                participante = await self._participante(str(reuniao["MeetingId"]), usuario_id)
            participante_novo = participante
        return Ingresso(
            dados={"Meeting": reuniao, "Attendee": participante},
            geracao=geracao,
            reuniao_nova=reuniao_nova,
            participante_novo=participante_novo,
        )
