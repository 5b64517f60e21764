from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import pytest
from sqlalchemy import text

from libs.testing import data
from libs.testing.stack import client_for


@dataclass
class Conta:
    id: str
    email: str
    cpf: str
    crm: str
    uf: str
    senha: str


async def criar_conta(
    gateway: Any, papel: str, senha: str = data.SENHA, *, confirmar: bool = True
) -> Conta:
    """Credentials created through the auth service's internal contract (as registration does:
    created pending, then confirmed, unless ``confirmar`` is False)."""
    auth = gateway.apps["auth"]
    token = auth.state.settings.secret("service_token")
    conta = Conta(
        str(uuid.uuid4()), data.novo_email(papel), data.novo_cpf(), data.novo_crm(), "SP", senha
    )
    body: dict[str, Any] = {
        "usuario_id": conta.id,
        "papel": papel,
        "email": conta.email,
        "senha": senha,
    }
    if papel == "paciente":
        body["cpf"] = conta.cpf
    else:
        body.update(crm=conta.crm, uf=conta.uf)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=auth), base_url="http://auth"
    ) as http:
        r = await http.post("/internal/credenciais", json=body, headers={"x-service-token": token})
        assert r.status_code == 201, r.text
        if confirmar:
            r = await http.post(
                f"/internal/credenciais/{conta.id}/confirmar", headers={"x-service-token": token}
            )
            assert r.status_code == 204, r.text
    return conta


@pytest.fixture
async def paciente(gateway: Any) -> Conta:
    return await criar_conta(gateway, "paciente")


@pytest.fixture
async def medico(gateway: Any) -> Conta:
    return await criar_conta(gateway, "medico")


@pytest.fixture
def ip_client(gateway: Any):
    """A client that looks like it comes from its own IP (isolates throttling counters)."""
    clients: list[httpx.AsyncClient] = []

    def make(ip: str | None = None) -> httpx.AsyncClient:
        c = client_for(
            gateway,
            ip or f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}",
        )
        clients.append(c)
        return c

    yield make


async def envelhecer_rotacoes(gateway: Any, access_token: str, segundos: int) -> None:
    """Move the rotations of the token's session ``segundos`` into the past (the passing of
    time). The session is ``sid`` in the built-in provider's tokens, ``origin_jti`` in
    Cognito's."""
    claims = jwt.decode(access_token, options={"verify_signature": False})
    async with gateway.apps["auth"].state.engine.begin() as conn:
        await conn.execute(
            text(
                "update refresh_tokens set usado_em = usado_em - make_interval(secs => :s)"
                " where sessao_id = :sid and usado_em is not null"
            ),
            {"s": segundos, "sid": claims.get("sid") or claims["origin_jti"]},
        )
