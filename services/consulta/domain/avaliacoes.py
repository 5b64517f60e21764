"""Ratings as the doctor's page shows them: every one verified (only a ``realizada``
appointment is rated), the comment public with the patient's first name and last initial, the
doctor's one reply, and a report that takes a comment off the page for moderation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from libs import errors

TEXTO_MAXIMO = 1000
MOTIVO_MINIMO = 10


@dataclass(frozen=True)
class AvaliacaoPublica:
    """A rating with a comment, as anyone reads it on the doctor's page."""

    consulta_id: uuid.UUID
    nota: int
    comentario: str
    criada_em: datetime
    paciente: str  # "João L.": never the full name
    resposta: str | None = None
    respondida_em: datetime | None = None


def nome_publico(nome: str) -> str:
    """The patient as a review signs: the first name and the last name's initial ("João L.");
    a single name stays as it is."""
    partes = nome.split()
    if not partes:
        return "Paciente"
    if len(partes) == 1:
        return partes[0]
    return f"{partes[0]} {partes[-1][0].upper()}."


def texto_da_resposta(texto: str) -> str:
    """A reply says something, in at most 1000 characters."""
    limpo = texto.strip()
    if not limpo:
        raise errors.DadosInvalidos.campo("texto", "Escreva a resposta")
    if len(limpo) > TEXTO_MAXIMO:
        raise errors.DadosInvalidos.campo("texto", f"Deve ter no máximo {TEXTO_MAXIMO} caracteres")
    return limpo


def motivo_da_denuncia(motivo: str) -> str:
    """A report says why, in 10 to 1000 characters."""
    limpo = motivo.strip()
    if len(limpo) < MOTIVO_MINIMO:
        raise errors.DadosInvalidos.campo(
            "motivo", f"Explique o motivo em pelo menos {MOTIVO_MINIMO} caracteres"
        )
    if len(limpo) > TEXTO_MAXIMO:
        raise errors.DadosInvalidos.campo("motivo", f"Deve ter no máximo {TEXTO_MAXIMO} caracteres")
    return limpo
