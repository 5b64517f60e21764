"""The routing table and the services' OpenAPI documents agree, both ways."""

from __future__ import annotations

import json
import re

import pytest

from gateway.routing import TABLE_PATH, RoutingTable
from gateway.services import build_apps

_METHODS = {"get", "post", "put", "delete", "patch"}


def _operations(profile: str) -> set[tuple[str, str, str]]:
    ops = set()
    for name, app in build_apps({"profile": profile}).items():
        for path, item in app.openapi().get("paths", {}).items():
            for method in item:
                if method in _METHODS:
                    ops.add((method.upper(), path, name))
    return ops


def _rows(profile: str) -> set[tuple[str, str, str]]:
    table = RoutingTable.load(profile)
    return {(r.metodo, r.caminho, r.servico) for r in table.rotas if r.metodo != "WS"}


@pytest.mark.parametrize("profile", ["local"])
def test_toda_rota_publica_de_um_servico_esta_na_tabela(profile):
    missing = _operations(profile) - _rows(profile)
    assert not missing, f"rotas sem linha em gateway/rotas.json: {sorted(missing)}"


@pytest.mark.parametrize("profile", ["local"])
def test_toda_linha_da_tabela_existe_em_algum_servico(profile):
    orphan = _rows(profile) - _operations(profile)
    assert not orphan, f"linhas de gateway/rotas.json sem rota no serviço: {sorted(orphan)}"


def test_linhas_sem_duplicatas_e_com_servico_conhecido():
    rows = json.loads(TABLE_PATH.read_text())["rotas"]
    keys = [(r["metodo"], r["caminho"]) for r in rows]
    assert len(keys) == len(set(keys))
    from libs.settings import SERVICES

    assert {r["servico"] for r in rows} <= set(SERVICES)


def test_rotas_de_desenvolvimento_so_existem_no_perfil_local():
    local = {r.caminho for r in RoutingTable.load("local").rotas}
    aws = {r.caminho for r in RoutingTable.load("aws").rotas}
    assert "/dev/emails" in local and "/dev/emails" not in aws


def test_caminho_mais_literal_vence():
    table = RoutingTable.load("local")
    from gateway.routing import Rota, _compile

    rows = [
        Rota("GET", "/x/{id}", "medico", pattern=_compile("/x/{id}")),
        Rota("GET", "/x/especial", "consulta", pattern=_compile("/x/especial")),
    ]
    table = RoutingTable(rows)
    assert table.match("GET", "/x/especial")[0].servico == "consulta"
    assert table.match("GET", "/x/123")[0].servico == "medico"
    assert table.match("POST", "/x/123") == (None, True)
    assert table.match("GET", "/y") == (None, False)


def test_toda_linha_ws_e_um_websocket_de_algum_servico_e_vice_versa():
    # WebSocket routes are not in OpenAPI: they are checked against the apps' routers instead
    # (FastAPI keeps an included router as one route that holds the router and its prefix).
    from starlette.routing import WebSocketRoute

    def websockets(routes, prefixo=""):
        for route in routes:
            incluido = getattr(route, "include_context", None)
            if incluido is not None:
                yield from websockets(route.original_router.routes, prefixo + incluido.prefix)
            elif isinstance(route, WebSocketRoute):
                yield prefixo + route.path

    rows = {(r.caminho, r.servico) for r in RoutingTable.load("local").rotas if r.metodo == "WS"}
    sockets = {
        (path, name)
        for name, app in build_apps({"profile": "local"}).items()
        for path in websockets(app.routes)
    }
    assert rows and rows == sockets


def test_linha_publica_e_exatamente_a_rota_que_dispensa_token():
    """``publica`` drives the edge's JWT authorizer: it must match what each service requires."""
    anonymous = set()
    for name, app in build_apps({"profile": "local"}).items():
        for path, item in app.openapi().get("paths", {}).items():
            for method, op in item.items():
                if method in _METHODS and not op.get("security"):
                    anonymous.add((method.upper(), path, name))
    publicas = {
        (r.metodo, r.caminho, r.servico) for r in RoutingTable.load("local").rotas if r.publica
    }
    assert publicas == anonymous
    assert ("POST", "/auth/login", "auth") in publicas
    assert ("POST", "/auth/logout", "auth") not in publicas


def test_o_indice_de_caminhos_literais_responde_o_mesmo_que_a_varredura() -> None:
    for perfil in ("local", "aws"):
        table = RoutingTable.load(perfil)
        caminhos = {re.sub(r"\{[^}]+\}", "abc123", r.caminho) for r in table.rotas}
        assert any("abc123" not in c for c in caminhos)  # literal ones exist
        for caminho in caminhos | {"/nao/existe"}:
            for metodo in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "WS"):
                assert table.match(metodo, caminho) == table.varrer(metodo, caminho), (
                    perfil,
                    metodo,
                    caminho,
                )
