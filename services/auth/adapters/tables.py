"""Tables of the ``auth`` schema (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    Table,
    Text,
    Uuid,
    func,
    text,
)

metadata = MetaData(schema="auth")

usuarios = Table(
    "usuarios",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("papel", Text, nullable=False),
    Column("email", Text, nullable=False),
    Column("cpf_hash", Text),
    Column("crm", Text),  # "123456/SP"
    Column("senha_hash", Text),  # null where Cognito keeps the password (0002)
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("senha_alterada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # Set while the registering service has not confirmed the profile (0003): no login.
    Column("pendente_desde", DateTime(timezone=True)),
    Index("uq_usuarios_email_papel", "papel", text("lower(email)"), unique=True),
    Index(
        "uq_usuarios_cpf_hash",
        "cpf_hash",
        unique=True,
        postgresql_where=text("cpf_hash is not null"),
    ),
    Index("uq_usuarios_crm", "crm", unique=True, postgresql_where=text("crm is not null")),
)

sessoes = Table(
    "sessoes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("usuario_id", Uuid, ForeignKey("auth.usuarios.id", ondelete="CASCADE"), nullable=False),
    Column("criada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("expira_em", DateTime(timezone=True), nullable=False),
    Column("revogada_em", DateTime(timezone=True)),
    Column("motivo", Text),
    Index("ix_sessoes_usuario", "usuario_id"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("hash", Text, primary_key=True),
    Column("sessao_id", Uuid, ForeignKey("auth.sessoes.id", ondelete="CASCADE"), nullable=False),
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("usado_em", DateTime(timezone=True)),
    Index("ix_refresh_sessao", "sessao_id"),
)

tokens_recuperacao = Table(
    "tokens_recuperacao",
    metadata,
    Column("hash", Text, primary_key=True),
    Column("usuario_id", Uuid, ForeignKey("auth.usuarios.id", ondelete="CASCADE"), nullable=False),
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("expira_em", DateTime(timezone=True), nullable=False),
    Column("usado_em", DateTime(timezone=True)),
)

trocas_de_email = Table(
    "trocas_de_email",
    metadata,
    Column("hash", Text, primary_key=True),
    Column("usuario_id", Uuid, ForeignKey("auth.usuarios.id", ondelete="CASCADE"), nullable=False),
    Column("email_antigo", Text, nullable=False),
    Column("email_novo", Text, nullable=False),
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("expira_em", DateTime(timezone=True), nullable=False),
    Column("usado_em", DateTime(timezone=True)),
    Index("ix_trocas_de_email_usuario", "usuario_id"),
)

tentativas = Table(
    "tentativas",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("chave", Text, nullable=False),
    Column("momento", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_tentativas_chave_momento", "chave", "momento"),
)

emails = Table(
    "emails",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("para", Text, nullable=False),
    Column("assunto", Text, nullable=False),
    Column("corpo", Text, nullable=False),
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("enviado_em", DateTime(timezone=True)),
    Column("tentativas", BigInteger, nullable=False, server_default=text("0")),
    Index("ix_emails_pendentes", "criado_em", postgresql_where=text("enviado_em is null")),
    Index("ix_emails_para", "para", "criado_em"),
)
