"""Tables of the ``consulta`` schema (SQLAlchemy Core); the DDL is in the migrations."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Computed,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    Table,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSTZRANGE

metadata = MetaData(schema="consulta")

horarios = Table(
    "horarios",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("medico_id", Uuid, nullable=False),
    Column("inicio", DateTime(timezone=True), nullable=False),
    Column("fim", DateTime(timezone=True), nullable=False),
    Column("periodo", TSTZRANGE, Computed("tstzrange(inicio, fim, '[)')")),
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("atualizado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

consultas = Table(
    "consultas",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("horario_id", Uuid, ForeignKey("consulta.horarios.id", ondelete="SET NULL")),
    Column("medico_id", Uuid, nullable=False),
    Column("paciente_id", Uuid, nullable=False),
    Column("inicio", DateTime(timezone=True), nullable=False),
    Column("fim", DateTime(timezone=True), nullable=False),
    Column("periodo", TSTZRANGE, Computed("tstzrange(inicio, fim, '[)')")),
    Column("status", Text, nullable=False),
    Column("justificativa", Text),
    Column("cancelada_por", Text),
    Column("cancelada_em", DateTime(timezone=True)),
    Column("medico_nome", Text, nullable=False),
    Column("medico_crm", Text, nullable=False),
    Column("medico_uf", Text, nullable=False),
    Column("medico_fuso", Text, nullable=False),
    Column("paciente_nome", Text, nullable=False),
    Column("criada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("atualizada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("remarcada_de", Uuid, ForeignKey("consulta.consultas.id")),
    Column("remarcada_para", Uuid, ForeignKey("consulta.consultas.id")),
    Column("medico_entrou_em", DateTime(timezone=True)),
    Column("paciente_entrou_em", DateTime(timezone=True)),
    Column("comparecimento", Text),
    Column("comparecimento_em", DateTime(timezone=True)),
    Column("encerrada_em", DateTime(timezone=True)),
)

avaliacoes = Table(
    "avaliacoes",
    metadata,
    Column("consulta_id", Uuid, ForeignKey("consulta.consultas.id"), primary_key=True),
    Column("nota", SmallInteger, nullable=False),
    Column("comentario", Text),
    Column("criada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("resposta", Text),
    Column("respondida_em", DateTime(timezone=True)),
    Column("denunciada_em", DateTime(timezone=True)),
    Column("denuncia_motivo", Text),
)

saida = Table(
    "saida",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("tipo", Text, nullable=False),
    Column("medico_id", Uuid, nullable=False),
    Column("carga", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("tentativas", Integer, nullable=False, server_default=text("0")),
    Column("proxima_tentativa", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

proximos_horarios = Table(
    "proximos_horarios",
    metadata,
    Column("medico_id", Uuid, primary_key=True),
    Column("proximo_horario", DateTime(timezone=True)),
    Column("vence_em", DateTime(timezone=True)),
    Column("publicado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

notificacoes = Table(
    "notificacoes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("chave", Text, nullable=False, unique=True),
    Column("consulta_id", Uuid, ForeignKey("consulta.consultas.id")),
    Column("usuario_id", Uuid, nullable=False),
    Column("papel", Text, nullable=False),
    Column("evento", Text, nullable=False),
    Column("assunto", Text, nullable=False),
    Column("corpo", Text, nullable=False),
    Column("para", Text),
    Column("tentativas", Integer, nullable=False, server_default=text("0")),
    Column("proxima_tentativa", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("enviada_em", DateTime(timezone=True)),
    Column("criada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

pedidos_de_aviso = Table(
    "pedidos_de_aviso",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("paciente_id", Uuid, nullable=False),
    Column("medico_id", Uuid, nullable=False),
    Column("ate", DateTime(timezone=True), nullable=False),
    Column("medico_nome", Text, nullable=False),
    Column("medico_fuso", Text, nullable=False),
    Column("antecedencia_minima_minutos", Integer, nullable=False),
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("avisado_em", DateTime(timezone=True)),
)

bloqueios = Table(
    "bloqueios",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("medico_id", Uuid, nullable=False),
    Column("de", DateTime(timezone=True), nullable=False),
    Column("ate", DateTime(timezone=True), nullable=False),
    Column("criado_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# The agenda's own copy of who people are, fed by the owners' profile events (0009).
copias_medicos = Table(
    "copias_medicos",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("nome", Text, nullable=False),
    Column("crm", Text, nullable=False),
    Column("uf", Text, nullable=False),
    Column("email", Text),
    Column("fuso_horario", Text, nullable=False),
    Column("antecedencia_minima_minutos", Integer, nullable=False),
    Column("versao", BigInteger, nullable=False),
    Column("atualizada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

copias_pacientes = Table(
    "copias_pacientes",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("nome", Text, nullable=False),
    Column("email", Text),
    Column("encerrada", Boolean, nullable=False, server_default=text("false")),
    Column("versao", BigInteger, nullable=False),
    Column("atualizada_em", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
