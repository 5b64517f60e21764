"""``python -m gateway``: the whole product in one process (what ``make dev`` runs).

Starts the embedded PostgreSQL (local profile, unless ``HEALTHMED_DATABASE_URL`` is set), runs
every service's migrations, serves the API and the web app, and stops everything, PostgreSQL
included, on Ctrl-C, SIGTERM (``docker stop``, systemd, a CI runner) or SIGHUP (a closed
terminal), with one worker or several (:mod:`libs.parada`). A second run reuses the data.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

from gateway import database
from gateway.app import GatewaySettings, create_gateway
from gateway.services import prepare_shared_state
from libs import parada
from libs.coleta import ColetaAposPartida
from libs.observability import configure_logging

_log = logging.getLogger("healthmed")


class _Supervisor(Multiprocess):
    """uvicorn's supervisor of the worker processes, where SIGHUP stops everything (a closed
    terminal) instead of uvicorn's "replace every worker"."""

    def handle_hup(self) -> None:
        """Stop like SIGTERM: the workers finish their requests, then PostgreSQL stops."""
        _log.info("SIGHUP recebido: parando")
        self.should_exit.set()


def main() -> None:
    """Run the product until interrupted (Ctrl-C, SIGTERM or SIGHUP)."""
    with parada.parar_por_sinal():
        _servir()


def _servir() -> None:
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
            uvicorn.run(ColetaAposPartida(create_gateway(settings)), **options)
        else:
            # Each worker process builds the product from the environment; what must be
            # shared (secrets, signing keys) is created here first, once.
            os.environ["HEALTHMED_DATABASE_URL"] = url
            prepare_shared_state(settings)
            config = uvicorn.Config(
                "gateway.asgi:criar", factory=True, workers=settings.workers, **options
            )
            _Supervisor(config, sockets=[config.bind_socket()]).run()
    finally:
        if pg is not None:
            _log.info("parando o PostgreSQL embutido")
            pg.stop()


if __name__ == "__main__":
    main()
