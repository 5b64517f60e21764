"""The name search against the real PostgreSQL: the database's normal form of a name is the
domain's, and the search is answered through the trigram index."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from libs.db import async_url
from services.medico.adapters.repository import sql_da_busca
from services.medico.domain.busca import criterios, palavras_do_nome


@pytest.fixture
async def conexao(database_url: str) -> AsyncIterator[AsyncConnection]:
    """A connection to the medico schema inside a transaction that is rolled back."""
    engine = create_async_engine(
        async_url(database_url),
        connect_args={"server_settings": {"search_path": "medico,public"}},
    )
    async with engine.connect() as conn:
        transacao = await conn.begin()
        yield conn
        await transacao.rollback()
    await engine.dispose()


@pytest.mark.parametrize(
    "nome",
    [
        "Dra. Helena Costa",
        "  CONCEIÇÃO  d'Ávila-Gonçalves ",
        "João Pedro São Tomé Ñúñez",
        "Müller Straße Ærø Łukasz Œuvre",
        "Dr(a). Bench 42",
        "...",
    ],
)
async def test_forma_normal_do_banco_e_a_do_dominio(conexao, nome):
    """The stored nome_busca and the typed words must agree, or a typed name never matches."""
    banco = (
        await conexao.execute(text("select nome_normalizado(:nome)"), {"nome": nome})
    ).scalar_one()
    palavras = palavras_do_nome(nome)
    assert banco == (" " + " ".join(palavras) + " " if palavras else "  ")


@pytest.mark.parametrize(
    "kw",
    [
        {"nome": "hel cos"},
        {"nome": "dra. conceição", "ordenar": "nome"},
        {"nome": "maria", "lat": -23.5, "lon": -46.6},
    ],
)
async def test_busca_por_nome_usa_o_indice_de_trigramas(conexao, kw):
    """With full scans disabled the planner must reach the names through their index (on the
    100,000-doctor bench it chooses it on its own: docs/capacity.md)."""
    await conexao.execute(text("set local enable_seqscan = off"))
    sql, params = sql_da_busca(criterios(**kw))
    linhas = (await conexao.execute(text("explain " + sql), params)).scalars().all()
    plano = "\n".join(linhas)
    assert "Bitmap Index Scan on ix_medicos_nome_busca" in plano, plano
