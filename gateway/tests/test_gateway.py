"""The gateway's own behaviour: health, merged contract, limits, errors, the web app."""

from __future__ import annotations

from typing import Any

from gateway.app import Gateway, GatewaySettings
from gateway.openapi import FHIR
from libs.testing.stack import client_for


async def test_healthz_relata_cada_servico(api, gateway):
    r = await api.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert set(body["servicos"]) == set(gateway.apps)
    assert all(s["status"] == "ok" for s in body["servicos"].values())


async def test_openapi_mesclado_contem_as_rotas_da_tabela(api, gateway):
    r = await api.get("/openapi.json")
    assert r.status_code == 200
    spec = r.json()
    assert spec["servers"] == [{"url": "/api"}]
    routed = {(x.metodo.lower(), x.caminho) for x in gateway.table.rotas if x.metodo != "WS"}
    present = {(m, p) for p, item in spec["paths"].items() for m in item}
    # The FHIR facade is routed but described by its CapabilityStatement, not by this document.
    fhir = {(m, p) for m, p in routed if p.startswith(FHIR)}
    assert fhir and routed - fhir == present
    assert "/internal/sessoes/{sessao_id}" not in spec["paths"]
    # Every $ref resolves inside the merged document.
    import json

    text = json.dumps(spec)
    for name in {s.split('"')[0] for s in text.split("#/components/schemas/")[1:]}:
        assert name in spec["components"]["schemas"], name


async def test_rota_desconhecida_e_404_problem_json(api):
    r = await api.get("/nao/existe")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "Recurso não encontrado"


async def test_metodo_errado_e_405(api):
    r = await api.get("/auth/login")
    assert r.status_code == 405


async def test_rotas_internas_nao_sao_expostas(api, gateway):
    r = await api.get(f"/internal/sessoes/{'0' * 8}-0000-0000-0000-{'0' * 12}")
    assert r.status_code == 404


async def test_rota_interna_sem_token_de_servico_e_404(gateway):
    import httpx

    auth = gateway.apps["auth"]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=auth), base_url="http://auth"
    ) as c:
        r = await c.get("/internal/sessoes/00000000-0000-0000-0000-000000000000")
        assert r.status_code == 404
        r = await c.get(
            "/internal/sessoes/00000000-0000-0000-0000-000000000000",
            headers={"x-service-token": "errado"},
        )
        assert r.status_code == 404


async def test_id_de_requisicao_e_devolvido_e_preservado(api):
    r = await api.get("/auth/.well-known/jwks.json", headers={"X-Request-ID": "abc123"})
    assert r.headers["x-request-id"] == "abc123"
    r = await api.get("/auth/.well-known/jwks.json")
    assert len(r.headers["x-request-id"]) >= 16


def _small(gateway: Any, stack_settings: dict[str, Any], **over: Any) -> Gateway:
    # The apps are already started by the session fixture; this gateway only dispatches.
    return Gateway(GatewaySettings(**{**stack_settings, **over}), gateway.apps)


async def test_corpo_acima_do_limite_e_413(gateway, stack_settings):
    gw = _small(gateway, stack_settings, gateway_max_corpo_bytes=1000)
    async with client_for(gw) as client:
        r = await client.post(
            "/auth/login",
            content=b"{" + b" " * 2000 + b"}",
            headers={"content-type": "application/json"},
        )
        assert r.status_code == 413
        assert r.headers["content-type"] == "application/problem+json"


async def test_corpo_sem_content_length_tambem_e_limitado(gateway, stack_settings):
    gw = _small(gateway, stack_settings, gateway_max_corpo_bytes=1000)

    async def chunks():
        for _ in range(10):
            yield b" " * 500

    async with client_for(gw) as client:
        r = await client.post(
            "/auth/login", content=chunks(), headers={"content-type": "application/json"}
        )
        assert r.status_code == 413


async def test_limite_por_cliente_responde_429_com_retry_after(gateway, stack_settings):
    gw = _small(gateway, stack_settings, gateway_limite_por_segundo=1.0, gateway_rajada=5)
    async with client_for(gw, "192.0.2.10") as client:
        codes = [(await client.get("/auth/.well-known/jwks.json")).status_code for _ in range(7)]
        assert codes[:5] == [200] * 5
        assert codes[-1] == 429
        r = await client.get("/auth/.well-known/jwks.json")
        assert int(r.headers["Retry-After"]) >= 1
    async with client_for(gw, "192.0.2.11") as other:
        assert (await other.get("/auth/.well-known/jwks.json")).status_code == 200


async def test_app_web_responde_em_qualquer_rota_do_app(gateway, stack_settings, tmp_path):
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<html>app</html>")
    (dist / "assets" / "app.js").write_text("console.log(1)")
    gw = _small(gateway, stack_settings, frontend_dir=dist)
    import httpx

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gw), base_url="http://t") as c:
        assert (await c.get("/")).text == "<html>app</html>"
        assert (await c.get("/sala/123")).text == "<html>app</html>"
        js = await c.get("/assets/app.js")
        assert js.text == "console.log(1)" and "immutable" in js.headers["cache-control"]
        assert (await c.get("/../../etc/passwd")).text == "<html>app</html>"


async def _contagens(api) -> dict[tuple[str, str, str, str], float]:
    from prometheus_client.parser import text_string_to_metric_families

    texto = (await api.get("/metrics")).text
    return {
        (s.labels["service"], s.labels["method"], s.labels["route"], s.labels["status"]): s.value
        for familia in text_string_to_metric_families(texto)
        if familia.name == "healthmed_requests"
        for s in familia.samples
        if s.name == "healthmed_requests_total"
    }


async def test_cada_requisicao_conta_uma_vez_pelo_modelo_da_rota(api):
    """One count per request at the gateway, under the routing table's template (it was also
    counted a second time as "nao-roteado"); the gateway's own routes under their path."""
    antes = await _contagens(api)
    r = await api.get("/medicos", params={"especialidade": "pediatria"})
    assert r.status_code == 200, r.text
    depois = await _contagens(api)
    mudou = {k: depois[k] - antes.get(k, 0) for k in depois if depois[k] != antes.get(k, 0)}
    gateway = {k: v for k, v in mudou.items() if k[0] == "gateway"}
    assert gateway == {
        ("gateway", "GET", "/medicos", "200"): 1,
        ("gateway", "GET", "/metrics", "200"): 1,  # the first reading
    }
