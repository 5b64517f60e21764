"""The session cache: services stop asking auth "is this session alive?" on every request, and a
revoked session is still refused at once by every service (auth announces each revocation with
NOTIFY; every service's listener drops it from its cache; a listener without its connection
makes its cache ask auth again). See libs/revogacoes.py.

Calls to auth's ``/internal/sessoes`` are counted by wrapping the real service client of the
paciente service (the calls still happen, over the real in-process HTTP).

A notification reaches a listener asynchronously, milliseconds after the commit. Auth answers a
revocation once its process's listener heard it, and in one process (the local profile, these
tests) every service reads that same listener: the very next request is refused. Across
processes the other listeners hear it from the same server within milliseconds. Only the death
of the listener's connection (``pg_terminate_backend`` returns before the backend is gone) is
awaited, for at most 2 s."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
from sqlalchemy import text

from libs.revogacoes import APPLICATION_NAME
from libs.testing.contas import auth_headers, registrar_paciente

NOVA = "Outra#Senha2027"


@contextlib.contextmanager
def consultas_de_sessao(gateway: Any, servico: str = "paciente") -> Iterator[list[str]]:
    """Every ``/internal/sessoes/...`` call the service's client makes meanwhile."""
    client = gateway.apps[servico].state.client
    original = client.get
    chamadas: list[str] = []

    async def get(destino: str, caminho: str, *args: Any, **kw: Any) -> httpx.Response:
        if destino == "auth" and caminho.startswith("/internal/sessoes/"):
            chamadas.append(caminho)
        response: httpx.Response = await original(destino, caminho, *args, **kw)
        return response

    client.get = get
    try:
        yield chamadas
    finally:
        del client.get  # back to the class's method


async def _perfil(api: httpx.AsyncClient, conta: dict[str, Any], token: str) -> int:
    r = await api.get(f"/paciente/{conta['id']}", headers=auth_headers(token))
    return r.status_code


async def _recusado_em_ate(
    api: httpx.AsyncClient, conta: dict[str, Any], token: str, limite: float = 2.0
) -> bool:
    """Whether the paciente service refuses the token within ``limite`` seconds."""
    fim = time.monotonic() + limite
    while True:
        status = await _perfil(api, conta, token)
        if status == 401:
            return True
        assert status == 200, status
        if time.monotonic() > fim:
            return False
        await asyncio.sleep(0.02)


def _sid(access_token: str) -> str:
    return str(jwt.decode(access_token, options={"verify_signature": False})["sid"])


async def _revogar_sem_aviso(gateway: Any, access_token: str) -> None:
    """End a session behind the listeners' back (as if its NOTIFY had been lost)."""
    async with gateway.apps["auth"].state.engine.begin() as conn:
        await conn.execute(
            text("update sessoes set revogada_em = now(), motivo = 'teste' where id = :sid"),
            {"sid": _sid(access_token)},
        )


async def _pids_do_ouvinte(gateway: Any) -> list[int]:
    async with gateway.apps["auth"].state.engine.connect() as conn:
        linhas = await conn.execute(
            text(
                "select pid from pg_stat_activity"
                " where application_name = :nome and datname = current_database()"
            ),
            {"nome": APPLICATION_NAME},
        )
        return [linha[0] for linha in linhas]


async def test_segunda_requisicao_com_o_mesmo_token_nao_pergunta_ao_auth(api, gateway):
    conta = await registrar_paciente(api)
    with consultas_de_sessao(gateway) as chamadas:
        assert await _perfil(api, conta, conta["access_token"]) == 200
        assert len(chamadas) == 1
        for _ in range(3):
            assert await _perfil(api, conta, conta["access_token"]) == 200
        assert len(chamadas) == 1


async def test_logout_recusa_o_token_antigo_em_outro_servico_com_cache(api, gateway):
    conta = await registrar_paciente(api)
    with consultas_de_sessao(gateway) as chamadas:
        assert await _perfil(api, conta, conta["access_token"]) == 200
        assert await _perfil(api, conta, conta["access_token"]) == 200
        assert len(chamadas) == 1  # warm: answered from memory
        r = await api.post("/auth/logout", headers=conta["headers"])
        assert r.status_code == 204
        assert await _perfil(api, conta, conta["access_token"]) == 401
        # Refused by the announcement heard, not by asking auth again.
        assert len(chamadas) == 1


