"""Tables of the ``prontuario`` schema (SQLAlchemy Core); the DDL is in the migrations."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    MetaData,
    Table,
    Text,
    Uuid,
)

metadata = MetaData(schema="prontuario")

documentos = Table(
    "documentos",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("paciente_id", Uuid, nullable=False),
    Column("nome", Text, nullable=False),
    Column("categoria", Text, nullable=False),
    Column("tipo_conteudo", Text, nullable=False),
    Column("tamanho", BigInteger, nullable=False),
    Column("sha256", Text),
    Column("status", Text, nullable=False),
    Column("criado_em", DateTime(timezone=True), nullable=False),
    Column("enviado_por", Uuid, nullable=False),
    Column("chave_objeto", Text, nullable=False),
    Column("versao_objeto", Text),
)

compartilhamentos = Table(
    "compartilhamentos",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("paciente_id", Uuid, nullable=False),
    Column("medico_id", Uuid, nullable=False),
    Column("todos", Boolean, nullable=False),
    Column("expira_em", DateTime(timezone=True), nullable=False),
    Column("criado_em", DateTime(timezone=True), nullable=False),
    Column("revogado_em", DateTime(timezone=True)),
)

compartilhamento_documentos = Table(
    "compartilhamento_documentos",
    metadata,
    Column(
        "compartilhamento_id",
        Uuid,
        ForeignKey("prontuario.compartilhamentos.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "documento_id",
        Uuid,
        ForeignKey("prontuario.documentos.id", ondelete="CASCADE"),
        primary_key=True,
    ),
)


def _entrada_de_acesso() -> list[Column[Any]]:
    """The columns every access-log entry has, in either chain (fresh objects per table)."""
    return [
        Column("id", Uuid, nullable=False, unique=True),
        Column("quando", DateTime(timezone=True), nullable=False),
        Column("usuario_id", Uuid, nullable=False),
        Column("papel", Text, nullable=False),
        Column("acao", Text, nullable=False),
        Column("ip", Text, nullable=False),
        Column("documento_id", Uuid),
        Column("compartilhamento_id", Uuid),
        Column("mac_anterior", Text, nullable=False),
        Column("mac", Text, nullable=False),
    ]


acessos = Table(
    "acessos",
    metadata,
    Column("seq", BigInteger, primary_key=True),
    Column("paciente_id", Uuid, nullable=False),
    *_entrada_de_acesso(),
)

# One HMAC chain per patient (revision prontuario_0003); ``acessos`` above is the legacy chain.
acessos_por_paciente = Table(
    "acessos_por_paciente",
    metadata,
    Column("paciente_id", Uuid, primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    *_entrada_de_acesso(),
)

# The head of each patient's chain: its last number and MAC (row-locked by every append).
acessos_cabecas = Table(
    "acessos_cabecas",
    metadata,
    Column("paciente_id", Uuid, primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("mac", Text, nullable=False),
)

# Records whose patient closed the account (revision prontuario_0004): kept for the legal
# retention period, closed to new documents and shares. In PostgreSQL in every profile (as the
# access log), whatever keeps the documents' metadata.
encerramentos = Table(
    "encerramentos",
    metadata,
    Column("paciente_id", Uuid, primary_key=True),
    Column("encerrado_em", DateTime(timezone=True), nullable=False),
)

# The clinical notes (revision prontuario_0005): a signed note and its addenda are locked by
# triggers. In PostgreSQL in every profile, as the access log.
evolucoes = Table(
    "evolucoes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("paciente_id", Uuid, nullable=False),
    Column("consulta_id", Uuid, nullable=False, unique=True),
    Column("medico_id", Uuid, nullable=False),
    Column("texto", Text, nullable=False),
    Column("queixa_principal", Text, nullable=False),
    Column("avaliacao", Text, nullable=False),
    Column("plano", Text, nullable=False),
    Column("cid10", ARRAY(Text), nullable=False),
    Column("criada_em", DateTime(timezone=True), nullable=False),
    Column("atualizada_em", DateTime(timezone=True), nullable=False),
    Column("assinada_em", DateTime(timezone=True)),
    Column("sha256", Text),
)

evolucao_adendos = Table(
    "evolucao_adendos",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("evolucao_id", Uuid, ForeignKey("prontuario.evolucoes.id"), nullable=False),
    Column("medico_id", Uuid, nullable=False),
    Column("texto", Text, nullable=False),
    Column("assinado_em", DateTime(timezone=True), nullable=False),
    Column("sha256", Text, nullable=False),
)

# Issued prescriptions and certificates by verification code (revision prontuario_0006).
documentos_assinados = Table(
    "documentos_assinados",
    metadata,
    Column("codigo", Text, primary_key=True),
    Column("documento_id", Uuid, nullable=False, unique=True),
    Column("paciente_id", Uuid, nullable=False),
    Column("consulta_id", Uuid, nullable=False),
    Column("tipo", Text, nullable=False),
    Column("medico_id", Uuid, nullable=False),
    Column("medico_nome", Text, nullable=False),
    Column("medico_crm", Text, nullable=False),
    Column("medico_uf", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("emitido_em", DateTime(timezone=True), nullable=False),
)
