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
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx

from bench import carga_dados
from libs.postgres import EmbeddedPostgres, ensure_database, migrate_all

ROOT = Path(__file__).resolve().parent.parent
DADOS = Path(os.environ.get("CARGA_DADOS", ROOT / ".test-data" / "carga")).resolve()
LOCUST = ROOT / ".venv-bench" / "bin" / "locust"


def _porta_livre() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _subir(url: str, porta: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HEALTHMED_DATA_DIR": str(DADOS),
        "HEALTHMED_DATABASE_URL": url,
        "HEALTHMED_PORT": str(porta),
        "HEALTHMED_WORKERS": str(workers),
        "HEALTHMED_LOG_LEVEL": "WARNING",
        # The load comes from one address: the per-client limits would measure themselves.
        "HEALTHMED_GATEWAY_LIMITE_POR_SEGUNDO": "1000000",
        "HEALTHMED_GATEWAY_RAJADA": "1000000",
        "HEALTHMED_FALHAS_POR_IP": "1000000000",
        "HEALTHMED_DB_POOL_SIZE": os.environ.get("HEALTHMED_DB_POOL_SIZE", "8"),
    }
    processo = subprocess.Popen([sys.executable, "-m", "gateway"], cwd=ROOT, env=env)
    for _ in range(240):
        time.sleep(0.5)
        try:
            r = httpx.get(f"http://127.0.0.1:{porta}/api/healthz", timeout=2)
            if r.status_code == 200:
                return processo
        except httpx.HTTPError:
            pass
        if processo.poll() is not None:
            raise RuntimeError("o produto não subiu")
    processo.kill()
    raise RuntimeError("o produto não respondeu /api/healthz a tempo")


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
    args = parser.parse_args()

    DADOS.mkdir(parents=True, exist_ok=True)
    server = EmbeddedPostgres(DADOS / "postgres")
    processo = None
    try:
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
        processo = _subir(url, porta, args.workers)
        prefixo = DADOS / "locust"
        subprocess.run(  # noqa: S603
            [
                str(LOCUST), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                "-u", str(args.usuarios), "-r", str(args.chegada), "-t", args.duracao,
                "--host", f"http://127.0.0.1:{porta}", "--only-summary", "--csv", str(prefixo),
                "--loglevel", "WARNING",
            ],
            env={**os.environ, "CARGA_DADOS": str(DADOS)},
            check=False,
        )  # fmt: skip
        _relatorio(prefixo)
        processo.send_signal(signal.SIGINT)
        processo.wait(timeout=60)
        processo = None
        print("\nverificação:", asyncio.run(verificar(url)))
    finally:
        if processo is not None:
            processo.kill()
        server.stop()


if __name__ == "__main__":
    main()
