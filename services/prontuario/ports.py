"""The ports of the health record: where bytes live, where metadata lives, the access log.

Each has one adapter per profile (``adapters/``): local disk + PostgreSQL now, S3 + DynamoDB on
AWS. The access log always lives in PostgreSQL (its append-only guarantee is a trigger there).
The same contract tests (``tests/integration``) run against every adapter of a port.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from libs import portas
from services.prontuario.domain.auditoria import Acesso, Cabeca, NovoAcesso
from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import Documento, ObjetoArmazenado
from services.prontuario.domain.evolucao import Adendo, Evolucao
from services.prontuario.domain.receituario import (
    Atestado,
    Cabecalho,
    DocumentoAssinado,
    Receita,
    Signatario,
)


@dataclass(frozen=True)
class PedidoEnvio:
    """How the client sends the bytes: POST a multipart form (``campos`` then ``file``), or
    PUT the raw body with ``cabecalhos``; valid until ``expira_em``."""

    url: str
    metodo: str
    expira_em: datetime
    campos: dict[str, str] = field(default_factory=dict)
    cabecalhos: dict[str, str] = field(default_factory=dict)


class DocumentStorage(Protocol):
    """Where the bytes of documents live, reached by clients only through signed URLs.

    An upload lands in the document's *draft* (:meth:`chave_envio`); confirmation checks the
    draft and then makes it the document's bytes at ``documento.chave_objeto``
    (:meth:`efetivar`), the only key ever read afterwards. Where a signed upload can be used
    more than once (S3's presigned POST), the draft is a separate object and the final key is
    written by :meth:`efetivar` alone; where a file is written once (local), the draft *is* the
    final object and :meth:`efetivar` has nothing to do.
    """

    async def preparar_envio(self, *, documento: Documento, expira_em: datetime) -> PedidoEnvio:
        """A signed upload to the document's draft that accepts exactly this document's type
        and at most its size."""
        ...

    def chave_envio(self, documento: Documento) -> str:
        """Where the signed upload puts the bytes (inspect it before :meth:`efetivar`)."""
        ...

    async def efetivar(
        self, *, documento: Documento, enviado: ObjetoArmazenado
    ) -> ObjetoArmazenado:
        """Make the draft's version ``enviado`` (already checked) the document's bytes at its
        final key, without this service carrying them, and describe the final object (its own
        version). Idempotent: if the final key already holds the copy an earlier attempt made
        (a confirmation that died before its commit, or one running alongside), that copy is
        described and nothing is written again."""
        ...

    async def descartar_envio(self, documento: Documento) -> None:
        """After the confirmation is recorded: drop the draft when it is a separate object,
        never the document's bytes. Best effort (it never raises): leftover drafts expire."""
        ...

    async def inspecionar(self, chave: str) -> ObjetoArmazenado | None:
        """Size, first bytes, SHA-256 and version of the stored object, all of one and the same
        version; ``None`` if nothing is there."""
        ...

    async def preparar_download(
        self,
        *,
        documento: Documento,
        expira_em: datetime,
        compartilhamento_id: uuid.UUID | None = None,
    ) -> str:
        """A signed URL that serves the document's bytes until ``expira_em``: the version
        checked at confirmation (``documento.versao_objeto``) when there is one."""
        ...

    async def gravar(self, chave: str, dados: bytes) -> ObjetoArmazenado:
        """Store bytes this service made (a signed PDF) at a new key, once: an existing object
        is never replaced (``FileExistsError``). Describes what was stored (its version)."""
        ...

    async def ler(self, chave: str, *, versao: str | None = None) -> bytes:
        """The plain bytes of a stored object (the patient's export): of ``versao`` when given,
        else of whatever the key holds now."""
        ...

    async def remover(self, chave: str) -> None:
        """Delete the object (nothing happens if it is absent)."""
        ...

    async def pronto(self) -> None:
        """Raise unless the storage is reachable and writable (``/readyz``)."""
        ...


class RecordRepository(Protocol):
    """Metadata of records: documents and shares (PostgreSQL locally, DynamoDB on AWS)."""

    async def adicionar_documento(self, documento: Documento) -> None:
        """Store a new (pending) document."""
        ...

    async def documento(self, paciente_id: uuid.UUID, documento_id: uuid.UUID) -> Documento | None:
        """One document of a patient's record."""
        ...

    async def documentos(self, paciente_id: uuid.UUID) -> list[Documento]:
        """Every document of a record, oldest first."""
        ...

    async def salvar_documento(self, documento: Documento) -> None:
        """Persist a document's new state (status, SHA-256, version of the object)."""
        ...

    async def adicionar_compartilhamento(self, compartilhamento: Compartilhamento) -> None:
        """Store a new share."""
        ...

    async def compartilhamento(
        self, paciente_id: uuid.UUID, compartilhamento_id: uuid.UUID
    ) -> Compartilhamento | None:
        """One share of a patient's record."""
        ...

    async def compartilhamentos(self, paciente_id: uuid.UUID) -> list[Compartilhamento]:
        """Every share of a record, newest first."""
        ...

    async def compartilhamentos_com(
        self, medico_id: uuid.UUID, paciente_id: uuid.UUID | None = None
    ) -> list[Compartilhamento]:
        """The shares granted to a doctor (of one patient, or of all), newest first."""
        ...

    async def salvar_compartilhamento(self, compartilhamento: Compartilhamento) -> None:
        """Persist a share's new state (revocation)."""
        ...


class AccessLog(Protocol):
    """The append-only access log: one HMAC chain per patient, plus the legacy chain over all
    patients (entries written before the per-patient chains)."""

    async def registrar(self, novo: NovoAcesso) -> Acesso:
        """Append one entry at the end of the patient's chain."""
        ...

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[Acesso]:
        """A record's entries, newest first."""
        ...

    async def leitura_consistente(self) -> None:
        """Make every later read of this unit of work see one and the same snapshot."""
        ...

    async def em_ordem(self, desde: int = 1, limite: int = 1000) -> list[Acesso]:
        """Legacy entries from sequence ``desde`` on, in chain order (the integrity check)."""
        ...

    async def por_paciente(
        self, depois: tuple[uuid.UUID, int] | None = None, limite: int = 1000
    ) -> list[Acesso]:
        """Per-patient entries after ``(paciente_id, seq)``, in (patient, number) order."""
        ...

    async def cabecas(self, depois: uuid.UUID | None = None, limite: int = 1000) -> list[Cabeca]:
        """The heads of the patients' chains after ``depois``, in patient order."""
        ...


class Encerramentos(Protocol):
    """Records whose patient closed the account (kept, read-only, for the legal retention
    period; PostgreSQL in every profile)."""

    async def registrar(self, paciente_id: uuid.UUID, quando: datetime) -> bool:
        """Mark the record closed; whether this call closed it (False: it already was)."""
        ...

    async def encerrado(self, paciente_id: uuid.UUID) -> bool:
        """Whether the patient closed the account."""
        ...


class Evolucoes(Protocol):
    """The clinical notes and their addenda (PostgreSQL in every profile: a trigger there
    keeps a signed note and its addenda unchanged)."""

    async def adicionar(self, evolucao: Evolucao) -> bool:
        """Store a new draft; ``False`` if the consultation already has a note."""
        ...

    async def salvar(self, evolucao: Evolucao) -> None:
        """Persist a draft's content or signature; :class:`EvolucaoAssinada` if the stored note
        is signed already."""
        ...

    async def adicionar_adendo(self, adendo: Adendo) -> None:
        """Append a signed addendum."""
        ...

    async def obter(
        self, paciente_id: uuid.UUID, evolucao_id: uuid.UUID, *, bloquear: bool = False
    ) -> Evolucao | None:
        """One note of a record with its addenda (``bloquear``: locked until commit)."""
        ...

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[Evolucao]:
        """Every note of a record, oldest first."""
        ...


class DocumentosAssinados(Protocol):
    """The register of issued documents by verification code (PostgreSQL in every profile,
    append-only)."""

    async def adicionar(self, registro: DocumentoAssinado) -> None:
        """Register an issued document."""
        ...

    async def por_codigo(self, codigo: str) -> DocumentoAssinado | None:
        """The document a verification code names, ``None`` if none."""
        ...

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[DocumentoAssinado]:
        """Every document issued to a patient, oldest first."""
        ...


class AssinadorDePdf(Protocol):
    """Signs a PDF (PAdES) with a doctor's certificate: the test authority locally, KMS (a key
    per doctor) on AWS, an ICP-Brasil A1/A3 certificate in production (docs/architecture.md)."""

    @property
    def qualificada(self) -> bool:
        """Whether the signature is a qualified (ICP-Brasil) one."""
        ...

    def raiz_pem(self) -> bytes:
        """The trust root that validates these signatures (PEM), empty if none."""
        ...

    async def assinar(self, pdf: bytes, *, signatario: Signatario, motivo: str) -> bytes:
        """The signed PDF."""
        ...


class GeradorDePdf(Protocol):
    """Draws the PDF of a prescription or a certificate, not yet signed (fpdf2 in every
    profile: ``adapters/pdf_clinico.py``)."""

    def receita(self, receita: Receita, cabecalho: Cabecalho, /) -> bytes:
        """The unsigned PDF of a simple prescription."""
        ...

    def atestado(self, atestado: Atestado, cabecalho: Cabecalho, /) -> bytes:
        """The unsigned PDF of a medical certificate."""
        ...


class UnitOfWork(portas.UnitOfWork, Protocol):
    """One transaction over metadata and the access log."""

    @property
    def registros(self) -> RecordRepository:
        """Documents and shares."""
        ...

    @property
    def acessos(self) -> AccessLog:
        """The access log."""
        ...

    @property
    def encerramentos(self) -> Encerramentos:
        """Closed records."""
        ...

    @property
    def evolucoes(self) -> Evolucoes:
        """Clinical notes."""
        ...

    @property
    def assinados(self) -> DocumentosAssinados:
        """Issued documents by verification code."""
        ...


# The room opens this long before the start (consulta's rule, docs/architecture.md §10).
ABERTURA_DA_SALA = timedelta(minutes=15)


@dataclass(frozen=True)
class ConsultaResumida:
    """What the record needs of a consultation, as its owner (the consulta service) says."""

    id: uuid.UUID
    medico_id: uuid.UUID
    paciente_id: uuid.UUID
    status: str  # pendente, confirmada, recusada, cancelada, realizada
    inicio: datetime

    @property
    def atendida(self) -> bool:
        """Accepted or held: only then does it get a note or a signed document."""
        return self.status in ("confirmada", "realizada")

    def comecou(self, agora: datetime) -> bool:
        """Whether its room has opened (15 minutes before the start, consulta's rule): the
        note is written during or after the consultation, never days before it."""
        return agora >= self.inicio - ABERTURA_DA_SALA


class Diretorio(Protocol):
    """Who people are, asked of the medico and paciente services."""

    async def medico(self, medico_id: uuid.UUID) -> dict[str, object] | None:
        """A doctor's public data (``id``, ``nome``, ``crm``, ``uf``), ``None`` if unknown."""
        ...

    async def paciente(self, paciente_id: uuid.UUID) -> dict[str, object] | None:
        """A patient's data (``id``, ``nome``, ``email``), ``None`` if unknown."""
        ...

    async def perfil_completo(self, paciente_id: uuid.UUID) -> object | None:
        """Everything the paciente service keeps about the patient (for the export), or
        ``None`` when that service offers no such route."""
        ...

    async def consultas(self, paciente_id: uuid.UUID) -> object | None:
        """The patient's appointments (for the export), or ``None`` when unavailable."""
        ...

    async def consulta(
        self, consulta_id: uuid.UUID, participante_id: uuid.UUID
    ) -> ConsultaResumida | None:
        """One consultation, if ``participante_id`` takes part in it (else ``None``)."""
        ...
