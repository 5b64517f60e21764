"""Tables of the ``paciente`` schema (SQLAlchemy Core); the DDL lives in the migrations."""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, MetaData, Table, Text, Uuid, func, text

from libs import perfis_publicados

metadata = MetaData(schema="paciente")

# Sensitive columns hold ``FieldCipher`` ciphertexts bound to the column name; the CPF is
# found through its keyed hash, never decrypted to search.
pacientes = Table(
    "pacientes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("nome", Text, nullable=False),
    # NULL once the account is closed (0002): the unique indexes then let them be used again.
    Column("email", Text),
    Column("cpf_cifrado", Text),
    Column("cpf_hash", Text),
    Column("telefone_cifrado", Text),
    Column("data_nascimento", Date),
    Column("endereco_cifrado", Text),
    Column("localizacao_cifrada", Text),
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("atualizado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("encerrada_em", DateTime(timezone=True)),
    Index("uq_pacientes_cpf_hash", "cpf_hash", unique=True),
    Index("uq_pacientes_email", text("lower(email)"), unique=True),
)

# What the consulta service keeps a copy of (name, e-mail, whether the account is closed): one
# event per change, written in the change's transaction (libs/perfis_publicados.py).
eventos_perfil = perfis_publicados.tabela(metadata)
