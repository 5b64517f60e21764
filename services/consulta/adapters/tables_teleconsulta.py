"""Tables of teleconsultation in the ``consulta`` schema (the DDL is in the migrations)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, Table, Text, Uuid, func, text
from sqlalchemy.dialects.postgresql import JSONB

from services.consulta.adapters.tables import metadata

salas = Table(
    "salas",
    metadata,
    Column("consulta_id", Uuid, ForeignKey("consulta.consultas.id"), primary_key=True),
    Column("provedor", Text, nullable=False),
    Column("url", Text, nullable=False),
    Column("reuniao_id", Text),
    Column("reuniao", JSONB),
    Column("participantes", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("geracao", Integer, nullable=False, server_default=text("0")),
    Column("expira_em", DateTime(timezone=True), nullable=False),
    Column("criada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("atualizada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

consentimentos = Table(
    "consentimentos_teleconsulta",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("paciente_id", Uuid, nullable=False),
    Column("consulta_id", Uuid, ForeignKey("consulta.consultas.id"), nullable=False),
    Column("versao", Text, nullable=False),
    Column("aceito_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

presencas = Table(
    "presencas_sala",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("consulta_id", Uuid, ForeignKey("consulta.consultas.id"), nullable=False),
    Column("usuario_id", Uuid, nullable=False),
    Column("papel", Text, nullable=False),
    Column("entrou_em", DateTime(timezone=True), nullable=False),
    Column("saiu_em", DateTime(timezone=True)),
)
