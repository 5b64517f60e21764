"""The other services' part of closing a patient's account, over their ``/internal`` routes."""

from __future__ import annotations

import logging
import uuid

import httpx

from libs import errors
from libs.service_client import ServiceClient

_log = logging.getLogger("healthmed.paciente.encerramento")


def _contagem(response: httpx.Response, servico: str, campo: str) -> int:
    if response.status_code != 200:
        _log.error("encerramento: %s respondeu %s", servico, response.status_code)
        raise errors.ServicoIndisponivel(
            "Não foi possível concluir o encerramento agora; tente novamente em instantes"
        )
    return int(response.json()[campo])


class EncerramentoHttp:
    """``OutrosServicos`` over consulta's and prontuario's internal routes (both idempotent,
    so the client may retry them)."""

    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def encerrar_agenda(self, paciente_id: uuid.UUID) -> int:
        """``POST /internal/pacientes/{id}/encerramento`` on consulta."""
        response = await self._client.post(
            "consulta", f"/internal/pacientes/{paciente_id}/encerramento", idempotent=True
        )
        return _contagem(response, "consulta", "consultas_canceladas")

    async def encerrar_prontuario(self, paciente_id: uuid.UUID, ip: str) -> int:
        """``POST /internal/prontuarios/{id}/encerramento`` on prontuario."""
        response = await self._client.post(
            "prontuario",
            f"/internal/prontuarios/{paciente_id}/encerramento",
            json={"ip": ip},
            idempotent=True,
        )
        return _contagem(response, "prontuario", "compartilhamentos_revogados")
