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
        itens = body if isinstance(body, list) else [body]
        return await c.post(
            "/internal/emails", json={"itens": itens}, headers={"x-service-token": token}
        )


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
    invalido, longo = "E-mail inválido", "Deve ter no máximo 320"
    for para, mensagem in (
        ("nao-e-email", invalido),
        ("x@exemplo", invalido),
        ("x@exemplo.com.br\nBcc: y@exemplo.com.br", invalido),
        ("x@exemplo.com.br, y@exemplo.com.br", invalido),
        ("x@y@exemplo.com.br", invalido),
        ("x\x00@exemplo.com.br", invalido),
        ("x" * 310 + "@exemplo.com.br", longo),
    ):
        r = await _post(gateway, {**body, "para": para})
        assert r.status_code == 422, para
        assert r.json()["erros"][0]["mensagem"].startswith(mensagem), r.text


async def test_varios_emails_numa_chamada_e_um_lote_invalido_nao_enfileira_nenhum(api, gateway):
    """One pass of the agenda's outbox hands over all its e-mails in one call; a batch with
    one bad address is refused whole."""
    um, outro = (f"lote.{uuid.uuid4().hex[:8]}@exemplo.com.br" for _ in range(2))
    bons = [
        {"id": str(uuid.uuid4()), "para": um, "assunto": "Pedido de consulta", "corpo": "a"},
        {"id": str(uuid.uuid4()), "para": outro, "assunto": "Consulta cancelada", "corpo": "b"},
    ]
    ruim = {"para": "nao-e-email", "assunto": "x", "corpo": "y"}
    assert (await _post(gateway, [*bons, ruim])).status_code == 422
    assert (await api.get("/dev/emails", params={"para": um})).json()["itens"] == []
    assert (await _post(gateway, bons)).status_code == 202
    for para, assunto in ((um, "Pedido de consulta"), (outro, "Consulta cancelada")):
        itens = (await api.get("/dev/emails", params={"para": para})).json()["itens"]
        assert [i["assunto"] for i in itens] == [assunto]
