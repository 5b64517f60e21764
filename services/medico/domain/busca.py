"""Search criteria for doctors, and the rules that tie them together."""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from libs import errors
from libs.campos import Endereco, Localizacao

Ordem = Literal["distancia", "avaliacao", "proximo_horario"]
POR_PAGINA_MAXIMO = 100
NOME_MINIMO, NOME_MAXIMO = 2, 80
# What patients type before a name; never a word of the name they mean.
TITULOS = frozenset({"dr", "dra", "doutor", "doutora"})
# Letters that NFKD does not split into a base letter and a mark, as PostgreSQL's unaccent
# writes them: the database side of the match (medico_0003) must see the same words.
_SEM_DECOMPOSICAO = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th"}
)


def palavras_do_nome(texto: str) -> list[str]:
    """The words of a name as the search compares them: without accents, lower case, ASCII
    letters and digits only (anything else separates words), in the order typed.

    The same normal form as the database's ``nome_busca`` column (``medico_0003``):
    ``lower(unaccent(nome))`` with every run of other characters turned into one space.
    """
    decomposto = unicodedata.normalize("NFKD", texto.casefold())
    sem_marcas = "".join(c for c in decomposto if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", sem_marcas.translate(_SEM_DECOMPOSICAO))


@dataclass(frozen=True)
class Busca:
    """What a patient asks for; ``ordem`` is resolved (never None) by :func:`criterios`."""

    especialidade: str | None
    lat: float | None
    lon: float | None
    raio_km: float | None
    avaliacao_min: float | None
    disponivel_ate: datetime | None
    ordem: Ordem | Literal["nome", "relevancia"]
    pagina: int
    por_pagina: int
    nome: tuple[str, ...] = ()
    """The words of ``nome`` (see :func:`criterios`), titles removed; empty: any name."""

    @property
    def tem_origem(self) -> bool:
        """A point to measure distances from was given."""
        return self.lat is not None and self.lon is not None

    @property
    def offset(self) -> int:
        """Rows to skip for this page."""
        return (self.pagina - 1) * self.por_pagina


def criterios(
    *,
    especialidade: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
    raio_km: float | None = None,
    avaliacao_min: float | None = None,
    disponivel_ate: datetime | None = None,
    ordenar: Ordem | None = None,
    pagina: int = 1,
    por_pagina: int = 20,
    nome: str | None = None,
) -> Busca:
    """Check the combination of criteria: all errors are reported at once (422).

    Distance needs both ``lat`` and ``lon``; ``raio_km`` and ``ordenar=distancia`` need a point.
    Without ``ordenar``: by relevance when a name is given, by distance when a point is given,
    otherwise by name.

    ``nome`` (2 to 80 characters once trimmed) finds a doctor by name, ignoring case and
    accents: **every word typed must be the start of some word of the doctor's name, in any
    order** ("hel cos" and "costa" find "Dra. Helena Costa"; "elena" does not: a match inside a
    word is not one, though the trigram index could serve it, because patients type names from
    their start and infixes only add noise, "ana" would find every "Mariana" and "Juliana").
    Words are what :func:`palavras_do_nome` makes of the text, so "Conceição", "conceicao" and
    "CONCEIÇÃO" are one word, and "joão-pedro" two. The titles patients type ("dr", "dra",
    "dr.", "dra.", "doutor", "doutora") are dropped; a name of titles only is refused. Relevance:
    first the doctors with more typed words matching a whole word of their name ("silva" puts
    "Ana Silva" before "Silvana Reis"), then by name.
    """
    erros: list[errors.ErroCampo] = []
    palavras: tuple[str, ...] = ()
    if nome is not None:
        nome = nome.strip()
        if not NOME_MINIMO <= len(nome) <= NOME_MAXIMO:
            erros.append(
                errors.ErroCampo(
                    "nome", f"Informe de {NOME_MINIMO} a {NOME_MAXIMO} caracteres do nome"
                )
            )
        else:
            palavras = tuple(p for p in palavras_do_nome(nome) if p not in TITULOS)
            if not palavras:
                erros.append(errors.ErroCampo("nome", "Informe parte do nome, além do título"))
    if (lat is None) != (lon is None):
        campo = "lon" if lon is None else "lat"
        erros.append(errors.ErroCampo(campo, "Informe lat e lon juntos"))
    tem_origem = lat is not None and lon is not None
    if raio_km is not None and not tem_origem:
        erros.append(errors.ErroCampo("raio_km", "O raio exige lat e lon"))
    if ordenar == "distancia" and not tem_origem:
        erros.append(errors.ErroCampo("ordenar", "Ordenar por distância exige lat e lon"))
    if disponivel_ate is not None and disponivel_ate.tzinfo is None:
        erros.append(errors.ErroCampo("disponivel_ate", "Informe a data e hora com fuso"))
    if pagina < 1:
        erros.append(errors.ErroCampo("pagina", "Deve ser maior ou igual a 1"))
    if not 1 <= por_pagina <= POR_PAGINA_MAXIMO:
        erros.append(errors.ErroCampo("por_pagina", f"Deve estar entre 1 e {POR_PAGINA_MAXIMO}"))
    if erros:
        raise errors.DadosInvalidos(erros)
    ordem: Ordem | Literal["nome", "relevancia"] = ordenar or (
        "relevancia" if palavras else "distancia" if tem_origem else "nome"
    )
    return Busca(
        especialidade=especialidade.strip().lower() if especialidade else None,
        lat=lat,
        lon=lon,
        raio_km=raio_km,
        avaliacao_min=avaliacao_min,
        disponivel_ate=disponivel_ate,
        ordem=ordem,
        pagina=pagina,
        por_pagina=por_pagina,
        nome=palavras,
    )


@dataclass(frozen=True)
class ItemBusca:
    """One doctor in a search answer."""

    id: uuid.UUID
    nome: str
    crm: str
    uf: str
    especialidades: list[str]
    avaliacao_media: float | None
    total_avaliacoes: int
    distancia_km: float | None
    proximo_horario: datetime | None
    endereco: Endereco | None
    localizacao: Localizacao | None
    valor_consulta: Decimal | None = None
    tratamento: str | None = None


@dataclass(frozen=True)
class PaginaBusca:
    """A page of a search, with the total of matching doctors."""

    itens: list[ItemBusca]
    total: int
