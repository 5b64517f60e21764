"""POST /paciente and the question "is this CPF registered?" (issue 15 §5).

The contract answers 409 for a taken CPF or e-mail (shared/API.md), so the answer cannot be the
same for both; instead (docs/threat-model.md): nothing is told before the whole registration is
valid (a weak password is a 422 whatever the CPF: probing without creating an account is
closed), and the refusals a client IP may get are few (429 with Retry-After past the limit)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from gateway.app import Gateway, GatewaySettings
from gateway.services import build_apps
from libs.testing import data
from libs.testing.stack import client_for


def _corpo(**over: Any) -> dict[str, Any]:
    return {
        "nome": "Pessoa de Teste",
        "email": data.novo_email("enum"),
        "cpf": data.novo_cpf(),
        "senha": data.SENHA,
        **over,
    }


async def test_senha_fraca_e_422_com_cpf_livre_ou_tomado(api):
    """Before: a taken CPF answered 409 even with a weak password, a free one 422: a free
    oracle that creates nothing. Now the registration is validated whole first."""
    tomado = data.novo_cpf()
    assert (await api.post("/paciente", json=_corpo(cpf=tomado))).status_code == 201
    respostas = [
        await api.post("/paciente", json=_corpo(cpf=cpf, senha="123456"))
        for cpf in (tomado, data.novo_cpf())
    ]
    assert [r.status_code for r in respostas] == [422, 422], [r.text for r in respostas]
    assert respostas[0].json()["erros"] == respostas[1].json()["erros"]


@pytest.fixture(scope="module")
async def gateway_estrito(stack_settings: dict[str, Any]) -> AsyncIterator[Gateway]:
    """The stack with a small limit of refused registrations per client IP."""
    settings = {**stack_settings, "cadastros_recusados_por_ip": 3}
    gw = Gateway(GatewaySettings(**settings), build_apps(settings))
    async with gw.lifespan():
        yield gw


async def test_recusas_de_cadastro_por_ip_sao_limitadas(gateway_estrito):
    async with client_for(gateway_estrito, "172.21.0.1") as local:
        tomados = []
        for _ in range(2):
            corpo = _corpo()
            assert (await local.post("/paciente", json=corpo)).status_code == 201
            tomados.append(corpo)
    async with client_for(gateway_estrito, "172.21.0.2") as sondador:
        codigos = []
        for i in range(5):
            conta = tomados[i % 2]
            r = await sondador.post("/paciente", json=_corpo(cpf=conta["cpf"]))
            codigos.append(r.status_code)
        assert codigos == [409, 409, 409, 429, 429], codigos
        assert int(r.headers["Retry-After"]) > 0
        assert r.headers["content-type"].startswith("application/problem+json")
        # The window is closed for this IP whatever the CPF: a free one is not told either.
        r = await sondador.post("/paciente", json=_corpo())
        assert r.status_code == 429
    # Registrations that succeed do not count: another IP registers as usual.
    async with client_for(gateway_estrito, "172.21.0.3") as outro:
        for _ in range(4):
            assert (await outro.post("/paciente", json=_corpo())).status_code == 201
