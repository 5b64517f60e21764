"""Register and log in patients and doctors through the public API (test helpers).

Every service's API tests use these instead of reaching into another service's tables: an
account is created exactly as a person would create it (``POST /paciente`` or ``POST /medicos``,
then ``POST /auth/login``). Each call uses fresh, unique data unless overridden.

The returned dict holds the profile answered by the registration (``id``, ``nome``, ``email``,
...), plus:

- ``senha``: the password used;
- ``tokens``: the whole login answer (``access_token``, ``refresh_token``, ``papel``, ...);
- ``access_token`` and ``refresh_token``: shortcuts into ``tokens``;
- ``headers``: ``{"Authorization": "Bearer <access_token>"}``, ready for ``api.get(..., headers=)``;
- ``login``: the identifier sent to ``/auth/login`` (to log in again).
"""

from __future__ import annotations

from typing import Any

import httpx

from libs.testing.data import SENHA, novo_cpf, novo_crm, novo_email


def auth_headers(access_token: str) -> dict[str, str]:
    """The Authorization header for an access token."""
    return {"Authorization": f"Bearer {access_token}"}


async def _login(
    api: httpx.AsyncClient, perfil: dict[str, Any], login: dict[str, str], senha: str
) -> dict[str, Any]:
    r = await api.post("/auth/login", json={**login, "senha": senha})
    assert r.status_code == 200, r.text
    tokens: dict[str, Any] = r.json()
    return {
        **perfil,
        "senha": senha,
        "tokens": tokens,
        "access_token": tokens["access_token"],
        "refresh_token": tokens["refresh_token"],
        "headers": auth_headers(tokens["access_token"]),
        "login": login,
    }


async def registrar_paciente(api: httpx.AsyncClient, **over: Any) -> dict[str, Any]:
    """Register a patient (``POST /paciente``) and log them in by e-mail.

    Keyword arguments override or add fields of the registration body (``nome``, ``email``,
    ``cpf``, ``senha``, ``telefone``, ``data_nascimento``, ``endereco``, ``localizacao``).
    """
    body: dict[str, Any] = {
        "nome": "Paciente de Teste",
        "email": novo_email("paciente"),
        "cpf": novo_cpf(),
        "senha": SENHA,
        **over,
    }
    r = await api.post("/paciente", json=body)
    assert r.status_code == 201, r.text
    return await _login(api, r.json(), {"email": body["email"]}, body["senha"])


async def registrar_medico(api: httpx.AsyncClient, **over: Any) -> dict[str, Any]:
    """Register a doctor (``POST /medicos``) and log them in by CRM + UF.

    Keyword arguments override or add fields of the registration body (``nome``, ``crm``,
    ``uf``, ``email``, ``senha``, ``especialidades``, ``localizacao``, ``fuso_horario``,
    ``antecedencia_minima_minutos``, ...). Default specialty: ``clinica-medica``; default UF: SP.
    """
    body: dict[str, Any] = {
        "nome": "Dra. Médica de Teste",
        "crm": novo_crm(),
        "uf": "SP",
        "email": novo_email("medico"),
        "senha": SENHA,
        "especialidades": ["clinica-medica"],
        **over,
    }
    r = await api.post("/medicos", json=body)
    assert r.status_code == 201, r.text
    return await _login(api, r.json(), {"crm": body["crm"], "uf": body["uf"]}, body["senha"])
