"""Load test of the whole product (issue "proof at scale"), run on demand, never by the tests.

    make bench-carga            # or: PYTHONPATH=. .venv/bin/python -m bench.carga [options]

1. Generates (once) the data set in its own embedded PostgreSQL under ``.test-data/carga``:
   100,000 doctors, 5,000,000 slots, 200,000 patients, with logins (``bench/carga_dados.py``).
2. Starts the product as production would, with several worker processes
   (``HEALTHMED_WORKERS``), on a free local port.
3. Runs locust headless (``bench/locustfile.py``: patients searching, reading agendas, booking
   and cancelling, listing appointments and records; doctors reading agendas and accepting;
   patients racing for popular slots), with think times.
4. Prints throughput, p50/p95/p99 per endpoint and the errors, then checks that no slot holds
   two active appointments and no patient holds overlapping ones.

``--medir-banco`` also measures the database during the load (``bench/medicao.py``): CPU
seconds of PostgreSQL, of the product and of locust; ``pg_stat_statements`` (the bench cluster
preloads it, a restart the first time); connections and lock waits sampled every second; and
the database vCPU that 20,000 people would need. ``--por-servico`` runs each service as its own
process (``libs.runner``, reaching the others over HTTP by ``HEALTHMED_SERVICE_URLS``, as in
containers) behind ``bench/proxy.py`` (the load balancer's role), and gives each one's CPU.
The figures are also written to ``.test-data/carga/medicao.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import asyncpg
import httpx

from bench import carga_dados, medicao
from libs.postgres import EmbeddedPostgres, ensure_database, migrate_all
from libs.settings import SERVICES, Settings

ROOT = Path(__file__).resolve().parent.parent
DADOS = Path(os.environ.get("CARGA_DADOS", ROOT / ".test-data" / "carga")).resolve()
LOCUST = ROOT / ".venv-bench" / "bin" / "locust"


def _porta_livre() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ambiente(url: str, porta: int, dados: Path = DADOS) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HEALTHMED_DATA_DIR": str(dados),
        "HEALTHMED_DATABASE_URL": url,
        "HEALTHMED_PORT": str(porta),
        "HEALTHMED_LOG_LEVEL": "WARNING",
        # The load comes from one address: the per-client limits would measure themselves.
        "HEALTHMED_GATEWAY_LIMITE_POR_SEGUNDO": "1000000",
        "HEALTHMED_GATEWAY_RAJADA": "1000000",
        "HEALTHMED_FALHAS_POR_IP": "1000000000",
        "HEALTHMED_DB_POOL_SIZE": os.environ.get("HEALTHMED_DB_POOL_SIZE", "8"),
    }


def _esperar(porta: int, processos: list[subprocess.Popen[bytes]]) -> None:
    for _ in range(240):
        time.sleep(0.5)
        try:
            r = httpx.get(f"http://127.0.0.1:{porta}/api/healthz", timeout=2)
            if r.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if any(p.poll() is not None for p in processos):
            raise RuntimeError("o produto não subiu")
    raise RuntimeError("o produto não respondeu /api/healthz a tempo")


def _subir(url: str, porta: int, workers: int) -> dict[str, subprocess.Popen[bytes]]:
    env = {**_ambiente(url, porta), "HEALTHMED_WORKERS": str(workers)}
    processo = subprocess.Popen([sys.executable, "-m", "gateway"], cwd=ROOT, env=env)
    _esperar(porta, [processo])
    return {"produto": processo}


def _subir_servicos(url: str, porta: int) -> dict[str, subprocess.Popen[bytes]]:
    """Each service in its own process (as a container runs it), and the proxy in front."""
    from gateway.services import prepare_shared_state

    # The auth service's signing key, created once before anyone reads it (as the gateway does).
    prepare_shared_state(Settings(data_dir=DADOS))
    portas = {servico: _porta_livre() for servico in SERVICES}
    urls = {servico: f"http://127.0.0.1:{p}" for servico, p in portas.items()}
    processos: dict[str, subprocess.Popen[bytes]] = {}
    for servico in SERVICES:
        env = {**_ambiente(url, portas[servico]), "HEALTHMED_SERVICE_URLS": json.dumps(urls)}
        processos[servico] = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "libs.runner", servico], cwd=ROOT, env=env
        )
    processos["proxy"] = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "bench.proxy",
            "--porta",
            str(porta),
            "--servicos",
            json.dumps(urls),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    _esperar(porta, list(processos.values()))
    return processos


async def verificar(url: str) -> dict[str, int]:
    """The rules under load: zero double-booked slots, zero overlapping patients."""
    conn = await asyncpg.connect(url)
    try:
        duplos = await conn.fetchval(
            "select count(*) from (select horario_id from consulta.consultas"
            " where status in ('pendente', 'confirmada') group by horario_id having count(*) > 1) d"
        )
        sobrepostas = await conn.fetchval(
            "select count(*) from consulta.consultas a join consulta.consultas b"
            " on a.paciente_id = b.paciente_id and a.id < b.id and a.periodo && b.periodo"
            " where a.status in ('pendente', 'confirmada')"
            " and b.status in ('pendente', 'confirmada')"
        )
        total = await conn.fetchval("select count(*) from consulta.consultas")
    finally:
        await conn.close()
    return {
        "consultas": int(total),
        "horarios_com_duas_ativas": int(duplos),
        "pacientes_sobrepostos": int(sobrepostas),
    }


def _relatorio(prefixo: Path) -> None:
    with (prefixo.parent / f"{prefixo.name}_stats.csv").open() as handle:
        linhas = list(csv.DictReader(handle))
    colunas = ("req", "falhas", "req/s", "p50", "p95", "p99")
    print(f"\n{'requisição':42} " + " ".join(f"{c:>7}" for c in colunas))
    for linha in linhas:
        print(
            f"{(linha['Type'] + ' ' + linha['Name'])[:42]:42} {linha['Request Count']:>7}"
            f" {linha['Failure Count']:>6} {float(linha['Requests/s']):7.1f}"
            f" {linha['50%']:>6} {linha['95%']:>6} {linha['99%']:>6}"
        )
    falhas = prefixo.parent / f"{prefixo.name}_failures.csv"
    if falhas.exists() and falhas.read_text().count("\n") > 1:
        print("\nfalhas:\n" + falhas.read_text())


def _total_requisicoes(prefixo: Path) -> int:
    with (prefixo.parent / f"{prefixo.name}_stats.csv").open() as handle:
        for linha in csv.DictReader(handle):
            if linha["Name"] == "Aggregated":
                return int(linha["Request Count"])
    return 0


def _postmaster(server: EmbeddedPostgres) -> int:
    """The PostgreSQL server's pid (first line of ``postmaster.pid``)."""
    return int((server.pgdata / "postmaster.pid").read_text().split("\n", 1)[0])


