"""HTTP of signed documents (receita simples, atestado) and of the public verification."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request, status

from libs.auth import CurrentMedico
from services.prontuario.routes.contexto import Ctx, ip_de
from services.prontuario.schemas.receituario import (
    AtestadoIn,
    EmitidoOut,
    ReceitaIn,
    VerificacaoOut,
)
from services.prontuario.service import receituario

router = APIRouter(tags=["prontuario"])


async def _emitir(
    ctx: Any, medico: Any, paciente_id: uuid.UUID, body: ReceitaIn | AtestadoIn, ip: str
) -> EmitidoOut:
    e = await receituario.emitir(
        ctx,
        usuario=medico,
        paciente_id=paciente_id,
        consulta_id=body.consulta_id,
        conteudo=body.para_dominio(),
        ip=ip,
    )
    return EmitidoOut.from_domain(e, receituario.url_de_verificacao(ctx, e.registro.codigo))


@router.post(
    "/prontuario/{paciente_id}/receitas",
    status_code=status.HTTP_201_CREATED,
    response_model=EmitidoOut,
)
async def emitir_receita(
    paciente_id: uuid.UUID, body: ReceitaIn, medico: CurrentMedico, request: Request, ctx: Ctx
) -> Any:
    """Issue a signed simple prescription (PDF, PAdES) for a consultation (its doctor)."""
    return await _emitir(ctx, medico, paciente_id, body, ip_de(request))


@router.post(
    "/prontuario/{paciente_id}/atestados",
    status_code=status.HTTP_201_CREATED,
    response_model=EmitidoOut,
)
async def emitir_atestado(
    paciente_id: uuid.UUID, body: AtestadoIn, medico: CurrentMedico, request: Request, ctx: Ctx
) -> Any:
    """Issue a signed medical certificate (PDF, PAdES) for a consultation (its doctor)."""
    return await _emitir(ctx, medico, paciente_id, body, ip_de(request))


@router.get("/verificar/{codigo}", response_model=VerificacaoOut)
async def verificar_documento(codigo: str, ctx: Ctx) -> Any:
    """Public: whether a verification code names a document issued here (404 otherwise),
    who signed it and when, and the SHA-256 of the PDF as issued; never its content."""
    registro = await receituario.verificar(ctx, codigo=codigo)
    qualificada = ctx.assinador.qualificada if ctx.assinador is not None else False
    return VerificacaoOut.from_domain(registro, qualificada=qualificada)
