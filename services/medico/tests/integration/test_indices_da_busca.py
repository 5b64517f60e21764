"""The search statement can be answered from its indexes (real PostgreSQL, query plans).

With sequential scans and explicit sorts disabled, the planner must still find a plan that
needs neither, through the expected index, for each kind of search: if an index is dropped or
the SQL stops matching its expression (e.g. ``ll_to_earth(lat, lon)`` written differently),
these plans change and the tests fail.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from libs.db import async_url
from services.medico.adapters.repository import sql_da_busca
from services.medico.domain.busca import criterios

SP = {"lat": -23.55, "lon": -46.63}


@pytest.fixture
async def conexao(database_url: str) -> AsyncIterator[AsyncConnection]:
    """A connection to the medico schema inside a transaction that is rolled back."""
    engine = create_async_engine(
        async_url(database_url),
        connect_args={"server_settings": {"search_path": "medico,public"}},
    )
    async with engine.connect() as conn:
        transacao = await conn.begin()
        await conn.execute(text("set local enable_seqscan = off"))
        await conn.execute(text("set local enable_sort = off"))
        yield conn
        await transacao.rollback()
    await engine.dispose()


async def _plano(conn: AsyncConnection, **kw) -> str:
    """The plan of a search; it must need no disabled node (a full scan or a sort)."""
    sql, params = sql_da_busca(criterios(**kw))
    linhas = (await conn.execute(text("explain " + sql), params)).scalars().all()
    plano = "\n".join(linhas)
    assert "Disabled: true" not in plano, plano
    return plano


async def test_raio_usa_o_indice_gist_de_localizacao(conexao):
    assert "ix_medicos_local" in await _plano(conexao, **SP, raio_km=50)


async def test_ordem_por_distancia_usa_o_indice_gist_sem_raio(conexao):
    assert "ix_medicos_local" in await _plano(conexao, **SP, ordenar="distancia")


async def test_especialidade_usa_o_indice_gin(conexao):
    plano = await _plano(conexao, especialidade="cardiologia", ordenar="avaliacao")
    assert "ix_medicos_especialidades" in plano


async def test_ordem_por_avaliacao_usa_o_indice_de_avaliacao(conexao):
    assert "ix_medicos_avaliacao" in await _plano(conexao, ordenar="avaliacao")


async def test_disponivel_ate_usa_o_indice_de_proximo_horario(conexao):
    ate = datetime.now(UTC) + timedelta(days=3)
    assert "ix_medicos_proximo_horario" in await _plano(conexao, disponivel_ate=ate)


async def test_ordem_por_nome_usa_o_indice_de_nome(conexao):
    assert "ix_medicos_nome" in await _plano(conexao)
