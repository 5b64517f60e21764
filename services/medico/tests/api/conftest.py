"""Helpers of the medico API tests: the internal routes other services call."""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest


@pytest.fixture
async def interno(gateway: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the medico service's internal routes, as another service (service token)."""
    app = gateway.apps["medico"]
    token = app.state.settings.secret("service_token")
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://medico",
        headers={"x-service-token": token},
    ) as http:
        yield http


async def avaliar(interno: httpx.AsyncClient, medico_id: str, nota: int) -> None:
    """One more rating of the doctor, for a new appointment."""
    r = await interno.post(
        f"/internal/medicos/{medico_id}/avaliacoes",
        json={"consulta_id": str(uuid.uuid4()), "nota": nota},
    )
    assert r.status_code == 204, r.text


def ponto_isolado() -> tuple[float, float]:
    """A random point in the Amazon, far from every other test's doctors."""
    return random.uniform(-12, -4), random.uniform(-70, -56)
