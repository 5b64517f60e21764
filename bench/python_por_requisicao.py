"""Python CPU per request of the gateway's app, in process and without sockets (issue 14).

    .venv/bin/python -m bench.python_por_requisicao                  # the three hot routes
    .venv/bin/python -m bench.python_por_requisicao --perfil reserva --ordem tottime

``bench.custo`` measures the whole stack through sockets; this one isolates the share that is
ours to cut: it seeds the same data on its own embedded PostgreSQL, builds the gateway's ASGI
app in this process (every service mounted, as the local profile runs), and drives it with
hand-made ASGI scopes from ``--concorrencia`` tasks, so that the background work batches as it
does under load. For each route it reads ``time.process_time()`` around the requests and, for
bookings, until the outboxes they filled are delivered (that work is part of a booking's cost),
and prints CPU milliseconds per request: the best and the median of ``--voltas`` rounds.
uvicorn's HTTP parsing and PostgreSQL's CPU are not in it. ``--perfil ROUTE`` runs that route
under cProfile (one round; its figures are then inflated by the profiler) and prints the top.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import carga, custo, medicao
from libs.coleta import ajustar
from libs.postgres import EmbeddedPostgres, ensure_database, migrate_all

Pedido = tuple[str, str, str | None, bytes]


def escopo(metodo: str, caminho: str, token: str | None, corpo: bytes) -> dict[str, Any]:
    """The ASGI scope uvicorn would build for this request."""
    path, _, query = caminho.partition("?")
    headers = [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json")]
    if token:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    if corpo:
        headers.append((b"content-length", str(len(corpo)).encode()))
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": metodo,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }


async def chamar(app: Any, pedido: Pedido) -> tuple[int, bytes]:
    """Send one request through ``app``; its status and body."""
    metodo, caminho, token, corpo = pedido
    recebido = False

    async def receive() -> dict[str, Any]:
        nonlocal recebido
        if not recebido:
            recebido = True
            return {"type": "http.request", "body": corpo, "more_body": False}
        await asyncio.Event().wait()  # the client never disconnects
        raise AssertionError

    status = 0
    partes: list[bytes] = []

    async def send(mensagem: dict[str, Any]) -> None:
        nonlocal status
        if mensagem["type"] == "http.response.start":
            status = mensagem["status"]
        elif mensagem["type"] == "http.response.body":
            partes.append(mensagem.get("body", b""))

    await app(escopo(metodo, caminho, token, corpo), receive, send)
    return status, b"".join(partes)


async def enviar_todos(
    app: Any, pedidos: Sequence[Pedido], concorrencia: int, *, aquecimento: bool = False
) -> None:
    """Send every request, ``concorrencia`` at a time; fail on any answer but 200/201. The
    warm-up's tasks run under their own frame (``aquecendo``), so that a sampling profile of
    the run can leave it out."""
    fila = iter(pedidos)

    async def cliente() -> None:
        for pedido in fila:
            status, corpo = await chamar(app, pedido)
            if status not in (200, 201):
                raise RuntimeError(f"{pedido[0]} {pedido[1]}: {status} {corpo[:300]!r}")

    async def aquecendo() -> None:
        await cliente()

    await asyncio.gather(*((aquecendo if aquecimento else cliente)() for _ in range(concorrencia)))


async def _quieto(url: str) -> None:
    """Until the outboxes are delivered, then until this process stops spending CPU (the
    auth mail queue the e-mails went to)."""
    await custo._outboxes_vazias(url, 30)
    antes = time.process_time()
    while True:
        await asyncio.sleep(0.2)
        agora = time.process_time()
        if agora - antes < 0.002:
            return
        antes = agora


async def _rodar(
    args: argparse.Namespace, url: str, grade: list[list[str]], postmaster: int
) -> None:
    from gateway.app import GatewaySettings, create_gateway

    app = create_gateway(GatewaySettings())
    async with app.lifespan():
        ajustar()  # as the product's server processes do once started (libs.coleta)
        tokens = []
        for n in range(1, 101):
            login = json.dumps(
                {"email": f"paciente.{n}@carga.healthmed.dev", "senha": custo.carga_dados.SENHA}
            ).encode()
            status, corpo = await chamar(app, ("POST", "/api/auth/login", None, login))
            if status != 200:
                raise RuntimeError(f"login: {status} {corpo[:200]!r}")
            tokens.append(json.loads(corpo)["access_token"])
        aquecer = 200
        por_volta = args.n
        voltas_reserva = max(1, min(args.voltas, (len(grade[0]) * 100 - aquecer) // por_volta))
        pares = custo.reservas(grade[:100], tokens, aquecer + voltas_reserva * por_volta)
        pedidos: dict[str, list[Pedido]] = {
            "busca": [
                ("GET", f"/api/medicos?especialidade={custo.ESPECIALIDADES[k % 5]}", None, b"")
                for k in range(aquecer + por_volta)
            ],
            "listagem": [
                ("GET", "/api/consultas", tokens[k % 100], b"") for k in range(aquecer + por_volta)
            ],
            "reserva": [
                ("POST", "/api/consultas", t, json.dumps({"horario_id": h}).encode())
                for t, h in pares
            ],
        }
        for nome in args.rotas.split(","):
            lista = pedidos[nome]
            await enviar_todos(app, lista[:aquecer], args.concorrencia, aquecimento=True)
            await _quieto(url)
            perfil = cProfile.Profile() if args.perfil == nome else None
            voltas = 1 if perfil else (voltas_reserva if nome == "reserva" else args.voltas)

            def postgres() -> float:
                return medicao.cpu_da_arvore(postmaster, medicao.processos())

            medidas = []
            fundo: list[float] = []
            banco: list[tuple[float, float]] = []
            for volta in range(voltas):
                parte = (
                    lista[aquecer + volta * por_volta : aquecer + (volta + 1) * por_volta]
                    if nome == "reserva"
                    else lista[aquecer:]
                )
                separar = args.separar and nome == "reserva"
                sincronizador = app.apps["consulta"].state.sincronizador
                if separar:  # the outbox waits until the requests are done
                    await sincronizador.stop()
                banco_inicio = postgres()
                inicio = time.process_time()
                if perfil:
                    perfil.enable()
                await enviar_todos(app, parte, args.concorrencia)
                meio = time.process_time()
                banco_meio = postgres()
                if separar:
                    if perfil:  # the requests alone
                        perfil.disable()
                    await sincronizador.drenar()
                if nome == "reserva":
                    await _quieto(url)
                if perfil:
                    perfil.disable()
                fim = time.process_time()
                banco_fim = postgres()
                banco.append(
                    (
                        1000 * (banco_meio - banco_inicio) / len(parte),
                        1000 * (banco_fim - banco_meio) / len(parte),
                    )
                )
                if separar:
                    sincronizador.start()
                    fundo.append(1000 * (fim - meio) / len(parte))
                medidas.append(1000 * (fim - inicio) / len(parte))
            medidas.sort()
            print(
                f"{nome:10} melhor {medidas[0]:.3f}  mediana {medidas[len(medidas) // 2]:.3f}"
                f" ms de CPU Python por requisição ({len(medidas)} volta(s) de {por_volta},"
                f" {args.concorrencia} concorrentes)",
                flush=True,
            )
            if fundo:
                fundo.sort()
                print(f"{'':10} dos quais a saída, entregue depois: {fundo[len(fundo) // 2]:.3f}")
            banco.sort(key=sum)
            pedido, depois = banco[len(banco) // 2]
            print(
                f"{'':10} PostgreSQL: {pedido + depois:.3f} ms por requisição"
                + (f" ({pedido:.3f} nas requisições, {depois:.3f} depois)" if separar else ""),
                flush=True,
            )
            if perfil:
                pstats.Stats(perfil).sort_stats(args.ordem).print_stats(args.linhas)


def main() -> None:
    """Seed, build the app, measure; everything stopped at the end."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="requisições por volta")
    parser.add_argument("--voltas", type=int, default=5)
    parser.add_argument("--concorrencia", type=int, default=16)
    parser.add_argument("--rotas", default="busca,listagem,reserva")
    parser.add_argument(
        "--separar",
        action="store_true",
        help="reservas: a saída só é entregue depois das requisições, medida à parte",
    )
    parser.add_argument("--perfil", help="rota a perfilar com cProfile (uma volta)")
    parser.add_argument("--ordem", default="cumulative", help="ordem do pstats")
    parser.add_argument("--linhas", type=int, default=60)
    parser.add_argument("--pasta", default=None, help="onde criar a pasta temporária")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="python-por-requisicao-", dir=args.pasta) as tmp:
        pasta = Path(tmp)
        servidor = EmbeddedPostgres(pasta / "postgres")
        try:
            url = ensure_database(servidor.uri(), "healthmed")
            migrate_all(url)
            grade = asyncio.run(custo._semear(url, pasta, 100, 200))
            ambiente = carga._ambiente(url, 8999, pasta)
            ambiente["HEALTHMED_LOG_LEVEL"] = "WARNING"
            os.environ.update(ambiente)
            from libs.observability import configure_logging

            configure_logging("console", "WARNING")
            import uvloop

            uvloop.run(_rodar(args, url, grade, carga._postmaster(servidor)))
        finally:
            servidor.stop()


if __name__ == "__main__":
    main()
