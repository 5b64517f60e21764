"""Brute-force throttling: per account and per client IP, with Retry-After."""

from __future__ import annotations

import asyncio
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


async def test_sucesso_nao_apaga_as_falhas_anteriores(ip_client, paciente: Conta):
    """A success forgets only itself: the failures before it stay counted for the window, or a
    correct password inside a burst of guesses would let more guesses through (issue 15 §4)."""
    client = ip_client()
    for _ in range(4):
        await client.post(
            "/auth/login", json={"email": paciente.email, "senha": "errada-mas-longa"}
        )
    assert (
        await client.post("/auth/login", json={"email": paciente.email, "senha": paciente.senha})
    ).status_code == 200
    r = await client.post("/auth/login", json={"email": paciente.email, "senha": "outra-errada"})
    assert r.status_code == 401
    r = await client.post("/auth/login", json={"email": paciente.email, "senha": paciente.senha})
    assert r.status_code == 429


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


async def test_rajada_simultanea_de_senhas_erradas_nao_passa_do_limite(ip_client, paciente: Conta):
    """Issue 15 §4: 20 wrong passwords at once get at most the limit (5) of 401s."""
    clients = [ip_client() for _ in range(20)]
    respostas = await asyncio.gather(
        *(
            c.post("/auth/login", json={"email": paciente.email, "senha": f"errada-{i}-longa"})
            for i, c in enumerate(clients)
        )
    )
    codigos = sorted(r.status_code for r in respostas)
    assert codigos.count(401) <= 5, codigos
    assert set(codigos) <= {401, 429}, codigos
    assert codigos.count(429) >= 15, codigos


async def test_senha_certa_no_meio_da_rajada_nao_libera_mais_palpites(ip_client, paciente: Conta):
    """Issue 15 §4: a correct password among concurrent guesses does not reset the counter."""
    clients = [ip_client() for _ in range(21)]
    corpos = [{"email": paciente.email, "senha": f"errada-{i}-longa"} for i in range(20)]
    corpos.insert(3, {"email": paciente.email, "senha": paciente.senha})
    respostas = await asyncio.gather(
        *(c.post("/auth/login", json=b) for c, b in zip(clients, corpos, strict=True))
    )
    erradas = [
        r.status_code
        for r, b in zip(respostas, corpos, strict=True)
        if b["senha"] != paciente.senha
    ]
    # Nor afterwards: every wrong guess of the window, burst and after, is at most the limit.
    for i in range(5):
        r = await ip_client().post(
            "/auth/login", json={"email": paciente.email, "senha": f"mais-um-palpite-{i}"}
        )
        erradas.append(r.status_code)
    assert erradas.count(401) <= 5, erradas


async def test_rajada_simultanea_de_recuperacoes_nao_passa_do_limite(ip_client, gateway):
    """Issue 15 §4: recovery counts like login: 20 requests at once for one account get at
    most the limit (3) of 202s and of e-mailed links."""
    conta = await criar_conta(gateway, "paciente")
    respostas = await asyncio.gather(
        *(ip_client().post("/auth/recover", json={"email": conta.email}) for _ in range(20))
    )
    codigos = [r.status_code for r in respostas]
    assert codigos.count(202) <= 3 and set(codigos) <= {202, 429}, codigos
    async with client_for(gateway) as local:  # the dev inbox answers loopback clients
        r = await local.get("/dev/emails", params={"para": conta.email})
    links = [e for e in r.json()["itens"] if e["assunto"] == "Redefinição de senha - HealthMed"]
    assert r.status_code == 200 and len(links) <= 3
