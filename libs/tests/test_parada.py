"""libs.parada: stop signals unwind the process cleanly, and wait while a step must not be cut.

Each case runs a few lines in a fresh interpreter (signals sent to the test process itself
would reach pytest); the product-level proofs are tests/faults/test_parada.py and
tests/infra/test_runner.py.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _rodar(codigo: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own interpreter and program)
        [sys.executable, "-c", textwrap.dedent(codigo)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize("sinal", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=str)
def test_sinal_de_parada_roda_o_finally_e_sai_com_zero(sinal):
    r = _rodar(f"""
        import os, time
        from libs import parada
        with parada.parar_por_sinal():
            try:
                os.kill(os.getpid(), {int(sinal)})
                time.sleep(5)
                print("não parou")
            finally:
                print("finally rodou")
        print("saiu do bloco")
    """)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["finally", "rodou", "saiu", "do", "bloco"]


def test_adiar_termina_o_passo_antes_de_parar_e_um_segundo_sinal_nao_corta_a_limpeza():
    r = _rodar("""
        import os, signal
        from libs import parada
        with parada.parar_por_sinal():
            try:
                with parada.adiar():
                    os.kill(os.getpid(), signal.SIGTERM)
                    print("passo inteiro")
                print("não parou")
            finally:
                os.kill(os.getpid(), signal.SIGTERM)  # a second stop during the clean-up
                print("limpeza inteira")
    """)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["passo inteiro", "limpeza inteira"]


def test_tarefa_parada_por_sinal_sai_com_128_mais_o_sinal_depois_do_finally():
    """A loader or an operator command that was stopped did not do its work: ``a && b`` must
    not go on to ``b``."""
    r = _rodar("""
        import os, signal
        from libs import parada
        with parada.parar_por_sinal(tarefa=True):
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                print("não parou")
            finally:
                print("finally rodou")
    """)
    assert r.returncode == 128 + signal.SIGTERM, r.stderr
    assert r.stdout.splitlines() == ["finally rodou"]
