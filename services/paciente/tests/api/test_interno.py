"""The internal contract other services build against."""

from __future__ import annotations

import uuid

import httpx

from libs.testing.contas import registrar_paciente


def _interno(gateway, credencial: str | None = "valida") -> httpx.AsyncClient:
    app = gateway.apps["paciente"]
    headers = {}
    if credencial == "valida":
        headers["x-service-token"] = app.state.settings.secret("service_token")
    elif credencial:
        headers["x-service-token"] = credencial
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://paciente", headers=headers
    )


async def test_resumo_do_paciente_para_outros_servicos(api, gateway):
    p = await registrar_paciente(api, nome="Clara Nunes")
    async with _interno(gateway) as http:
        r = await http.get(f"/internal/pacientes/{p['id']}")
        assert r.status_code == 200
        assert r.json() == {"id": p["id"], "nome": "Clara Nunes", "email": p["email"]}
        assert (await http.get(f"/internal/pacientes/{uuid.uuid4()}")).status_code == 404


async def test_rota_interna_exige_o_token_de_servico(api, gateway):
    p = await registrar_paciente(api)
    for token in (None, "errado"):
        async with _interno(gateway, token) as http:
            assert (await http.get(f"/internal/pacientes/{p['id']}")).status_code == 404
