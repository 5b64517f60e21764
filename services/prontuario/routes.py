"""HTTP of the prontuario service: parse, call one use case, answer."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, Response, status

from libs.auth import CurrentMedico, CurrentPaciente, CurrentUser, InternalCaller
from services.prontuario import schemas, service

router = APIRouter(tags=["prontuario"])
# The local storage's own signed URLs: the token is the credential, as with S3 presigned URLs.
arquivos = APIRouter(tags=["prontuario"])
internal = APIRouter(prefix="/internal", include_in_schema=False, dependencies=[InternalCaller])


async def _ctx(request: Request) -> service.Prontuario:
    ctx: service.Prontuario = request.app.state.prontuario
    return ctx


Ctx = Annotated[service.Prontuario, Depends(_ctx)]


def ip_de(request: Request) -> str:
    """The caller's address, as the access log records it."""
    return request.client.host if request.client else "desconhecido"


@arquivos.put(
    "/prontuario/arquivos/{token}",
    status_code=status.HTTP_204_NO_CONTENT,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                t: {"schema": {"type": "string", "format": "binary"}}
                for t in ("application/pdf", "image/jpeg", "image/png", "text/plain")
            },
        }
    },
)
async def enviar_arquivo(token: str, request: Request, ctx: Ctx) -> Response:
    """Receive the bytes of a document at its signed upload URL (local storage)."""
    await service.receber_envio(
        ctx,
        token=token,
        tipo_conteudo=request.headers.get("content-type"),
        corpo=request.stream(),
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@arquivos.get(
    "/prontuario/arquivos/{token}",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
async def baixar_arquivo(token: str, ctx: Ctx) -> Response:
    """Serve a document's bytes at its signed, short-lived download URL (local storage)."""
    arquivo = await service.baixar(ctx, token=token)
    nome = quote(arquivo.nome, safe="")  # already cleaned and typed: service.baixar
    return Response(
        content=arquivo.dados,
        media_type=arquivo.tipo_conteudo,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{nome}",
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


@router.get("/prontuario/compartilhados", response_model=schemas.CompartilhadosOut)
async def compartilhados(medico: CurrentMedico, ctx: Ctx) -> Any:
    """The records currently shared with the calling doctor, with their expiry."""
    itens = await service.compartilhados(ctx, medico=medico)
    return {"compartilhados": [schemas.CompartilhadoOut.from_domain(s) for s in itens]}


@router.post(
    "/prontuario/{paciente_id}/upload",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.EnvioOut,
)
async def pedir_upload(
    paciente_id: uuid.UUID, body: schemas.UploadIn, usuario: CurrentUser, ctx: Ctx
) -> Any:
    """Ask to upload a document (the patient): answers where to send its bytes."""
    envio = await service.pedir_envio(
        ctx,
        usuario=usuario,
        paciente_id=paciente_id,
        nome=body.nome,
        categoria=body.categoria,
        tipo_conteudo=body.tipo_conteudo,
        tamanho=body.tamanho,
    )
    return schemas.EnvioOut.from_domain(envio)


@router.post(
    "/prontuario/{paciente_id}/documentos/{doc_id}/confirmar",
    response_model=schemas.DocumentoOut,
)
async def confirmar_upload(
    paciente_id: uuid.UUID,
    doc_id: uuid.UUID,
    usuario: CurrentUser,
    ctx: Ctx,
    body: schemas.ConfirmarIn | None = None,
) -> Any:
    """Confirm an upload once its bytes are stored; they must match the declared type and size
    and, when the body carries the file's ``sha256`` (computed by the browser), those bytes."""
    documento = await service.confirmar(
        ctx,
        usuario=usuario,
        paciente_id=paciente_id,
        documento_id=doc_id,
        sha256=body.sha256 if body is not None else None,
    )
    return schemas.DocumentoOut.from_domain(documento)


@router.get("/prontuario/{paciente_id}", response_model=schemas.DocumentosOut)
async def listar_documentos(
    paciente_id: uuid.UUID, usuario: CurrentUser, request: Request, ctx: Ctx
) -> Any:
    """The record: every document for the patient; for a doctor, what an active share covers."""
    documentos = await service.listar(
        ctx, usuario=usuario, paciente_id=paciente_id, ip=ip_de(request)
    )
    return {"documentos": [schemas.DocumentoOut.from_domain(d) for d in documentos]}


@router.get("/prontuario/{paciente_id}/documentos/{doc_id}", response_model=schemas.DownloadOut)
async def obter_documento(
    paciente_id: uuid.UUID, doc_id: uuid.UUID, usuario: CurrentUser, request: Request, ctx: Ctx
) -> Any:
    """A document and a download link that lives at most 5 minutes."""
    d = await service.link_download(
        ctx, usuario=usuario, paciente_id=paciente_id, documento_id=doc_id, ip=ip_de(request)
    )
    return {
        "documento": schemas.DocumentoOut.from_domain(d.documento),
        "download": {"url": d.url, "expira_em": d.expira_em},
    }


@router.post(
    "/prontuario/{paciente_id}/compartilhar",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.CompartilhamentoOut,
)
async def compartilhar(
    paciente_id: uuid.UUID,
    body: schemas.CompartilharIn,
    usuario: CurrentUser,
    request: Request,
    ctx: Ctx,
) -> Any:
    """Share the record (or chosen documents) with a doctor for at most 30 days."""
    c = await service.compartilhar(
        ctx,
        usuario=usuario,
        paciente_id=paciente_id,
        medico_id=body.medico_id,
        documentos=body.documentos,
        expira_em=body.expira_em,
        duracao_horas=body.duracao_horas,
        ip=ip_de(request),
    )
    return schemas.CompartilhamentoOut.from_domain(c, datetime.now(UTC))


@router.get(
    "/prontuario/{paciente_id}/compartilhamentos", response_model=schemas.CompartilhamentosOut
)
async def listar_compartilhamentos(paciente_id: uuid.UUID, usuario: CurrentUser, ctx: Ctx) -> Any:
    """Every share the patient granted, with whether it is active."""
    itens = await service.compartilhamentos(ctx, usuario=usuario, paciente_id=paciente_id)
    agora = datetime.now(UTC)
    return {"compartilhamentos": [schemas.CompartilhamentoOut.from_domain(c, agora) for c in itens]}


@router.delete(
    "/prontuario/{paciente_id}/compartilhamentos/{compartilhamento_id}",
    status_code=status.HTTP_204_NO_CONTENT,
)
async def revogar_compartilhamento(
    paciente_id: uuid.UUID,
    compartilhamento_id: uuid.UUID,
    usuario: CurrentUser,
    request: Request,
    ctx: Ctx,
) -> Response:
    """Revoke a share: the doctor's access ends at once."""
    await service.revogar(
        ctx,
        usuario=usuario,
        paciente_id=paciente_id,
        compartilhamento_id=compartilhamento_id,
        ip=ip_de(request),
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/prontuario/{paciente_id}/acessos", response_model=schemas.AcessosOut)
async def listar_acessos(paciente_id: uuid.UUID, usuario: CurrentUser, ctx: Ctx) -> Any:
    """Who reached the record, newest first (the patient only)."""
    itens = await service.acessos(ctx, usuario=usuario, paciente_id=paciente_id)
    return {"acessos": [schemas.AcessoOut.from_domain(a) for a in itens]}


@router.get(
    "/prontuario/{paciente_id}/exportacao",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}},
)
async def exportar(
    paciente_id: uuid.UUID, paciente: CurrentPaciente, request: Request, ctx: Ctx
) -> Response:
    """LGPD: every piece of the patient's data as one zip archive."""
    dados = await service.exportar(
        ctx, usuario=paciente, paciente_id=paciente_id, ip=ip_de(request)
    )
    return Response(
        content=dados,
        media_type="application/zip",
        headers={
            "Content-Disposition": 'attachment; filename="healthmed-meus-dados.zip"',
            "Cache-Control": "no-store",
        },
    )


@internal.post("/prontuarios/{paciente_id}/encerramento")
async def encerrar(
    paciente_id: uuid.UUID, body: schemas.EncerramentoIn, ctx: Ctx
) -> schemas.EncerramentoOut:
    """The patient closed the account: revoke every share, close the record (idempotent)."""
    feito = await service.encerrar(ctx, paciente_id=paciente_id, ip=body.ip)
    return schemas.EncerramentoOut(compartilhamentos_revogados=feito.compartilhamentos_revogados)
