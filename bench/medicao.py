"""What the load test measures besides latency: CPU per process tree and the database.

Used by ``bench/carga.py --medir-banco``; never by the product or the tests (the pure functions
here have unit tests in ``tests/bench``).

- CPU: ``/proc/<pid>/stat`` of every process of a tree (the PostgreSQL postmaster and its
  backends; the product and its workers; each service), before and after the load. A process's
  own time plus the time of the children it already reaped (``cutime``/``cstime``), summed over
  the live tree, keeps the CPU of backends that disconnected during the run.
- Database: ``pg_stat_statements`` (reset right before the load), and one sample a second of
  ``pg_stat_activity`` (connections) and ``pg_locks`` (waits, the record access-log chain's
  advisory lock among them).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import asyncpg

from libs.postgres import with_database

PROC = Path("/proc")
TICKS = os.sysconf("SC_CLK_TCK")
# The record's access log appends under a row lock on the patient's chain head
# (services/prontuario, ``acessos_cabecas``): a wait for it is a session waiting on a lock
# while running a statement on that table.
TABELA_CABECAS = "acessos_cabecas"
# What 20,000 simultaneous people ask in the load mix (docs/capacity.md): 0.16 req/s each.
REQ_S_ALVO = 20_000 * 0.16


def cpu_do_stat(stat: str, ticks: int = TICKS) -> tuple[int, float]:
    """The parent pid and the CPU seconds (own + reaped children's) of one ``/proc/<pid>/stat``.

    The command name (field 2) may hold spaces and parentheses, so fields are counted after
    the last ``)``: state, ppid, ... utime (14), stime (15), cutime (16), cstime (17).
    """
    campos = stat[stat.rindex(")") + 2 :].split()
    ppid = int(campos[1])
    utime, stime, cutime, cstime = (int(c) for c in campos[11:15])
    return ppid, (utime + stime + cutime + cstime) / ticks


def processos() -> dict[int, tuple[int, float]]:
    """Every live process: pid -> (parent pid, CPU seconds)."""
    vivos: dict[int, tuple[int, float]] = {}
    for entrada in PROC.iterdir():
        if not entrada.name.isdigit():
            continue
        try:
            vivos[int(entrada.name)] = cpu_do_stat((entrada / "stat").read_text())
        except (OSError, ValueError):
            continue  # exited while we looked
    return vivos


def cpu_da_arvore(raiz: int, vivos: dict[int, tuple[int, float]]) -> float:
    """CPU seconds of ``raiz`` and every live descendant (0 if ``raiz`` is gone)."""
    filhos: dict[int, list[int]] = {}
    for pid, (ppid, _) in vivos.items():
        filhos.setdefault(ppid, []).append(pid)
    total, pendentes = 0.0, [raiz] if raiz in vivos else []
    while pendentes:
        pid = pendentes.pop()
        total += vivos[pid][1]
        pendentes.extend(filhos.get(pid, ()))
    return total


def cpu_da_maquina() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, from ``/proc/stat``."""
    valores = [int(v) for v in (PROC / "stat").read_text().split("\n", 1)[0].split()[1:]]
    ocioso = valores[3] + valores[4]  # idle + iowait
    total = sum(valores[:8])  # guest time is already inside user/nice
    return (total - ocioso) / TICKS, total / TICKS


@dataclass
class Cpu:
    """CPU seconds of named process trees between :meth:`inicio` and :meth:`fim`."""

    raizes: dict[str, int]
    _antes: dict[str, float] = field(default_factory=dict)
    _maquina: tuple[float, float] = (0.0, 0.0)
    segundos: dict[str, float] = field(default_factory=dict)
    maquina_ocupada: float = 0.0  # busy share of all cores during the window (0..1)
    maquina_segundos: float = 0.0  # busy CPU seconds of the whole machine in the window

    def _agora(self) -> dict[str, float]:
        vivos = processos()
        return {nome: cpu_da_arvore(pid, vivos) for nome, pid in self.raizes.items()}

    def inicio(self) -> None:
        """Take the "before" reading."""
        self._antes = self._agora()
        self._maquina = cpu_da_maquina()

    def fim(self) -> None:
        """Take the "after" reading (call while the trees are still alive)."""
        depois = self._agora()
        self.segundos = {n: depois[n] - self._antes[n] for n in self.raizes}
        ocupada, total = cpu_da_maquina()
        janela = total - self._maquina[1]
        self.maquina_segundos = ocupada - self._maquina[0]
        self.maquina_ocupada = (ocupada - self._maquina[0]) / janela if janela else 0.0


@dataclass(frozen=True)
class Dimensionamento:
    """The database size the measured cost implies at the target load."""

    cpu_por_req_ms: float  # database CPU milliseconds per request
    vcpu_por_mil_req_s: float  # database vCPU busy per 1,000 req/s
    vcpu_no_alvo: float  # vCPU busy at ``req_s`` (REQ_S_ALVO by default)
    vcpu_necessarias: float  # ... divided by the utilisation target (headroom)