def _locust(porta: int, args: argparse.Namespace, prefixo: Path) -> list[str]:
    return [
        str(LOCUST), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
        "-u", str(args.usuarios), "-r", str(args.chegada), "-t", args.duracao,
        "--host", f"http://127.0.0.1:{porta}", "--only-summary", "--csv", str(prefixo),
        "--loglevel", "WARNING",
    ]  # fmt: skip


async def _carregar_medindo(
    url: str, comando: list[str], cpu: medicao.Cpu
) -> tuple[medicao.Amostras, float, float]:
    """Run locust while sampling the database; the samples, locust's CPU s and the seconds."""
    await medicao.preparar_estatisticas(url)
    amostras, parar = medicao.Amostras(), asyncio.Event()
    antes = resource.getrusage(resource.RUSAGE_CHILDREN)
    inicio = time.monotonic()
    cpu.inicio()
    amostrador = asyncio.create_task(medicao.amostrar(url, amostras, parar))
    locust = await asyncio.create_subprocess_exec(
        *comando, env={**os.environ, "CARGA_DADOS": str(DADOS)}
    )
    await locust.wait()
    cpu.fim()
    duracao = time.monotonic() - inicio
    parar.set()
    await amostrador
    # locust is the only child reaped during the load: its CPU is what the children's grew.
    depois = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_locust = (depois.ru_utime + depois.ru_stime) - (antes.ru_utime + antes.ru_stime)
    return amostras, cpu_locust, duracao


