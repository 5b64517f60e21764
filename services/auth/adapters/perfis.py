"""The profile services over their internal routes: does this registration's profile exist,
and putting back an e-mail whose change was undone."""

from __future__ import annotations

import logging
import uuid

from libs import errors
from libs.service_client import ServiceClient

_log = logging.getLogger("healthmed.auth.reconciliacao")

# The route of each role's profile, in the service that owns it.
_ROTAS = {
    "medico": ("medico", "/internal/medicos/{}"),
    "paciente": ("paciente", "/internal/pacientes/{}"),
}


class PerfisHttp:
    """Asks ``GET /internal/medicos/{id}`` or ``GET /internal/pacientes/{id}``."""

    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def existe(self, papel: str, usuario_id: uuid.UUID) -> bool | None:
        """200: it exists; 404: it does not; anything else (or no answer): cannot tell."""
        servico, rota = _ROTAS[papel]
        try:
            response = await self._client.get(servico, rota.format(usuario_id))
        except errors.ServicoIndisponivel as exc:
            _log.warning("serviço %s indisponível para a reconciliação: %s", servico, exc)
            return None
        if response.status_code == 200:
            return True
        if response.status_code == 404:
            return False
        _log.warning("serviço %s respondeu %s à reconciliação", servico, response.status_code)
        return None

    async def restaurar_email(self, papel: str, usuario_id: uuid.UUID, email: str) -> None:
        """``PUT /internal/{medicos|pacientes}/{id}/email``: 204, or 409 (taken), else 503."""
        servico, rota = _ROTAS[papel]
        response = await self._client.put(
            servico, rota.format(usuario_id) + "/email", json={"email": email}
        )
        if response.status_code == 204:
            return
        if response.status_code == 409:
            raise errors.Conflito("O e-mail antigo já é de outra conta")
        _log.error(
            "serviço %s respondeu %s ao desfazer troca de e-mail", servico, response.status_code
        )
        raise errors.ServicoIndisponivel()
