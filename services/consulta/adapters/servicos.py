"""The other services, as the agenda's ports see them: HTTP calls on their ``/internal`` routes."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import httpx

from libs import errors
from libs.service_client import ServiceClient
from services.consulta.domain.notificacoes import Email
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

    async def proximos_horarios(self, proximos: Mapping[uuid.UUID, datetime | None]) -> None:
        """Tell the medico service (search) each doctor's next free, bookable slot, in one
        call. A doctor it does not know is logged, not retried: nothing would change."""
        itens = [
            {"medico_id": str(m), "proximo_horario": p.isoformat() if p else None}
            for m, p in proximos.items()
        ]
        response = await self._client.put(
            "medico", "/internal/medicos/proximos-horarios", json={"itens": itens}
        )
        _esperar(response, 200)
        for desconhecido in response.json().get("desconhecidos", []):
            _log.warning("o serviço medico não conhece o médico %s", desconhecido)

    async def avaliacao(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None:
        """Hand a rating to the medico service (idempotent there, keyed by appointment)."""
        response = await self._client.post(
            "medico",
            f"/internal/medicos/{medico_id}/avaliacoes",
            json={"consulta_id": str(consulta_id), "nota": nota},
            idempotent=True,
        )
        _esperar(response, 200, 201, 204)

    async def enviar(self, emails: Sequence[Email]) -> None:
        """Hand e-mails to the auth service's mail queue (``POST /internal/emails``, one call
        per pass), which delivers them through the profile's mailer (locally: the dev inbox,
        ``/api/dev/emails``). Each notice's id makes a retried call no second e-mail, so the
        call may be retried."""
        itens = [
            {"id": str(e.id), "para": e.para, "assunto": e.assunto, "corpo": e.corpo}
            for e in emails
        ]
        response = await self._client.post(
            "auth", "/internal/emails", json={"itens": itens}, idempotent=True
        )
        _esperar(response, 200, 201, 202, 204)
