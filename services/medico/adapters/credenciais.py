"""The auth service, seen from a registration: create, remove and re-address credentials.

Translates auth's answers into this service's errors: 409 → :class:`DadoEmUso` (the field
named from auth's message), 422 → :class:`errors.DadosInvalidos` with auth's field errors.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import httpx

from libs import errors
from libs.service_client import ServiceClient
from services.medico.domain.erros import DadoEmUso

_log = logging.getLogger("healthmed.medico.credenciais")


def _erro(response: httpx.Response) -> errors.HealthMedError:
    try:
        body: dict[str, Any] = response.json()
    except ValueError:
        body = {}
    detalhe = str(body.get("detail") or "")
    if response.status_code == 409:
        texto = detalhe.lower()
        campo = "crm" if "crm" in texto else "email" if "mail" in texto else "conta"
        return DadoEmUso(campo, detalhe or "Conta já cadastrada")
    if response.status_code == 422:
        erros = [
            errors.ErroCampo(str(e.get("campo", "corpo")), str(e.get("mensagem", "")))
            for e in body.get("erros") or []
        ]
        return errors.DadosInvalidos(erros or [errors.ErroCampo("senha", detalhe)], detalhe or None)
    _log.error("auth respondeu %s ao serviço medico", response.status_code)
    return errors.ServicoIndisponivel("Serviço de identidade indisponível")


class CredenciaisAuth:
    """Credentials kept by the auth service, over its ``/internal/credenciais`` routes."""

    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def criar(
        self, *, usuario_id: uuid.UUID, email: str, senha: str, crm: str, uf: str
    ) -> None:
        """Create a doctor's login (CRM + UF + password)."""
        body = {
            "usuario_id": str(usuario_id),
            "papel": "medico",
            "email": email,
            "senha": senha,
            "crm": crm,
            "uf": uf,
        }
        response = await self._client.post("auth", "/internal/credenciais", json=body)
        if response.status_code != 201:
            raise _erro(response)

    async def remover(self, usuario_id: uuid.UUID) -> None:
        """Undo :meth:`criar` (compensation)."""
        response = await self._client.delete("auth", f"/internal/credenciais/{usuario_id}")
        if response.status_code not in (204, 404):
            raise _erro(response)

    async def alterar_email(self, usuario_id: uuid.UUID, email: str) -> None:
        """Keep the account e-mail (password recovery) equal to the profile's."""
        response = await self._client.put(
            "auth", f"/internal/credenciais/{usuario_id}/email", json={"email": email}
        )
        if response.status_code != 204:
            raise _erro(response)
