"""With a read replica configured (``HEALTHMED_DATABASE_URL_LEITURA``), the search and the
public profile read from it, and every write still goes to the primary.

The "replica" here is the test database itself, reached by the read engine of
:func:`libs.db.create_read_engine`: its connections are read-only
(``default_transaction_read_only``) and named ``healthmed-medico-leitura``. So a write routed to
the read sessions fails here as it would on a real replica, and the pool counters below tell
which engine each request used.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from gateway.app import Gateway, GatewaySettings
from gateway.services import build_apps
from libs.db import conexoes_diretas, urls_por_host
from libs.testing.contas import registrar_medico
from libs.testing.stack import client_for
from services.medico.adapters.uow import MedicoLeituraUnitOfWork
from services.medico.tests.api.conftest import ponto_isolado


@pytest.fixture(scope="module")
async def gateway_com_replica(
    stack_settings: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Gateway]:
    """auth and medico, with the read URL set (same database, read-only connections).

    The read URL lists two "replicas": one lost (a socket directory with no server) and the
    test database, in either order (each process shuffles it), so every test here also reads
    past a lost replica. Only these two services run, and auth's reconciliation sleeps: nothing
    else calls medico, so its primary is used only by the requests of these tests."""
    url = stack_settings["database_url"]
    real = parse_qs(urlsplit(url).query)["host"][0]
    perdida = tmp_path_factory.mktemp("replica-perdida")
    settings = {
        **stack_settings,
        "database_url_leitura": url.replace(f"host={real}", f"host={perdida},{real}"),
        "reconciliacao_intervalo_segundos": 3600,
    }
    assert len(urls_por_host(settings["database_url_leitura"])) == 2
    apps = build_apps(settings)
    gw = Gateway(GatewaySettings(**settings), {n: apps[n] for n in ("auth", "medico")})
    async with gw.lifespan():
        yield gw


@pytest.fixture(scope="module")
async def api_replica(gateway_com_replica: Gateway) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the public API of that stack."""
    async with client_for(gateway_com_replica) as client:
        yield client


@pytest.fixture
def medico_app(gateway_com_replica: Gateway) -> FastAPI:
    return gateway_com_replica.apps["medico"]


class Checkouts:
    """How many connections each engine of the medico app handed out: checkouts of its pool
    and of its direct connections (libs.conexoes_diretas, the search's one statement)."""

    def __init__(self, app: FastAPI) -> None:
        self.engines: dict[str, AsyncEngine] = {
            "primaria": app.state.engine,
            "leitura": app.state.engine_leitura,
        }
        self._do_pool = dict.fromkeys(self.engines, 0)
        self._diretas_antes = self._diretas()

    def _diretas(self) -> dict[str, int]:
        return {
            nome: diretas.tomadas if (diretas := conexoes_diretas(engine)) else 0
            for nome, engine in self.engines.items()
        }

    @property
    def contagem(self) -> dict[str, int]:
        """Connections handed out by each engine since the last :meth:`zerar`."""
        diretas = self._diretas()
        return {
            nome: self._do_pool[nome] + diretas[nome] - self._diretas_antes[nome]
            for nome in self.engines
        }

    def _contador(self, nome: str) -> Any:
        def contar(*_: Any) -> None:
            self._do_pool[nome] += 1

        return contar

    def zerar(self) -> None:
        """Start counting again from zero."""
        self._do_pool = dict.fromkeys(self.engines, 0)
        self._diretas_antes = self._diretas()


@pytest.fixture
def checkouts(medico_app: FastAPI) -> Iterator[Checkouts]:
    c = Checkouts(medico_app)
    ouvintes = [(e.sync_engine, c._contador(n)) for n, e in c.engines.items()]
    for alvo, ouvinte in ouvintes:
        event.listen(alvo, "checkout", ouvinte)
    yield c
    for alvo, ouvinte in ouvintes:
        event.remove(alvo, "checkout", ouvinte)


async def test_busca_le_da_replica_e_nao_da_primaria(api_replica, medico_app, checkouts):
    ponto = ponto_isolado()
    m = await registrar_medico(
        api_replica, localizacao={"lat": ponto[0], "lon": ponto[1]}, especialidades=["pediatria"]
    )
    checkouts.zerar()
    r = await api_replica.get(
        "/medicos",
        params={"lat": ponto[0], "lon": ponto[1], "raio_km": 2, "especialidade": "pediatria"},
    )
    assert r.status_code == 200, r.text
    assert [i["id"] for i in r.json()["itens"]] == [m["id"]]
    assert checkouts.contagem == {"primaria": 0, "leitura": 1}
    # The database saw it too: the read engine's connection, under its own name.
    async with medico_app.state.engine.connect() as conn:
        nomes = (
            await conn.execute(
                text(
                    "select application_name from pg_stat_activity"
                    " where datname = current_database() and application_name like '%leitura'"
                )
            )
        ).scalars()
        assert "healthmed-medico-leitura" in set(nomes)


