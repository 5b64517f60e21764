"""The clinical note (evolução) of a consultation: a draft its doctor edits, then signs once.

Signing locks the note for ever (CFM 2.314/2022: the record of a teleconsultation is kept as
written); a later correction is an *addendum* (adendo), itself signed and timestamped when it is
written, never an edit. The lock holds twice: here (:meth:`Evolucao.editar` refuses) and in
PostgreSQL (a trigger refuses any UPDATE or DELETE of a signed note or of an addendum).

"Signed" here means: locked, with the moment and the SHA-256 of the canonical content (fields
in a fixed order, the addenda chained to the note's hash), written by the authenticated doctor
of the consultation. It is not a qualified (ICP-Brasil) signature: the PDFs (receita, atestado)
carry that kind of signature; the note lives only inside the record.

CID-10 codes are checked by *format* only (a letter, two digits, optionally a subcategory
digit): no package or dataset of the Brazilian CID-10 (DATASUS) with a licence that allows
shipping it installs here (see docs/api-extensoes.md), so a well-formed code that does not
exist is accepted.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from services.prontuario.domain.erros import EvolucaoAssinada, EvolucaoNaoAssinada

_CID10 = re.compile(r"^([A-Z])([0-9]{2})(?:\.?([0-9]))?$")
MAX_CID10 = 10


def normalizar_cid10(codigo: str) -> str | None:
    """The code written as DATASUS prints it (``J06.9``, ``I10``), or ``None`` if malformed."""
    m = _CID10.fullmatch(codigo.strip().upper())
    if m is None:
        return None
    letra, categoria, sub = m.groups()
    return f"{letra}{categoria}.{sub}" if sub else f"{letra}{categoria}"


@dataclass(frozen=True)
class Conteudo:
    """What the doctor writes: free text and the structured fields."""

    texto: str = ""
    queixa_principal: str = ""
    avaliacao: str = ""
    plano: str = ""
    cid10: tuple[str, ...] = ()

    def sha256(self) -> str:
        """The hash signing seals: every field, in a fixed order."""
        canonico = json.dumps(
            [self.texto, self.queixa_principal, self.avaliacao, self.plano, list(self.cid10)],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(canonico.encode()).hexdigest()


@dataclass(frozen=True)
class Adendo:
    """A signed correction or complement, written after the note was signed."""

    id: uuid.UUID
    evolucao_id: uuid.UUID
    medico_id: uuid.UUID
    texto: str
    assinado_em: datetime
    sha256: str  # of the note's hash, the moment and the text: it belongs to that note only


@dataclass
class Evolucao:
    """The note of one consultation, written by that consultation's doctor."""

    id: uuid.UUID
    paciente_id: uuid.UUID
    consulta_id: uuid.UUID
    medico_id: uuid.UUID
    conteudo: Conteudo
    criada_em: datetime
    atualizada_em: datetime
    assinada_em: datetime | None = None
    sha256: str | None = None
    adendos: list[Adendo] = field(default_factory=list)

    @property
    def assinada(self) -> bool:
        """Signed notes are read-only for ever."""
        return self.assinada_em is not None

    def editar(self, conteudo: Conteudo, agora: datetime) -> None:
        """Replace the draft's content; a signed note refuses (409)."""
        if self.assinada:
            raise EvolucaoAssinada()
        self.conteudo = conteudo
        self.atualizada_em = agora

    def assinar(self, agora: datetime) -> None:
        """Lock the note: stamp the moment and seal its content's hash (once only)."""
        if self.assinada:
            raise EvolucaoAssinada()
        self.assinada_em = agora
        self.atualizada_em = agora
        self.sha256 = self.conteudo.sha256()

    def adendar(self, *, texto: str, agora: datetime) -> Adendo:
        """A signed, timestamped addendum to a signed note (a draft is edited instead)."""
        if not self.assinada or self.sha256 is None:
            raise EvolucaoNaoAssinada()
        selo = json.dumps([self.sha256, agora.isoformat(), texto], ensure_ascii=False)
        adendo = Adendo(
            id=uuid.uuid4(),
            evolucao_id=self.id,
            medico_id=self.medico_id,
            texto=texto,
            assinado_em=agora,
            sha256=hashlib.sha256(selo.encode()).hexdigest(),
        )
        self.adendos.append(adendo)
        return adendo
