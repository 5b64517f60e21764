"""Faults: PostgreSQL restarts under the product; another service disappears.

Requests during the outage fail cleanly (503 problem+json, never a hang or a 500), the services
recover by themselves when the database is back, and no committed booking is lost.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from gateway.app import Gateway, GatewaySettings
from gateway.services import build_apps
from libs.postgres import EmbeddedPostgres, ensure_database, migrate_all
from libs.testing.contas import registrar_medico, registrar_paciente
from libs.testing.stack import TEST_OVERRIDES, client_for
from services.consulta.tests.api.conftest import daqui


@pytest.fixture(scope="module")
def servidor_proprio() -> Iterator[dict[str, Any]]:
    """A PostgreSQL of this test alone (it is stopped and started): short path for the socket."""
    base = Path(tempfile.mkdtemp(prefix="hm-falha-", dir="/tmp"))
    server = EmbeddedPostgres(base / "pg")
    url = ensure_database(server.uri(), "healthmed")
    migrate_all(url)
    estado = {"server": server, "pgdata": base / "pg", "url": url}
    yield estado
    estado["server"].stop()
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
async def pilha(servidor_proprio, test_data_dir) -> AsyncIterator[Gateway]:
    settings: dict[str, Any] = {
        **TEST_OVERRIDES,
        "database_url": servidor_proprio["url"],
        "data_dir": test_data_dir,
        "service_retries": 0,
        "service_timeout_seconds": 3.0,
    }
    gw = Gateway(GatewaySettings(**settings), build_apps(settings))
    async with gw.lifespan():
        yield gw


@pytest.mark.xdist_group("falhas")
async def test_reinicio_do_postgresql_da_503_e_o_servico_se_recupera_sem_perder_reserva(
    pilha, servidor_proprio
):
    async with client_for(pilha) as api:
        medico = await registrar_medico(api)
        paciente = await registrar_paciente(api)
        inicio = daqui(dias=2)
        r = await api.post(
            "/medico/horarios",
            json={
                "inicio": inicio.isoformat(),
                "fim": (inicio + timedelta(minutes=30)).isoformat(),
            },
            headers=medico["headers"],
        )
        horario = r.json()["horarios"][0]
        r = await api.post(
            "/consultas", json={"horario_id": horario["id"]}, headers=paciente["headers"]
        )
        assert r.status_code == 201
        consulta_id = r.json()["id"]
        r = await api.post(f"/medico/consultas/{consulta_id}/aceitar", headers=medico["headers"])
        assert r.status_code == 200

        servidor_proprio["server"].stop()
        try:
            for caminho in ("/consultas", f"/paciente/{paciente['id']}", "/medicos"):
                r = await asyncio.wait_for(api.get(caminho, headers=paciente["headers"]), 15)
                assert r.status_code == 503, (caminho, r.status_code, r.text)
                assert r.headers["content-type"] == "application/problem+json"
                assert r.headers.get("Retry-After"), (caminho, r.text)
            ready = await api.get("/healthz")
            assert ready.status_code == 503
        finally:
            servidor_proprio["server"] = EmbeddedPostgres(servidor_proprio["pgdata"])

        # Back by itself: no restart of the services, the pools reconnect.
        for _ in range(40):
            r = await api.get(f"/consultas/{consulta_id}", headers=paciente["headers"])
            if r.status_code == 200:
                break
            await asyncio.sleep(0.25)
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "confirmada"
        assert (await api.get("/healthz")).status_code == 200
        # Every service is back after at most one failed request: a connection found dead
        # invalidates its whole pool (there is no pre-ping), so stale ones are not reused.
        for caminho in (
            f"/paciente/{paciente['id']}",
            "/medicos",
            f"/prontuario/{paciente['id']}",
            "/consultas",
        ):
            codigos = []
            for _ in range(2):
                r = await api.get(caminho, headers=paciente["headers"])
                codigos.append(r.status_code)
                if r.status_code == 200:
                    break
            assert codigos[-1] == 200 and set(codigos) <= {200, 503}, (caminho, codigos)
            for _ in range(6):  # more than a pool holds: none of them stale
                r = await api.get(caminho, headers=paciente["headers"])
                assert r.status_code == 200, (caminho, r.status_code, r.text)


@pytest.mark.xdist_group("falhas")
async def test_servico_fora_do_ar_da_503_nas_suas_rotas_e_os_outros_seguem(pilha, test_data_dir):
    apps = {name: app for name, app in pilha.apps.items() if name != "prontuario"}
    settings = GatewaySettings(
        **{**TEST_OVERRIDES, "database_url": "postgresql://x@/y", "data_dir": test_data_dir}
    )
    parcial = Gateway(settings, apps)
    async with client_for(parcial) as api:
        paciente = await registrar_paciente(api)
        r = await asyncio.wait_for(
            api.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"]), 10
        )
        assert r.status_code == 503
        assert r.headers["content-type"] == "application/problem+json"
        assert (await api.get("/especialidades")).status_code == 200
        assert (
            await api.get(f"/paciente/{paciente['id']}", headers=paciente["headers"])
        ).status_code == 200
