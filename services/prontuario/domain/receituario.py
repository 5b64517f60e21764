"""Prescriptions (receita simples) and medical certificates (atestado) issued at a distance.

Each is a PDF generated from structured input, signed (PAdES) with the doctor's certificate,
stored as a document of the patient's record, and registered under a *verification code*: the
public page ``/verificar/{codigo}`` says whether a code belongs to a document this product
issued (who signed it, when, its SHA-256), never what it says.

CFM 1.658/2002 (art. 5): the diagnosis (CID) goes on a certificate only at the patient's
express request or authorisation, so a CID without ``autorizacao_cid`` is refused (422).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from libs import errors
from services.prontuario.domain.evolucao import normalizar_cid10

TipoDocumento = Literal["receita", "atestado"]
MAX_ITENS = 20
MAX_DIAS_AFASTAMENTO = 365
# Crockford's base32 without the look-alikes (no I, L, O, U): read aloud or typed from paper.
_ALFABETO = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def novo_codigo() -> str:
    """A verification code: 80 random bits in four groups (``7K2M-Q9XA-...``), unguessable."""
    bruto = "".join(secrets.choice(_ALFABETO) for _ in range(16))
    return "-".join(bruto[i : i + 4] for i in range(0, 16, 4))


def codigo_valido(codigo: str) -> bool:
    """Whether ``codigo`` has the shape :func:`novo_codigo` gives (cheap refusal first)."""
    partes = codigo.split("-")
    return len(partes) == 4 and all(len(p) == 4 and set(p) <= set(_ALFABETO) for p in partes)


@dataclass(frozen=True)
class ItemReceita:
    """One medication of a prescription."""

    medicamento: str
    dose: str
    posologia: str
    duracao: str


@dataclass(frozen=True)
class Receita:
    """A simple prescription (receita simples: no controlled substances)."""

    itens: tuple[ItemReceita, ...]
    observacoes: str = ""

    def __post_init__(self) -> None:
        if not self.itens:
            raise errors.DadosInvalidos.campo("itens", "Inclua ao menos um medicamento")
        if len(self.itens) > MAX_ITENS:
            raise errors.DadosInvalidos.campo("itens", f"No máximo {MAX_ITENS} medicamentos")


@dataclass(frozen=True)
class Atestado:
    """A medical certificate: days off work, and a CID only with the patient's authorisation."""

    dias_afastamento: int
    cid10: str | None = None
    autorizacao_cid: bool = False
    observacoes: str = ""

    @classmethod
    def validado(
        cls,
        *,
        dias_afastamento: int,
        cid10: str | None,
        autorizacao_cid: bool,
        observacoes: str,
    ) -> Atestado:
        """The certificate, its CID written the DATASUS way (422 on a malformed CID, or a CID
        the patient did not authorise)."""
        if not 0 <= dias_afastamento <= MAX_DIAS_AFASTAMENTO:
            raise errors.DadosInvalidos.campo(
                "dias_afastamento", f"De 0 a {MAX_DIAS_AFASTAMENTO} dias"
            )
        codigo: str | None = None
        if cid10:
            if not autorizacao_cid:
                raise errors.DadosInvalidos.campo(
                    "cid10",
                    "O CID só vai no atestado com a autorização do paciente",
                )
            codigo = normalizar_cid10(cid10)
            if codigo is None:
                raise errors.DadosInvalidos.campo("cid10", f"Código CID-10 inválido: {cid10!r}")
        return cls(dias_afastamento, codigo, autorizacao_cid, observacoes)


@dataclass(frozen=True)
class Signatario:
    """Who signs: the doctor, as the medico service names them."""

    id: uuid.UUID
    nome: str
    crm: str
    uf: str


@dataclass(frozen=True)
class DocumentoAssinado:
    """The public record of an issued document, found by its verification code."""

    codigo: str
    documento_id: uuid.UUID
    paciente_id: uuid.UUID
    consulta_id: uuid.UUID
    tipo: TipoDocumento
    medico: Signatario
    sha256: str  # of the signed PDF as stored: a copy with any other hash was altered
    emitido_em: datetime


@dataclass(frozen=True)
class Cabecalho:
    """What the PDF of a prescription or a certificate says besides its content: who, for
    whom, when, and how to check it."""

    signatario: Signatario
    paciente_nome: str
    emitido_em: datetime  # already in the doctor's time zone
    consulta_em: datetime  # the consultation's start, in the doctor's time zone
    codigo: str
    url_verificacao: str
    certificado_de_teste: bool
