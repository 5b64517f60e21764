"""Use case of the record's access log as its patient reads it: who did what, newest first,
with the names of who acted (the chains' integrity is ``integridade``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from libs.tokens import Usuario
from services.prontuario.domain.auditoria import Acesso
from services.prontuario.service.contexto import Prontuario, exigir_paciente, nomes_de


@dataclass(frozen=True)
class AcessoComNome:
    """An access log entry with the name of who acted (``None`` if it could not be resolved)."""

    acesso: Acesso
    nome: str | None


async def acessos(
    ctx: Prontuario, *, usuario: Usuario, paciente_id: uuid.UUID
) -> list[AcessoComNome]:
    """The record's access log, newest first, for the patient only."""
    exigir_paciente(usuario, paciente_id)
    async with ctx.uow() as uow:
        entradas = await uow.acessos.do_paciente(paciente_id)
    nomes = await nomes_de(ctx, {(e.usuario_id, e.papel) for e in entradas})
    return [AcessoComNome(e, nomes.get(e.usuario_id)) for e in entradas]
