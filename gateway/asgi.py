"""The ASGI factory that each worker process calls when ``HEALTHMED_WORKERS`` > 1
(``uvicorn gateway.asgi:criar --factory``): every worker builds the whole product from the
environment the launcher prepared (database URL, data directory, secrets)."""

from __future__ import annotations

from gateway.app import Gateway, GatewaySettings, create_gateway
from libs.observability import configure_logging


def criar() -> Gateway:
    """One worker's gateway with every service."""
    settings = GatewaySettings()
    configure_logging(settings.log_format, settings.log_level)
    return create_gateway(settings)
