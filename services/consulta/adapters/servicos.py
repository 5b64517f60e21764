"""The other services, as the agenda's ports see them: HTTP calls on their ``/internal`` routes."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Any

import httpx

from libs import errors
from libs.service_client import ServiceClient
from services.consulta.domain.pessoas import Medico, Paciente

_log = logging.getLogger("healthmed.consulta.servicos")
FUSO_PADRAO = "America/Sao_Paulo"
ANTECEDENCIA_PADRAO = 120


def _esperar(response: httpx.Response, *ok: int) -> None:
    if response.status_code not in ok:
        servico = response.request.url.host if response.request else "?"
        _log.warning("%s respondeu %s", servico, response.status_code)
        raise errors.ServicoIndisponivel()


class ServicosHttp:
    """The medico and paciente services behind the :class:`Diretorio` and :class:`Publicacao`
    ports (``ServiceClient`` adds the service token, timeouts and retries), and the auth
    service's mail queue behind the :class:`Correio` port."""

    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def medico(self, medico_id: uuid.UUID) -> Medico | None:
        """A doctor's name, CRM, time zone and booking notice; None if unknown."""
        response = await self._client.get("medico", f"/internal/medicos/{medico_id}")
        if response.status_code == 404:
            return None
        _esperar(response, 200)
        data: dict[str, Any] = response.json()
        antecedencia = data.get("antecedencia_minima_minutos")
        return Medico(
            id=uuid.UUID(str(data["id"])),
            nome=str(data["nome"]),
            crm=str(data["crm"]),
            uf=str(data["uf"]),
            fuso_horario=str(data.get("fuso_horario") or FUSO_PADRAO),
            antecedencia_minima_minutos=ANTECEDENCIA_PADRAO
            if antecedencia is None
            else int(antecedencia),
            email=str(data["email"]) if data.get("email") else None,
        )

    async def paciente(self, paciente_id: uuid.UUID) -> Paciente | None:
        """A patient's name and e-mail; None if unknown."""
        response = await self._client.get("paciente", f"/internal/pacientes/{paciente_id}")
        if response.status_code == 404:
            return None
        _esperar(response, 200)
        data: dict[str, Any] = response.json()
        return Paciente(uuid.UUID(str(data["id"])), str(data["nome"]), str(data.get("email") or ""))

    async def proximo_horario(self, medico_id: uuid.UUID, proximo: datetime | None) -> None:
        """Tell the medico service (search) the doctor's next free, bookable slot."""
        response = await self._client.put(
            "medico",
            f"/internal/medicos/{medico_id}/proximo-horario",
            json={"proximo_horario": proximo.isoformat() if proximo else None},
        )
        _esperar(response, 200, 204)

    async def avaliacao(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None:
        """Hand a rating to the medico service (idempotent there, keyed by appointment)."""
        response = await self._client.post(
            "medico",
            f"/internal/medicos/{medico_id}/avaliacoes",
            json={"consulta_id": str(consulta_id), "nota": nota},
            idempotent=True,
        )
        _esperar(response, 200, 201, 204)

    async def enviar(self, email_id: uuid.UUID, para: str, assunto: str, corpo: str) -> None:
        """Hand an e-mail to the auth service's mail queue (``POST /internal/emails``), which
        delivers it through the profile's mailer (locally: the dev inbox, ``/api/dev/emails``).
        The notice's id makes a retried call one e-mail, so the call may be retried."""
        response = await self._client.post(
            "auth",
            "/internal/emails",
            json={"id": str(email_id), "para": para, "assunto": assunto, "corpo": corpo},
            idempotent=True,
        )
        _esperar(response, 200, 201, 202, 204)
