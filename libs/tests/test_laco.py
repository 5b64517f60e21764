"""The background loop of the outboxes (libs.laco)."""

from __future__ import annotations

import asyncio
import logging

from libs.laco import LacoDeFundo

_log = logging.getLogger("teste.laco")


async def _ate(condicao, limite: float = 5.0) -> None:
    async with asyncio.timeout(limite):
        while not condicao():  # noqa: ASYNC110 - polls a plain list, nothing to await
            await asyncio.sleep(0.01)


async def test_acordar_roda_um_passo_sem_esperar_o_intervalo():
    passos: list[int] = []

    async def passo() -> None:
        passos.append(1)

    laco = LacoDeFundo("t", passo, intervalo=3600, log=_log, falha="x")
    laco.start()
    try:
        laco.acordar()
        await _ate(lambda: len(passos) == 1)
    finally:
        await laco.stop()


async def test_um_passo_que_falha_nao_para_o_laco(caplog):
    chamadas: list[int] = []

    async def passo() -> None:
        chamadas.append(1)
        if len(chamadas) == 1:
            raise ConnectionError("fora do ar")

    laco = LacoDeFundo("t", passo, intervalo=0.01, log=_log, falha="falhou", com_traceback=False)
    laco.start()
    try:
        await _ate(lambda: len(chamadas) >= 2)
    finally:
        await laco.stop()
    assert "falhou: ConnectionError" in caplog.text


async def test_parado_nao_roda_mais():
    passos: list[int] = []

    async def passo() -> None:
        passos.append(1)

    laco = LacoDeFundo("t", passo, intervalo=0.01, log=_log, falha="x")
    laco.start()
    await _ate(lambda: len(passos) >= 1)
    await laco.stop()
    antes = len(passos)
    laco.acordar()
    await asyncio.sleep(0.05)
    assert len(passos) == antes
