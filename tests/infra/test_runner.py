"""Each service runs on its own (as in a container): ``python -m libs.runner <service>``."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import asyncpg
import httpx
import pytest

from libs import runner
from libs.settings import ConfigurationError
from tests.infra.conftest import free_port, start_auth

ROOT = Path(__file__).resolve().parents[2]


def test_servico_desconhecido_e_recusado_pelo_nome():
    with pytest.raises(ConfigurationError, match="desconhecido"):
        runner.load("faturamento")


def test_carrega_fabrica_e_configuracao_pelo_nome():
    factory, cls = runner.load("auth")
    assert factory.__module__ == "services.auth.app"
    assert cls.__name__ == "AuthSettings"


def test_sem_banco_configurado_nao_sobe(tmp_path):
    _, cls = runner.load("auth")
    with pytest.raises(ConfigurationError, match="HEALTHMED_DATABASE_URL"):
        runner.build("auth", cls(data_dir=tmp_path, database_url=None))


async def test_app_montado_responde_readyz_com_request_id(auth_db, tmp_path):
    _, cls = runner.load("auth")
    app = runner.build("auth", cls(data_dir=tmp_path, database_url=auth_db))
    inner = app.app  # RequestContextMiddleware wraps the FastAPI app; its lifespan is the app's
    async with inner.router.lifespan_context(inner):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://auth") as http:
            r = await http.get("/readyz", headers={"x-request-id": "req-runner-1"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "ok"
    assert r.headers["x-request-id"] == "req-runner-1"


def test_migrar_cria_o_esquema_num_banco_novo(auth_db):
    async def version() -> str | None:
        conn = await asyncpg.connect(auth_db)
        try:
            return await conn.fetchval("select version_num from auth.alembic_version")
        finally:
            await conn.close()

    assert asyncio.run(version())


# SIGTERM: docker stop, ECS, Kubernetes; SIGHUP: the terminal it ran in was closed (its default
# action killed the service in the middle of its requests, skipping the shutdown).
@pytest.mark.parametrize("sinal", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_processo_sozinho_atende_healthz_e_para_graciosamente_com_sinal(auth_db, tmp_path, sinal):
    port = free_port()
    proc = start_auth(auth_db, tmp_path, port)
    try:
        health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
        assert health.json() == {"status": "ok", "servico": "auth"}
        assert health.headers.get("x-request-id")
    finally:
        os.killpg(proc.pid, sinal)  # to the process group, as a launcher does
        out, _ = proc.communicate(timeout=20)
    # uvicorn shuts down gracefully, then raises the signal again: libs.parada ends the process
    # as a stop that was asked for and done.
    assert proc.returncode == 0, out.decode()
    assert b"Application shutdown complete" in out
    assert b'"msg": "GET /healthz 200' in out


def test_na_aws_o_limite_por_ip_conta_o_ip_que_a_borda_escreveu(auth_db, tmp_path):
    """The runner takes the client's address from CloudFront's header: two failed logins from one
    viewer hit its per-IP limit, while another viewer behind the same proxies still gets a 401,
    and an X-Forwarded-For the client writes changes nothing."""
    port = free_port()
    proc = start_auth(
        auth_db,
        tmp_path,
        port,
        HEALTHMED_CABECALHO_IP_CLIENTE="x-healthmed-ip-cliente",
        HEALTHMED_FALHAS_POR_IP="2",
        HEALTHMED_FALHAS_POR_CONTA="1000",
    )
    try:
        url = f"http://127.0.0.1:{port}/auth/login"

        def entrar(ip: str, email: str) -> int:
            headers = {"x-healthmed-ip-cliente": ip, "x-forwarded-for": "192.0.2.77"}
            corpo = {"email": email, "senha": "errada-errada"}
            return httpx.post(url, json=corpo, headers=headers, timeout=10).status_code

        assert [entrar("203.0.113.1", f"a{i}@exemplo.com.br") for i in range(3)] == [401, 401, 429]
        assert entrar("203.0.113.2", "b@exemplo.com.br") == 401
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=20)
