"""What every router of the service shares: the use cases' context as a dependency and the
caller's address as the access log records it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from services.prontuario.service.contexto import Prontuario


async def _ctx(request: Request) -> Prontuario:
    ctx: Prontuario = request.app.state.prontuario
    return ctx


Ctx = Annotated[Prontuario, Depends(_ctx)]


def ip_de(request: Request) -> str:
    """The caller's address, as the access log records it."""
    return request.client.host if request.client else "desconhecido"
