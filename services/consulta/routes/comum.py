"""What every router of the consulta service shares: the use cases' context and the query types."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from pydantic import AwareDatetime, PlainValidator, TypeAdapter, ValidationError, WithJsonSchema

from services.consulta.service.contexto import Agenda

NAO_ENCONTRADO: dict[int | str, dict[str, Any]] = {404: {"description": "Não encontrado"}}
CONFLITO: dict[int | str, dict[str, Any]] = {409: {"description": "Conflito"}}


async def _ctx(request: Request) -> Agenda:  # async: no worker-thread hop per request
    ctx: Agenda = request.app.state.agenda
    return ctx


Ctx = Annotated[Agenda, Depends(_ctx)]
_MOMENTO: TypeAdapter[Any] = TypeAdapter(AwareDatetime)


def _dia_ou_momento(valor: object) -> date:
    """``AAAA-MM-DD`` exactly is a day (a ``date``); anything else must be a moment with an
    offset, parsed as everywhere else (a ``datetime``, which is also a ``date``)."""
    if isinstance(valor, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", valor):
        try:
            return date.fromisoformat(valor)
        except ValueError:
            raise ValueError("Data inválida (use AAAA-MM-DD)") from None
    try:
        momento: date = _MOMENTO.validate_python(valor)
    except ValidationError:
        raise ValueError(
            "Use uma data (AAAA-MM-DD, o dia inteiro no fuso do médico) ou data e hora "
            "ISO 8601 com fuso (ex.: 2026-12-01T14:00:00-03:00)"
        ) from None
    return momento


# A listing's window: a plain date is the doctor's whole day (docs/api-extensoes.md).
DiaOuMomento = Annotated[
    date | None,
    PlainValidator(_dia_ou_momento),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
                {"type": "null"},
            ]
        }
    ),
    Query(
        description="AAAA-MM-DD (o dia inteiro no fuso do médico: 'de' desde o início dele, "
        "'ate' até o fim dele) ou ISO 8601 com fuso"
    ),
]
