"""``make dev-aws``: the whole product in the aws profile, against a local moto server.

Starts moto (Cognito, S3, DynamoDB, KMS, SES), creates the user pool, bucket, table and key an
environment has (``gateway/aws_local.py``), starts the embedded PostgreSQL in place of RDS with
a fresh database (moto keeps nothing between runs, so neither does this mode), and serves the
product on the usual port. Everything is gone on Ctrl-C, SIGTERM or SIGHUP (moto and PostgreSQL
stopped, :mod:`libs.parada`): this mode is for watching the AWS code
paths work end to end without an account, not for keeping data.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket

import uvicorn

from gateway.app import Gateway, GatewaySettings
from gateway.aws_local import configuracao, provisionar
from gateway.services import build_apps
from libs import parada
from libs.observability import configure_logging
from libs.postgres import EmbeddedPostgres, ensure_database, migrate_all

_log = logging.getLogger("healthmed.dev_aws")


def _porta_livre() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    """Run the aws profile locally until interrupted (Ctrl-C, SIGTERM or SIGHUP)."""
    with parada.parar_por_sinal(), contextlib.ExitStack() as pilha:
        _servir(pilha)


def _servir(pilha: contextlib.ExitStack) -> None:
    """Start moto and PostgreSQL (each stopped by ``pilha`` on the way out, whatever happens
    to the other) and serve the product."""
    from moto.server import ThreadedMotoServer

    from libs.testing.moto_cognito import completar_cognito

    completar_cognito()  # moto has no GetTokensFromRefreshToken, which /auth/refresh calls
    base = GatewaySettings()
    configure_logging(base.log_format, base.log_level)
    # moto accepts any credentials, but boto3 wants some.
    for nome in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(nome, "dev-aws")
    porta_moto = _porta_livre()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=porta_moto, verbose=False)
    moto.start()
    pilha.callback(moto.stop)
    pg = EmbeddedPostgres((base.data_dir / "postgres").resolve())
    pilha.callback(pg.stop)
    endpoint = f"http://127.0.0.1:{porta_moto}"
    recursos = provisionar(endpoint)
    _log.info(
        "moto em %s: pool %s, bucket %s, tabela %s",
        endpoint,
        recursos.pool_id,
        recursos.bucket,
        recursos.tabela,
    )
    url = ensure_database(pg.uri(), "healthmed_aws", drop=True)
    migrate_all(url)
    overrides = {**configuracao(recursos, base.data_dir), "database_url": url}
    settings = GatewaySettings(**overrides)
    app = Gateway(settings, build_apps(overrides))
    _log.info("HealthMed (perfil aws sobre moto) em %s", settings.origin)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        timeout_keep_alive=settings.keep_alive_segundos,
        timeout_graceful_shutdown=10,
    )


if __name__ == "__main__":
    main()
