"""The table of calendar subscriptions in the ``consulta`` schema (the DDL is in the
migrations)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Table, Text, Uuid, func

from services.consulta.adapters.tables import metadata

assinaturas_calendario = Table(
    "assinaturas_calendario",
    metadata,
    Column("usuario_id", Uuid, primary_key=True),
    Column("papel", Text, nullable=False),
    Column("token_hash", Text, nullable=False, unique=True),
    Column("criada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
