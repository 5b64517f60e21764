"""Issue 15 §5: the local profile's e-mail inbox (``GET /dev/emails``) holds reset codes, so it
answers only a browser on the same machine, and exists in no other profile."""

from __future__ import annotations

from typing import Any

from gateway.routing import RoutingTable
from services.auth.service.cadastro import ASSUNTO_BOAS_VINDAS
from services.auth.tests.api.conftest import criar_conta


async def test_caixa_de_emails_so_responde_a_quem_esta_na_mesma_maquina(api, ip_client, gateway):
    conta = await criar_conta(gateway, "paciente")
    assert (await api.post("/auth/recover", json={"email": conta.email})).status_code == 202

    local = await api.get("/dev/emails", params={"para": conta.email})
    assert local.status_code == 200
    assert [e["assunto"] for e in local.json()["itens"]] == [
        "Redefinição de senha - HealthMed",
        ASSUNTO_BOAS_VINDAS,
    ]
    tudo = await api.get("/dev/emails")
    assert tudo.status_code == 200

    de_fora = ip_client("192.168.0.77")
    for params in ({}, {"para": conta.email}):
        r = await de_fora.get("/dev/emails", params=params)
        assert r.status_code == 404, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["detail"] == "Recurso não encontrado"
        assert conta.email not in r.text
    r = await ip_client("::ffff:192.168.0.77").get("/dev/emails")
    assert r.status_code == 404


def test_caixa_de_emails_nao_existe_fora_do_perfil_local(stack_settings: dict[str, Any]):
    from services.auth.app import create_app
    from services.auth.settings import AuthSettings

    for perfil in ("compose", "aws"):
        assert "/dev/emails" not in {r.caminho for r in RoutingTable.load(perfil).rotas}
    segredos = {"service_token": "s" * 32, "chave_hash": "h" * 32, "chave_dados": "A" * 44}
    app = create_app(AuthSettings(**{**stack_settings, **segredos, "profile": "compose"}))
    assert "/dev/emails" not in {getattr(r, "path", None) for r in app.routes}
