"""The load test's pure measurements: CPU from /proc, the sizing arithmetic, the samples."""

from __future__ import annotations

import os

import pytest

from bench import medicao

# A real /proc/<pid>/stat line whose command name holds a space and a ")".
STAT = (
    "4242 (uvicorn (w) 1) S 4200 4242 4200 0 -1 4194304 900 0 0 0 "
    "250 50 30 20 20 0 5 0 1000 100000 2000 18446744073709551615"
)


def test_cpu_do_stat_conta_proprio_e_filhos_colhidos_depois_do_ultimo_parentese():
    ppid, segundos = medicao.cpu_do_stat(STAT, ticks=100)
    assert ppid == 4200
    assert segundos == pytest.approx((250 + 50 + 30 + 20) / 100)


def test_processos_inclui_este_processo_com_o_pai_certo():
    vivos = medicao.processos()
    assert vivos[os.getpid()][0] == os.getppid()
    assert vivos[os.getpid()][1] > 0


def test_cpu_da_arvore_soma_descendentes_e_ignora_outros_ramos():
    vivos = {
        1: (0, 100.0),
        10: (1, 2.0),  # the root of the tree
        11: (10, 3.0),
        12: (11, 0.5),  # grandchild
        20: (1, 7.0),  # another branch
    }
    assert medicao.cpu_da_arvore(10, vivos) == pytest.approx(5.5)
    assert medicao.cpu_da_arvore(99, vivos) == 0.0  # gone


def test_dimensionar_converte_cpu_por_requisicao_em_vcpu_no_alvo_com_folga():
    # 9 CPU seconds over 3,000 requests: 3 ms each, i.e. 3 vCPU busy per 1,000 req/s.
    dim = medicao.dimensionar(9.0, 3_000, req_s=3_200, utilizacao=0.6)
    assert dim.cpu_por_req_ms == pytest.approx(3.0)
    assert dim.vcpu_por_mil_req_s == pytest.approx(3.0)
    assert dim.vcpu_no_alvo == pytest.approx(9.6)
    assert dim.vcpu_necessarias == pytest.approx(16.0)


def test_dimensionar_sem_requisicoes_e_recusado():
    with pytest.raises(ValueError, match="nenhuma"):
        medicao.dimensionar(1.0, 0)


def test_resumo_das_amostras_da_pico_e_media():
    amostras = medicao.Amostras(conexoes=[10, 30, 20], esperas_cadeia=[0, 2, 0])
    resumo = amostras.resumo()
    assert resumo["conexoes_pico"] == 30
    assert resumo["conexoes_media"] == pytest.approx(20.0)
    assert resumo["esperas_cadeia_pico"] == 2
    assert resumo["esperas_pico"] == 0  # no samples: zero, not an error
