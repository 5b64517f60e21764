"""Sharing a record with a doctor: for how long, what it covers, when it is active."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from libs import errors


@dataclass
class Compartilhamento:
    """A grant from a patient to a doctor: the whole record (``documentos is None``, future
    documents included) or the listed documents, until ``expira_em`` or revocation."""

    id: uuid.UUID
    paciente_id: uuid.UUID
    medico_id: uuid.UUID
    documentos: frozenset[uuid.UUID] | None
    expira_em: datetime
    criado_em: datetime
    revogado_em: datetime | None = None

    def ativo(self, agora: datetime) -> bool:
        """Not revoked and not yet expired (a share that ended a second ago denies)."""
        return self.revogado_em is None and agora < self.expira_em

    def cobre(self, documento_id: uuid.UUID) -> bool:
        """Whether this share reaches the document (ignoring whether it is active)."""
        return self.documentos is None or documento_id in self.documentos

    def revogar(self, agora: datetime) -> bool:
        """End the share now; False when it was already revoked (nothing changes)."""
        if self.revogado_em is not None:
            return False
        self.revogado_em = agora
        return True


def prazo(
    *,
    agora: datetime,
    expira_em: datetime | None,
    duracao_horas: float | None,
    max_dias: int,
) -> datetime:
    """The end of a new share: exactly one of ``expira_em`` or ``duracao_horas``, in the future,
    and at most ``max_dias`` days away (422 otherwise)."""
    if (expira_em is None) == (duracao_horas is None):
        raise errors.DadosInvalidos.campo(
            "expira_em", "Informe exatamente um entre expira_em e duracao_horas"
        )
    limite = agora + timedelta(days=max_dias)
    if duracao_horas is not None:
        if not math.isfinite(duracao_horas) or duracao_horas <= 0:
            raise errors.DadosInvalidos.campo("duracao_horas", "A duração deve ser positiva")
        if duracao_horas > max_dias * 24:
            raise errors.DadosInvalidos.campo(
                "duracao_horas", f"O compartilhamento dura no máximo {max_dias} dias"
            )
        return agora + timedelta(hours=duracao_horas)
    assert expira_em is not None
    if expira_em.tzinfo is None:
        raise errors.DadosInvalidos.campo("expira_em", "Informe a data com fuso horário")
    if expira_em <= agora:
        raise errors.DadosInvalidos.campo("expira_em", "A data de expiração já passou")
    if expira_em > limite:
        raise errors.DadosInvalidos.campo(
            "expira_em", f"O compartilhamento dura no máximo {max_dias} dias"
        )
    return expira_em


def documentos_alcancados(
    compartilhamentos: Iterable[Compartilhamento], agora: datetime
) -> frozenset[uuid.UUID] | None:
    """What a doctor reaches through their active shares: ``None`` means the whole record."""
    alcance: set[uuid.UUID] = set()
    for c in compartilhamentos:
        if not c.ativo(agora):
            continue
        if c.documentos is None:
            return None
        alcance |= c.documentos
    return frozenset(alcance)


def fim_do_acesso(
    compartilhamentos: Iterable[Compartilhamento], documento_id: uuid.UUID, agora: datetime
) -> datetime | None:
    """The latest end among active shares covering a document; ``None``: not covered."""
    fins = [c.expira_em for c in compartilhamentos if c.ativo(agora) and c.cobre(documento_id)]
    return max(fins) if fins else None
