"""The merged contract as client generators need it (issue 20 §1): unique schema names and
titles, every error typed as the one ``Problema``, an example for every JSON body (valid against
its schema), binary content described as ``format: binary``, and a version with a history."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # installed with schemathesis
import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBLEMA = {"$ref": "#/components/schemas/Problema"}


@pytest.fixture(scope="module")
async def contrato(api) -> dict[str, Any]:
    r = await api.get("/openapi.json")
    assert r.status_code == 200, r.text
    spec: dict[str, Any] = r.json()
    return spec


def _operacoes(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (metodo.upper(), caminho, op)
        for caminho, item in spec["paths"].items()
        for metodo, op in item.items()
    ]


def test_nomes_e_titulos_de_schema_sao_unicos(contrato):
    schemas = contrato["components"]["schemas"]
    # Generators turn names and titles into class names: equal ignoring case is a clash.
    nomes = Counter(n.lower() for n in schemas)
    titulos = Counter(s.get("title", n).lower() for n, s in schemas.items())
    assert not [n for n, c in nomes.items() if c > 1]
    assert not [t for t, c in titulos.items() if c > 1]
    assert all(s.get("title") == n for n, s in schemas.items())


def test_toda_resposta_de_erro_e_o_problema(contrato):
    sem_problema = [
        (metodo, caminho, codigo)
        for metodo, caminho, op in _operacoes(contrato)
        for codigo, resposta in op["responses"].items()
        if codigo[0] in "45"
        and resposta.get("content") != {"application/problem+json": {"schema": PROBLEMA}}
    ]
    assert not sem_problema
    assert "HTTPValidationError" not in contrato["components"]["schemas"]
    erros = contrato["components"]["schemas"]["Problema"]["properties"]["erros"]
    assert erros["items"] == {"$ref": "#/components/schemas/ErroDeCampo"}


def test_operacao_com_token_declara_o_401(contrato):
    sem_401 = [
        (metodo, caminho)
        for metodo, caminho, op in _operacoes(contrato)
        if op.get("security") and "401" not in op["responses"]
    ]
    assert not sem_401


def test_todo_corpo_json_tem_exemplo_valido(contrato):
    faltando = []
    for metodo, caminho, op in _operacoes(contrato):
        corpo = op.get("requestBody", {}).get("content", {})
        for tipo, media in corpo.items():
            if tipo != "application/json":
                assert media["schema"] == {"type": "string", "format": "binary"}, caminho
                continue
            if "example" not in media:
                faltando.append((metodo, caminho))
                continue
            documento = {**media["schema"], "components": contrato["components"]}
            jsonschema.validate(media["example"], documento)
    assert not faltando


def test_downloads_sao_binarios(contrato):
    binarias = {
        (metodo, caminho): tipo
        for metodo, caminho, op in _operacoes(contrato)
        for tipo, media in op["responses"].get("200", {}).get("content", {}).items()
        if media.get("schema") == {"type": "string", "format": "binary"}
    }
    assert binarias == {
        ("GET", "/prontuario/arquivos/{token}"): "application/octet-stream",
        ("GET", "/prontuario/{paciente_id}/exportacao"): "application/zip",
    }


def test_versao_e_a_ultima_do_historico_em_api_extensoes(contrato):
    texto = (ROOT / "docs" / "api-extensoes.md").read_text(encoding="utf-8")
    historico = texto.split("## Versões", 1)[1]
    versoes = re.findall(r"^### (\d+\.\d+\.\d+)", historico, flags=re.MULTILINE)
    assert versoes and contrato["info"]["version"] == versoes[0]
    assert "Depreciação" in historico
