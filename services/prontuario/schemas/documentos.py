"""Request and response bodies of the record's documents: the upload's request and
confirmation, a document's public shape, the listing and a download link."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.prontuario.domain.documento import Categoria, Documento
from services.prontuario.service.documentos import Envio


class UploadIn(BaseModel):
    """What the patient is about to send."""

    model_config = ConfigDict(extra="forbid")

    nome: str = Field(min_length=1, max_length=200)
    categoria: Categoria
    tipo_conteudo: str = Field(min_length=1, max_length=100)
    tamanho: int = Field(ge=1)

    @field_validator("nome", "tipo_conteudo")
    @classmethod
    def _sem_controle(cls, valor: str) -> str:
        # NUL cannot be stored in PostgreSQL text, and no control character belongs in a name.
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in valor):
            raise ValueError("Caracteres de controle não são permitidos")
        valor = valor.strip()
        if not valor:
            raise ValueError("Não pode ficar em branco")
        return valor


class ConfirmarIn(BaseModel):
    """Optional body of the confirmation: the SHA-256 of the file the browser uploaded."""

    model_config = ConfigDict(extra="forbid")

    sha256: str | None = Field(
        default=None,
        description="SHA-256 do arquivo enviado, em 64 dígitos hexadecimais minúsculos",
    )

    @field_validator("sha256")
    @classmethod
    def _hex(cls, valor: str | None) -> str | None:
        if valor is not None and (
            len(valor) != 64 or any(ch not in "0123456789abcdef" for ch in valor)
        ):
            raise ValueError("Deve ter 64 dígitos hexadecimais minúsculos")
        return valor


class DocumentoOut(BaseModel):
    id: uuid.UUID
    paciente_id: uuid.UUID
    nome: str
    categoria: Categoria
    tipo_conteudo: str
    tamanho: int
    sha256: str | None
    status: Literal["pendente", "disponivel"]
    criado_em: datetime
    enviado_por: uuid.UUID

    @classmethod
    def from_domain(cls, d: Documento) -> DocumentoOut:
        """The public shape of a document."""
        return cls(
            id=d.id,
            paciente_id=d.paciente_id,
            nome=d.nome,
            categoria=d.categoria,
            tipo_conteudo=d.tipo_conteudo,
            tamanho=d.tamanho,
            sha256=d.sha256,
            status=d.status,
            criado_em=d.criado_em,
            enviado_por=d.enviado_por,
        )


class UploadOut(BaseModel):
    url: str
    metodo: Literal["POST", "PUT"]
    campos: dict[str, str]
    cabecalhos: dict[str, str]
    expira_em: datetime


class EnvioOut(BaseModel):
    documento: DocumentoOut
    upload: UploadOut

    @classmethod
    def from_domain(cls, e: Envio) -> EnvioOut:
        """A pending document and where to send its bytes."""
        u = e.upload
        return cls(
            documento=DocumentoOut.from_domain(e.documento),
            upload=UploadOut(
                url=u.url,
                metodo="POST" if u.metodo == "POST" else "PUT",
                campos=u.campos,
                cabecalhos=u.cabecalhos,
                expira_em=u.expira_em,
            ),
        )


class DocumentosOut(BaseModel):
    documentos: list[DocumentoOut]


class LinkOut(BaseModel):
    url: str
    expira_em: datetime


class DownloadOut(BaseModel):
    documento: DocumentoOut
    download: LinkOut
