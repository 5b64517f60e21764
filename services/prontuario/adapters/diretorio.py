"""Who people are, asked of the medico and paciente services over their internal routes."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Any

from libs import errors
from libs.service_client import ServiceClient
from services.prontuario.ports import ConsultaResumida

_log = logging.getLogger("healthmed.prontuario.diretorio")


class DiretorioHttp:
    """The ``Diretorio`` port over ``/internal/medicos/{id}`` and ``/internal/pacientes/{id}``."""

    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def _get(self, servico: str, path: str) -> Any | None:
        response = await self._client.get(servico, path)
        if response.status_code in (404, 405):
            return None
        if response.status_code >= 400:
            _log.warning("%s respondeu %s a %s", servico, response.status_code, path)
            raise errors.ServicoIndisponivel()
        return response.json()

    async def medico(self, medico_id: uuid.UUID) -> dict[str, object] | None:
        """A doctor's public data, ``None`` if unknown (a missing service is a 503)."""
        data = await self._get("medico", f"/internal/medicos/{medico_id}")
        return data if isinstance(data, dict) else None

    async def paciente(self, paciente_id: uuid.UUID) -> dict[str, object] | None:
        """A patient's data, ``None`` if unknown."""
        data = await self._get("paciente", f"/internal/pacientes/{paciente_id}")
        return data if isinstance(data, dict) else None

    async def perfil_completo(self, paciente_id: uuid.UUID) -> object | None:
        """The patient's profile as the paciente service exports it (``None``: unavailable)."""
        return await self._opcional("paciente", f"/internal/pacientes/{paciente_id}")

    async def consultas(self, paciente_id: uuid.UUID) -> object | None:
        """The patient's appointments as the consulta service exports them."""
        return await self._opcional("consulta", f"/internal/pacientes/{paciente_id}/consultas")

    async def consulta(
        self, consulta_id: uuid.UUID, participante_id: uuid.UUID
    ) -> ConsultaResumida | None:
        """One consultation as its owner says, if the participant takes part in it."""
        data = await self._get(
            "consulta", f"/internal/consultas/{consulta_id}?participante={participante_id}"
        )
        if not isinstance(data, dict):
            return None
        return ConsultaResumida(
            id=uuid.UUID(data["id"]),
            medico_id=uuid.UUID(data["medico"]["id"]),
            paciente_id=uuid.UUID(data["paciente"]["id"]),
            status=data["status"],
            inicio=datetime.fromisoformat(data["inicio"]),
        )

    async def _opcional(self, servico: str, path: str) -> object | None:
        try:
            return await self._get(servico, path)
        except errors.ServicoIndisponivel:
            _log.warning("exportação sem dados de %s (indisponível)", servico)
            return None
