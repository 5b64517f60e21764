"""Tables of the ``medico`` schema (SQLAlchemy Core); the DDL lives in the migrations."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    Numeric,
    SmallInteger,
    Table,
    Text,
    Uuid,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from libs import perfis_publicados

metadata = MetaData(schema="medico")

especialidades = Table(
    "especialidades",
    metadata,
    Column("slug", Text, primary_key=True),
    Column("nome", Text, nullable=False),
)

# A doctor's address and phone are the clinic's, shown to patients: stored in clear.
medicos = Table(
    "medicos",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("nome", Text, nullable=False),
    Column("crm", Text, nullable=False),
    Column("uf", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("especialidades", ARRAY(Text), nullable=False),
    Column("telefone", Text),
    Column("bio", Text),
    Column("endereco", JSONB),
    Column("lat", Float),
    Column("lon", Float),
    Column("valor_consulta", Numeric(10, 2)),
    Column("fuso_horario", Text, nullable=False),
    Column("antecedencia_minima_minutos", Integer, nullable=False),
    Column("avaliacao_soma", BigInteger, nullable=False, server_default="0"),
    Column("total_avaliacoes", Integer, nullable=False, server_default="0"),
    Column("avaliacao_media", Float),
    Column("proximo_horario", DateTime(timezone=True)),
    Column("tratamento", Text),
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("atualizado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

avaliacoes = Table(
    "avaliacoes",
    metadata,
    Column("consulta_id", Uuid, primary_key=True),
    Column("medico_id", Uuid, ForeignKey("medico.medicos.id", ondelete="CASCADE"), nullable=False),
    Column("nota", SmallInteger, nullable=False),
    Column("criada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# What the consulta service keeps a copy of (name, CRM, e-mail, time zone, notice): one event
# per change, written in the change's transaction (libs/perfis_publicados.py).
eventos_perfil = perfis_publicados.tabela(metadata)
