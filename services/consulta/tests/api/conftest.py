"""Helpers of the consulta API tests: people registered through the public API, slots created
through it, and two arrangements that need the database directly: moving an appointment into
the past (time travel, so that it can end) and awaiting the outbox instead of sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy import text

from libs.testing.contas import registrar_medico, registrar_paciente

__all__ = ["registrar_medico", "registrar_paciente"]

SP = ZoneInfo("America/Sao_Paulo")
MOTIVO = "Surgiu um imprevisto no trabalho"


def daqui(
    *, dias: float = 0, horas: float = 0, minutos: float = 0, fuso: ZoneInfo = SP
) -> datetime:
    """A whole minute in the future, with the offset of ``fuso``."""
    base = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
    return (base + timedelta(days=dias, hours=horas, minutes=minutos)).astimezone(fuso)


def instante(valor: str) -> datetime:
    """Parse an ISO 8601 answer (it must carry an offset)."""
    momento = datetime.fromisoformat(valor)
    assert momento.utcoffset() is not None, valor
    return momento


async def criar_horarios(
    api: httpx.AsyncClient, medico: dict[str, Any], inicio: datetime, fim: datetime, **extra: Any
) -> list[dict[str, Any]]:
    """POST /medico/horarios, expecting 201."""
    r = await api.post(
        "/medico/horarios",
        json={"inicio": inicio.isoformat(), "fim": fim.isoformat(), **extra},
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    horarios: list[dict[str, Any]] = r.json()["horarios"]
    return horarios


async def um_horario(
    api: httpx.AsyncClient,
    medico: dict[str, Any],
    inicio: datetime | None = None,
    minutos: int = 30,
) -> dict[str, Any]:
    """One slot (default: in two days)."""
    inicio = inicio or daqui(dias=2)
    (horario,) = await criar_horarios(api, medico, inicio, inicio + timedelta(minutes=minutos))
    return horario


async def reservar(
    api: httpx.AsyncClient, paciente: dict[str, Any], horario_id: str
) -> httpx.Response:
    """POST /consultas."""
    return await api.post(
        "/consultas", json={"horario_id": horario_id}, headers=paciente["headers"]
    )


async def consulta_pendente(
    api: httpx.AsyncClient, inicio: datetime | None = None, **medico_over: Any
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """A new doctor, a new patient, and a pending appointment between them."""
    medico = await registrar_medico(api, **medico_over)
    paciente = await registrar_paciente(api)
    horario = await um_horario(api, medico, inicio)
    r = await reservar(api, paciente, horario["id"])
    assert r.status_code == 201, r.text
    return medico, paciente, r.json()


async def aceitar(
    api: httpx.AsyncClient, medico: dict[str, Any], consulta_id: str
) -> httpx.Response:
    """POST /medico/consultas/{id}/aceitar."""
    return await api.post(f"/medico/consultas/{consulta_id}/aceitar", headers=medico["headers"])


async def cancelar(
    api: httpx.AsyncClient,
    quem: dict[str, Any],
    consulta_id: str,
    justificativa: str | None = MOTIVO,
) -> httpx.Response:
    """DELETE /consultas/{id} with the justification in the body."""
    body = {} if justificativa is None else {"justificativa": justificativa}
    return await api.request(
        "DELETE", f"/consultas/{consulta_id}", json=body, headers=quem["headers"]
    )


def _consulta_app(gateway: Any) -> Any:
    return gateway.apps["consulta"]


async def drenar(gateway: Any) -> None:
    """Deliver the outbox now (what the background runner does after each commit)."""
    await _consulta_app(gateway).state.sincronizador.drenar()


async def recalcular(gateway: Any) -> None:
    """Run the periodic recomputation of stale next slots now."""
    await _consulta_app(gateway).state.sincronizador.recalcular()


async def sql(gateway: Any, comando: str, **params: Any) -> None:
    """Arrange the consulta schema directly (only what the API cannot do: the passing of time)."""
    async with _consulta_app(gateway).state.engine.begin() as conn:
        await conn.execute(text(comando), params)


_ENTROU = {
    "medico": "update consultas set medico_entrou_em = inicio where id = :id",
    "paciente": "update consultas set paciente_entrou_em = inicio where id = :id",
}


async def voltar_no_tempo(
    gateway: Any,
    consulta_id: str,
    quanto: timedelta,
    *,
    entraram: tuple[str, ...] = ("medico", "paciente"),
) -> None:
    """Move an appointment and its slot ``quanto`` into the past, as if that time had passed,
    with ``entraram`` having entered its room at the start (both: it took place)."""
    await sql(
        gateway,
        "update horarios set inicio = inicio - cast(:d as interval),"
        " fim = fim - cast(:d as interval)"
        " where id = (select horario_id from consultas where id = :id)",
        d=quanto,
        id=consulta_id,
    )
    await sql(
        gateway,
        "update consultas set inicio = inicio - cast(:d as interval),"
        " fim = fim - cast(:d as interval) where id = :id",
        d=quanto,
        id=consulta_id,
    )
    for papel in entraram:
        await sql(gateway, _ENTROU[papel], id=consulta_id)


async def linhas(gateway: Any, consulta_sql: str, **params: Any) -> list[dict[str, Any]]:
    """Read the consulta schema directly (to look into the outboxes)."""
    async with _consulta_app(gateway).state.engine.connect() as conn:
        result = await conn.execute(text(consulta_sql), params)
        return [dict(r._mapping) for r in result]


async def notificacoes(gateway: Any, consulta_id: str) -> list[dict[str, Any]]:
    """The e-mails queued for an appointment, oldest first."""
    return await linhas(
        gateway,
        "select evento, papel, usuario_id::text as usuario_id, assunto, corpo, para,"
        " tentativas, enviada_em from notificacoes where consulta_id = :id order by criada_em",
        id=consulta_id,
    )


def cliente_interno(gateway: Any) -> httpx.AsyncClient:
    """An HTTP client for consulta's ``/internal`` routes, as another service calls them."""
    app = _consulta_app(gateway)
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://consulta",
        headers={"x-service-token": app.state.settings.secret("service_token")},
    )
