"""``python -m gateway``: the whole product in one process (what ``make dev`` runs).

Starts the embedded PostgreSQL (local profile, unless ``HEALTHMED_DATABASE_URL`` is set), runs
every service's migrations, serves the API and the web app, and on Ctrl-C stops everything,
PostgreSQL included. A second run reuses the data.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import uvicorn

from gateway import database
from gateway.app import GatewaySettings, create_gateway
from gateway.services import prepare_shared_state
from libs.observability import configure_logging

_log = logging.getLogger("healthmed")


def main() -> None:
    """Run the product until interrupted."""
    settings = GatewaySettings()
    configure_logging(settings.log_format, settings.log_level)
    pg, url = database.prepare(settings)
    try:
        settings = GatewaySettings(database_url=url)
        _log.info("HealthMed em %s (API em %s/api)", settings.origin, settings.origin)
        options: dict[str, Any] = {
            "host": settings.host,
            "port": settings.port,
            "log_config": None,
            "access_log": False,
            "proxy_headers": False,
            "timeout_graceful_shutdown": 10,
            "timeout_keep_alive": settings.keep_alive_segundos,
        }
        if settings.workers == 1:
            uvicorn.run(create_gateway(settings), **options)
        else:
            # Each worker process builds the product from the environment; what must be
            # shared (secrets, signing keys) is created here first, once.
            os.environ["HEALTHMED_DATABASE_URL"] = url
            prepare_shared_state(settings)
            uvicorn.run("gateway.asgi:criar", factory=True, workers=settings.workers, **options)
    finally:
        if pg is not None:
            _log.info("parando o PostgreSQL embutido")
            pg.stop()


if __name__ == "__main__":
    main()
