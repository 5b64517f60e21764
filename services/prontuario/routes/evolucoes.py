"""HTTP of the clinical notes (evoluções): parse, call one use case, answer."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request, status

from libs.auth import CurrentMedico, CurrentUser
from services.prontuario.routes.contexto import Ctx, ip_de
from services.prontuario.schemas.evolucoes import (
    AdendoIn,
    ConteudoIn,
    EvolucaoIn,
    EvolucaoOut,
    EvolucoesOut,
)
from services.prontuario.service import evolucoes

router = APIRouter(tags=["prontuario"])
BASE = "/prontuario/{paciente_id}/evolucoes"


@router.post(BASE, status_code=status.HTTP_201_CREATED, response_model=EvolucaoOut)
async def redigir_evolucao(
    paciente_id: uuid.UUID, body: EvolucaoIn, medico: CurrentMedico, request: Request, ctx: Ctx
) -> Any:
    """Start the clinical note of a consultation (its doctor; a draft until signed)."""
    e = await evolucoes.redigir(
        ctx,
        usuario=medico,
        paciente_id=paciente_id,
        consulta_id=body.consulta_id,
        conteudo=body.para_caso_de_uso(),
        ip=ip_de(request),
    )
    return EvolucaoOut.from_domain(e)


@router.get(BASE, response_model=EvolucoesOut)
async def listar_evolucoes(
    paciente_id: uuid.UUID,
    usuario: CurrentUser,
    request: Request,
    ctx: Ctx,
    consulta_id: uuid.UUID | None = None,
) -> Any:
    """The notes the caller may read: the patient the signed ones; a doctor their own and,
    with an active share of the whole record, the signed ones of others."""
    itens = await evolucoes.listar(
        ctx, usuario=usuario, paciente_id=paciente_id, ip=ip_de(request), consulta_id=consulta_id
    )
    return {"evolucoes": [EvolucaoOut.from_domain(e) for e in itens]}


@router.get(BASE + "/{evolucao_id}", response_model=EvolucaoOut)
async def ver_evolucao(
    paciente_id: uuid.UUID, evolucao_id: uuid.UUID, usuario: CurrentUser, request: Request, ctx: Ctx
) -> Any:
    """One note (the read goes to the access log)."""
    e = await evolucoes.ver(
        ctx, usuario=usuario, paciente_id=paciente_id, evolucao_id=evolucao_id, ip=ip_de(request)
    )
    return EvolucaoOut.from_domain(e)


@router.put(BASE + "/{evolucao_id}", response_model=EvolucaoOut)
async def editar_evolucao(
    paciente_id: uuid.UUID,
    evolucao_id: uuid.UUID,
    body: ConteudoIn,
    medico: CurrentMedico,
    request: Request,
    ctx: Ctx,
) -> Any:
    """Replace a draft's content (409 once signed)."""
    e = await evolucoes.editar(
        ctx,
        usuario=medico,
        paciente_id=paciente_id,
        evolucao_id=evolucao_id,
        conteudo=body.para_caso_de_uso(),
        ip=ip_de(request),
    )
    return EvolucaoOut.from_domain(e)


@router.post(BASE + "/{evolucao_id}/assinar", response_model=EvolucaoOut)
async def assinar_evolucao(
    paciente_id: uuid.UUID,
    evolucao_id: uuid.UUID,
    medico: CurrentMedico,
    request: Request,
    ctx: Ctx,
) -> Any:
    """Sign the note: locked for ever (409 if it already was)."""
    e = await evolucoes.assinar(
        ctx, usuario=medico, paciente_id=paciente_id, evolucao_id=evolucao_id, ip=ip_de(request)
    )
    return EvolucaoOut.from_domain(e)


@router.post(
    BASE + "/{evolucao_id}/adendos", status_code=status.HTTP_201_CREATED, response_model=EvolucaoOut
)
async def adendar_evolucao(
    paciente_id: uuid.UUID,
    evolucao_id: uuid.UUID,
    body: AdendoIn,
    medico: CurrentMedico,
    request: Request,
    ctx: Ctx,
) -> Any:
    """Append a signed, timestamped addendum to a signed note (409 on a draft)."""
    e = await evolucoes.adendar(
        ctx,
        usuario=medico,
        paciente_id=paciente_id,
        evolucao_id=evolucao_id,
        texto=body.texto,
        ip=ip_de(request),
    )
    return EvolucaoOut.from_domain(e)
