"""Request and response bodies of shares: what the patient grants, a share as the patient sees
it and as the doctor it was granted to sees it."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.service.compartilhamentos import Compartilhado


class CompartilharIn(BaseModel):
    """Whom to grant, what (absent: the whole record, future documents included), how long."""

    model_config = ConfigDict(extra="forbid")

    medico_id: uuid.UUID
    documentos: list[uuid.UUID] | None = Field(default=None, max_length=500)
    expira_em: datetime | None = None
    duracao_horas: float | None = Field(default=None, allow_inf_nan=False)


class CompartilhamentoOut(BaseModel):
    id: uuid.UUID
    medico_id: uuid.UUID
    documentos: list[uuid.UUID] | None
    expira_em: datetime
    criado_em: datetime
    revogado_em: datetime | None = None
    ativo: bool

    @classmethod
    def from_domain(cls, c: Compartilhamento, agora: datetime) -> CompartilhamentoOut:
        """A share as the patient sees it."""
        return cls(
            id=c.id,
            medico_id=c.medico_id,
            documentos=sorted(c.documentos) if c.documentos is not None else None,
            expira_em=c.expira_em,
            criado_em=c.criado_em,
            revogado_em=c.revogado_em,
            ativo=c.ativo(agora),
        )


class CompartilhamentosOut(BaseModel):
    compartilhamentos: list[CompartilhamentoOut]


class PacienteRef(BaseModel):
    id: uuid.UUID
    nome: str | None


class CompartilhadoOut(BaseModel):
    id: uuid.UUID
    paciente_id: uuid.UUID
    paciente: PacienteRef
    documentos: list[uuid.UUID] | None
    expira_em: datetime
    criado_em: datetime

    @classmethod
    def from_domain(cls, s: Compartilhado) -> CompartilhadoOut:
        """A share as the doctor sees it."""
        c = s.compartilhamento
        return cls(
            id=c.id,
            paciente_id=c.paciente_id,
            paciente=PacienteRef(id=c.paciente_id, nome=s.paciente_nome),
            documentos=sorted(c.documentos) if c.documentos is not None else None,
            expira_em=c.expira_em,
            criado_em=c.criado_em,
        )


class CompartilhadosOut(BaseModel):
    compartilhados: list[CompartilhadoOut]