def dimensionar(
    cpu_segundos: float, requisicoes: int, *, req_s: float = REQ_S_ALVO, utilizacao: float = 0.6
) -> Dimensionamento:
    """Scale CPU seconds spent on ``requisicoes`` requests to ``req_s``, at ``utilizacao`` CPU.

    CPU seconds per request times requests per second is CPU seconds per second: vCPU busy.
    """
    if requisicoes <= 0:
        raise ValueError("nenhuma requisição medida")
    por_req = cpu_segundos / requisicoes
    return Dimensionamento(
        cpu_por_req_ms=por_req * 1000,
        vcpu_por_mil_req_s=por_req * 1000,  # same number: s per req x 1,000 req/s
        vcpu_no_alvo=por_req * req_s,
        vcpu_necessarias=por_req * req_s / utilizacao,
    )


@dataclass
class Amostras:
    """One sample a second of connections and lock waits."""

    conexoes: list[int] = field(default_factory=list)
    ativas: list[int] = field(default_factory=list)  # running a statement right now
    ociosas_em_transacao: list[int] = field(default_factory=list)
    esperas: list[int] = field(default_factory=list)  # lock requests not granted
    esperas_cadeia: list[int] = field(default_factory=list)  # ... on an access-log chain head

    def resumo(self) -> dict[str, float]:
        """Peak and mean of each series."""
        saida: dict[str, float] = {"amostras": len(self.conexoes)}
        for nome in ("conexoes", "ativas", "ociosas_em_transacao", "esperas", "esperas_cadeia"):
            serie: list[int] = getattr(self, nome)
            saida[f"{nome}_pico"] = max(serie, default=0)
            saida[f"{nome}_media"] = sum(serie) / len(serie) if serie else 0.0
        return saida


_AMOSTRA = """
select
  (select count(*) from pg_stat_activity where datname = $1) as conexoes,
  (select count(*) from pg_stat_activity where datname = $1 and state = 'active') as ativas,
  (select count(*) from pg_stat_activity
     where datname = $1 and state like 'idle in transaction%') as ociosas,
  (select count(*) from pg_locks where not granted) as esperas,
  (select count(*) from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'
     and strpos(query, $2) > 0) as esperas_cadeia
"""


async def amostrar(url: str, amostras: Amostras, parar: asyncio.Event) -> None:
    """Sample the connections to ``url``'s database and the lock waits once a second.

    The sampler connects to the ``postgres`` database, so that neither its connection nor its
    statements count among the product's.
    """
    banco = unquote(urlsplit(url).path.lstrip("/"))
    conn = await asyncpg.connect(with_database(url, "postgres"))
    try:
        while not parar.is_set():
            linha = await conn.fetchrow(_AMOSTRA, banco, TABELA_CABECAS)
            amostras.conexoes.append(int(linha["conexoes"]))
            amostras.ativas.append(int(linha["ativas"]))
            amostras.ociosas_em_transacao.append(int(linha["ociosas"]))
            amostras.esperas.append(int(linha["esperas"]))
            amostras.esperas_cadeia.append(int(linha["esperas_cadeia"]))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(parar.wait(), 1.0)
    finally:
        await conn.close()


async def preparar_estatisticas(url: str) -> None:
    """Create ``pg_stat_statements`` (the server must preload it) and zero it and the counters."""
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("create extension if not exists pg_stat_statements")
        await conn.execute("select pg_stat_statements_reset()")
        await conn.execute("select pg_stat_reset()")
    finally:
        await conn.close()


async def precarregar_estatisticas(url: str) -> bool:
    """Ask the server to preload ``pg_stat_statements``; True if a restart is needed for it.

    ``ALTER SYSTEM`` writes the bench cluster's own ``postgresql.auto.conf``: the product's
    embedded server (``.data/``) is untouched.
    """
    conn = await asyncpg.connect(url)
    try:
        atual = await conn.fetchval("show shared_preload_libraries")
        if "pg_stat_statements" in atual:
            return False
        await conn.execute("alter system set shared_preload_libraries = 'pg_stat_statements'")
        return True
    finally:
        await conn.close()


@dataclass(frozen=True)
class Comando:
    """One normalised statement of ``pg_stat_statements``."""

    consulta: str
    chamadas: int
    total_ms: float
    media_ms: float
    linhas: int
    parcela: float  # share of the total execution time of every statement


async def principais_comandos(url: str, limite: int = 10) -> tuple[list[Comando], float, int]:
    """The ``limite`` statements with the most total execution time, the total (ms) and calls."""
    conn = await asyncpg.connect(url)
    try:
        total, chamadas = await conn.fetchrow(
            "select coalesce(sum(total_exec_time), 0), coalesce(sum(calls), 0)"
            " from pg_stat_statements where dbid = (select oid from pg_database"
            " where datname = current_database())"
        )
        linhas = await conn.fetch(
            "select query, calls, total_exec_time, mean_exec_time, rows from pg_stat_statements"
            " where dbid = (select oid from pg_database where datname = current_database())"
            " order by total_exec_time desc limit $1",
            limite,
        )
    finally:
        await conn.close()
    total = float(total)
    comandos = [
        Comando(
            consulta=" ".join(str(r["query"]).split()),
            chamadas=int(r["calls"]),
            total_ms=float(r["total_exec_time"]),
            media_ms=float(r["mean_exec_time"]),
            linhas=int(r["rows"]),
            parcela=float(r["total_exec_time"]) / total if total else 0.0,
        )
        for r in linhas
    ]
    return comandos, total, int(chamadas)
