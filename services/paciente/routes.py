"""HTTP of the paciente service: parse, call one use case, answer."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from libs import campos
from libs.auth import CurrentUser, InternalCaller
from services.paciente import schemas, service

router = APIRouter(tags=["pacientes"])
internal = APIRouter(prefix="/internal", include_in_schema=False, dependencies=[InternalCaller])


async def _ctx(request: Request) -> service.Pacientes:
    ctx: service.Pacientes = request.app.state.pacientes
    return ctx


Ctx = Annotated[service.Pacientes, Depends(_ctx)]


@router.post("/paciente", status_code=status.HTTP_201_CREATED)
async def cadastrar_paciente(
    body: schemas.PacienteCreate, request: Request, ctx: Ctx
) -> schemas.PacienteOut:
    """Register a patient (and their login by e-mail or CPF)."""
    novo = service.NovoPaciente(
        nome=body.nome,
        email=str(body.email),
        cpf=body.cpf,
        senha=body.senha,
        telefone=body.telefone,
        data_nascimento=body.data_nascimento,
        endereco=body.endereco.to_domain() if body.endereco else None,
        localizacao=body.localizacao.to_domain() if body.localizacao else None,
    )
    paciente = await service.cadastrar(ctx, novo, ip=_ip(request))
    return schemas.PacienteOut.from_domain(paciente)


@router.get("/paciente/{paciente_id}")
async def obter_paciente(
    paciente_id: uuid.UUID, usuario: CurrentUser, ctx: Ctx
) -> schemas.PacienteOut:
    """The patient's own profile."""
    paciente = await service.obter(
        ctx, usuario_id=usuario.id, papel=usuario.papel, paciente_id=paciente_id
    )
    return schemas.PacienteOut.from_domain(paciente)


@router.put("/paciente/{paciente_id}")
async def alterar_paciente(
    paciente_id: uuid.UUID, body: schemas.PacienteUpdate, usuario: CurrentUser, ctx: Ctx
) -> schemas.PacienteOut:
    """Change the patient's own profile (not the CPF, not the password)."""
    paciente = await service.alterar(
        ctx,
        usuario_id=usuario.id,
        papel=usuario.papel,
        paciente_id=paciente_id,
        valores=body.valores(),
        senha_atual=body.senha_atual,
        sessao_atual=usuario.sessao_id,
    )
    return schemas.PacienteOut.from_domain(paciente)


def _ip(request: Request) -> str:
    return request.client.host if request.client else "desconhecido"


@router.post(
    "/paciente/{paciente_id}/encerramento",
    responses={
        403: {"description": "Senha incorreta, ou não é o próprio paciente"},
        422: {"description": "A confirmação não é ENCERRAR"},
        503: {"description": "Um serviço não respondeu: nada se perdeu, tente de novo"},
    },
)
async def encerrar_conta(
    paciente_id: uuid.UUID,
    body: schemas.EncerramentoIn,
    usuario: CurrentUser,
    request: Request,
    ctx: Ctx,
) -> schemas.EncerramentoOut:
    """Close the patient's own account (LGPD art. 18): irreversible."""
    feito = await service.encerrar(
        ctx,
        usuario_id=usuario.id,
        papel=usuario.papel,
        paciente_id=paciente_id,
        senha=body.senha,
        confirmacao=body.confirmacao,
        ip=_ip(request),
    )
    return schemas.EncerramentoOut(
        encerrada_em=feito.encerrada_em,
        consultas_canceladas=feito.consultas_canceladas,
        compartilhamentos_revogados=feito.compartilhamentos_revogados,
    )


@internal.put("/pacientes/{paciente_id}/email", status_code=status.HTTP_204_NO_CONTENT)
async def restaurar_email(paciente_id: uuid.UUID, body: campos.EmailIn, ctx: Ctx) -> Response:
    """Auth undoes a change of e-mail: the profile gets the old one back."""
    await service.restaurar_email(ctx, paciente_id=paciente_id, email=str(body.email))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@internal.get("/pacientes/{paciente_id}")
async def resumo_paciente(paciente_id: uuid.UUID, ctx: Ctx) -> schemas.PacienteResumoOut:
    """Name and e-mail of a patient, for other services."""
    p = await service.resumo(ctx, paciente_id=paciente_id)
    return schemas.PacienteResumoOut(id=p.id, nome=p.nome, email=p.email or None)
