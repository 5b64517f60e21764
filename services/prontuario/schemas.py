"""Request and response bodies of the prontuario service."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from services.prontuario import service
from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import Categoria, Documento


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
    def from_domain(cls, e: service.Envio) -> EnvioOut:
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
    def from_domain(cls, s: service.Compartilhado) -> CompartilhadoOut:
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
    def from_domain(cls, a: service.AcessoComNome) -> AcessoOut:
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


class EncerramentoIn(BaseModel):
    """Internal: the closing of a patient's account, with the IP the patient asked from."""

    ip: str = Field(default="desconhecido", max_length=100)


class EncerramentoOut(BaseModel):
    """What closing the account did to the record."""

    compartilhamentos_revogados: int
