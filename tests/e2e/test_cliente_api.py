"""The web app's typed client must match the API the gateway publishes right now."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "frontend" / "scripts" / "dump_openapi.py"
SCHEMA_TS = ROOT / "frontend" / "src" / "api" / "schema.d.ts"
REGENERAR = (
    "O cliente da API do aplicativo web está desatualizado em relação ao OpenAPI do gateway "
    "(um serviço ou rota mudou). Rode `make api-client` e faça commit de "
    "frontend/src/api/openapi.json e frontend/src/api/schema.d.ts."
)


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dump_openapi", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_openapi_do_app_e_o_que_o_gateway_publica():
    script = _script()
    atual = script.render(script.current_openapi())
    commitado = script.TARGET.read_text(encoding="utf-8")
    assert commitado == atual, REGENERAR


def test_tipos_typescript_cobrem_cada_caminho_do_openapi():
    spec = json.loads(_script().TARGET.read_text(encoding="utf-8"))
    tipos = SCHEMA_TS.read_text(encoding="utf-8")
    faltando = [p for p in spec["paths"] if f'"{p}": {{' not in tipos]
    assert not faltando, f"{REGENERAR} Caminhos sem tipos: {faltando}"
