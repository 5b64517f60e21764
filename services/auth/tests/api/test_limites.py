"""Brute-force throttling: per account and per client IP, with Retry-After."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from gateway.app import Gateway, GatewaySettings
from gateway.services import build_apps
from libs.testing.stack import client_for
from services.auth.tests.api.conftest import Conta, criar_conta


async def test_conta_e_bloqueada_apos_falhas_com_retry_after(ip_client, paciente: Conta):
    client = ip_client()
    for _ in range(5):
        r = await client.post(
            "/auth/login", json={"email": paciente.email, "senha": "errada-mas-longa"}
        )
        assert r.status_code == 401
    blocked = await client.post(
        "/auth/login", json={"email": paciente.email, "senha": paciente.senha}
    )
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    # From another IP the account is still protected (the counter is per account).
    other = ip_client()
    r = await other.post("/auth/login", json={"email": paciente.email, "senha": paciente.senha})
    assert r.status_code == 429


async def test_falhas_de_uma_conta_nao_bloqueiam_outra(ip_client, gateway, paciente: Conta):
    client = ip_client()
    for _ in range(5):
        await client.post(
            "/auth/login", json={"email": paciente.email, "senha": "errada-mas-longa"}
        )
    outra = await criar_conta(gateway, "paciente")
    r = await client.post("/auth/login", json={"email": outra.email, "senha": outra.senha})
    assert r.status_code == 200


async def test_sucesso_zera_o_contador_da_conta(ip_client, paciente: Conta):
    client = ip_client()
    for _ in range(4):
        await client.post(
            "/auth/login", json={"email": paciente.email, "senha": "errada-mas-longa"}
        )
    assert (
        await client.post("/auth/login", json={"email": paciente.email, "senha": paciente.senha})
    ).status_code == 200
    for _ in range(4):
        await client.post(
            "/auth/login", json={"email": paciente.email, "senha": "errada-mas-longa"}
        )
    assert (
        await client.post("/auth/login", json={"email": paciente.email, "senha": paciente.senha})
    ).status_code == 200


@pytest.fixture(scope="module")
async def strict_gateway(stack_settings: dict[str, Any]) -> AsyncIterator[Gateway]:
    """The same stack with the production defaults for per-IP limits, but small."""
    settings = {**stack_settings, "falhas_por_ip": 8, "recuperacoes_por_ip": 3}
    gw = Gateway(GatewaySettings(**settings), build_apps(settings))
    async with gw.lifespan():
        yield gw


async def test_ip_com_muitas_falhas_e_bloqueado(strict_gateway):
    contas = [await criar_conta(strict_gateway, "paciente") for _ in range(3)]
    async with client_for(strict_gateway, "172.20.0.1") as client:
        for i in range(8):
            conta = contas[i % 3]
            r = await client.post(
                "/auth/login", json={"email": conta.email, "senha": "errada-mas-longa"}
            )
            assert r.status_code == 401
        r = await client.post(
            "/auth/login", json={"email": contas[0].email, "senha": contas[0].senha}
        )
        assert r.status_code == 429
        assert "Retry-After" in r.headers
    async with client_for(strict_gateway, "172.20.0.2") as other:
        r = await other.post(
            "/auth/login", json={"email": contas[0].email, "senha": contas[0].senha}
        )
        assert r.status_code == 200


async def test_logins_bem_sucedidos_de_um_ip_nao_sao_barrados(strict_gateway):
    """A clinic behind one NAT: many successful logins from one IP go through."""
    contas = [await criar_conta(strict_gateway, "paciente") for _ in range(4)]
    async with client_for(strict_gateway, "172.20.0.3") as client:
        for i in range(24):
            conta = contas[i % 4]
            r = await client.post("/auth/login", json={"email": conta.email, "senha": conta.senha})
            assert r.status_code == 200, i


async def test_recuperacao_limitada_por_ip(strict_gateway):
    async with client_for(strict_gateway, "172.20.0.4") as client:
        codes = [
            (await client.post("/auth/recover", json={"email": f"x{i}@exemplo.com.br"})).status_code
            for i in range(4)
        ]
    assert codes == [202, 202, 202, 429]


async def test_recuperacao_limitada_por_conta_sem_revelar_se_existe(ip_client):
    client = ip_client()
    email = "talvez.exista@exemplo.com.br"
    codes = [
        (await client.post("/auth/recover", json={"email": email})).status_code for _ in range(4)
    ]
    assert codes == [202, 202, 202, 429]
