"""Property-based fuzzing of every public operation from the merged OpenAPI (schemathesis).

Whatever a client sends (valid or not, anonymous or logged in): never a 500, and every error is
problem+json. Requests go through the real gateway and services against the real PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings

from libs.testing.contas import registrar_medico, registrar_paciente

MAX_EXAMPLES = 12


def _request_kwargs(case: Any, headers: dict[str, str]) -> dict[str, Any]:
    kw = case.as_transport_kwargs(base_url="http://testserver/api", headers=headers)
    out: dict[str, Any] = {
        "method": kw["method"],
        "url": kw["url"],
        "headers": {
            k: v for k, v in (kw.get("headers") or {}).items() if k.lower() != "content-length"
        },
        "params": kw.get("params"),
    }
    if kw.get("json") is not None:
        out["json"] = kw["json"]
    elif kw.get("data") is not None:
        data = kw["data"]
        out["content"] = data if isinstance(data, bytes | str) else None
        if out["content"] is None:
            out["data"] = data
    return out


def _fuzz_operation(
    operation: Any, send: Any, headers: dict[str, str], failures: list[str]
) -> None:
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        kwargs = _request_kwargs(case, headers)
        label = f"{kwargs['method']} {kwargs['url']}"
        response: httpx.Response = send(dict(kwargs))
        label += f" -> {response.status_code}"
        if os.environ.get("FUZZ_DEBUG"):
            print(label[:120])
        if response.status_code >= 500:
            failures.append(f"{label}: {response.text[:300]}")
        elif response.status_code >= 400:
            ctype = response.headers.get("content-type", "")
            if not ctype.startswith("application/problem+json"):
                failures.append(f"{label}: content-type {ctype}")

    run()


@pytest.mark.xdist_group("fuzz")
@pytest.mark.parametrize("papel", ["anonimo", "paciente", "medico"])
async def test_nenhuma_entrada_gera_500_e_todo_erro_e_problem_json(api, gateway, papel):
    headers: dict[str, str] = {}
    if papel == "paciente":
        headers = {"Authorization": f"Bearer {(await registrar_paciente(api))['access_token']}"}
    elif papel == "medico":
        headers = {"Authorization": f"Bearer {(await registrar_medico(api))['access_token']}"}
    schema = schemathesis.openapi.from_dict(gateway.openapi())
    loop = asyncio.get_running_loop()

    def send(kwargs: dict[str, Any]) -> httpx.Response:
        url = kwargs.pop("url").removeprefix("http://testserver/api")
        return asyncio.run_coroutine_threadsafe(api.request(url=url, **kwargs), loop).result(
            timeout=30
        )

    failures: list[str] = []

    def fuzz_all() -> None:
        for result in schema.get_all_operations():
            operation = result.ok()
            if headers and operation.path == "/auth/logout":
                continue  # it would end the session the rest of the run uses
            _fuzz_operation(operation, send, headers, failures)

    await asyncio.to_thread(fuzz_all)
    assert not failures, "\n".join(failures[:20])
