"""What the FHIR facade asks of the JSON API, through the service client.

The facade keeps nothing: every answer comes from the same public routes the web app uses
(``GET /medicos``, ``GET /medicos/{id}/agenda``, ``POST /consultas``, ...), answered by the
services that own them, with the caller's bearer token passed on. So the rules (a free slot,
the minimum notice, who may see an appointment) and their refusals are the JSON API's own; a
refusal keeps its status and its words and only changes shape (``OperationOutcome``).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import httpx

from libs import errors
from libs.service_client import ServiceClient
from services.medico.fhir.ports import BuscaDeHorarios, Recusa

# How many doctors a Slot search looks at (their agendas are read one request each): enough
# for a search narrowed by specialty or place; the limit is in docs/api-extensoes.md.
MEDICOS_POR_BUSCA_DE_HORARIOS = 20


def _recusa(resposta: httpx.Response) -> errors.HealthMedError:
    """The error for a JSON API refusal (problem+json): same status, same detail."""
    try:
        corpo = resposta.json()
    except ValueError:
        corpo = {}
    detalhe = str(corpo.get("detail") or "Requisição recusada")
    falhas = corpo.get("erros") or []
    if falhas and isinstance(falhas, list):
        detalhe = "; ".join(f"{e.get('campo')}: {e.get('mensagem')}" for e in falhas)
    if resposta.status_code >= 500:
        return errors.ServicoIndisponivel()
    return Recusa(resposta.status_code, detalhe)


def _ate_no_maximo(ate: str | None) -> str | None:
    """A moment no earlier than the end of the window, to leave out doctors whose next free
    slot comes after it: a day ends, in the doctor's time zone, before noon UTC the next day."""
    if ate is None or "T" in ate:
        return ate
    return f"{date.fromisoformat(ate) + timedelta(days=1)}T12:00:00+00:00"


class Fachada:
    """The JSON API as the FHIR routes use it (the ``ApiJson`` port), over the service client."""

    def __init__(self, client: ServiceClient) -> None:
        self._client = client

    async def _json(
        self,
        servico: str,
        metodo: str,
        caminho: str,
        *,
        token: str | None = None,
        params: Mapping[str, Any] | None = None,
        corpo: Any = None,
        idempotente: bool | None = None,
    ) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else None
        resposta = await self._client.request(
            servico,
            metodo,
            caminho,
            json=corpo,
            params={k: v for k, v in (params or {}).items() if v is not None},
            headers=headers,
            idempotent=idempotente,
        )
        if resposta.status_code >= 400:
            raise _recusa(resposta)
        return resposta.json()

    async def especialidades(self) -> dict[str, str]:
        """Slug -> name of every specialty (``GET /especialidades``)."""
        dados = await self._json("medico", "GET", "/especialidades")
        return {e["slug"]: e["nome"] for e in dados["itens"]}

    async def medico(self, medico_id: uuid.UUID) -> dict[str, Any]:
        """A doctor's public profile (``GET /medicos/{id}``); 404 when unknown."""
        dados: dict[str, Any] = await self._json("medico", "GET", f"/medicos/{medico_id}")
        return dados

    async def medicos(self, **filtros: Any) -> dict[str, Any]:
        """A page of the doctor search (``GET /medicos``, its filters by name)."""
        dados: dict[str, Any] = await self._json("medico", "GET", "/medicos", params=filtros)
        return dados

    async def horarios_livres(
        self, busca: BuscaDeHorarios
    ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Free slots and their doctor, soonest first: the doctors come from the search (or the
        one asked for), the slots from each one's public agenda."""
        if busca.medico_id is not None:
            medicos = [await self.medico(busca.medico_id)]
            if busca.especialidade and busca.especialidade not in medicos[0]["especialidades"]:
                return []
        else:
            perto = busca.lat is not None
            pagina = await self.medicos(
                especialidade=busca.especialidade,
                lat=busca.lat,
                lon=busca.lon,
                raio_km=busca.raio_km,
                ordenar="distancia" if perto else "proximo_horario",
                disponivel_ate=_ate_no_maximo(busca.ate),
                por_pagina=MEDICOS_POR_BUSCA_DE_HORARIOS,
            )
            medicos = [m for m in pagina["itens"] if m.get("proximo_horario")]

        async def livres(medico: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
            agenda = await self._json(
                "consulta",
                "GET",
                f"/medicos/{medico['id']}/agenda",
                params={"de": busca.de, "ate": busca.ate},
            )
            return [(h, medico) for h in agenda["horarios"]]

        achados = [par for lista in await asyncio.gather(*map(livres, medicos)) for par in lista]
        return sorted(achados, key=lambda par: (par[0]["inicio"], par[0]["id"]))

    async def marcar(self, token: str, horario_id: uuid.UUID) -> dict[str, Any]:
        """Book a slot as the caller (``POST /consultas``): 409 when it is taken."""
        dados: dict[str, Any] = await self._json(
            "consulta", "POST", "/consultas", token=token, corpo={"horario_id": str(horario_id)}
        )
        return dados

    async def consulta(self, token: str, consulta_id: uuid.UUID) -> dict[str, Any]:
        """One appointment of the caller's (``GET /consultas/{id}``); 404 for anyone else."""
        dados: dict[str, Any] = await self._json(
            "consulta", "GET", f"/consultas/{consulta_id}", token=token
        )
        return dados

    async def consultas(
        self, token: str, *, status: str | None, pagina: int, por_pagina: int
    ) -> dict[str, Any]:
        """A page of the caller's appointments (``GET /consultas``)."""
        dados: dict[str, Any] = await self._json(
            "consulta",
            "GET",
            "/consultas",
            token=token,
            params={"status": status, "pagina": pagina, "por_pagina": por_pagina},
        )
        return dados

    async def cancelar(
        self, token: str, consulta_id: uuid.UUID, justificativa: str
    ) -> dict[str, Any]:
        """Cancel with a reason (``DELETE /consultas/{id}``). Never retried: a retry after a
        lost answer would report the first call's success as a conflict."""
        dados: dict[str, Any] = await self._json(
            "consulta",
            "DELETE",
            f"/consultas/{consulta_id}",
            token=token,
            corpo={"justificativa": justificativa},
            idempotente=False,
        )
        return dados
