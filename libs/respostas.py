"""JSON answers serialized straight from plain values, without a response model's validation.

FastAPI validates what a route returns against its ``response_model`` and then serializes it:
for a page of twenty appointments that was forty model instances built in Python, validated
twice, a fifth of the listing's CPU (bench/python_por_requisicao.py, issue 14). A hot route
may instead build the same fields as plain values (in the model's order) and answer them with
:func:`resposta_json`; pydantic-core writes them exactly as the model would (ISO 8601 times
with their offset, UUIDs as text). The route keeps its ``response_model``, for the contract and
the docs; a test of each such schema holds the plain values to the model's bytes.
"""

from __future__ import annotations

from typing import Any

import pydantic_core
from starlette.responses import Response


def resposta_json(conteudo: Any, *, status_code: int = 200) -> Response:
    """``conteudo`` (dicts, lists, UUIDs, datetimes, enums...) as an ``application/json`` answer."""
    return Response(
        pydantic_core.to_json(conteudo), status_code=status_code, media_type="application/json"
    )
