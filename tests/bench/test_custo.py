"""The cost bench (issue 14): its pure parts, and one tiny run so that it cannot rot.

No timing is asserted: only that every route and the floor ran and every request succeeded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import custo

ROOT = Path(__file__).resolve().parents[2]


def test_reservas_nunca_repetem_horario_nem_sobrepoem_paciente():
    # 3 doctors on the same grid of 4 times: slot "d:j" is doctor d at time j.
    medicos = [[f"{d}:{j}" for j in range(4)] for d in range(3)]
    pares = custo.reservas(medicos, ["p0", "p1", "p2"], 100)
    assert len(pares) == 12  # every slot once, then it stops
    assert len({h for _, h in pares}) == 12
    tempos_por_paciente: dict[str, list[str]] = {}
    for paciente, horario in pares:
        tempos_por_paciente.setdefault(paciente, []).append(horario.split(":")[1])
    for tempos in tempos_por_paciente.values():
        assert len(tempos) == len(set(tempos))  # never two bookings at one time
    assert len(tempos_por_paciente) == 3


def test_reservas_exigem_pacientes_suficientes():
    with pytest.raises(ValueError, match="pacientes"):
        custo.reservas([["a"], ["b"]], ["p"], 2)


def test_ler_wrk_le_a_linha_do_script():
    saida = (
        "Running 5s test @ http://x\n\n"
        'CUSTO {"ok": 7, "falhas": 1, "status_falha": "409", "segundos": 0.5,'
        ' "p50_ms": 1.5, "p99_ms": 9.0}\n'
    )
    carga = custo.ler_wrk(saida)
    assert (carga.ok, carga.falhas, carga.status_falha) == (7, 1, "409")
    assert carga.p99_ms == pytest.approx(9.0)
    with pytest.raises(RuntimeError, match="wrk"):
        custo.ler_wrk("PANIC: unprotected error")


def test_cpu_por_requisicao_soma_as_arvores_pedidas():
    linha = custo.Linha("x", custo.Carga(200, 0, 2.0, 1.0, 2.0), {"produto": 0.3, "postgres": 0.1})
    assert linha.req_s == pytest.approx(100.0)
    assert linha.cpu_ms() == pytest.approx(2.0)
    assert linha.cpu_ms("postgres") == pytest.approx(0.5)


def test_percentil_por_posicao():
    assert custo.percentil([], 50) == 0.0
    assert custo.percentil([3.0, 1.0, 2.0, 4.0], 50) == 2.0
    assert custo.percentil(list(range(1, 101)), 99) == 99


def test_uma_rodada_minima_sobe_mede_e_para_tudo(tmp_path):
    figuras = tmp_path / "custo.json"
    feito = subprocess.run(  # noqa: S603 - our own arguments
        [
            sys.executable,
            "-m",
            "bench.custo",
            "--mini",
            "--gerador",
            "httpx",
            "--json",
            str(figuras),
            "--pasta",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert feito.returncode == 0, feito.stdout[-3000:] + feito.stderr[-3000:]
    linhas = json.loads(figuras.read_text())
    assert [x["rota"] for x in linhas] == [
        "POST /api/consultas (reserva)",
        "GET /api/medicos?especialidade=",
        "GET /api/consultas (paciente)",
        "piso: a reserva em SQL (asyncpg)",
    ]
    for linha in linhas:
        assert linha["falhas"] == 0, linha
        assert linha["ok"] > 0, linha
        assert linha["cpu_s"]["postgres"] >= 0
    assert "metas (issue 14)" in feito.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["custo.json"]  # the temporary data is gone


def test_python_por_requisicao_mede_cada_rota_e_nao_deixa_nada(tmp_path):
    """The in-process harness runs end to end on a small round (and its temporary database goes
    away with it); the figures themselves are not judged: benches are read, not asserted."""
    feito = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.python_por_requisicao",
            "-n",
            "60",
            "--voltas",
            "1",
            "--separar",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert feito.returncode == 0, feito.stdout[-3000:] + feito.stderr[-3000:]
    linhas = feito.stdout.splitlines()
    for rota in ("busca", "listagem", "reserva"):
        (medida,) = [x for x in linhas if x.startswith(rota) and "ms de CPU Python" in x]
        assert float(medida.split()[2]) > 0, medida
    assert any("dos quais a saída, entregue depois" in x for x in linhas)
    assert sum("PostgreSQL:" in x for x in linhas) == 3
    assert list(tmp_path.iterdir()) == []
