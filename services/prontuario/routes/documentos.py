"""HTTP of the record's documents: ask for an upload, confirm it, list the record, a download
link; and, on local storage only, the service's own signed upload and download URLs."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request, Response, status

from libs.auth import CurrentUser
from services.prontuario.routes.contexto import Ctx, ip_de
from services.prontuario.schemas.documentos import (
    ConfirmarIn,
    DocumentoOut,
    DocumentosOut,
    DownloadOut,
    EnvioOut,
    UploadIn,
)
from services.prontuario.service import documentos

router = APIRouter(tags=["prontuario"])
# The local storage's own signed URLs: the token is the credential, as with S3 presigned URLs.
arquivos = APIRouter(tags=["prontuario"])


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
    await documentos.receber_envio(
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
    arquivo = await documentos.baixar(ctx, token=token)
    nome = quote(arquivo.nome, safe="")  # already cleaned and typed: documentos.baixar
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


@router.post(
    "/prontuario/{paciente_id}/upload",
    status_code=status.HTTP_201_CREATED,
    response_model=EnvioOut,
)
async def pedir_upload(
    paciente_id: uuid.UUID, body: UploadIn, usuario: CurrentUser, ctx: Ctx
) -> Any:
    """Ask to upload a document (the patient): answers where to send its bytes."""
    envio = await documentos.pedir_envio(
        ctx,
        usuario=usuario,
        paciente_id=paciente_id,
        nome=body.nome,
        categoria=body.categoria,
        tipo_conteudo=body.tipo_conteudo,
        tamanho=body.tamanho,
    )
    return EnvioOut.from_domain(envio)


@router.post(
    "/prontuario/{paciente_id}/documentos/{doc_id}/confirmar",
    response_model=DocumentoOut,
)
async def confirmar_upload(
    paciente_id: uuid.UUID,
    doc_id: uuid.UUID,
    usuario: CurrentUser,
    ctx: Ctx,
    body: ConfirmarIn | None = None,
) -> Any:
    """Confirm an upload once its bytes are stored; they must match the declared type and size
    and, when the body carries the file's ``sha256`` (computed by the browser), those bytes."""
    documento = await documentos.confirmar(
        ctx,
        usuario=usuario,
        paciente_id=paciente_id,
        documento_id=doc_id,
        sha256=body.sha256 if body is not None else None,
    )
    return DocumentoOut.from_domain(documento)


@router.get("/prontuario/{paciente_id}", response_model=DocumentosOut)
async def listar_documentos(
    paciente_id: uuid.UUID, usuario: CurrentUser, request: Request, ctx: Ctx
) -> Any:
    """The record: every document for the patient; for a doctor, what an active share covers."""
    itens = await documentos.listar(
        ctx, usuario=usuario, paciente_id=paciente_id, ip=ip_de(request)
    )
    return {"documentos": [DocumentoOut.from_domain(d) for d in itens]}


@router.get("/prontuario/{paciente_id}/documentos/{doc_id}", response_model=DownloadOut)
async def obter_documento(
    paciente_id: uuid.UUID, doc_id: uuid.UUID, usuario: CurrentUser, request: Request, ctx: Ctx
) -> Any:
    """A document and a download link that lives at most 5 minutes."""
    d = await documentos.link_download(
        ctx, usuario=usuario, paciente_id=paciente_id, documento_id=doc_id, ip=ip_de(request)
    )
    return {
        "documento": DocumentoOut.from_domain(d.documento),
        "download": {"url": d.url, "expira_em": d.expira_em},
    }
