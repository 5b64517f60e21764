"""Response bodies of the record's access log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from services.prontuario.service.acessos import AcessoComNome


class UsuarioRef(BaseModel):
    id: uuid.UUID
    papel: Literal["medico", "paciente"]
    nome: str | None


class AcessoOut(BaseModel):
    quando: datetime
    usuario: UsuarioRef
    acao: str
    documento_id: uuid.UUID | None
    compartilhamento_id: uuid.UUID | None
    ip: str

    @classmethod
    def from_domain(cls, a: AcessoComNome) -> AcessoOut:
        """One entry of the access log."""
        e = a.acesso
        return cls(
            quando=e.quando,
            usuario=UsuarioRef(
                id=e.usuario_id, papel="medico" if e.papel == "medico" else "paciente", nome=a.nome
            ),
            acao=e.acao,
            documento_id=e.documento_id,
            compartilhamento_id=e.compartilhamento_id,
            ip=e.ip,
        )


class AcessosOut(BaseModel):
    acessos: list[AcessoOut]
