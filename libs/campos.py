"""Pydantic field types and small input models of Brazilian contact data.

Format only (lengths, characters, CEP, UF, coordinates), the same in every service that reads
a name, an e-mail, a phone or an address; what a service does with them is its own rule. A bad
value is a 422 naming the field, before any use case runs.

The address and the location are also the services' domain values (:class:`Endereco`,
:class:`Localizacao`: plain dataclasses, kept here once for the medico and paciente domains);
the input models turn into them (``to_domain``). Each service subclasses the input models only
for the docstring its OpenAPI shows.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
)

from libs.brasil import UFS, so_digitos


def sem_controle(valor: str) -> str:
    """Refuse control characters other than line breaks and tabs."""
    # NUL and other control characters cannot be stored in PostgreSQL text, nor should be.
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t\r" for c in valor):
        raise ValueError("Caracteres de controle não são permitidos")
    return valor


SemControle = AfterValidator(sem_controle)

# The marks that embed, override or isolate the direction of text (U+202A-U+202E,
# U+2066-U+2069, U+200E, U+200F): in a name they disguise what is shown ("exe.pdf" read backwards).
_DIRECAO = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def uma_linha(valor: str) -> str:
    """Refuse what does not belong in one line of text such as a name: control characters
    (line breaks and tabs too), line and paragraph separators and direction marks. A name
    travels into e-mails and listings, where a line break would forge lines of their own."""
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in _DIRECAO for c in valor):
        raise ValueError("Use uma linha só, sem quebras de linha nem caracteres de controle")
    return valor


UmaLinha = AfterValidator(uma_linha)


def texto_publico(valor: str) -> str:
    """Free text that others read (a review, the doctor's reply): several lines, but no
    control characters nor direction marks, which would make it show what it does not say."""
    sem_controle(valor)
    if any(c in _DIRECAO for c in valor):
        raise ValueError("Marcas de direção de texto não são permitidas")
    return valor


TextoPublico = AfterValidator(texto_publico)


def limites(minimo: int, maximo: int) -> StringConstraints:
    """Free text trimmed of surrounding blanks, then from ``minimo`` to ``maximo`` characters."""
    return StringConstraints(strip_whitespace=True, min_length=minimo, max_length=maximo)


# One line of text: trimmed, within lengths, without control characters or line breaks.
Nome = Annotated[str, limites(2, 200), UmaLinha]
Logradouro = Annotated[str, limites(1, 300), UmaLinha]
Cidade = Annotated[str, limites(1, 120), UmaLinha]


def _email(valor: str) -> str:
    return valor.strip().lower()


def _uf(valor: str) -> str:
    if valor.strip().upper() not in UFS:
        raise ValueError("UF inválida")
    return valor.strip().upper()


Email = Annotated[EmailStr, AfterValidator(_email)]
"""An e-mail address, lower-cased."""
Uf = Annotated[str, Field(max_length=2), AfterValidator(_uf)]
"""A Brazilian state's two letters, upper-cased (``sp`` → ``SP``)."""


def telefone(exemplo: str) -> AfterValidator:
    """A phone with area code: 10 to 13 digits, spaces, ``+``, ``-`` and parentheses allowed
    (kept as typed, trimmed); ``exemplo`` shows the expected shape in the error message.

    Use as ``Annotated[str, Field(max_length=30), telefone("11 3123-4567")]``.
    """

    def _telefone(valor: str) -> str:
        digitos = so_digitos(valor)
        if not 10 <= len(digitos) <= 13 or any(not (c.isdigit() or c in " +-()") for c in valor):
            raise ValueError(f"Telefone inválido (DDD e número, ex.: {exemplo})")
        return valor.strip()

    return AfterValidator(_telefone)


@dataclass(frozen=True)
class Endereco:
    """A postal address (CEP as 8 digits, UF as two upper-case letters)."""

    cep: str
    logradouro: str
    cidade: str
    uf: str


@dataclass(frozen=True)
class Localizacao:
    """Latitude and longitude in decimal degrees."""

    lat: float
    lon: float


class EnderecoIn(BaseModel):
    """A postal address; the CEP is accepted with or without the hyphen and kept as 8 digits."""

    model_config = ConfigDict(extra="forbid")

    cep: str = Field(max_length=9)
    logradouro: Logradouro
    cidade: Cidade
    uf: Uf

    @field_validator("cep")
    @classmethod
    def _cep(cls, valor: str) -> str:
        digitos = so_digitos(valor)
        if len(digitos) != 8 or any(not (c.isdigit() or c == "-") for c in valor):
            raise ValueError("CEP inválido (8 dígitos)")
        return digitos

    def to_domain(self) -> Endereco:
        """The domain value."""
        return Endereco(self.cep, self.logradouro.strip(), self.cidade.strip(), self.uf)


class LocalizacaoIn(BaseModel):
    """Decimal degrees."""

    model_config = ConfigDict(extra="forbid")

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)

    def to_domain(self) -> Localizacao:
        """The domain value."""
        return Localizacao(self.lat, self.lon)


# The answers carry no docstring: it would become their OpenAPI description, and the services
# published them without one.
class EnderecoOut(BaseModel):
    cep: str
    logradouro: str
    cidade: str
    uf: str


class LocalizacaoOut(BaseModel):
    lat: float
    lon: float


def endereco_out(endereco: Endereco | None) -> EnderecoOut | None:
    """The answer's address, or None."""
    return EnderecoOut(**vars(endereco)) if endereco else None


def localizacao_out(localizacao: Localizacao | None) -> LocalizacaoOut | None:
    """The answer's location, or None."""
    return LocalizacaoOut(**vars(localizacao)) if localizacao else None


class EmailIn(BaseModel):
    """Internal: an e-mail put back on a profile (auth undoing a change of e-mail)."""

    model_config = ConfigDict(extra="forbid")

    email: Email


def nao_vazio(valor: Any) -> Any:
    """Refuse ``null`` on a field a partial update may leave out but never clear (the name,
    the e-mail): use as ``field_validator("nome", "email", mode="before")(nao_vazio)``."""
    if valor is None:
        raise ValueError("Não pode ser vazio")
    return valor


class AlteracaoDePerfilIn(BaseModel):
    """The base of a profile's partial update: absent fields stay as they are; ``senha_atual``
    (required by auth when the e-mail changes) is not a field of the profile."""

    model_config = ConfigDict(extra="forbid")

    def valores(self) -> dict[str, Any]:
        """The fields the client sent, as domain values."""
        out: dict[str, Any] = {}
        for nome in self.model_fields_set - {"senha_atual"}:
            valor = getattr(self, nome)
            out[nome] = valor.to_domain() if hasattr(valor, "to_domain") else valor
        return out
