"""What FastAPI works out about a declared parameter, worked out once per parameter.

FastAPI 0.165 re-derives, for every query, header and cookie parameter of every request, facts
that depend only on the declaration: whether it is a parameter model, its aliases, whether its
annotation is a sequence or ``Json``. For the doctor search (11 query parameters) that was a
quarter of the request's Python in a profile, ~0.13 ms of CPU per request (bench/custo.py,
issue 14). :func:`instalar` wraps those four pure functions with a cache keyed by the
parameter (its ``ModelField`` lives as long as the app, and the cache holds it, so its id is
never reused) or by the annotation.

Guarded: if a FastAPI upgrade renames or drops any of them, nothing is patched and requests
take FastAPI's own path (``gateway/tests/test_fastapi_parametros.py`` then fails, so the
upgrade is noticed). The proper fix belongs upstream; this is the stopgap.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from fastapi.dependencies import utils as _utils

_FUNCOES_POR_CAMPO = ("_get_param_model", "_get_param_aliases", "_is_json_field")
# Far above what the product declares (a few hundred parameters): reached only if FastAPI ever
# built fields per request, or a process builds app after app (the tests); then it starts over
# instead of holding every field it ever saw.
_LIMITE = 20_000
_instalado = False
_caches: list[dict[Any, Any]] = []


def _por_campo(funcao: Callable[..., Any]) -> Callable[..., Any]:
    guardados: dict[tuple[int, tuple[tuple[str, Any], ...]], tuple[Any, Any]] = {}

    @functools.wraps(funcao)
    def memorizada(field: Any, **opcoes: Any) -> Any:
        chave = (id(field), tuple(sorted(opcoes.items())))
        achado = guardados.get(chave)
        if achado is None:
            if len(guardados) >= _LIMITE:
                guardados.clear()
            achado = (field, funcao(field, **opcoes))  # field held: its id stays unique
            guardados[chave] = achado
        return achado[1]

    memorizada.__wrapped__ = funcao  # type: ignore[attr-defined]
    _caches.append(guardados)
    return memorizada


def guardados() -> int:
    """How many answers per parameter are held (constant once every route has been called)."""
    return sum(len(cache) for cache in _caches)


def _por_anotacao(funcao: Callable[[Any], bool]) -> Callable[[Any], bool]:
    guardada = functools.lru_cache(maxsize=4096)(funcao)

    @functools.wraps(funcao)
    def memorizada(anotacao: Any) -> bool:
        try:
            return guardada(anotacao)
        except TypeError:  # an unhashable annotation: not cached
            return funcao(anotacao)

    memorizada.__wrapped__ = funcao  # type: ignore[attr-defined]
    return memorizada


def instalar() -> bool:
    """Patch FastAPI's parameter helpers once per process; False when they are not there."""
    global _instalado
    if _instalado:
        return True
    nomes = (*_FUNCOES_POR_CAMPO, "field_annotation_is_sequence")
    if not all(callable(getattr(_utils, nome, None)) for nome in nomes):
        return False
    for nome in _FUNCOES_POR_CAMPO:
        setattr(_utils, nome, _por_campo(getattr(_utils, nome)))
    nome = "field_annotation_is_sequence"  # imported into FastAPI's module: looked up there
    setattr(_utils, nome, _por_anotacao(getattr(_utils, nome)))
    _instalado = True
    return True