async def test_especialidade_desconhecida_na_busca_continua_422(api_replica, checkouts):
    r = await api_replica.get("/medicos", params={"especialidade": "nao-existe"})
    assert r.status_code == 422, r.text
    assert checkouts.contagem["primaria"] == 0


async def test_perfil_publico_e_especialidades_leem_da_replica(api_replica, checkouts):
    m = await registrar_medico(api_replica, nome="Dra. Réplica")
    checkouts.zerar()
    r = await api_replica.get(f"/medicos/{m['id']}")
    assert r.status_code == 200, r.text
    assert r.json()["nome"] == "Dra. Réplica"
    assert (await api_replica.get("/especialidades")).status_code == 200
    assert checkouts.contagem == {"primaria": 0, "leitura": 2}


async def test_medico_desconhecido_e_404_depois_de_perguntar_a_primaria(api_replica, checkouts):
    # Not on the replica may mean "registered a moment ago": the primary has the last word.
    assert (await api_replica.get(f"/medicos/{uuid.uuid4()}")).status_code == 404
    assert checkouts.contagem == {"primaria": 1, "leitura": 1}


async def test_cadastro_e_alteracao_de_perfil_gravam_na_primaria(api_replica, checkouts):
    m = await registrar_medico(api_replica)
    assert checkouts.contagem["primaria"] >= 1
    checkouts.zerar()
    r = await api_replica.put(
        f"/medicos/{m['id']}", json={"nome": "Dr. Alterado", "bio": "nova"}, headers=m["headers"]
    )
    assert r.status_code == 200, r.text
    assert checkouts.contagem["primaria"] >= 1
    perfil = (await api_replica.get(f"/medicos/{m['id']}")).json()
    assert perfil["nome"] == "Dr. Alterado" and perfil["bio"] == "nova"


async def test_escrita_pelas_sessoes_de_leitura_e_recusada(medico_app):
    # PostgreSQL refuses it: a write routed to the read sessions would fail every test above.
    async with medico_app.state.sessions_leitura() as session:
        with pytest.raises(DBAPIError) as erro:
            await session.execute(text("update medicos set nome = nome"))
        assert "read-only" in str(erro.value)
    # And the read-only unit of work refuses to commit before asking the database.
    async with MedicoLeituraUnitOfWork(medico_app.state.sessions_leitura) as uow:
        with pytest.raises(RuntimeError):
            await uow.commit()


async def test_sem_replica_as_leituras_usam_a_primaria(gateway):
    """Without replicas the reads go to the primary, on connections of their own that refuse
    to write, one statement each without BEGIN/ROLLBACK (issue 14)."""
    app = gateway.apps["medico"]
    assert app.state.engine_leitura.url == app.state.engine.url
    async with app.state.sessions_leitura() as session:
        nome = (await session.execute(text("select current_setting('application_name')"))).scalar()
        assert nome == "healthmed-medico-leitura"
        with pytest.raises(DBAPIError) as erro:
            await session.execute(text("update medicos set nome = nome"))
        assert "read-only" in str(erro.value)


@pytest.fixture(scope="module")
def replica_atrasada(stack_settings: dict[str, Any]) -> str:
    """A "replica" that has not received anything yet: another database, migrated, empty."""
    from libs.postgres import ensure_database, migrate_all

    url = ensure_database(stack_settings["database_url"], f"replica_{uuid.uuid4().hex[:8]}")
    migrate_all(url)
    return url


@pytest.fixture(scope="module")
async def api_replica_atrasada(
    stack_settings: dict[str, Any], replica_atrasada: str
) -> AsyncIterator[httpx.AsyncClient]:
    settings = {
        **stack_settings,
        "database_url_leitura": replica_atrasada,
        "reconciliacao_intervalo_segundos": 3600,
    }
    apps = build_apps(settings)
    gw = Gateway(GatewaySettings(**settings), {n: apps[n] for n in ("auth", "medico")})
    async with gw.lifespan(), client_for(gw) as client:
        yield client


async def test_perfil_de_quem_a_replica_ainda_nao_tem_vem_da_primaria(api_replica_atrasada):
    """Replica lag: a doctor registered a moment ago is not in the search yet (it reads the
    replica), but their public page answers from the primary, never a wrong 404."""
    medico = await registrar_medico(api_replica_atrasada)
    r = await api_replica_atrasada.get(f"/medicos/{medico['id']}")
    assert r.status_code == 200, r.text
    assert r.json()["id"] == medico["id"] and r.json()["crm"] == medico["crm"]
    busca = await api_replica_atrasada.get("/medicos", params={"por_pagina": 100})
    assert busca.status_code == 200
    assert medico["id"] not in {i["id"] for i in busca.json()["itens"]}
