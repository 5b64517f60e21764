"""FastAPI's parameter helpers, worked out once per parameter (libs/fastapi_parametros.py),
answer exactly what FastAPI's own do, for every parameter of every route of the product."""

from __future__ import annotations

from typing import Any

from fastapi.dependencies import utils
from fastapi.routing import APIRoute

from gateway.services import build_apps
from libs import fastapi_parametros


def _parametros() -> list[Any]:
    """Every query, header and cookie parameter of every route (included routers walked)."""
    campos: list[Any] = []
    rotas: list[Any] = [r for app in build_apps().values() for r in app.routes]
    while rotas:
        rota = rotas.pop()
        incluido = getattr(rota, "original_router", None)  # FastAPI's _IncludedRouter
        if incluido is not None:
            rotas += incluido.routes
        elif isinstance(rota, APIRoute):
            pilha = [rota.dependant]
            while pilha:
                atual = pilha.pop()
                campos += [*atual.query_params, *atual.header_params, *atual.cookie_params]
                pilha += atual.dependencies
    return campos


def test_instalado_na_versao_do_uv_lock() -> None:
    # Fails when an upgrade of FastAPI renames the helpers: the stopgap then does nothing.
    assert fastapi_parametros.instalar()
    assert hasattr(utils._get_param_model, "__wrapped__")


def test_cada_parametro_tem_as_mesmas_respostas_que_o_fastapi_daria() -> None:
    fastapi_parametros.instalar()
    campos = _parametros()
    assert {"avaliacao_min", "raio_km", "disponivel_ate", "por_pagina"} <= {
        c.name for c in campos
    }  # the search's, among others
    u: Any = utils  # the patched helpers carry __wrapped__, which FastAPI's types do not say
    for campo in campos:
        for nome in ("_get_param_model", "_is_json_field"):
            funcao = getattr(u, nome)
            assert funcao(campo) == funcao.__wrapped__(campo), (nome, campo)
            assert funcao(campo) == funcao.__wrapped__(campo)  # from the cache
        for opcoes in ({}, {"convert_underscores": True}):
            funcao = u._get_param_aliases
            assert funcao(campo, **opcoes) == funcao.__wrapped__(campo, **opcoes)
            assert funcao(campo, **opcoes) == funcao.__wrapped__(campo, **opcoes)
        anotacao = campo.field_info.annotation
        sequencia = u.field_annotation_is_sequence
        assert sequencia(anotacao) == sequencia.__wrapped__(anotacao)
