"""Internal HTTP of the agenda's copy of who people are: the owners' profile events.

``libs/perfis_publicados.py`` on the medico and paciente side delivers each change here; the
copy is replaced only by a newer ``versao`` (a retried or late delivery changes nothing).
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field

from libs.auth import InternalCaller
from services.consulta.domain.pessoas import Medico, Paciente
from services.consulta.routes.comum import Ctx
from services.consulta.service import pessoas as pessoas_service

copias = APIRouter(
    prefix="/internal/copias", include_in_schema=False, dependencies=[InternalCaller]
)


class MedicoCopiaIn(BaseModel):
    """A doctor's profile as the medico service published it."""

    versao: int = Field(ge=1)
    nome: str = Field(min_length=1)
    crm: str = Field(min_length=1)
    uf: str = Field(min_length=2, max_length=2)
    email: str | None = None
    fuso_horario: str = Field(min_length=1)
    antecedencia_minima_minutos: int = Field(ge=0)


class PacienteCopiaIn(BaseModel):
    """A patient's profile as the paciente service published it."""

    versao: int = Field(ge=1)
    nome: str = Field(min_length=1)
    email: str | None = None
    encerrada: bool = False


@copias.put("/medicos/{medico_id}", status_code=status.HTTP_204_NO_CONTENT)
async def copia_do_medico(medico_id: uuid.UUID, body: MedicoCopiaIn, ctx: Ctx) -> Response:
    """Keep a doctor's published profile (idempotent)."""
    medico = Medico(
        id=medico_id,
        nome=body.nome,
        crm=body.crm,
        uf=body.uf,
        fuso_horario=body.fuso_horario,
        antecedencia_minima_minutos=body.antecedencia_minima_minutos,
        email=body.email,
    )
    await pessoas_service.guardar_copia_medico(ctx, medico=medico, versao=body.versao)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@copias.put("/pacientes/{paciente_id}", status_code=status.HTTP_204_NO_CONTENT)
async def copia_do_paciente(paciente_id: uuid.UUID, body: PacienteCopiaIn, ctx: Ctx) -> Response:
    """Keep a patient's published profile (idempotent; a closed account stays closed)."""
    paciente = Paciente(paciente_id, body.nome, body.email or "", encerrada=body.encerrada)
    await pessoas_service.guardar_copia_paciente(ctx, paciente=paciente, versao=body.versao)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
