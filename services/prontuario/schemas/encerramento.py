"""Internal request and response bodies of closing the patient's account."""

from __future__ import annotations

from pydantic import BaseModel, Field


class EncerramentoIn(BaseModel):
    """Internal: the closing of a patient's account, with the IP the patient asked from."""

    ip: str = Field(default="desconhecido", max_length=100)


class EncerramentoOut(BaseModel):
    """What closing the account did to the record."""

    compartilhamentos_revogados: int
