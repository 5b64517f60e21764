"""How the record table (``registros_dynamo``) stores a document and a share as DynamoDB items,
and reads them back: one item per document (``doc#<id>``) or share (``share#<id>``) under the
patient's partition key, instants as fixed-width UTC text that sorts in the order of time."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import Documento

DOC, SHARE = "doc#", "share#"


def instante(momento: datetime) -> str:
    """UTC, fixed width, microseconds: sorts as text in the order of time (the GSI's range)."""
    return momento.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def de_instante(texto: str) -> datetime:
    """The instant :func:`instante` wrote."""
    return datetime.strptime(texto, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def valor_s(valor: object) -> dict[str, Any]:
    """A DynamoDB string attribute."""
    return {"S": str(valor)}


def chave_do_item(paciente_id: uuid.UUID, sk: str) -> dict[str, Any]:
    """The primary key of an item of the patient's partition."""
    return {"paciente_id": valor_s(paciente_id), "documento_id": valor_s(sk)}


def item_de_documento(d: Documento) -> dict[str, Any]:
    """A document as its item."""
    item = {
        **chave_do_item(d.paciente_id, f"{DOC}{d.id}"),
        "id": valor_s(d.id),
        "nome": valor_s(d.nome),
        "categoria": valor_s(d.categoria),
        "tipo_conteudo": valor_s(d.tipo_conteudo),
        "tamanho": {"N": str(d.tamanho)},
        "status": valor_s(d.status),
        "criado_em": valor_s(instante(d.criado_em)),
        "enviado_por": valor_s(d.enviado_por),
        "chave_objeto": valor_s(d.chave_objeto),
    }
    if d.sha256 is not None:
        item["sha256"] = valor_s(d.sha256)
    if d.versao_objeto is not None:
        item["versao_objeto"] = valor_s(d.versao_objeto)
    return item


def documento_do_item(item: dict[str, Any]) -> Documento:
    """The document an item holds."""
    return Documento(
        id=uuid.UUID(item["id"]["S"]),
        paciente_id=uuid.UUID(item["paciente_id"]["S"]),
        nome=item["nome"]["S"],
        categoria=item["categoria"]["S"],
        tipo_conteudo=item["tipo_conteudo"]["S"],
        tamanho=int(item["tamanho"]["N"]),
        status=item["status"]["S"],
        criado_em=de_instante(item["criado_em"]["S"]),
        enviado_por=uuid.UUID(item["enviado_por"]["S"]),
        chave_objeto=item["chave_objeto"]["S"],
        sha256=item["sha256"]["S"] if "sha256" in item else None,
        # Absent on items confirmed before versions were kept: they are read by key.
        versao_objeto=item["versao_objeto"]["S"] if "versao_objeto" in item else None,
    )


def item_de_compartilhamento(c: Compartilhamento) -> dict[str, Any]:
    """A share as its item (with the GSI's ``medico_id`` and ``expira_em``)."""
    item = {
        **chave_do_item(c.paciente_id, f"{SHARE}{c.id}"),
        "id": valor_s(c.id),
        "medico_id": valor_s(c.medico_id),
        "todos": {"BOOL": c.documentos is None},
        "expira_em": valor_s(instante(c.expira_em)),
        "criado_em": valor_s(instante(c.criado_em)),
    }
    if c.documentos:  # DynamoDB has no empty set; "none listed" reads back as frozenset()
        item["documentos"] = {"SS": sorted(str(d) for d in c.documentos)}
    if c.revogado_em is not None:
        item["revogado_em"] = valor_s(instante(c.revogado_em))
    return item


def compartilhamento_do_item(item: dict[str, Any]) -> Compartilhamento:
    """The share an item holds."""
    documentos: frozenset[uuid.UUID] | None = None
    if not item["todos"]["BOOL"]:
        documentos = frozenset(uuid.UUID(d) for d in item.get("documentos", {}).get("SS", []))
    return Compartilhamento(
        id=uuid.UUID(item["id"]["S"]),
        paciente_id=uuid.UUID(item["paciente_id"]["S"]),
        medico_id=uuid.UUID(item["medico_id"]["S"]),
        documentos=documentos,
        expira_em=de_instante(item["expira_em"]["S"]),
        criado_em=de_instante(item["criado_em"]["S"]),
        revogado_em=de_instante(item["revogado_em"]["S"]) if "revogado_em" in item else None,
    )


def mais_recentes_primeiro(shares: list[Compartilhamento]) -> list[Compartilhamento]:
    """The shares newest first, ties in the same order as PostgreSQL gives them."""
    # PostgreSQL's order: criado_em desc, then id asc.
    por_id = sorted(shares, key=lambda c: c.id)
    return sorted(por_id, key=lambda c: c.criado_em, reverse=True)
