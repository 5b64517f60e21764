"""The web app's refresh token lives in an HttpOnly cookie, never in a script's reach
(issue 15 §5): set by a login that sends ``X-HealthMed-CSRF``, scoped to the refresh route,
SameSite=Strict, used by a refresh without body only with that header, cleared by logout.
API clients that do not send the header keep the contract: the token in the body."""

from __future__ import annotations

from collections.abc import AsyncIterator
from http.cookies import SimpleCookie
from typing import Any

import httpx
import pytest

from gateway.app import Gateway, GatewaySettings
from gateway.services import build_apps
from libs.testing.stack import client_for
from services.auth.tests.api.conftest import Conta

WEB = {"X-HealthMed-CSRF": "1"}
COOKIE = "healthmed_refresh"


def _cookie(r: httpx.Response) -> Any:
    """The refresh cookie as the answer set it (attributes included)."""
    cabecalhos = [v for k, v in r.headers.multi_items() if k.lower() == "set-cookie"]
    assert cabecalhos, "nenhum Set-Cookie"
    cookie: SimpleCookie = SimpleCookie()
    cookie.load(cabecalhos[0])
    assert COOKIE in cookie
    return cookie[COOKIE]


async def _entrar_pelo_app(client: httpx.AsyncClient, conta: Conta) -> httpx.Response:
    r = await client.post(
        "/auth/login", json={"email": conta.email, "senha": conta.senha}, headers=WEB
    )
    assert r.status_code == 200, r.text
    return r


async def test_login_do_app_guarda_o_refresh_so_no_cookie_httponly(ip_client, paciente: Conta):
    r = await _entrar_pelo_app(ip_client(), paciente)
    assert r.json()["refresh_token"] == ""  # no script ever sees it
    assert r.json()["access_token"]
    cookie = _cookie(r)
    assert cookie.value and len(cookie.value) > 20
    assert cookie["httponly"] is True
    assert cookie["samesite"].lower() == "strict"
    assert cookie["path"] == "/api/auth/refresh"
    # The local profile on plain-http loopback: not Secure (see the https test below).
    assert not cookie["secure"]


async def test_login_sem_o_cabecalho_segue_o_contrato(ip_client, paciente: Conta):
    r = await ip_client().post(
        "/auth/login", json={"email": paciente.email, "senha": paciente.senha}
    )
    assert r.status_code == 200
    assert len(r.json()["refresh_token"]) > 20
    assert "set-cookie" not in r.headers


async def test_refresh_pelo_cookie_rotaciona_e_mantem_a_sessao(ip_client, paciente: Conta):
    client = ip_client()
    login = await _entrar_pelo_app(client, paciente)
    antigo = _cookie(login).value
    r = await client.post("/auth/refresh", headers=WEB)
    assert r.status_code == 200, r.text
    assert r.json()["refresh_token"] == "" and r.json()["usuario_id"] == paciente.id
    novo = _cookie(r).value
    assert novo != antigo
    headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
    assert (await client.post("/auth/logout", headers=headers)).status_code == 204


async def test_refresh_pelo_cookie_sem_o_cabecalho_e_recusado_e_nada_roda(
    ip_client, paciente: Conta
):
    """A cross-site form or fetch cannot add the header (no CORS here): 403, and the cookie
    was not rotated (it still works with the header)."""
    client = ip_client()
    await _entrar_pelo_app(client, paciente)
    r = await client.post("/auth/refresh")
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "X-HealthMed-CSRF" in r.json()["detail"]
    assert "set-cookie" not in r.headers
    assert (await client.post("/auth/refresh", headers=WEB)).status_code == 200


async def test_refresh_sem_cookie_e_sem_corpo_e_401(ip_client):
    assert (await ip_client().post("/auth/refresh", headers=WEB)).status_code == 401


async def test_logout_apaga_o_cookie_e_a_sessao(ip_client, paciente: Conta):
    client = ip_client()
    login = await _entrar_pelo_app(client, paciente)
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    r = await client.post("/auth/logout", headers=headers)
    assert r.status_code == 204
    apagado = _cookie(r)
    assert apagado.value in ("", '""') and apagado["max-age"] == "0"
    assert apagado["path"] == "/api/auth/refresh"
    # Even replayed by hand, the old cookie's session is over.
    client.cookies.set(COOKIE, _cookie(login).value, path="/api/auth/refresh")
    assert (await client.post("/auth/refresh", headers=WEB)).status_code == 401


@pytest.fixture(scope="module")
async def gateway_https(stack_settings: dict[str, Any]) -> AsyncIterator[Gateway]:
    """The stack as served behind HTTPS (a public origin)."""
    settings = {**stack_settings, "public_origin": "https://healthmed.example"}
    gw = Gateway(GatewaySettings(**settings), build_apps(settings))
    async with gw.lifespan():
        yield gw


async def test_fora_do_loopback_http_o_cookie_e_secure(gateway_https, paciente: Conta):
    async with client_for(gateway_https, "10.9.8.7") as client:
        r = await client.post(
            "/auth/login", json={"email": paciente.email, "senha": paciente.senha}, headers=WEB
        )
    assert r.status_code == 200, r.text
    cookie = _cookie(r)
    assert cookie["secure"] is True and cookie["httponly"] is True
