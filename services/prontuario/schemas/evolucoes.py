"""Request and response bodies of the clinical notes (evoluções)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from services.prontuario.domain.evolucao import MAX_CID10, Adendo, Evolucao
from services.prontuario.service.evolucoes import NovoConteudo


def _texto_clinico(valor: str) -> str:
    # Line breaks and tabs belong in a clinical text; NUL cannot be stored in PostgreSQL, and
    # no other control character belongs there.
    if any((ord(ch) < 32 and ch not in "\n\r\t") or ord(ch) == 127 for ch in valor):
        raise ValueError("Caracteres de controle não são permitidos")
    return valor.strip()


Campo = Annotated[str, Field(default="", max_length=5000), AfterValidator(_texto_clinico)]
Texto = Annotated[str, Field(default="", max_length=20000), AfterValidator(_texto_clinico)]


class ConteudoIn(BaseModel):
    """The note's content: free text and the structured fields (all optional in a draft)."""

    model_config = ConfigDict(extra="forbid")

    texto: Texto = ""
    queixa_principal: Campo = ""
    avaliacao: Campo = ""
    plano: Campo = ""
    cid10: list[Annotated[str, Field(max_length=10)]] = Field(
        default_factory=list,
        max_length=MAX_CID10,
        description="Códigos CID-10 (ex.: J06.9), validados pelo formato: letra, dois dígitos "
        "e subcategoria opcional.",
    )

    def para_caso_de_uso(self) -> NovoConteudo:
        """The content the use cases check."""
        return NovoConteudo(
            texto=self.texto,
            queixa_principal=self.queixa_principal,
            avaliacao=self.avaliacao,
            plano=self.plano,
            cid10=tuple(self.cid10),
        )


class EvolucaoIn(ConteudoIn):
    """A new note: the consultation it records, and its first content."""

    consulta_id: uuid.UUID


class AdendoIn(BaseModel):
    """An addendum to a signed note."""

    model_config = ConfigDict(extra="forbid")

    texto: Annotated[str, Field(min_length=1, max_length=5000), AfterValidator(_texto_clinico)]


class AdendoOut(BaseModel):
    id: uuid.UUID
    medico_id: uuid.UUID
    texto: str
    assinado_em: datetime
    sha256: str

    @classmethod
    def from_domain(cls, a: Adendo) -> AdendoOut:
        """The public shape of an addendum."""
        return cls(
            id=a.id,
            medico_id=a.medico_id,
            texto=a.texto,
            assinado_em=a.assinado_em,
            sha256=a.sha256,
        )


class EvolucaoOut(BaseModel):
    id: uuid.UUID
    paciente_id: uuid.UUID
    consulta_id: uuid.UUID
    medico_id: uuid.UUID
    status: Literal["rascunho", "assinada"]
    texto: str
    queixa_principal: str
    avaliacao: str
    plano: str
    cid10: list[str]
    cid10_validacao: Literal["formato"] = Field(
        default="formato",
        description="Como os códigos CID-10 foram conferidos: só pelo formato (nenhuma lista "
        "oficial com licença que permita distribuí-la está instalada).",
    )
    criada_em: datetime
    atualizada_em: datetime
    assinada_em: datetime | None
    sha256: str | None
    adendos: list[AdendoOut]

    @classmethod
    def from_domain(cls, e: Evolucao) -> EvolucaoOut:
        """The public shape of a note."""
        c = e.conteudo
        return cls(
            id=e.id,
            paciente_id=e.paciente_id,
            consulta_id=e.consulta_id,
            medico_id=e.medico_id,
            status="assinada" if e.assinada else "rascunho",
            texto=c.texto,
            queixa_principal=c.queixa_principal,
            avaliacao=c.avaliacao,
            plano=c.plano,
            cid10=list(c.cid10),
            criada_em=e.criada_em,
            atualizada_em=e.atualizada_em,
            assinada_em=e.assinada_em,
            sha256=e.sha256,
            adendos=[AdendoOut.from_domain(a) for a in e.adendos],
        )


class EvolucoesOut(BaseModel):
    evolucoes: list[EvolucaoOut]
