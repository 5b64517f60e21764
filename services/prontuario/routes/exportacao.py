"""HTTP of the patient's LGPD export: every piece of their data as one zip archive."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response

from libs.auth import CurrentPaciente
from services.prontuario.routes.contexto import Ctx, ip_de
from services.prontuario.service import exportacao

router = APIRouter(tags=["prontuario"])


@router.get(
    "/prontuario/{paciente_id}/exportacao",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}},
)
async def exportar(
    paciente_id: uuid.UUID, paciente: CurrentPaciente, request: Request, ctx: Ctx
) -> Response:
    """LGPD: every piece of the patient's data as one zip archive."""
    dados = await exportacao.exportar(
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
