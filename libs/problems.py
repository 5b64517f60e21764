"""The one mapping from errors to ``application/problem+json`` (RFC 9457), in Portuguese."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from libs import errors

PROBLEM_TYPE_BASE = "https://healthmed.dev/problemas/"
MEDIA_TYPE = "application/problem+json"
_log = logging.getLogger("healthmed.errors")

_HTTP_TITLES = {
    400: ("requisicao-invalida", "Requisição inválida"),
    401: ("nao-autenticado", "Não autenticado"),
    403: ("proibido", "Acesso negado"),
    404: ("nao-encontrado", "Não encontrado"),
    405: ("metodo-nao-permitido", "Método não permitido"),
    413: ("muito-grande", "Conteúdo grande demais"),
    415: ("tipo-nao-suportado", "Tipo de conteúdo não suportado"),
    429: ("limite-excedido", "Muitas tentativas"),
}


def problem(
    status: int,
    slug: str,
    titulo: str,
    detalhe: str,
    *,
    erros: list[errors.ErroCampo] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Build a problem+json response."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + slug,
        "title": titulo,
        "status": status,
        "detail": detalhe,
    }
    if erros is not None:
        body["erros"] = [{"campo": e.campo, "mensagem": e.mensagem} for e in erros]
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def from_error(exc: errors.HealthMedError) -> JSONResponse:
    """The problem+json answer for a HealthMed error."""
    headers = None
    if isinstance(exc, errors.LimiteExcedido):
        headers = {"Retry-After": str(exc.retry_after)}
    elif exc.status == 503:
        headers = {"Retry-After": "5"}
    erros = exc.erros if isinstance(exc, errors.DadosInvalidos) else None
    return problem(exc.status, exc.slug, exc.titulo, exc.detalhe, erros=erros, headers=headers)


def _campo(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "corpo"


def _quantos(n: Any, kind: str) -> str:
    """``1 caractere``, ``8 caracteres``, ``2 itens`` (a list): never ``caractere(s)``."""
    if kind.startswith("string"):
        return f"{n} {'caractere' if n == 1 else 'caracteres'}"
    return f"{n} {'item' if n == 1 else 'itens'}"


def _mensagem(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "Campo obrigatório"
    if kind == "value_error":
        msg = str(err.get("msg", ""))
        if "email address" in msg:
            return "E-mail inválido"
        return msg.removeprefix("Value error, ")
    if kind == "assertion_error":
        return str(err.get("msg", "")).removeprefix("Assertion failed, ")
    if kind in ("string_too_short", "too_short"):
        return f"Deve ter pelo menos {_quantos(ctx.get('min_length'), kind)}"
    if kind in ("string_too_long", "too_long"):
        return f"Deve ter no máximo {_quantos(ctx.get('max_length'), kind)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"Deve ser maior ou igual a {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"Deve ser menor ou igual a {ctx.get('le', ctx.get('lt'))}"
    if kind.startswith("int") or kind.startswith("float") or kind.startswith("decimal"):
        return "Deve ser um número"
    if kind.startswith("uuid"):
        return "Identificador inválido"
    if kind.startswith("datetime") or kind.startswith("timezone"):
        return "Data e hora inválidas (use ISO 8601 com fuso, ex.: 2026-12-01T14:00:00-03:00)"
    if kind.startswith("date"):
        return "Data inválida (use AAAA-MM-DD)"
    if kind in ("literal_error", "enum"):
        return f"Valor inválido; aceitos: {ctx.get('expected', '')}"
    if kind == "json_invalid":
        return "JSON inválido"
    if kind in ("string_type", "model_type", "dict_type", "list_type", "bool_type", "bool_parsing"):
        return "Tipo de valor inválido"
    if kind == "extra_forbidden":
        return "Campo não permitido"
    if kind == "value_error.email" or "email" in kind:
        return "E-mail inválido"
    return "Valor inválido"


def validation_errors(raw: list[Any]) -> list[errors.ErroCampo]:
    """Translate pydantic's validation errors into Portuguese field errors."""
    return [errors.ErroCampo(_campo(tuple(e.get("loc", ()))), _mensagem(e)) for e in raw]


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into problem+json."""

    @app.exception_handler(errors.HealthMedError)
    async def _domain(_: Request, exc: errors.HealthMedError) -> JSONResponse:
        if exc.status >= 500:
            _log.error("erro %s: %s", exc.slug, exc.detalhe)
        return from_error(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        erros = validation_errors(list(exc.errors()))
        detalhe = "; ".join(f"{e.campo}: {e.mensagem}" for e in erros)
        return problem(422, "dados-invalidos", "Dados inválidos", detalhe, erros=erros)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        slug, titulo = _HTTP_TITLES.get(exc.status_code, ("erro", "Erro"))
        detalhe = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else titulo
        if exc.status_code == 404:
            detalhe = "Recurso não encontrado"
        return problem(
            exc.status_code, slug, titulo, detalhe, headers=getattr(exc, "headers", None)
        )

    # Registered per class so they are answered here and not re-raised past the app (Starlette
    # re-raises whatever reaches the catch-all handler).
    @app.exception_handler(sqlalchemy.exc.DBAPIError)
    @app.exception_handler(sqlalchemy.exc.TimeoutError)
    @app.exception_handler(OSError)
    async def _infrastructure(request: Request, exc: Exception) -> JSONResponse:
        return await _unexpected(request, exc)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        if is_unavailable(exc):
            # The database (or a socket below it) is down or restarting: say so, briefly.
            _log.warning("dependência indisponível: %s", type(exc).__name__)
            return problem(
                503,
                "servico-indisponivel",
                "Serviço indisponível",
                errors.INDISPONIVEL,
                headers={"Retry-After": "5"},
            )
        _log.exception("erro inesperado", exc_info=exc)
        return problem(500, "erro-interno", "Erro interno", "Erro interno; tente novamente.")


def is_unavailable(exc: BaseException) -> bool:
    """True for failures of infrastructure (database down, connection lost, timeout), which
    deserve a 503 the client may retry, not a 500."""
    if isinstance(exc, sqlalchemy.exc.DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, sqlalchemy.exc.OperationalError | sqlalchemy.exc.InterfaceError):
        return True
    if isinstance(exc, sqlalchemy.exc.TimeoutError | ConnectionError | TimeoutError | OSError):
        return True
    cause = exc.__cause__ or exc.__context__
    if isinstance(cause, OSError | ConnectionError):
        return True
    orig = getattr(exc, "orig", None)
    return (
        type(orig).__name__ in _UNAVAILABLE_DRIVER_ERRORS
        or type(exc).__name__ in _UNAVAILABLE_DRIVER_ERRORS
    )


_UNAVAILABLE_DRIVER_ERRORS = frozenset(
    {
        "CannotConnectNowError",
        "ConnectionDoesNotExistError",
        "ConnectionFailureError",
        "AdminShutdownError",
    }
)
