"""Other services queue e-mails through auth's outbox (internal contract)."""

from __future__ import annotations

import uuid

import httpx


async def _post(gateway, body, token=None):
    auth = gateway.apps["auth"]
    token = token or auth.state.settings.secret("service_token")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=auth), base_url="http://auth"
    ) as c:
        return await c.post("/internal/emails", json=body, headers={"x-service-token": token})


async def test_email_enfileirado_aparece_na_caixa_local_uma_vez_so(api, gateway):
    para = f"fila.{uuid.uuid4().hex[:8]}@exemplo.com.br"
    body = {
        "id": str(uuid.uuid4()),
        "para": para,
        "assunto": "Consulta confirmada",
        "corpo": "Até lá.",
    }
    assert (await _post(gateway, body)).status_code == 202
    assert (await _post(gateway, body)).status_code == 202  # a retry with the same id
    itens = (await api.get("/dev/emails", params={"para": para})).json()["itens"]
    assert [i["assunto"] for i in itens] == ["Consulta confirmada"]


async def test_fila_exige_token_de_servico_e_dados_validos(gateway):
    body = {"para": "x@exemplo.com.br", "assunto": "a", "corpo": "b"}
    assert (await _post(gateway, body, token="errado")).status_code == 404
    assert (await _post(gateway, {**body, "para": "nao-e-email"})).status_code == 422
