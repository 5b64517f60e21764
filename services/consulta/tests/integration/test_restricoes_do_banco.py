"""The agenda's rules hold in PostgreSQL itself, even for a writer that skips the service."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from libs import db

INICIO = datetime(2030, 3, 4, 13, 0, tzinfo=UTC)


@pytest.fixture
async def engine(database_url: str):
    engine = create_async_engine(
        db.async_url(database_url),
        connect_args={"server_settings": {"search_path": "consulta,public"}},
    )
    yield engine
    await engine.dispose()


async def _horario(engine: AsyncEngine, medico_id, inicio, minutos=30) -> uuid.UUID:
    horario_id = uuid.uuid4()
    async with engine.begin() as conn:
        await conn.execute(
            text("insert into horarios (id, medico_id, inicio, fim) values (:id, :m, :i, :f)"),
            {
                "id": horario_id,
                "m": medico_id,
                "i": inicio,
                "f": inicio + timedelta(minutes=minutos),
            },
        )
    return horario_id


async def _consulta(engine: AsyncEngine, horario_id, paciente_id, status="pendente") -> None:
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "insert into consultas (id, horario_id, medico_id, paciente_id, inicio, fim,"
                " status, medico_nome, medico_crm, medico_uf, medico_fuso, paciente_nome)"
                " select :id, h.id, h.medico_id, :p, h.inicio, h.fim, :s,"
                " 'Dra. X', '123456', 'SP', 'America/Sao_Paulo', 'Fulano'"
                " from horarios h where h.id = :h"
            ),
            {"id": uuid.uuid4(), "h": horario_id, "p": paciente_id, "s": status},
        )


async def test_horarios_de_um_medico_nunca_se_sobrepoem(engine):
    medico = uuid.uuid4()
    await _horario(engine, medico, INICIO)
    await _horario(engine, medico, INICIO + timedelta(minutes=30))  # touching is fine: [)
    with pytest.raises(IntegrityError) as exc:
        await _horario(engine, medico, INICIO + timedelta(minutes=10))
    assert db.is_exclusion_violation(exc.value)
    await _horario(engine, uuid.uuid4(), INICIO + timedelta(minutes=10))  # another doctor


async def test_um_horario_tem_no_maximo_uma_consulta_ativa(engine):
    horario = await _horario(engine, uuid.uuid4(), INICIO + timedelta(days=1))
    await _consulta(engine, horario, uuid.uuid4(), "cancelada")
    await _consulta(engine, horario, uuid.uuid4(), "pendente")
    with pytest.raises(IntegrityError) as exc:
        await _consulta(engine, horario, uuid.uuid4(), "confirmada")
    assert db.is_unique_violation(exc.value)
    assert db.constraint_name(exc.value) == "uq_consultas_horario_ativa"


async def test_paciente_nunca_tem_duas_consultas_ativas_sobrepostas(engine):
    paciente = uuid.uuid4()
    a = await _horario(engine, uuid.uuid4(), INICIO + timedelta(days=2))
    b = await _horario(engine, uuid.uuid4(), INICIO + timedelta(days=2, minutes=20))
    await _consulta(engine, a, paciente)
    with pytest.raises(IntegrityError) as exc:
        await _consulta(engine, b, paciente)
    assert db.is_exclusion_violation(exc.value)
    await _consulta(engine, b, paciente, "recusada")  # inactive appointments do not count


async def test_status_desconhecido_e_recusado(engine):
    horario = await _horario(engine, uuid.uuid4(), INICIO + timedelta(days=3))
    with pytest.raises(IntegrityError):
        await _consulta(engine, horario, uuid.uuid4(), "realizada")
