"""Bodies of the calendar subscription."""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, Field


class AssinaturaCriadaOut(BaseModel):
    """A new calendar subscription: its secret address, shown this once."""

    url: str = Field(
        description="Endereço secreto da agenda (iCalendar), {origem}/api/calendario/{token}.ics: "
        "quem o tiver vê a agenda; é mostrado só agora (guardamos apenas um hash)"
    )
    criada_em: AwareDatetime


class AssinaturaOut(BaseModel):
    """Whether the caller has a live subscription, and since when (never its address)."""

    ativa: bool
    criada_em: AwareDatetime | None = None
