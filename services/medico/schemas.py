"""Request and response bodies of the medico service."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from libs import campos
from libs.campos import Email, EnderecoOut, LocalizacaoOut, Nome, Uf, endereco_out, localizacao_out
from services.medico.domain.busca import ItemBusca
from services.medico.domain.medico import (
    ANTECEDENCIA_MAXIMA,
    ANTECEDENCIA_PADRAO,
    FUSO_PADRAO,
    Medico,
)

Telefone = Annotated[str, Field(max_length=30), campos.telefone("11 3123-4567")]
Bio = Annotated[str, campos.limites(0, 2000), campos.TextoPublico]  # public on the profile
Slug = Annotated[str, Field(max_length=80, pattern=r"^[A-Za-z0-9-]+$")]
Slugs = Annotated[list[Slug], Field(min_length=1, max_length=20)]
Valor = Annotated[Decimal, Field(ge=0, le=100_000, max_digits=10, decimal_places=2)]
Antecedencia = Annotated[int, Field(ge=0, le=ANTECEDENCIA_MAXIMA)]
Fuso = Annotated[str, Field(min_length=1, max_length=64)]
Tratamento = Annotated[
    Literal["Dr.", "Dra."] | None,
    Field(description="The title the doctor chose to be called by; null: none."),
]


class EnderecoIn(campos.EnderecoIn):
    """The clinic's address; the CEP is accepted with or without the hyphen."""


# The same body in both services: OpenAPI shows it once, as ``LocalizacaoIn``.
LocalizacaoIn = campos.LocalizacaoIn


class MedicoCreate(BaseModel):
    """Registration of a doctor."""

    model_config = ConfigDict(extra="forbid")

    nome: Nome
    crm: str = Field(max_length=20)
    uf: Uf
    email: Email
    senha: str = Field(max_length=256)
    especialidades: Slugs
    telefone: Telefone | None = None
    bio: Bio | None = None
    endereco: EnderecoIn | None = None
    localizacao: LocalizacaoIn | None = None
    valor_consulta: Valor | None = None
    fuso_horario: Fuso = FUSO_PADRAO
    antecedencia_minima_minutos: Antecedencia = ANTECEDENCIA_PADRAO
    tratamento: Tratamento = None


class MedicoUpdate(campos.AlteracaoDePerfilIn):
    """Any registration field except ``senha``, ``crm`` and ``uf``; absent fields stay as they
    are, ``null`` clears an optional one."""

    nome: Nome | None = None
    email: Email | None = None
    # Required when ``email`` changes (issue 15 §2): the e-mail is where recovery goes.
    senha_atual: str | None = Field(default=None, max_length=256)
    especialidades: Slugs | None = None
    telefone: Telefone | None = None
    bio: Bio | None = None
    endereco: EnderecoIn | None = None
    localizacao: LocalizacaoIn | None = None
    valor_consulta: Valor | None = None
    fuso_horario: Fuso | None = None
    antecedencia_minima_minutos: Antecedencia | None = None
    tratamento: Tratamento = None

    _obrigatorio = field_validator(
        "nome",
        "email",
        "especialidades",
        "fuso_horario",
        "antecedencia_minima_minutos",
        mode="before",
    )(campos.nao_vazio)


class MedicoPublicoOut(BaseModel):
    """A doctor's public profile (never the e-mail)."""

    id: uuid.UUID
    nome: str
    crm: str
    uf: str
    especialidades: list[str]
    telefone: str | None
    bio: str | None
    endereco: EnderecoOut | None
    localizacao: LocalizacaoOut | None
    valor_consulta: float | None
    fuso_horario: str
    antecedencia_minima_minutos: int
    avaliacao_media: float | None
    total_avaliacoes: int
    proximo_horario: datetime | None
    tratamento: Tratamento

    @classmethod
    def _campos(cls, m: Medico) -> dict[str, Any]:
        return {
            "id": m.id,
            "nome": m.nome,
            "crm": m.crm,
            "uf": m.uf,
            "especialidades": m.especialidades,
            "telefone": m.telefone,
            "bio": m.bio,
            "endereco": endereco_out(m.endereco),
            "localizacao": localizacao_out(m.localizacao),
            "valor_consulta": float(m.valor_consulta) if m.valor_consulta is not None else None,
            "fuso_horario": m.fuso_horario,
            "antecedencia_minima_minutos": m.antecedencia_minima_minutos,
            "avaliacao_media": m.avaliacao_media,
            "total_avaliacoes": m.total_avaliacoes,
            "proximo_horario": m.proximo_horario_vigente(datetime.now(UTC)),
            "tratamento": m.tratamento,
        }

    @classmethod
    def from_domain(cls, m: Medico) -> MedicoPublicoOut:
        """The public view."""
        return cls(**cls._campos(m))


class MedicoOut(MedicoPublicoOut):
    """The doctor's own profile (after registration or a change): the public view + e-mail."""

    email: str

    @classmethod
    def from_domain(cls, m: Medico) -> MedicoOut:
        """The doctor's own view."""
        return cls(**cls._campos(m), email=m.email)


class EspecialidadeOut(BaseModel):
    slug: str
    nome: str


class EspecialidadesOut(BaseModel):
    itens: list[EspecialidadeOut]


class ItemBuscaOut(BaseModel):
    """A doctor in a search answer."""

    id: uuid.UUID
    nome: str
    crm: str
    uf: str
    especialidades: list[str]
    avaliacao_media: float | None
    total_avaliacoes: int
    distancia_km: float | None
    proximo_horario: datetime | None
    endereco: EnderecoOut | None
    localizacao: LocalizacaoOut | None = Field(
        description="Where the office is (for a map of the results); null if not given."
    )
    valor_consulta: float | None = Field(
        description="The price of a consultation in reais; null if the doctor did not give it."
    )
    tratamento: Tratamento

    @classmethod
    def from_item(cls, i: ItemBusca) -> ItemBuscaOut:
        """From the repository's row."""
        return cls(
            id=i.id,
            nome=i.nome,
            crm=i.crm,
            uf=i.uf,
            especialidades=i.especialidades,
            avaliacao_media=i.avaliacao_media,
            total_avaliacoes=i.total_avaliacoes,
            distancia_km=round(i.distancia_km, 2) if i.distancia_km is not None else None,
            proximo_horario=i.proximo_horario,
            endereco=endereco_out(i.endereco),
            localizacao=localizacao_out(i.localizacao),
            valor_consulta=float(i.valor_consulta) if i.valor_consulta is not None else None,
            tratamento=i.tratamento,
        )


class BuscaOut(BaseModel):
    itens: list[ItemBuscaOut]
    total: int
    pagina: int
    por_pagina: int


class MedicoInternoOut(BaseModel):
    """What other services need of a doctor (consulta: time zone, booking notice, and the
    e-mail for appointment notices; never public)."""

    id: uuid.UUID
    nome: str
    email: str
    crm: str
    uf: str
    fuso_horario: str
    antecedencia_minima_minutos: int
    especialidades: list[str]


class ProximoHorarioIn(BaseModel):
    medico_id: uuid.UUID
    proximo_horario: AwareDatetime | None


class ProximosHorariosIn(BaseModel):
    """Internal: the next free slot of each doctor of one pass of the agenda's outbox."""

    itens: list[ProximoHorarioIn] = Field(max_length=1000)


class ProximosHorariosOut(BaseModel):
    """The doctors this service does not know (nothing recorded for them)."""

    desconhecidos: list[uuid.UUID]


class AvaliacaoIn(BaseModel):
    consulta_id: uuid.UUID
    nota: int = Field(ge=1, le=5)
