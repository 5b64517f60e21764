"""Pytest fixtures of the whole product in the test process: the gateway with every service
started against the real test database, and a client of the public API through ASGI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from gateway.app import Gateway, GatewaySettings
from gateway.services import build_apps
from libs.testing.stack import client_for


@pytest.fixture(scope="session")
async def gateway(stack_settings: dict[str, Any]) -> AsyncIterator[Gateway]:
    """The gateway with every service started."""
    gw = Gateway(GatewaySettings(**stack_settings), build_apps(stack_settings))
    async with gw.lifespan():
        yield gw


@pytest.fixture(scope="session")
async def api(gateway: Gateway) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the public API (``/api`` prefix already applied)."""
    async with client_for(gateway) as client:
        yield client