async def test_reuso_de_refresh_token_chega_ao_cache(api, gateway):
    conta = await registrar_paciente(api)
    primeiro = conta["tokens"]
    r = await api.post("/auth/refresh", json={"refresh_token": primeiro["refresh_token"]})
    assert r.status_code == 200
    segundo = r.json()
    assert await _perfil(api, conta, segundo["access_token"]) == 200
    # The rotation 21 s in the past: presenting the rotated token again is theft.
    async with gateway.apps["auth"].state.engine.begin() as conn:
        await conn.execute(
            text(
                "update refresh_tokens set usado_em = usado_em - interval '21 seconds'"
                " where sessao_id = :sid and usado_em is not null"
            ),
            {"sid": _sid(segundo["access_token"])},
        )
    reuso = await api.post("/auth/refresh", json={"refresh_token": primeiro["refresh_token"]})
    assert reuso.status_code == 401
    assert await _perfil(api, conta, segundo["access_token"]) == 401


async def test_redefinir_senha_encerra_todas_as_sessoes_nos_caches(api, gateway):
    conta = await registrar_paciente(api)
    outra = await api.post("/auth/login", json={"email": conta["email"], "senha": conta["senha"]})
    assert outra.status_code == 200
    tokens = [conta["access_token"], outra.json()["access_token"]]
    for token in tokens:
        assert await _perfil(api, conta, token) == 200
    assert (await api.post("/auth/recover", json={"email": conta["email"]})).status_code == 202
    emails = (await api.get("/dev/emails", params={"para": conta["email"]})).json()["itens"]
    achado = re.search(r"token=([A-Za-z0-9_\-]+)", emails[0]["corpo"])
    assert achado
    r = await api.post("/auth/recover/confirm", json={"token": achado.group(1), "nova_senha": NOVA})
    assert r.status_code == 204, r.text
    for token in tokens:
        assert await _perfil(api, conta, token) == 401


async def test_sem_conexao_do_ouvinte_o_cache_pergunta_ao_auth_e_o_ouvinte_volta(api, gateway):
    conta = await registrar_paciente(api)
    vigiada = await api.post("/auth/login", json={"email": conta["email"], "senha": conta["senha"]})
    token, outro = conta["access_token"], vigiada.json()["access_token"]
    assert await _perfil(api, conta, token) == 200
    assert await _perfil(api, conta, outro) == 200
    # The control: while the listener is connected, a revocation nobody announced is not seen
    # (the cache answers from memory), so what follows can only pass by the fail-safe.
    await _revogar_sem_aviso(gateway, outro)
    assert await _perfil(api, conta, outro) == 200

    antes = await _pids_do_ouvinte(gateway)
    assert len(antes) == 1
    async with gateway.apps["auth"].state.engine.connect() as conn:
        await conn.execute(text("select pg_terminate_backend(:pid)"), {"pid": antes[0]})
    # The connection is gone: the cache was cleared, auth is asked, the revocation is seen.
    assert await _recusado_em_ate(api, conta, outro)

    # The listener reconnects by itself, and the cache answers from memory again.
    fim = time.monotonic() + 10
    while (depois := await _pids_do_ouvinte(gateway)) in ([], antes):
        assert time.monotonic() < fim, "o ouvinte não reconectou"
        await asyncio.sleep(0.05)
    assert depois != antes
    with consultas_de_sessao(gateway) as chamadas:
        fim = time.monotonic() + 2
        while True:  # the first call after the reconnection asks auth and stores the answer
            assert await _perfil(api, conta, token) == 200
            antes_da_segunda = len(chamadas)
            assert await _perfil(api, conta, token) == 200
            if len(chamadas) == antes_da_segunda:
                break
            assert time.monotonic() < fim, "o cache não voltou a responder da memória"
        # And announcements are heard on the new connection.
        assert (await api.post("/auth/logout", headers=auth_headers(token))).status_code == 204
        assert await _perfil(api, conta, token) == 401


async def test_sessao_que_expira_sozinha_nao_vive_no_cache_alem_da_validade(api, gateway):
    """A session that simply expires announces nothing: the cache keeps it only until the
    expiry auth gave, never for its whole minute."""
    conta = await registrar_paciente(api)
    async with gateway.apps["auth"].state.engine.begin() as conn:
        await conn.execute(
            text("update sessoes set expira_em = now() + interval '1 second' where id = :sid"),
            {"sid": _sid(conta["access_token"])},
        )
    with consultas_de_sessao(gateway) as chamadas:
        assert await _perfil(api, conta, conta["access_token"]) == 200
        assert await _perfil(api, conta, conta["access_token"]) == 200
        assert len(chamadas) == 1  # remembered while it lives
        await asyncio.sleep(1.2)
        assert await _perfil(api, conta, conta["access_token"]) == 401
        assert len(chamadas) == 2
