"""Request and response bodies of signed documents (receita simples, atestado) and of the
public verification."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from services.prontuario.domain.receituario import (
    MAX_DIAS_AFASTAMENTO,
    MAX_ITENS,
    Atestado,
    DocumentoAssinado,
    ItemReceita,
    Receita,
)
from services.prontuario.schemas.documentos import DocumentoOut
from services.prontuario.schemas.evolucoes import Campo
from services.prontuario.service.receituario import Emitido

Curto = Annotated[Campo, Field(min_length=1, max_length=300)]


class ItemReceitaIn(BaseModel):
    """One medication: name, dose, how to take it, for how long."""

    model_config = ConfigDict(extra="forbid")

    medicamento: Curto
    dose: Curto
    posologia: Curto
    duracao: Curto


class ReceitaIn(BaseModel):
    """A simple prescription for a consultation."""

    model_config = ConfigDict(extra="forbid")

    consulta_id: uuid.UUID
    itens: list[ItemReceitaIn] = Field(min_length=1, max_length=MAX_ITENS)
    observacoes: Annotated[Campo, Field(max_length=2000)] = ""

    def para_dominio(self) -> Receita:
        """The prescription the use case signs."""
        return Receita(
            itens=tuple(
                ItemReceita(i.medicamento, i.dose, i.posologia, i.duracao) for i in self.itens
            ),
            observacoes=self.observacoes,
        )


class AtestadoIn(BaseModel):
    """A medical certificate for a consultation; a CID only with ``autorizacao_cid``."""

    model_config = ConfigDict(extra="forbid")

    consulta_id: uuid.UUID
    dias_afastamento: int = Field(ge=0, le=MAX_DIAS_AFASTAMENTO)
    cid10: Annotated[str, Field(max_length=10)] | None = None
    autorizacao_cid: bool = Field(
        default=False, description="O paciente autorizou o CID no atestado (CFM 1.658/2002)."
    )
    observacoes: Annotated[Campo, Field(max_length=2000)] = ""

    def para_dominio(self) -> Atestado:
        """The certificate the use case signs (422 on a CID without authorisation)."""
        return Atestado.validado(
            dias_afastamento=self.dias_afastamento,
            cid10=self.cid10,
            autorizacao_cid=self.autorizacao_cid,
            observacoes=self.observacoes,
        )


class LinkOut(BaseModel):
    url: str
    expira_em: datetime


class EmitidoOut(BaseModel):
    """A signed document just issued: the record's document, its code, a download link."""

    documento: DocumentoOut
    codigo: str
    verificacao_url: str
    download: LinkOut

    @classmethod
    def from_domain(cls, e: Emitido, verificacao_url: str) -> EmitidoOut:
        """The answer to issuing."""
        return cls(
            documento=DocumentoOut.from_domain(e.documento),
            codigo=e.registro.codigo,
            verificacao_url=verificacao_url,
            download=LinkOut(url=e.url, expira_em=e.expira_em),
        )


class SignatarioOut(BaseModel):
    nome: str
    crm: str
    uf: str


class VerificacaoOut(BaseModel):
    """What anyone holding a code may know: that the document is authentic, who signed it and
    when, and the SHA-256 of the PDF as issued (a copy with another hash was altered). Never
    the patient nor the content."""

    codigo: str
    autentico: Literal[True] = True
    tipo: Literal["receita", "atestado"]
    emitido_em: datetime
    medico: SignatarioOut
    sha256: str
    certificado: Literal["teste", "icp-brasil"] = Field(
        description="teste: assinado pela AC de teste do HealthMed, que NÃO é ICP-Brasil."
    )

    @classmethod
    def from_domain(cls, d: DocumentoAssinado, *, qualificada: bool) -> VerificacaoOut:
        """The public shape of a verification."""
        return cls(
            codigo=d.codigo,
            tipo=d.tipo,
            emitido_em=d.emitido_em,
            medico=SignatarioOut(nome=d.medico.nome, crm=d.medico.crm, uf=d.medico.uf),
            sha256=d.sha256,
            certificado="icp-brasil" if qualificada else "teste",
        )
