"""The ASGI factory that each worker process calls when ``HEALTHMED_WORKERS`` > 1
(``uvicorn gateway.asgi:criar --factory``): every worker builds the whole product from the
environment the launcher prepared (database URL, data directory, secrets)."""

from __future__ import annotations

import signal

from gateway.app import GatewaySettings, create_gateway
from libs.coleta import ColetaAposPartida
from libs.observability import configure_logging


def criar() -> ColetaAposPartida:
    """One worker's gateway with every service."""
    # A closed terminal sends SIGHUP to the whole process group; the supervisor takes it as
    # "stop" and ends each worker with SIGTERM (a graceful shutdown). By default SIGHUP would
    # kill the worker at once, in the middle of its requests.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    settings = GatewaySettings()
    configure_logging(settings.log_format, settings.log_level)
    return ColetaAposPartida(create_gateway(settings))
