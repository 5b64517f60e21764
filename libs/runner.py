"""One service on its own, as containers and ECS tasks run it: ``python -m libs.runner auth``.

The service is found by name at run time (``services.<name>.app.create_app`` and
``services.<name>.settings.<Name>Settings``) through :mod:`importlib`, so ``libs`` keeps no
static import of any service (the import-linter contract) and every service keeps the same
contract: a ``create_app(settings)`` factory and one settings class.

``python -m libs.runner auth --migrar`` brings the service's schema to the latest revision and
exits: the one-off task that runs before a new version of the service is rolled out.
"""

from __future__ import annotations

import argparse
import importlib
import logging
from collections.abc import Callable, Sequence
from typing import Any

import uvicorn
from fastapi import FastAPI
from starlette.types import ASGIApp

from libs import parada
from libs.coleta import ColetaAposPartida
from libs.ip_do_cliente import IpDoCliente
from libs.observability import RequestContextMiddleware, configure_logging
from libs.settings import SERVICES, ConfigurationError, Settings

_log = logging.getLogger("healthmed.runner")

Factory = Callable[[Any], FastAPI]


def load(service: str) -> tuple[Factory, type[Settings]]:
    """The app factory and the settings class of a service, imported by name."""
    if service not in SERVICES:
        raise ConfigurationError(f"serviço desconhecido: {service!r} (um de {', '.join(SERVICES)})")
    app_module = importlib.import_module(f"services.{service}.app")
    settings_module = importlib.import_module(f"services.{service}.settings")
    factory = getattr(app_module, "create_app", None)
    if not callable(factory):
        raise ConfigurationError(f"services.{service}.app não define create_app(settings)")
    cls = getattr(settings_module, f"{service.capitalize()}Settings", None)
    if not (isinstance(cls, type) and issubclass(cls, Settings)):
        raise ConfigurationError(
            f"services.{service}.settings não define {service.capitalize()}Settings(Settings)"
        )
    return factory, cls


def build(service: str, settings: Settings | None = None) -> Any:
    """The service's ASGI app with request ids, access log and metrics, like behind the gateway."""
    factory, cls = load(service)
    settings = settings if settings is not None else cls()
    if not settings.database_url:
        # Standalone there is no launcher to start the embedded PostgreSQL and set the URL.
        raise ConfigurationError(f"HEALTHMED_DATABASE_URL é obrigatório para rodar {service} só")
    return RequestContextMiddleware(factory(settings), service=service)


def migrate(service: str, settings: Settings | None = None) -> None:
    """Bring the service's schema to the latest revision (call outside an event loop)."""
    from libs.migrations import upgrade  # Alembic is only needed by this one-off command

    _, cls = load(service)
    settings = settings if settings is not None else cls()
    if not settings.database_url:
        raise ConfigurationError(f"HEALTHMED_DATABASE_URL é obrigatório para migrar {service}")
    upgrade(service, settings.database_url)
    _log.info("esquema de %s atualizado", service)


def serve(service: str) -> None:
    """Serve one service on ``HEALTHMED_HOST``:``HEALTHMED_PORT`` until SIGTERM, SIGHUP or
    Ctrl-C, each a graceful shutdown (:mod:`libs.parada`)."""
    _, cls = load(service)
    settings = cls()
    configure_logging(settings.log_format, settings.log_level)
    app: ASGIApp = build(service, settings)
    if settings.cabecalho_ip_cliente:
        app = IpDoCliente(app, settings.cabecalho_ip_cliente)
    app = ColetaAposPartida(app)
    _log.info("%s em http://%s:%s", service, settings.host, settings.port)
    with parada.parar_por_sinal():
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            log_config=None,
            access_log=False,  # RequestContextMiddleware writes the one access line per request
            # Behind the compose gateway the client address comes in X-Forwarded-For, trusted only
            # from the proxies in uvicorn's FORWARDED_ALLOW_IPS (the gateway's address; default
            # 127.0.0.1). On AWS, CloudFront's own header wins (cabecalho_ip_cliente above).
            proxy_headers=True,
            timeout_keep_alive=settings.keep_alive_segundos,
            timeout_graceful_shutdown=10,
        )


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``python -m libs.runner <service> [--migrar]``."""
    parser = argparse.ArgumentParser(prog="python -m libs.runner", description=__doc__)
    parser.add_argument("service", choices=SERVICES)
    parser.add_argument(
        "--migrar", action="store_true", help="só aplica as migrações do serviço e sai"
    )
    args = parser.parse_args(argv)
    if args.migrar:
        _, cls = load(args.service)
        settings = cls()
        configure_logging(settings.log_format, settings.log_level)
        migrate(args.service, settings)
    else:
        serve(args.service)


if __name__ == "__main__":
    main()
