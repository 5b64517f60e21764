"""The collector of a server process is set once its app reports startup (and not before: a
failed startup leaves it alone). Run in a child process: freezing is process-wide."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = """
import asyncio, gc, json
from libs.coleta import LIMIARES, ColetaAposPartida

async def app(scope, receive, send):
    mensagem = await receive()
    assert mensagem["type"] == "lifespan.startup"
    antes.append((gc.get_freeze_count(), gc.get_threshold()))
    await send({"type": "lifespan.startup.complete"})

antes = []
enviadas = []

async def main():
    fila = [{"type": "lifespan.startup"}]
    async def receive():
        return fila.pop(0)
    async def send(m):
        enviadas.append(m["type"])
    await ColetaAposPartida(app)({"type": "lifespan"}, receive, send)

asyncio.run(main())
print(json.dumps({"antes": antes[0], "depois": [gc.get_freeze_count(), gc.get_threshold()],
                  "limiares": LIMIARES, "enviadas": enviadas}))
"""


def test_coletor_e_ajustado_quando_o_app_termina_de_partir() -> None:
    saida = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, cwd=ROOT, check=True
    )
    r = json.loads(saida.stdout)
    (congelados_antes, limiares_antes), (congelados_depois, limiares_depois) = (
        r["antes"],
        r["depois"],
    )
    assert congelados_antes == 0 and limiares_antes != r["limiares"]
    assert congelados_depois > 1000  # the modules and app objects of the process
    assert limiares_depois == r["limiares"]
    assert r["enviadas"] == ["lifespan.startup.complete"]