def _relatorio_medicao(
    url: str,
    cpu: medicao.Cpu,
    amostras: medicao.Amostras,
    cpu_locust: float,
    duracao: float,
    requisicoes: int,
) -> dict[str, object]:
    """Print the database's and the processes' cost; return the figures for medicao.json."""
    comandos, total_ms, chamadas = asyncio.run(medicao.principais_comandos(url))
    banco = cpu.segundos["postgres"]
    servicos = {n: s for n, s in cpu.segundos.items() if n not in ("postgres", "proxy")}
    produto = sum(servicos.values())
    dim_banco = medicao.dimensionar(banco, requisicoes)
    dim_produto = medicao.dimensionar(produto, requisicoes)
    vazao = requisicoes / duracao
    print(f"\nmedição: {requisicoes} requisições em {duracao:.0f} s ({vazao:.1f} req/s)")
    # Whatever the machine did besides the measured trees and locust (this script, other jobs).
    outros = cpu.maquina_segundos - sum(cpu.segundos.values()) - cpu_locust
    print(
        f"máquina ocupada: {cpu.maquina_ocupada:.0%} dos {os.cpu_count()} núcleos"
        f" ({cpu.maquina_segundos:.1f} s de CPU; fora do medido: {outros:.1f} s)"
    )
    print(
        "CPU (s):",
        ", ".join(f"{n} {s:.1f}" for n, s in cpu.segundos.items()),
        f", locust {cpu_locust:.1f}",
    )
    print(
        f"banco: {dim_banco.cpu_por_req_ms:.2f} ms de CPU por requisição ="
        f" {dim_banco.vcpu_por_mil_req_s:.2f} vCPU por 1.000 req/s; a {medicao.REQ_S_ALVO:.0f}"
        f" req/s: {dim_banco.vcpu_no_alvo:.1f} vCPU ocupadas, {dim_banco.vcpu_necessarias:.1f}"
        " vCPU a 60%"
    )
    print(
        f"produto: {dim_produto.cpu_por_req_ms:.2f} ms de CPU por requisição ="
        f" {1000 / dim_produto.cpu_por_req_ms:.1f} req/s por vCPU a 100%"
    )
    if len(servicos) > 1:
        print("por serviço:", ", ".join(f"{n} {s / produto:.0%}" for n, s in servicos.items()))
        if "proxy" in cpu.segundos:
            print(f"proxy (papel do ALB): {cpu.segundos['proxy']:.1f} s")
    resumo = amostras.resumo()
    print(
        f"conexões: pico {resumo['conexoes_pico']:.0f}, média {resumo['conexoes_media']:.1f};"
        f" executando: pico {resumo['ativas_pico']:.0f}, média {resumo['ativas_media']:.1f};"
        f" ociosas em transação: pico {resumo['ociosas_em_transacao_pico']:.0f}"
    )
    print(
        f"esperas por lock: pico {resumo['esperas_pico']:.0f}, média {resumo['esperas_media']:.2f};"
        f" na cadeia do registro de acessos: pico {resumo['esperas_cadeia_pico']:.0f},"
        f" média {resumo['esperas_cadeia_media']:.2f}"
    )
    print(
        f"\npg_stat_statements: {chamadas} execuções, {total_ms / 1000:.1f} s de execução"
        f" ({chamadas / requisicoes:.1f} comandos por requisição)"
    )
    print(f"{'parcela':>7} {'chamadas':>8} {'média ms':>8} {'linhas':>8}  comando")
    for c in comandos:
        print(f"{c.parcela:7.1%} {c.chamadas:8} {c.media_ms:8.2f} {c.linhas:8}  {c.consulta[:120]}")
    return {
        "requisicoes": requisicoes,
        "duracao_s": duracao,
        "maquina_ocupada": cpu.maquina_ocupada,
        "cpu_s": {**cpu.segundos, "locust": cpu_locust, "outros": outros},
        "banco": asdict(dim_banco),
        "produto": asdict(dim_produto),
        "conexoes": resumo,
        "comandos_total_ms": total_ms,
        "comandos_chamadas": chamadas,
        "comandos": [asdict(c) for c in comandos],
    }


def main() -> None:
    """Generate, start, load, report, check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--medicos", type=int, default=100_000)
    parser.add_argument("--horarios-por-medico", type=int, default=50)
    parser.add_argument("--pacientes", type=int, default=200_000)
    parser.add_argument("--usuarios", type=int, default=500, help="pessoas simultâneas simuladas")
    parser.add_argument("--chegada", type=float, default=20, help="pessoas que chegam por segundo")
    parser.add_argument("--duracao", default="3m")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--medir-banco", action="store_true", help="CPU, pg_stat_statements, conexões e locks"
    )
    parser.add_argument(
        "--por-servico",
        action="store_true",
        help="cada serviço no seu processo, atrás de um proxy (implica --medir-banco)",
    )
    args = parser.parse_args()
    medir = args.medir_banco or args.por_servico

    DADOS.mkdir(parents=True, exist_ok=True)
    server = EmbeddedPostgres(DADOS / "postgres")
    processos: dict[str, subprocess.Popen[bytes]] = {}
    try:
        if medir and asyncio.run(medicao.precarregar_estatisticas(server.uri())):
            server.stop()  # shared_preload_libraries is read at start only
            server = EmbeddedPostgres(DADOS / "postgres")
        url = ensure_database(server.uri(), "healthmed")
        migrate_all(url)
        asyncio.run(
            carga_dados.gerar(
                url,
                DADOS,
                medicos=args.medicos,
                por_medico=args.horarios_por_medico,
                pacientes=args.pacientes,
            )
        )
        porta = _porta_livre()
        processos = (
            _subir_servicos(url, porta) if args.por_servico else _subir(url, porta, args.workers)
        )
        prefixo = DADOS / "locust"
        comando = _locust(porta, args, prefixo)
        if medir:
            raizes = {"postgres": _postmaster(server)} | {n: p.pid for n, p in processos.items()}
            cpu = medicao.Cpu(raizes)
            amostras, cpu_locust, duracao = asyncio.run(_carregar_medindo(url, comando, cpu))
        else:
            subprocess.run(comando, env={**os.environ, "CARGA_DADOS": str(DADOS)}, check=False)  # noqa: S603
        _relatorio(prefixo)
        if medir:
            figuras = _relatorio_medicao(
                url, cpu, amostras, cpu_locust, duracao, _total_requisicoes(prefixo)
            )
            figuras["modo"] = "por-servico" if args.por_servico else f"{args.workers} worker(s)"
            figuras["usuarios"] = args.usuarios
            (DADOS / "medicao.json").write_text(json.dumps(figuras, indent=2, ensure_ascii=False))
        for processo in processos.values():
            processo.send_signal(signal.SIGINT)
        for processo in processos.values():
            processo.wait(timeout=60)
        processos = {}
        print("\nverificação:", asyncio.run(verificar(url)))
    finally:
        for processo in processos.values():
            processo.kill()
        server.stop()


if __name__ == "__main__":
    main()
