"""The ALB's role for the load test with one process per service: ``python -m bench.proxy``.

``python -m gateway`` mounts the five services in its own process (no network hop), and the
compose gateway is nginx (not on this machine). To measure what each service costs on its own,
``bench/carga.py --por-servico`` runs each one with ``libs.runner`` and puts this proxy in
front: ``/api/<path>`` goes, by the routing table (``gateway/rotas.json``, the same rows the ALB
rules come from), to the service's own port, without ``/api``. It keeps one connection pool
per service and forwards the body and headers as they came. Its CPU is reported apart: in
production this is the load balancer, not a task.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import AsyncIterator

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gateway.routing import RoutingTable

# Hop-by-hop headers, and the ones httpx already undid (length and encoding of the body).
_NAO_REPASSAR = {
    "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "host"
}  # fmt: skip


def criar(
    servicos: dict[str, str], transporte: httpx.AsyncBaseTransport | None = None
) -> Starlette:
    """The proxy app for services answering at the given base URLs (``transporte``: tests)."""
    tabela = RoutingTable.load("local")
    clientes: dict[str, httpx.AsyncClient] = {}

    @contextlib.asynccontextmanager
    async def ciclo(_: Starlette) -> AsyncIterator[None]:
        limites = httpx.Limits(max_connections=200, max_keepalive_connections=200)
        for nome, url in servicos.items():
            clientes[nome] = httpx.AsyncClient(
                base_url=url, limits=limites, timeout=30, transport=transporte
            )
        try:
            yield
        finally:
            for cliente in clientes.values():
                await cliente.aclose()

    async def pronto(_: Request) -> Response:
        estados: dict[str, int] = {}
        for nome, cliente in clientes.items():
            try:
                estados[nome] = (await cliente.get("/readyz")).status_code
            except httpx.HTTPError:
                estados[nome] = 503  # not listening yet
        ok = all(s == 200 for s in estados.values())
        return JSONResponse({"servicos": estados}, status_code=200 if ok else 503)

    async def repassar(request: Request) -> Response:
        caminho = request.url.path.removeprefix("/api") or "/"
        rota, _ = tabela.match(request.method, caminho)
        if rota is None or rota.servico not in clientes:
            return JSONResponse({"detail": "sem rota"}, status_code=404)
        cabecalhos = [(k, v) for k, v in request.headers.items() if k not in _NAO_REPASSAR]
        cliente = request.client.host if request.client else "127.0.0.1"
        cabecalhos.append(("x-forwarded-for", cliente))
        resposta = await clientes[rota.servico].request(
            request.method,
            caminho,
            params=request.url.query,
            headers=cabecalhos,
            content=await request.body(),
        )
        saida = Response(resposta.content, status_code=resposta.status_code)
        # Raw pairs: a header may repeat (Set-Cookie), which a dict would merge.
        saida.raw_headers.extend(
            (k.lower(), v)
            for k, v in resposta.headers.raw
            if k.decode().lower() not in _NAO_REPASSAR
        )
        return saida

    metodos = ["GET", "POST", "PUT", "PATCH", "DELETE"]
    return Starlette(
        routes=[
            Route("/api/healthz", pronto),
            Route("/api/{caminho:path}", repassar, methods=metodos),
        ],
        lifespan=ciclo,
    )


def main() -> None:
    """Command line: ``python -m bench.proxy --porta N --servicos '{"auth": "http://..."}'``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--porta", type=int, required=True)
    parser.add_argument("--servicos", required=True, help="JSON: serviço -> URL base")
    args = parser.parse_args()
    uvicorn.run(
        criar(json.loads(args.servicos)),
        host="127.0.0.1",
        port=args.porta,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=75,
    )


if __name__ == "__main__":
    main()
