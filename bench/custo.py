"""The cost of a request (issue 14): CPU per request of the whole stack, next to the floor.

    .venv/bin/python -m bench.custo            # or --mini (seconds, for the test), --perfil DIR

In one bounded run, and stopping everything itself:

1. starts its own embedded PostgreSQL in a temporary directory, migrates it and seeds doctors,
   patients (with logins) and a grid of free slots (``bench/carga_dados.py``);
2. starts the product as ``make dev`` does (``python -m gateway``, ``HEALTHMED_WORKERS``
   worker processes) on a free port, and logs the patients in;
3. drives each hot route on loopback with ``wrk`` (a Lua script walks a list of prepared
   requests, each sent once) or, without ``wrk``, with an asyncio + httpx loop:
   ``POST /api/consultas`` (distinct slots, patients spread so no booking conflicts),
   ``GET /api/medicos?especialidade=`` and ``GET /api/consultas`` as a patient;
4. reads, around each route's load, the CPU of every process of the stack from ``/proc``
   (the PostgreSQL postmaster and its backends; the gateway and its workers): the load
   generator is another process tree and is not counted. The bookings' window stays open
   until the outboxes they filled are delivered (next free slot to the search, e-mails to the
   doctors): that work is part of a booking's cost;
5. runs the same booking transaction straight on the same PostgreSQL with asyncpg (the floor):
   its rate and the database's CPU per transaction.

Throughput depends on whatever else the machine runs; CPU milliseconds per request do not
(much): compare rates only within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import asyncpg
import httpx

from bench import carga, carga_dados, medicao
from libs.postgres import EmbeddedPostgres, ensure_database, migrate_all

ROOT = Path(__file__).resolve().parent.parent
PY_SPY = ROOT / ".venv-bench" / "bin" / "py-spy"
ESPECIALIDADES = ["cardiologia", "dermatologia", "pediatria", "clinica-medica", "psiquiatria"]
# The page GET /api/consultas answers by default, and what each patient holds before the load.
LISTAGEM = 20
# Targets of issue 14.
META_RESERVA_MS = 2.0
META_LEITURA_MS = 1.0
META_FRACAO_DO_PISO = 0.25

# Each line of the requests file: method, path, bearer token ("-" for none), body ("-").
LUA = r"""
pedidos, i, ok, falhas, status_falha = {}, 0, 0, 0, ""
for linha in io.lines(os.getenv("CUSTO_PEDIDOS")) do
  local metodo, caminho, token, corpo = linha:match("^(%S+)\t(%S+)\t(%S+)\t(.*)$")
  local cabecalhos = {["Content-Type"] = "application/json"}
  if token ~= "-" then cabecalhos["Authorization"] = "Bearer " .. token end
  if corpo == "-" then corpo = nil end
  pedidos[#pedidos + 1] = wrk.format(metodo, caminho, cabecalhos, corpo)
end
total = #pedidos
request = function()
  i = i + 1
  if i > total then
    -- Every prepared request was sent once: send nothing that changes state.
    return wrk.format("GET", "/api/healthz")
  end
  return pedidos[i]
end
response = function(status, headers, body)
  if status < 400 then ok = ok + 1 else falhas = falhas + 1; status_falha = tostring(status) end
  if ok + falhas == total then
    -- wrk's main thread sleeps the whole -d: the caller interrupts it (SIGINT) on this line.
    io.write("FIM\n"); io.flush()
    wrk.thread:stop()
  end
end
fios = {}
setup = function(fio) fios[#fios + 1] = fio end
done = function(resumo, latencia, pedidos_)
  local a, f, s = 0, 0, ""
  for _, fio in ipairs(fios) do
    a = a + fio:get("ok"); f = f + fio:get("falhas"); s = s .. fio:get("status_falha")
  end
  io.write(string.format(
    '\nCUSTO {"ok": %d, "falhas": %d, "status_falha": "%s", "segundos": %f, '
    .. '"p50_ms": %f, "p99_ms": %f}\n',
    a, f, s, resumo.duration / 1e6, latencia:percentile(50) / 1000,
    latencia:percentile(99) / 1000))
end
"""


@dataclass(frozen=True)
class Pedido:
    """One prepared request."""

    metodo: str
    caminho: str
    token: str | None = None
    corpo: str | None = None


@dataclass(frozen=True)
class Carga:
    """What a load generator saw: successes, failures, seconds, latency percentiles (ms)."""

    ok: int
    falhas: int
    segundos: float
    p50_ms: float
    p99_ms: float
    status_falha: str = ""


@dataclass(frozen=True)
class Linha:
    """One row of the result: a route (or the floor) and its cost."""

    nome: str
    carga: Carga
    cpu_s: dict[str, float]

    @property
    def req_s(self) -> float:
        """Successful requests per second."""
        return self.carga.ok / self.carga.segundos if self.carga.segundos else 0.0

    def cpu_ms(self, *arvores: str) -> float:
        """CPU milliseconds per successful request of the named trees (all when none)."""
        nomes = arvores or tuple(self.cpu_s)
        total = sum(self.cpu_s[n] for n in nomes if n in self.cpu_s)
        return 1000 * total / self.carga.ok if self.carga.ok else float("nan")


def percentil(amostras: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0..100) by nearest rank; 0 for no samples."""
    if not amostras:
        return 0.0
    ordenadas = sorted(amostras)
    posicao = max(1, min(len(ordenadas), math.ceil(p / 100 * len(ordenadas))))
    return ordenadas[posicao - 1]


def reservas(
    medicos: Sequence[Sequence[str]], pacientes: Sequence[str], quantas: int
) -> list[tuple[str, str]]:
    """(patient token, slot id) for ``quantas`` bookings that never conflict.

    ``medicos[d][j]`` is doctor ``d``'s ``j``-th slot, every doctor on the same time grid.
    Booking ``k`` takes slot ``j = k // D`` of doctor ``d = k % D``, for patient ``(d + j) % P``:
    within one ``j`` (one time) the patients differ when ``P >= D``, and a patient's bookings
    are at distinct times ``j``, so no patient ever overlaps and no slot is asked twice.
    """
    total_d, total_p = len(medicos), len(pacientes)
    if total_p < total_d:
        raise ValueError("são precisos ao menos tantos pacientes quanto médicos")
    saida: list[tuple[str, str]] = []
    for k in range(quantas):
        d, j = k % total_d, k // total_d
        if j >= len(medicos[d]):
            break
        saida.append((pacientes[(d + j) % total_p], medicos[d][j]))
    return saida


def ler_wrk(saida: str) -> Carga:
    """The figures the Lua script's ``done`` printed on the ``CUSTO`` line."""
    for linha in saida.splitlines():
        if linha.startswith("CUSTO "):
            dados = json.loads(linha.removeprefix("CUSTO "))
            return Carga(
                ok=int(dados["ok"]),
                falhas=int(dados["falhas"]),
                segundos=float(dados["segundos"]),
                p50_ms=float(dados["p50_ms"]),
                p99_ms=float(dados["p99_ms"]),
                status_falha=str(dados["status_falha"])[:40],
            )
    raise RuntimeError(f"wrk não imprimiu o resultado:\n{saida}")


def _linha_do_pedido(p: Pedido) -> str:
    return "\t".join((p.metodo, p.caminho, p.token or "-", p.corpo or "-"))


def carregar_com_wrk(
    base: str, pedidos: Sequence[Pedido], conexoes: int, segundos: float, pasta: Path
) -> Carga:
    """Send every request once with ``wrk`` (one thread), at most ``segundos``."""
    arquivo, script = pasta / "pedidos.tsv", pasta / "custo.lua"
    arquivo.write_text("".join(_linha_do_pedido(p) + "\n" for p in pedidos))
    script.write_text(LUA)
    comando = [
        "wrk", "-t1", f"-c{conexoes}", f"-d{max(1, round(segundos))}s", "--timeout", "10s",
        "-s", str(script), base,
    ]  # fmt: skip
    wrk = subprocess.Popen(  # noqa: S603 - our own arguments
        comando,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "CUSTO_PEDIDOS": str(arquivo)},
    )
    assert wrk.stdout is not None
    saida: list[str] = []
    for linha in wrk.stdout:
        saida.append(linha)
        if linha.strip() == "FIM":
            wrk.send_signal(signal.SIGINT)  # wrk then prints its summary at once
            break
    resto, _ = wrk.communicate(timeout=segundos + 60)
    return ler_wrk("".join(saida) + resto)


async def carregar_com_httpx(
    base: str, pedidos: Sequence[Pedido], conexoes: int, segundos: float
) -> Carga:
    """The same with ``conexoes`` asyncio tasks sharing one httpx client (no ``wrk``)."""
    fila = iter(pedidos)
    latencias: list[float] = []
    falhas: list[int] = []
    limite = time.monotonic() + segundos
    limites = httpx.Limits(max_connections=conexoes, max_keepalive_connections=conexoes)
    async with httpx.AsyncClient(base_url=base, limits=limites, timeout=10) as cliente:

        async def trabalhador() -> None:
            for p in fila:
                if time.monotonic() > limite:
                    return
                cabecalhos = {"content-type": "application/json"}
                if p.token:
                    cabecalhos["authorization"] = f"Bearer {p.token}"
                antes = time.perf_counter()
                r = await cliente.request(p.metodo, p.caminho, headers=cabecalhos, content=p.corpo)
                if r.status_code >= 400:
                    falhas.append(r.status_code)
                else:
                    latencias.append(time.perf_counter() - antes)

        inicio = time.monotonic()
        await asyncio.gather(*(trabalhador() for _ in range(conexoes)))
        duracao = time.monotonic() - inicio
    return Carga(
        ok=len(latencias),
        falhas=len(falhas),
        segundos=duracao,
        p50_ms=1000 * percentil(latencias, 50),
        p99_ms=1000 * percentil(latencias, 99),
        status_falha=",".join(sorted({str(s) for s in falhas}))[:40],
    )


async def _semear(url: str, dados: Path, medicos: int, por_medico: int) -> list[list[str]]:
    """Doctors and patients (``carga_dados``), then a grid of free slots: ``2 * medicos``
    doctors with ``por_medico`` slots each at the same times (the second half for the floor).
    Answers each doctor's slot ids, in time order."""
    await carga_dados.gerar(url, dados, medicos=2 * medicos, por_medico=1, pacientes=medicos)
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("truncate consulta.horarios, consulta.proximos_horarios cascade")
        await conn.execute(
            """
            insert into consulta.horarios (id, medico_id, inicio, fim)
            select gen_random_uuid(), m.id, t.inicio, t.inicio + interval '30 minutes'
            from (select id from medico.medicos order by crm limit $1) m
            cross join lateral (
                select date_trunc('day', now()) + make_interval(
                    days => 2 + j / 20, hours => 8, mins => 30 * (j % 20)) as inicio
                from generate_series(0, $2 - 1) j
            ) t
            """,
            2 * medicos,
            por_medico,
        )
        # Every patient already holds LISTAGEM (refused: no slot needed) appointments two months
        # ahead, after any the load books: the listing's page is always full, whatever the
        # booking phase reached.
        await conn.execute(
            """
            insert into consulta.consultas (id, medico_id, paciente_id, inicio, fim, status,
              medico_nome, medico_crm, medico_uf, medico_fuso, paciente_nome)
            select gen_random_uuid(), (select id from medico.medicos order by crm limit 1),
                   p.id, t.inicio, t.inicio + interval '30 minutes', 'recusada',
                   'Dr(a). Bench 1', '1000001', 'SP', 'America/Sao_Paulo', p.nome
            from paciente.pacientes p
            cross join lateral (
                select date_trunc('day', now()) + make_interval(
                    days => 60, hours => 8, mins => 30 * k) as inicio
                from generate_series(1, $1) k
            ) t
            """,
            LISTAGEM,
        )
        await conn.execute("vacuum analyze consulta.horarios")
        await conn.execute("vacuum analyze consulta.consultas")
        linhas = await conn.fetch(
            "select array_agg(h.id::text order by h.inicio) as ids from consulta.horarios h"
            " join medico.medicos m on m.id = h.medico_id group by m.crm order by m.crm"
        )
    finally:
        await conn.close()
    return [list(r["ids"]) for r in linhas]


async def _entrar(base: str, pacientes: int) -> list[str]:
    """Log every seeded patient in (before any measurement: Argon2 is the login's cost)."""
    sem = asyncio.Semaphore(4)
    async with httpx.AsyncClient(base_url=base, timeout=60) as cliente:

        async def um(n: int) -> str:
            async with sem:
                r = await cliente.post(
                    "/api/auth/login",
                    json={"email": f"paciente.{n}@carga.healthmed.dev", "senha": carga_dados.SENHA},
                )
                r.raise_for_status()
                return str(r.json()["access_token"])

        return list(await asyncio.gather(*(um(n) for n in range(1, pacientes + 1))))


async def _outboxes_vazias(url: str, limite_s: float) -> bool:
    """Wait until consulta's outboxes are delivered (or ``limite_s`` passed)."""
    conn = await asyncpg.connect(url)
    try:
        fim = time.monotonic() + limite_s
        while time.monotonic() < fim:
            pendentes = await conn.fetchval(
                "select (select count(*) from consulta.saida)"
                " + (select count(*) from consulta.notificacoes where enviada_em is null"
                " and proxima_tentativa <= now())"
            )
            if pendentes == 0:
                return True
            await asyncio.sleep(0.25)
        return False
    finally:
        await conn.close()


_PISO_CONSULTA = """
insert into consulta.consultas (id, horario_id, medico_id, paciente_id, inicio, fim, status,
  medico_nome, medico_crm, medico_uf, medico_fuso, paciente_nome)
values ($1, $2, $3, $4, $5, $6, 'pendente', 'Dr(a). Piso', '123456', 'SP',
  'America/Sao_Paulo', 'Paciente Piso')
returning criada_em, atualizada_em
"""
_PISO_AVISO = """
insert into consulta.notificacoes (id, chave, consulta_id, usuario_id, papel, evento, assunto,
  corpo, enviada_em)
values ($1, $2, $3, $4, 'medico', 'solicitada', 'Nova solicitação', 'corpo', now())
on conflict (chave) do nothing
"""


async def piso(
    url: str, horarios: Sequence[str], conexoes: int, segundos: float
) -> tuple[Carga, float]:
    """The booking transaction straight on PostgreSQL: share-lock the slot, insert the
    appointment (``RETURNING``), the outbox row and the doctor's notice, commit. Answers the
    load and this process's CPU seconds (the client's, not the database's)."""
    fila = iter(horarios)
    latencias: list[float] = []
    limite = time.monotonic() + segundos
    pool = await asyncpg.create_pool(url, min_size=conexoes, max_size=conexoes)
    assert pool is not None

    async def trabalhador() -> None:
        async with pool.acquire() as conn:
            for hid in fila:
                if time.monotonic() > limite:
                    return
                antes = time.perf_counter()
                async with conn.transaction():
                    h = await conn.fetchrow(
                        "select id, medico_id, inicio, fim from consulta.horarios"
                        " where id = $1 for share",
                        uuid.UUID(hid),
                    )
                    cid = uuid.uuid4()
                    await conn.fetchrow(
                        _PISO_CONSULTA,
                        cid,
                        h["id"],
                        h["medico_id"],
                        uuid.uuid4(),  # a patient per booking: no overlap to check
                        h["inicio"],
                        h["fim"],
                    )
                    await conn.execute(
                        "insert into consulta.saida (tipo, medico_id)"
                        " values ('proximo_horario', $1)",
                        h["medico_id"],
                    )
                    await conn.execute(
                        _PISO_AVISO, uuid.uuid4(), f"piso:{cid}", cid, h["medico_id"]
                    )
                latencias.append(time.perf_counter() - antes)

    cpu_antes = time.process_time()
    inicio = time.monotonic()
    try:
        await asyncio.gather(*(trabalhador() for _ in range(conexoes)))
    finally:
        duracao = time.monotonic() - inicio
        await pool.close()
    carga_ = Carga(
        ok=len(latencias),
        falhas=0,
        segundos=duracao,
        p50_ms=1000 * percentil(latencias, 50),
        p99_ms=1000 * percentil(latencias, 99),
    )
    return carga_, time.process_time() - cpu_antes


def _workers(raiz: int) -> list[int]:
    """The gateway's worker processes (its direct children), or itself when it has none."""
    filhos = [pid for pid, (ppid, _) in medicao.processos().items() if ppid == raiz]
    return filhos or [raiz]


def _perfilar(
    pids: Sequence[int], segundos: float, pasta: Path, nome: str
) -> list[subprocess.Popen[bytes]]:
    """py-spy on each worker for the route's load (collapsed stacks, for ``perfil_topo``)."""
    if not PY_SPY.exists():
        print(f"(sem perfil: {PY_SPY} não existe; make bench-carga ou pip install py-spy)")
        return []
    pasta.mkdir(parents=True, exist_ok=True)
    return [
        subprocess.Popen(  # noqa: S603 - our own arguments
            [
                str(PY_SPY),
                "record",
                "--pid",
                str(pid),
                "--duration",
                str(max(1, round(segundos))),
                "--rate",
                "200",
                "--format",
                "raw",
                *(["--native"] if os.environ.get("CUSTO_PERFIL_NATIVO") else ["--nonblocking"]),
                "--output",
                str(pasta / f"{re.sub(r'[^a-z0-9]+', '-', nome.lower()).strip('-')}-{pid}.txt"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for pid in pids
    ]


@dataclass
class Execucao:
    """What one run needs between phases."""

    base: str
    url: str
    raizes: dict[str, int]
    gerador: str
    conexoes: int
    segundos: float
    pasta: Path
    perfil: Path | None


def _medir(
    ex: Execucao, nome: str, pedidos: Sequence[Pedido], depois: Callable[[], Awaitable[object]]
) -> Linha:
    """Load one route while reading the stack's CPU; ``depois`` runs inside the window."""
    cpu = medicao.Cpu(ex.raizes)
    perfis = (
        _perfilar(_workers(ex.raizes["produto"]), ex.segundos, ex.perfil, nome) if ex.perfil else []
    )
    cpu.inicio()
    if ex.gerador == "wrk":
        resultado = carregar_com_wrk(ex.base, pedidos, ex.conexoes, ex.segundos, ex.pasta)
    else:
        resultado = asyncio.run(carregar_com_httpx(ex.base, pedidos, ex.conexoes, ex.segundos))
    asyncio.run(depois())
    cpu.fim()
    for p in perfis:
        p.wait(timeout=ex.segundos + 30)
    return Linha(nome, resultado, cpu.segundos)


async def _nada() -> None:
    return None


def _imprimir(linhas: Sequence[Linha], piso_: Linha, cpu_cliente_piso: float) -> None:
    print(
        f"\n{'rota':34} {'req/s':>8} {'ok':>6} {'falhas':>6} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'CPU ms/req':>10} {'produto':>8} {'postgres':>8}"
    )
    for linha in [*linhas, piso_]:
        c = linha.carga
        print(
            f"{linha.nome:34} {linha.req_s:8.1f} {c.ok:6} {c.falhas:6} {c.p50_ms:7.1f}"
            f" {c.p99_ms:7.1f} {linha.cpu_ms():10.2f} {linha.cpu_ms('produto'):8.2f}"
            f" {linha.cpu_ms('postgres'):8.2f}"
            + (f"  (falhas: {c.status_falha})" if c.falhas else "")
        )
    if piso_.carga.ok:
        print(
            f"(piso: CPU do cliente asyncpg {1000 * cpu_cliente_piso / piso_.carga.ok:.2f} ms/tx,"
            " fora da soma; a soma do piso é só o PostgreSQL)"
        )
    reserva = next((x for x in linhas if x.nome.startswith("POST")), None)
    print("\nmetas (issue 14):")
    if reserva is not None:
        fracao = reserva.req_s / piso_.req_s if piso_.req_s else 0.0
        print(
            f"  reserva: {reserva.cpu_ms():.2f} ms de CPU (meta <= {META_RESERVA_MS:.0f}):"
            f" {'sim' if reserva.cpu_ms() <= META_RESERVA_MS else 'não'};"
            f" {fracao:.1%} do piso (meta >= {META_FRACAO_DO_PISO:.0%}):"
            f" {'sim' if fracao >= META_FRACAO_DO_PISO else 'não'}"
        )
    for linha in linhas:
        if linha is not reserva:
            print(
                f"  {linha.nome}: {linha.cpu_ms():.2f} ms (meta <= {META_LEITURA_MS:.0f}):"
                f" {'sim' if linha.cpu_ms() <= META_LEITURA_MS else 'não'}"
            )
    print(
        "\nA vazão depende do que mais a máquina roda (2 núcleos compartilhados); a CPU por"
        " requisição, lida em /proc por processo, quase não."
    )


def executar(args: argparse.Namespace) -> list[Linha]:
    """Seed, start, load each route, run the floor, stop; print the table."""
    gerador = args.gerador or ("wrk" if shutil.which("wrk") else "httpx")
    with tempfile.TemporaryDirectory(prefix="custo-", dir=args.pasta) as pasta_tmp:
        pasta = Path(pasta_tmp)
        server = EmbeddedPostgres(pasta / "postgres")
        produto: subprocess.Popen[bytes] | None = None
        try:
            url = ensure_database(server.uri(), "healthmed")
            migrate_all(url)
            grade = asyncio.run(_semear(url, pasta, args.medicos, args.horarios))
            dos_pedidos, do_piso = grade[: args.medicos], grade[args.medicos :]
            porta = carga._porta_livre()
            env = {
                **carga._ambiente(url, porta, pasta),
                "HEALTHMED_WORKERS": str(args.workers),
                "HEALTHMED_DB_POOL_SIZE": str(args.pool),
                "HEALTHMED_DB_MAX_OVERFLOW": str(args.overflow),
            }
            produto = subprocess.Popen([sys.executable, "-m", "gateway"], cwd=ROOT, env=env)
            carga._esperar(porta, [produto])
            base = f"http://127.0.0.1:{porta}"
            tokens = asyncio.run(_entrar(base, args.medicos))
            ex = Execucao(
                base=base,
                url=url,
                raizes={"produto": produto.pid, "postgres": carga._postmaster(server)},
                gerador=gerador,
                conexoes=args.conexoes,
                segundos=args.segundos,
                pasta=pasta,
                perfil=Path(args.perfil).resolve() if args.perfil else None,
            )
            print(
                f"\n{args.medicos} médicos e {args.medicos} pacientes, {args.horarios} horários"
                f" por médico; {args.workers} worker(s); carga: {gerador}, {args.conexoes}"
                f" conexões, até {args.segundos:.0f} s por rota; {os.cpu_count()} núcleos"
            )
            pares = reservas(dos_pedidos, tokens, args.aquecimento + args.pedidos)
            todos = [
                Pedido("POST", "/api/consultas", t, json.dumps({"horario_id": h})) for t, h in pares
            ]
            busca = [
                Pedido("GET", f"/api/medicos?especialidade={ESPECIALIDADES[k % 5]}")
                for k in range(args.aquecimento + args.pedidos)
            ]
            listagem = [
                Pedido("GET", "/api/consultas", tokens[k % len(tokens)])
                for k in range(args.aquecimento + args.pedidos)
            ]
            linhas: list[Linha] = []
            rotas = {
                "reserva": (
                    "POST /api/consultas (reserva)",
                    todos,
                    lambda: _outboxes_vazias(url, 60),
                ),
                "busca": ("GET /api/medicos?especialidade=", busca, _nada),
                "listagem": ("GET /api/consultas (paciente)", listagem, _nada),
            }
            for nome, lista, depois in (rotas[r] for r in args.rotas.split(",")):
                _medir(replace(ex, perfil=None), "aquecimento", lista[: args.aquecimento], depois)
                linhas.append(_medir(ex, nome, lista[args.aquecimento :], depois))
            cpu = medicao.Cpu({"postgres": ex.raizes["postgres"]})
            cpu.inicio()
            horarios_piso = [h for horarios in zip(*do_piso, strict=False) for h in horarios]
            carga_piso, cpu_cliente = asyncio.run(
                piso(url, horarios_piso[: args.pedidos * 4], args.conexoes_piso, args.segundos)
            )
            cpu.fim()
            linha_piso = Linha("piso: a reserva em SQL (asyncpg)", carga_piso, cpu.segundos)
            _imprimir(linhas, linha_piso, cpu_cliente)
            if args.json:
                Path(args.json).write_text(
                    json.dumps(
                        [
                            {
                                "rota": x.nome,
                                "req_s": x.req_s,
                                "ok": x.carga.ok,
                                "falhas": x.carga.falhas,
                                "p50_ms": x.carga.p50_ms,
                                "p99_ms": x.carga.p99_ms,
                                "cpu_ms": x.cpu_ms(),
                                "cpu_s": x.cpu_s,
                            }
                            for x in [*linhas, linha_piso]
                        ],
                        indent=2,
                        ensure_ascii=False,
                    )
                )
            return [*linhas, linha_piso]
        finally:
            if produto is not None:
                produto.send_signal(signal.SIGINT)
                try:
                    produto.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    produto.kill()
            server.stop()


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--medicos", type=int, default=100, help="e tantos pacientes")
    parser.add_argument("--horarios", type=int, default=200, help="por médico")
    parser.add_argument("--pedidos", type=int, default=6000, help="por rota, medidos")
    parser.add_argument("--aquecimento", type=int, default=300, help="por rota, não medidos")
    parser.add_argument("--segundos", type=float, default=20.0, help="limite por rota")
    parser.add_argument("--conexoes", type=int, default=16)
    parser.add_argument("--conexoes-piso", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    # 8 with no overflow (the product's default is 10 and 0); with overflow, connections were
    # opened and closed per request. The embedded server takes 300 connections
    # (libs.postgres.MAX_CONEXOES): at its old 100 the floor found none next to the product.
    parser.add_argument("--pool", type=int, default=8, help="HEALTHMED_DB_POOL_SIZE")
    parser.add_argument("--gerador", choices=["wrk", "httpx"], default=None)
    parser.add_argument("--overflow", type=int, default=0, help="HEALTHMED_DB_MAX_OVERFLOW")
    parser.add_argument("--rotas", default="reserva,busca,listagem", help="quais medir")
    parser.add_argument("--perfil", help="pasta: py-spy em cada worker durante cada rota")
    parser.add_argument("--json", help="grava as figuras neste arquivo")
    parser.add_argument("--pasta", default=None, help="onde criar a pasta temporária")
    parser.add_argument(
        "--mini", action="store_true", help="alguns pedidos por rota: só prova que roda"
    )
    args = parser.parse_args(argv)
    if args.mini:
        args.medicos, args.horarios, args.pedidos, args.aquecimento = 4, 10, 12, 4
        args.segundos, args.conexoes, args.conexoes_piso, args.workers = 20.0, 2, 2, 1
    executar(args)


if __name__ == "__main__":
    main()
