"""The access log: append-only entries chained by an HMAC.

Each entry's MAC covers its own content and the previous entry's MAC, and entries carry a
gap-free sequence number; so an altered entry breaks its own MAC, a deleted one breaks the
next entry's link (and leaves a gap), and nobody without the key can forge a replacement.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

Acao = Literal["listagem", "link_download", "compartilhamento", "revogacao", "exportacao"]
Papel = Literal["medico", "paciente"]
MAC_INICIAL = "0" * 64  # the "previous MAC" of the first entry


@dataclass(frozen=True)
class NovoAcesso:
    """Who did what to which record, before it takes its place in the chain."""

    paciente_id: uuid.UUID
    usuario_id: uuid.UUID
    papel: Papel
    acao: Acao
    ip: str
    documento_id: uuid.UUID | None = None
    compartilhamento_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Acesso:
    """A chained entry of the access log."""

    seq: int
    id: uuid.UUID
    quando: datetime
    paciente_id: uuid.UUID
    usuario_id: uuid.UUID
    papel: str
    acao: str
    ip: str
    documento_id: uuid.UUID | None
    compartilhamento_id: uuid.UUID | None
    mac_anterior: str
    mac: str


def _opt(value: uuid.UUID | None) -> str | None:
    return str(value) if value is not None else None


def conteudo(
    *,
    seq: int,
    id: uuid.UUID,
    quando: datetime,
    paciente_id: uuid.UUID,
    usuario_id: uuid.UUID,
    papel: str,
    acao: str,
    ip: str,
    documento_id: uuid.UUID | None,
    compartilhamento_id: uuid.UUID | None,
) -> bytes:
    """The canonical bytes of an entry (sorted JSON; time in UTC with microseconds)."""
    return json.dumps(
        {
            "seq": seq,
            "id": str(id),
            "quando": quando.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "paciente_id": str(paciente_id),
            "usuario_id": str(usuario_id),
            "papel": papel,
            "acao": acao,
            "ip": ip,
            "documento_id": _opt(documento_id),
            "compartilhamento_id": _opt(compartilhamento_id),
        },
        sort_keys=True,
        separators=(",", ":"),
    ).encode()


def calcular_mac(chave: bytes, mac_anterior: str, dados: bytes) -> str:
    """HMAC-SHA256 over the previous MAC and this entry's canonical content."""
    return hmac.new(chave, mac_anterior.encode() + b"\n" + dados, hashlib.sha256).hexdigest()


def encadear(
    chave: bytes,
    novo: NovoAcesso,
    *,
    seq: int,
    id: uuid.UUID,
    quando: datetime,
    mac_anterior: str,
) -> Acesso:
    """The entry that follows ``mac_anterior`` in the chain."""
    dados = conteudo(
        seq=seq,
        id=id,
        quando=quando,
        paciente_id=novo.paciente_id,
        usuario_id=novo.usuario_id,
        papel=novo.papel,
        acao=novo.acao,
        ip=novo.ip,
        documento_id=novo.documento_id,
        compartilhamento_id=novo.compartilhamento_id,
    )
    return Acesso(
        seq=seq,
        id=id,
        quando=quando,
        paciente_id=novo.paciente_id,
        usuario_id=novo.usuario_id,
        papel=novo.papel,
        acao=novo.acao,
        ip=novo.ip,
        documento_id=novo.documento_id,
        compartilhamento_id=novo.compartilhamento_id,
        mac_anterior=mac_anterior,
        mac=calcular_mac(chave, mac_anterior, dados),
    )


@dataclass(frozen=True)
class Quebra:
    """The first entry where the chain does not hold, and why."""

    seq: int
    motivo: str


def verificar_cadeia(
    chave: bytes,
    entradas: Iterable[Acesso],
    *,
    mac_inicial: str = MAC_INICIAL,
    seq_inicial: int = 1,
) -> Quebra | None:
    """Walk the entries in sequence order; ``None`` when the whole chain is intact."""
    esperado_seq, anterior = seq_inicial, mac_inicial
    for e in entradas:
        if e.seq != esperado_seq:
            return Quebra(esperado_seq, f"entrada {esperado_seq} ausente (próxima é {e.seq})")
        if not hmac.compare_digest(e.mac_anterior, anterior):
            return Quebra(e.seq, "o elo com a entrada anterior não confere")
        dados = conteudo(
            seq=e.seq,
            id=e.id,
            quando=e.quando,
            paciente_id=e.paciente_id,
            usuario_id=e.usuario_id,
            papel=e.papel,
            acao=e.acao,
            ip=e.ip,
            documento_id=e.documento_id,
            compartilhamento_id=e.compartilhamento_id,
        )
        if not hmac.compare_digest(e.mac, calcular_mac(chave, anterior, dados)):
            return Quebra(e.seq, "o conteúdo da entrada foi alterado")
        esperado_seq, anterior = e.seq + 1, e.mac
    return None
