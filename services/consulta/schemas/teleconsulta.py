"""Request and response bodies of teleconsultation (times in the doctor's time zone)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.consulta.domain.consulta import Papel
from services.consulta.domain.teleconsulta import Consentimento, Presenca, Sala


def _local(momento: datetime, fuso: str) -> datetime:
    return momento.astimezone(ZoneInfo(fuso))


class LinkSalaOut(BaseModel):
    """The meeting link of an appointment (the same for both participants)."""

    url: str = Field(description="A página da sala no aplicativo web: {origem}/sala/{id}")
    provedor: Literal["chime", "webrtc"]
    expira_em: AwareDatetime = Field(description="O fim da consulta: depois dele a sala fecha")

    @classmethod
    def from_domain(cls, sala: Sala, fuso: str) -> LinkSalaOut:
        """The link as the API shows it."""
        return cls(url=sala.url, provedor=sala.provedor, expira_em=_local(sala.expira_em, fuso))


class SalaOut(BaseModel):
    """The caller's credentials to join: the provider's data (Chime: ``Meeting`` and
    ``Attendee`` as the Chime SDK returns them; WebRTC: room id, ICE servers, signaling URL)."""

    provedor: Literal["chime", "webrtc"]
    consulta_id: uuid.UUID
    papel: Papel
    url: str
    expira_em: AwareDatetime
    sala_id: str | None = Field(default=None, description="WebRTC: o id da sala")
    ice_servers: list[dict[str, Any]] | None = Field(
        default=None, description="WebRTC: servidores STUN/TURN para o RTCPeerConnection"
    )
    sinalizacao_url: str | None = Field(
        default=None,
        description="WebRTC: o WebSocket de sinalização; a primeira mensagem é "
        '{"tipo": "autenticar", "token": "<access token>"}',
    )
    Meeting: dict[str, Any] | None = Field(default=None, description="Chime: a reunião")
    Attendee: dict[str, Any] | None = Field(default=None, description="Chime: o participante")


class ConsentimentoIn(BaseModel):
    """The patient accepts the teleconsultation terms in the version shown to them."""

    model_config = ConfigDict(extra="forbid")

    versao: str = Field(min_length=1, max_length=100, description="A versão do termo aceito")


class ConsentimentoOut(BaseModel):
    """A stored consent (who, when, which version of the text)."""

    paciente_id: uuid.UUID
    consulta_id: uuid.UUID
    versao: str
    aceito_em: AwareDatetime

    @classmethod
    def from_domain(cls, dado: Consentimento) -> ConsentimentoOut:
        """The consent as the API shows it."""
        return cls(
            paciente_id=dado.paciente_id,
            consulta_id=dado.consulta_id,
            versao=dado.versao,
            aceito_em=dado.aceito_em,
        )


class SituacaoConsentimentoOut(BaseModel):
    """The terms of teleconsultation and whether the appointment's patient accepted them."""

    necessario: bool = Field(description="O paciente ainda precisa aceitar o termo")
    versao: str
    texto: str
    aceito_em: AwareDatetime | None = None


class PresencaOut(BaseModel):
    """One stay of a participant in the room."""

    usuario_id: uuid.UUID
    papel: Papel
    entrou_em: AwareDatetime
    saiu_em: AwareDatetime | None

    @classmethod
    def from_domain(cls, p: Presenca, fuso: str) -> PresencaOut:
        """The stay as the API shows it."""
        return cls(
            usuario_id=p.usuario_id,
            papel=p.papel,
            entrou_em=_local(p.entrou_em, fuso),
            saiu_em=_local(p.saiu_em, fuso) if p.saiu_em else None,
        )


class PresencasOut(BaseModel):
    """When each participant joined and left the room, oldest first."""

    presencas: list[PresencaOut]
