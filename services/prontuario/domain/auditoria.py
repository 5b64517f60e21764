"""The access log: append-only entries chained by an HMAC, one chain per patient.

Each entry's MAC covers its own content (the patient and the entry's number in that patient's
chain included) and the previous entry's MAC of the same patient; numbers run 1, 2, 3… without
gaps in each chain; and every chain has a *head* (its last number and MAC) kept apart. So an
altered entry breaks its own MAC, a deleted one breaks the next entry's link (and leaves a gap),
one deleted from the end no longer matches the head, an entry moved to another patient or to
another place breaks its MAC (the patient and the number are in it), and nobody without the key
can forge a replacement.

Entries written before the per-patient chains (revision ``prontuario_0003``) stay in the old
table as one *legacy* chain over all patients, verified as it was written (:data:`FORMATO`
tells the two apart inside the MAC, so an entry of one kind never passes for the other).
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

# "encerramento": the patient closed the account; "copia_legal": an operator copied a closed
# account's record for a legal request (docs/operations.md), logged as an act on the record.
# "evolucao_leitura" / "evolucao_escrita": a clinical note read, or drafted, edited, signed or
# amended (its id in ``documento_id``); "emissao": a doctor issued a signed prescription or
# certificate into the record.
Acao = Literal[
    "listagem",
    "link_download",
    "compartilhamento",
    "revogacao",
    "exportacao",
    "encerramento",
    "copia_legal",
    "evolucao_leitura",
    "evolucao_escrita",
    "emissao",
]
Papel = Literal["medico", "paciente"]
MAC_INICIAL = "0" * 64  # the "previous MAC" of a chain's first entry
FORMATO = 2  # in the MAC of per-patient entries; legacy entries carry none


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
    """A chained entry of the access log.

    ``seq`` is the entry's number in its patient's chain; for a legacy entry
    (``legado=True``), its number in the old chain over all patients.
    """

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
    legado: bool = False


@dataclass(frozen=True)
class Cabeca:
    """The last number and MAC of a patient's chain, as the log keeps them apart."""

    paciente_id: uuid.UUID
    seq: int
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
    legado: bool = False,
) -> bytes:
    """The canonical bytes of an entry (sorted JSON; time in UTC with microseconds)."""
    campos: dict[str, object] = {
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
    }
    if not legado:
        campos["formato"] = FORMATO
    return json.dumps(campos, sort_keys=True, separators=(",", ":")).encode()


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
    legado: bool = False,
) -> Acesso:
    """The entry that follows ``mac_anterior`` (entry ``seq - 1``) in the patient's chain
    (``legado``: in the old chain over all patients, which only tests still write)."""
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
        legado=legado,
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
        legado=legado,
    )


@dataclass(frozen=True)
class Quebra:
    """The first entry where a chain does not hold, and why; ``paciente_id`` names the
    patient's chain (``None``: the legacy chain over all patients)."""

    seq: int
    motivo: str
    paciente_id: uuid.UUID | None = None


def verificar_cadeia(
    chave: bytes,
    entradas: Iterable[Acesso],
    *,
    mac_inicial: str = MAC_INICIAL,
    seq_inicial: int = 1,
    paciente_id: uuid.UUID | None = None,
) -> Quebra | None:
    """Walk one chain's entries in sequence order; ``None`` when it is intact.

    ``paciente_id`` is the patient whose chain this is (``None`` for the legacy chain): every
    entry must belong to it, and each is checked in the format of its kind.
    """
    esperado_seq, anterior = seq_inicial, mac_inicial
    for e in entradas:
        if e.seq != esperado_seq:
            return Quebra(
                esperado_seq, f"entrada {esperado_seq} ausente (próxima é {e.seq})", paciente_id
            )
        if paciente_id is not None and (e.paciente_id != paciente_id or e.legado):
            return Quebra(e.seq, "a entrada não pertence a esta cadeia", paciente_id)
        if paciente_id is None and not e.legado:
            return Quebra(e.seq, "a entrada não pertence à cadeia antiga", paciente_id)
        if not hmac.compare_digest(e.mac_anterior, anterior):
            return Quebra(e.seq, "o elo com a entrada anterior não confere", paciente_id)
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
            legado=e.legado,
        )
        if not hmac.compare_digest(e.mac, calcular_mac(chave, anterior, dados)):
            return Quebra(e.seq, "o conteúdo da entrada foi alterado", paciente_id)
        esperado_seq, anterior = e.seq + 1, e.mac
    return None


def conferir_cabeca(
    paciente_id: uuid.UUID, ultima: Acesso | None, cabeca: Cabeca | None
) -> Quebra | None:
    """Does a patient's verified chain end where its head says? ``ultima`` is the chain's last
    entry (``None``: no entries), ``cabeca`` the head kept apart (``None``: none)."""
    fim = ultima.seq if ultima is not None else 0
    if cabeca is None:
        if ultima is None:
            return None
        return Quebra(fim, "a cadeia não tem cabeça registrada (cabeça apagada?)", paciente_id)
    if cabeca.seq > fim:
        return Quebra(
            fim + 1,
            f"entradas finais apagadas: a cabeça registrada aponta para a entrada {cabeca.seq}",
            paciente_id,
        )
    if cabeca.seq < fim:
        return Quebra(
            cabeca.seq + 1,
            f"a cabeça registrada para na entrada {cabeca.seq}, mas a cadeia vai até {fim}",
            paciente_id,
        )
    mac = ultima.mac if ultima is not None else MAC_INICIAL
    if not hmac.compare_digest(mac, cabeca.mac):
        return Quebra(fim, "a cabeça registrada não confere com a última entrada", paciente_id)
    return None
