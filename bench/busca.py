"""Benchmark of finding a doctor at scale: 100,000 doctors and 5,000,000 slots.

    PYTHONPATH=. .venv/bin/python -m bench.busca [--medicos 100000] [--horarios-por-medico 50]
        [--amostras 300] [--regerar]

What it does:
1. starts its own embedded PostgreSQL under ``.test-data/bench/`` (never the dev or test data),
   creates the database ``healthmed_bench`` and runs every service's migrations;
2. generates, in set-based SQL, the doctors (spread around 20 Brazilian cities, 1-2 of the 55
   CFM specialties, ratings, names with accents and common surnames) in the medico schema and
   their slots in the consulta schema (50 per doctor over the next 30 days, 30 minutes each:
   the doctor's agenda exactly as the consulta service stores it, exclusion constraint
   included), then sets each doctor's ``proximo_horario`` as the consulta service publishes it;
   a second run reuses the data (and names doctors generated before names existed);
3. starts the whole product in process (the gateway and every service) and times typical
   public requests one after another through the gateway (routing, auth-free search, JSON),
   after a warm-up: p50, p95, p99 and max per kind of request, and over all of them;
4. prints the plans of three name searches (EXPLAIN ANALYZE), to show the index they read.

The target of issue 3: p95 under 50 ms for a typical search on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from libs.postgres import EmbeddedPostgres, ensure_database, migrate_all, with_database

ROOT = Path(__file__).resolve().parent.parent
DADOS = ROOT / ".test-data" / "bench"
BANCO = "healthmed_bench"

# (city, UF, lat, lon, IANA zone): where the doctors' clinics are.
CIDADES = [
    ("São Paulo", "SP", -23.5505, -46.6333, "America/Sao_Paulo"),
    ("Rio de Janeiro", "RJ", -22.9068, -43.1729, "America/Sao_Paulo"),
    ("Belo Horizonte", "MG", -19.9167, -43.9345, "America/Sao_Paulo"),
    ("Brasília", "DF", -15.7939, -47.8828, "America/Sao_Paulo"),
    ("Salvador", "BA", -12.9777, -38.5016, "America/Bahia"),
    ("Fortaleza", "CE", -3.7319, -38.5267, "America/Fortaleza"),
    ("Recife", "PE", -8.0476, -34.8770, "America/Recife"),
    ("Curitiba", "PR", -25.4284, -49.2733, "America/Sao_Paulo"),
    ("Porto Alegre", "RS", -30.0346, -51.2177, "America/Sao_Paulo"),
    ("Manaus", "AM", -3.1190, -60.0217, "America/Manaus"),
    ("Belém", "PA", -1.4558, -48.4902, "America/Belem"),
    ("Goiânia", "GO", -16.6869, -49.2648, "America/Sao_Paulo"),
    ("Campinas", "SP", -22.9099, -47.0626, "America/Sao_Paulo"),
    ("São Luís", "MA", -2.5307, -44.3068, "America/Fortaleza"),
    ("Maceió", "AL", -9.6658, -35.7353, "America/Maceio"),
    ("Natal", "RN", -5.7945, -35.2110, "America/Fortaleza"),
    ("Florianópolis", "SC", -27.5954, -48.5480, "America/Sao_Paulo"),
    ("Cuiabá", "MT", -15.6014, -56.0979, "America/Cuiaba"),
    ("Porto Velho", "RO", -8.7612, -63.9004, "America/Porto_Velho"),
    ("Rio Branco", "AC", -9.9754, -67.8249, "America/Rio_Branco"),
]


# Names as Brazilian doctors have them (title, first name, two surnames), accents included, so
# that the search by name meets real selectivity: surnames are drawn skewed to the head of the
# list (power 1.5), so "Silva" is in about one name in six, the rare ones in well under 1 %.
NOMES_F = [
    "Ana", "Maria", "Helena", "Juliana", "Fernanda", "Patrícia", "Aline", "Camila", "Amanda",
    "Bruna", "Letícia", "Mariana", "Conceição", "Márcia", "Sônia", "Inês", "Lúcia", "Vitória",
    "Beatriz", "Cecília",
]  # fmt: skip
NOMES_M = [
    "João", "José", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz",
    "Marcos", "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Tiago", "Gonçalo",
    "Caio", "Otávio",
]  # fmt: skip
SOBRENOMES = [
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima",
    "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes",
    "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques",
    "Machado", "Mendes", "Freitas", "Cardoso", "Ramos", "Gonçalves", "Santana", "Teixeira",
    "Araújo", "Conceição", "Brandão", "Magalhães", "Assunção",
]  # fmt: skip


def _array(valores: list[Any], tipo: str) -> str:
    itens = ", ".join(f"'{v}'" if isinstance(v, str) else repr(v) for v in valores)
    return f"array[{itens}]::{tipo}[]"


async def nomear(conn: asyncpg.Connection) -> None:
    """Give every doctor still named by number ("Dr(a). Bench 42", as generated before the search
    by name existed, and as rows are first inserted) a real-looking name."""
    inicio = time.perf_counter()
    feitos = await conn.execute(
        f"""
        with n as (
            select id, random() < 0.5 as mulher, random() as a, random() as b, random() as c
            from medico.medicos where nome like 'Dr(a). Bench %'
        )
        update medico.medicos m set nome =
            case when n.mulher
                 then 'Dra. ' || ({_array(NOMES_F, "text")})[1 + floor(n.a * {len(NOMES_F)})::int]
                 else 'Dr. ' || ({_array(NOMES_M, "text")})[1 + floor(n.a * {len(NOMES_M)})::int]
            end
            || ' ' || ({_array(SOBRENOMES, "text")})[1 + floor(power(n.b, 1.5) * {len(SOBRENOMES)})::int]
            || ' ' || ({_array(SOBRENOMES, "text")})[1 + floor(power(n.c, 1.5) * {len(SOBRENOMES)})::int]
        from n where n.id = m.id
        """  # noqa: S608, E501 - built from this file's constants, no input
    )
    if feitos != "UPDATE 0":
        await conn.execute("vacuum analyze medico.medicos")
        print(f"nomes dados ({feitos}) em {time.perf_counter() - inicio:.1f}s")


async def gerar(url: str, medicos: int, por_medico: int) -> None:
    """Fill the medico and consulta schemas (idempotent: skips when the data is there)."""
    conn = await asyncpg.connect(url)
    try:
        existentes = await conn.fetchval("select count(*) from medico.medicos")
        if existentes >= medicos:
            print(f"dados já gerados: {existentes} médicos")
            await nomear(conn)
            return
        await conn.execute("truncate consulta.horarios, medico.medicos cascade")
        inicio = time.perf_counter()
        await conn.execute(
            f"""
            with base as (
                select n,
                       1 + floor(random() * {len(CIDADES)})::int as c,
                       1 + floor(random() * 55)::int as e1,
                       1 + floor(random() * 55)::int as e2,
                       random() as r,
                       random() as r2
                from generate_series(1, {medicos}) n
            ), esp as (select array_agg(slug order by slug) as slugs from medico.especialidades)
            insert into medico.medicos (
                id, nome, crm, uf, email, especialidades, lat, lon, fuso_horario,
                endereco, avaliacao_soma, total_avaliacoes, avaliacao_media
            )
            select gen_random_uuid(),
                   'Dr(a). Bench ' || n,
                   (1000000 + n)::text,
                   ({_array([c[1] for c in CIDADES], "text")})[c],
                   'medico.' || n || '@bench.healthmed.dev',
                   case when r2 < 0.3 and e1 <> e2 then array[esp.slugs[e1], esp.slugs[e2]]
                        else array[esp.slugs[e1]] end,
                   ({_array([c[2] for c in CIDADES], "float8")})[c] + (random() - 0.5) * 0.8,
                   ({_array([c[3] for c in CIDADES], "float8")})[c] + (random() - 0.5) * 0.8,
                   ({_array([c[4] for c in CIDADES], "text")})[c],
                   jsonb_build_object('cep', lpad((n % 100000000)::text, 8, '0'),
                                      'logradouro', 'Rua da Clínica, ' || n,
                                      'cidade', ({_array([c[0] for c in CIDADES], "text")})[c],
                                      'uf', ({_array([c[1] for c in CIDADES], "text")})[c]),
                   case when r < 0.8 then round((1 + 4 * random()) * (1 + floor(r * 200)))
                        else 0 end,
                   case when r < 0.8 then 1 + floor(r * 200)::int else 0 end,
                   null
            from base, esp
            """  # noqa: S608 - built from this file's constants, no input
        )
        await conn.execute(
            "update medico.medicos set avaliacao_media = least(5.0, avaliacao_soma::float8"
            " / total_avaliacoes) where total_avaliacoes > 0"
        )
        print(f"{medicos} médicos em {time.perf_counter() - inicio:.1f}s")
        await nomear(conn)

        # Bulk load: the exclusion constraint and indexes are rebuilt once, after the rows.
        inicio = time.perf_counter()
        await conn.execute(
            "alter table consulta.horarios drop constraint ex_horarios_sobrepostos;"
            " drop index consulta.ix_horarios_medico_inicio"
        )
        dias = max(1, por_medico // 5)
        await conn.execute(
            f"""
            insert into consulta.horarios (id, medico_id, inicio, fim)
            select gen_random_uuid(), m.id, t.inicio, t.inicio + interval '30 minutes'
            from (select id, row_number() over () as n from medico.medicos) m
            cross join lateral (
                select date_trunc('day', now())
                       + make_interval(days => 1 + (k / 5) * (30 / {dias}) + (m.n % 3)::int,
                                       hours => 8 + 2 * (k % 5),
                                       mins => 15 * (m.n % 4)::int) as inicio
                from generate_series(0, {por_medico - 1}) k
            ) t
            """  # noqa: S608 - built from this file's constants, no input
        )
        print(f"horários inseridos em {time.perf_counter() - inicio:.1f}s")
        inicio = time.perf_counter()
        await conn.execute(
            "alter table consulta.horarios add constraint ex_horarios_sobrepostos"
            " exclude using gist (medico_id with =, periodo with &&);"
            " create index ix_horarios_medico_inicio on consulta.horarios (medico_id, inicio)"
        )
        print(f"restrição de exclusão e índices em {time.perf_counter() - inicio:.1f}s")
        inicio = time.perf_counter()
        # What the consulta service publishes: the first free slot past the doctor's notice.
        await conn.execute(
            """
            update medico.medicos m set proximo_horario = p.inicio
            from (
                select h.medico_id, min(h.inicio) as inicio
                from consulta.horarios h
                join medico.medicos d on d.id = h.medico_id
                where h.inicio >= now() + make_interval(mins => d.antecedencia_minima_minutos)
                group by h.medico_id
            ) p
            where p.medico_id = m.id
            """
        )
        await conn.execute(
            "insert into consulta.proximos_horarios (medico_id, proximo_horario, vence_em)"
            " select id, proximo_horario,"
            " proximo_horario - make_interval(mins => antecedencia_minima_minutos)"
            " from medico.medicos on conflict (medico_id) do nothing"
        )
        await conn.execute("vacuum analyze medico.medicos")
        await conn.execute("vacuum analyze consulta.horarios")
        print(f"próximo horário e estatísticas em {time.perf_counter() - inicio:.1f}s")
    finally:
        await conn.close()


Consulta = Callable[[random.Random], tuple[str, str, dict[str, Any]]]


def _perto(rng: random.Random) -> tuple[float, float]:
    _, _, lat, lon, _ = rng.choice(CIDADES)
    return lat + rng.uniform(-0.2, 0.2), lon + rng.uniform(-0.2, 0.2)


def _sem_acento(texto: str) -> str:
    """As a patient types on a phone: lower case, no accents."""
    decomposto = unicodedata.normalize("NFKD", texto.lower())
    return "".join(c for c in decomposto if not unicodedata.combining(c))


def consultas_tipicas(
    especialidades: list[str], medico_ids: list[str], nomes_raros: list[str]
) -> dict[str, Consulta]:
    """The requests a patient makes most, with random parameters each time.

    ``nomes_raros``: full names that only one doctor has (a patient looking for their doctor).
    """
    agora = datetime.now(UTC)

    def especialidade_perto(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        lat, lon = _perto(rng)
        params = {
            "especialidade": rng.choice(especialidades),
            "lat": lat,
            "lon": lon,
            "raio_km": 50,
            "ordenar": "distancia",
        }
        return "GET", "/medicos", params

    def melhor_avaliados(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        lat, lon = _perto(rng)
        params = {
            "especialidade": rng.choice(especialidades),
            "lat": lat,
            "lon": lon,
            "raio_km": 30,
            "avaliacao_min": 4,
            "ordenar": "avaliacao",
        }
        return "GET", "/medicos", params

    def disponivel_logo(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        lat, lon = _perto(rng)
        params = {
            "especialidade": rng.choice(especialidades),
            "lat": lat,
            "lon": lon,
            "raio_km": 100,
            "disponivel_ate": (agora + timedelta(days=rng.randint(2, 5))).isoformat(),
            "ordenar": "proximo_horario",
        }
        return "GET", "/medicos", params

    def qualquer_um_perto(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        lat, lon = _perto(rng)
        return "GET", "/medicos", {"lat": lat, "lon": lon, "ordenar": "distancia"}

    def so_especialidade(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        return "GET", "/medicos", {"especialidade": rng.choice(especialidades), "pagina": 2}

    def agenda_do_medico(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        return "GET", f"/medicos/{rng.choice(medico_ids)}/agenda", {}

    def sobrenome_comum(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        # The head of the skewed list: Silva, Santos, Oliveira (~16 %, ~12 %, ~10 % of names).
        return "GET", "/medicos", {"nome": rng.choice(["silva", "Santos", "oliveira"])}

    def nome_completo_raro(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        return "GET", "/medicos", {"nome": rng.choice(nomes_raros)}

    def dois_prefixos(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        # "hel cos": the start of a first name and of a surname, as typed, without accents.
        primeiro = _sem_acento(rng.choice(NOMES_F + NOMES_M))[:3]
        sobrenome = _sem_acento(rng.choice(SOBRENOMES))[:3]
        return "GET", "/medicos", {"nome": f"{primeiro} {sobrenome}"}

    def nome_e_especialidade_perto(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
        lat, lon = _perto(rng)
        params = {
            "nome": _sem_acento(rng.choice(SOBRENOMES)),
            "especialidade": rng.choice(especialidades),
            "lat": lat,
            "lon": lon,
            "raio_km": 50,
        }
        return "GET", "/medicos", params

    return {
        "especialidade + 50 km, por distância": especialidade_perto,
        "especialidade + 30 km + nota >= 4, por avaliação": melhor_avaliados,
        "especialidade + 100 km + disponível em dias, por próximo horário": disponivel_logo,
        "sem filtro, os mais próximos": qualquer_um_perto,
        "só especialidade, página 2": so_especialidade,
        "agenda de um médico (7 dias)": agenda_do_medico,
        "nome: sobrenome comum (silva, santos, oliveira)": sobrenome_comum,
        "nome: nome completo com título (único na base)": nome_completo_raro,
        "nome: dois prefixos sem acento ('hel cos')": dois_prefixos,
        "nome: sobrenome + especialidade + 50 km": nome_e_especialidade_perto,
    }


def _percentis(amostras: list[float]) -> dict[str, float]:
    q = statistics.quantiles(amostras, n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98], "max": max(amostras)}


async def medir(url: str, amostras: int, aquecimento: int = 30) -> dict[str, dict[str, float]]:
    """Time each kind of request through the whole product, one request at a time."""
    from gateway.app import Gateway, GatewaySettings
    from gateway.services import build_apps

    conn = await asyncpg.connect(url)
    try:
        especialidades = [
            r["slug"] for r in await conn.fetch("select slug from medico.especialidades")
        ]
        medico_ids = [
            str(r["id"])
            for r in await conn.fetch("select id from medico.medicos order by random() limit 2000")
        ]
        nomes_raros = [
            r["nome"]
            for r in await conn.fetch(
                "select nome from medico.medicos group by nome having count(*) = 1"
                " order by random() limit 500"
            )
        ]
    finally:
        await conn.close()
    with tempfile.TemporaryDirectory() as data_dir:
        settings: dict[str, Any] = {
            "profile": "local",
            "database_url": url,
            "data_dir": data_dir,
            "gateway_limite_por_segundo": 1_000_000.0,
            "gateway_rajada": 1_000_000,
            "log_level": "WARNING",
        }
        gw = Gateway(GatewaySettings(**settings), build_apps(settings))
        resultados: dict[str, dict[str, float]] = {}
        todas: list[float] = []
        async with gw.lifespan():
            transport = httpx.ASGITransport(app=gw)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://bench/api", timeout=30
            ) as api:
                rng = random.Random(2026)
                for nome, gerar_consulta in consultas_tipicas(
                    especialidades, medico_ids, nomes_raros
                ).items():
                    tempos: list[float] = []
                    achados: list[int] = []
                    for i in range(aquecimento + amostras):
                        metodo, caminho, params = gerar_consulta(rng)
                        t0 = time.perf_counter()
                        r = await api.request(metodo, caminho, params=params)
                        dt = (time.perf_counter() - t0) * 1000
                        assert r.status_code == 200, (caminho, params, r.status_code, r.text)
                        if i >= aquecimento:
                            tempos.append(dt)
                            corpo = r.json()
                            achados.append(len(corpo.get("itens", corpo.get("horarios", []))))
                    resultados[nome] = {
                        **_percentis(tempos),
                        "itens_por_resposta": statistics.fmean(achados),
                    }
                    todas += tempos
                    print(_linha(nome, resultados[nome]), flush=True)
        resultados["todas"] = _percentis(todas)
        print(_linha("todas", resultados["todas"]))
    return resultados


def _linha(nome: str, p: dict[str, float]) -> str:
    itens = f"  itens/resp. {p['itens_por_resposta']:5.1f}" if "itens_por_resposta" in p else ""
    return (
        f"{nome:<66} p50 {p['p50']:6.1f} ms  p95 {p['p95']:6.1f} ms"
        f"  p99 {p['p99']:6.1f} ms  max {p['max']:6.1f} ms{itens}"
    )


async def explicar(url: str) -> None:
    """The plans of the name searches, as the medico service runs them (EXPLAIN ANALYZE): the
    index each one reads and how long PostgreSQL took."""
    from services.medico.adapters.repository import sql_da_busca
    from services.medico.domain.busca import criterios

    conn = await asyncpg.connect(url, server_settings={"search_path": "medico,public"})
    try:
        for nome in ("silva", "hel cos", "Dra. Conceição Assunção Brandão"):
            sql, params = sql_da_busca(criterios(nome=nome))
            nomes = list(params)
            for i, chave in enumerate(nomes, start=1):
                sql = sql.replace(f":{chave}", f"${i}")
            plano = await conn.fetch(
                "explain (analyze, costs off, timing off, summary on) " + sql,
                *params.values(),
            )
            linhas = [r[0] for r in plano]
            print(f"EXPLAIN nome={nome!r}:")
            for linha in linhas:
                if "Index" in linha or "Execution" in linha or "Recheck" in linha:
                    print("   ", linha.strip())
    finally:
        await conn.close()


async def contar(url: str) -> tuple[int, int]:
    """How many doctors and slots the benchmark database holds."""
    conn = await asyncpg.connect(url)
    try:
        medicos = await conn.fetchval("select count(*) from medico.medicos")
        horarios = await conn.fetchval("select count(*) from consulta.horarios")
        return int(medicos), int(horarios)
    finally:
        await conn.close()


def main() -> None:
    """Generate (once) and measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--medicos", type=int, default=100_000)
    parser.add_argument("--horarios-por-medico", type=int, default=50)
    parser.add_argument("--amostras", type=int, default=300)
    parser.add_argument("--regerar", action="store_true", help="recria o banco do zero")
    args = parser.parse_args()

    server = EmbeddedPostgres(DADOS / "postgres")
    try:
        url = ensure_database(server.uri(), BANCO, drop=args.regerar)
        migrate_all(url)
        url = with_database(server.uri(), BANCO)
        asyncio.run(gerar(url, args.medicos, args.horarios_por_medico))
        medicos, horarios = asyncio.run(contar(url))
        print(f"base: {medicos} médicos, {horarios} horários")
        asyncio.run(medir(url, args.amostras))
        asyncio.run(explicar(url))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
