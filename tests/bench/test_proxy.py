"""The load test's stand-in for the load balancer routes by the routing table."""

from __future__ import annotations

import httpx

from bench import proxy


def _servicos(vistos: list[httpx.Request]) -> httpx.MockTransport:
    def responder(request: httpx.Request) -> httpx.Response:
        vistos.append(request)
        if request.url.path == "/readyz":
            return httpx.Response(200, json={"status": "ok"})
        return httpx.Response(
            201,
            json={"host": request.url.host},
            headers=[("set-cookie", "a=1"), ("set-cookie", "b=2")],
        )

    return httpx.MockTransport(responder)


async def _chamar(app, metodo: str, caminho: str, **kw) -> httpx.Response:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://proxy") as http:
            return await http.request(metodo, caminho, **kw)


async def test_repassa_ao_servico_da_rota_sem_o_prefixo_api_com_consulta_e_corpo():
    vistos: list[httpx.Request] = []
    urls = {"auth": "http://auth.teste", "medico": "http://medico.teste"}
    app = proxy.criar(urls, _servicos(vistos))
    r = await _chamar(app, "POST", "/api/auth/login?x=1", json={"email": "a@b.c"})
    assert r.status_code == 201
    assert r.json() == {"host": "auth.teste"}
    assert r.headers.get_list("set-cookie") == ["a=1", "b=2"]  # repeated headers kept apart
    assert vistos[0].url.path == "/auth/login"
    assert vistos[0].url.query == b"x=1"
    assert vistos[0].content == b'{"email":"a@b.c"}'


async def test_caminho_fora_da_tabela_de_roteamento_e_404_sem_chamar_servico():
    vistos: list[httpx.Request] = []
    app = proxy.criar({"auth": "http://auth.teste"}, _servicos(vistos))
    r = await _chamar(app, "GET", "/api/nao-existe")
    assert r.status_code == 404
    assert vistos == []


async def test_healthz_pergunta_readyz_a_cada_servico():
    vistos: list[httpx.Request] = []
    app = proxy.criar({"auth": "http://auth.teste", "medico": "http://m.teste"}, _servicos(vistos))
    r = await _chamar(app, "GET", "/api/healthz")
    assert r.status_code == 200
    assert sorted(v.url.host for v in vistos) == ["auth.teste", "m.teste"]
