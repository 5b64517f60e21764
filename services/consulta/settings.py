"""Settings of the consulta service."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from libs.settings import ConfigurationError, Settings


class ConsultaSettings(Settings):
    """Time rules of the agenda and the rhythm of the background synchronisation."""

    # Secrets it uses (calendar subscription addresses are stored as a keyed hash); required
    # outside the local profile.
    segredos_exigidos: ClassVar[tuple[str, ...]] = ("service_token", "chave_hash")

    # Patients cannot cancel closer than this to the start (the doctor may still refuse).
    cancelamento_antecedencia_minutos: int = Field(default=120, ge=0, le=10080)
    # How far ahead a patient may book.
    horizonte_reserva_dias: int = Field(default=90, ge=1, le=730)
    # How far ahead a doctor may publish slots.
    horizonte_agenda_dias: int = Field(default=365, ge=1, le=1095)
    # Safety net of the outbox runner (it is also woken right after each commit).
    saida_intervalo_segundos: float = Field(default=5.0, gt=0)
    # How often doctors whose published next slot has passed are recomputed.
    recalculo_intervalo_segundos: float = Field(default=60.0, gt=0)

    # Teleconsultation. The video provider (None: Chime SDK meetings in the aws profile, the
    # built-in WebRTC room elsewhere); Chime's media region (where the media flows) and the
    # region of its API (sa-east-1 has none: only the meeting's metadata goes there, the media
    # stays in the media region); the ICE servers (STUN/TURN, as RTCPeerConnection takes
    # them) of the built-in room: none are needed on one network, a TURN server across the
    # internet.
    teleconsulta_provedor: Literal["webrtc", "chime"] | None = None
    chime_media_region: str = "sa-east-1"
    chime_regiao: str = "us-east-1"
    ice_servers: list[dict[str, Any]] = Field(default_factory=list)
    # The built-in room's signaling relay: through PostgreSQL (every process and replica shares
    # the rooms, so HEALTHMED_WORKERS > 1 works) or in this process only ("memoria"). Each
    # process refreshes its connections every ``batida`` seconds; a connection not refreshed
    # for ``validade`` seconds (its process stopped) no longer counts.
    sinalizacao: Literal["postgres", "memoria"] = "postgres"
    sinalizacao_batida_segundos: float = Field(default=5.0, gt=0)
    sinalizacao_validade_segundos: float = Field(default=15.0, gt=0)
    # An open room connection checks its session and appointment again at least this often
    # (logout, cancellation and the end of the window close it at once; this catches a notice
    # lost with a process).
    sinalizacao_reverificar_segundos: float = Field(default=30.0, gt=0)
    # Where the meeting links are kept in the aws profile: the DynamoDB table of
    # infra/terraform/modules/data (its name shared with infra/terraform/stack/main.tf and
    # docs/operations.md); elsewhere they are a table of the consulta schema.
    reunioes_tabela: str | None = None

    @model_validator(mode="after")
    def _tabela_de_reunioes(self) -> ConsultaSettings:
        # At start-up, not at the first link: a task missing it never turns ready.
        if self.profile == "aws" and not self.reunioes_tabela:
            raise ConfigurationError(
                "missing required setting for the aws profile: HEALTHMED_REUNIOES_TABELA"
            )
        return self
