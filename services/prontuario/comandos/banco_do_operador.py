"""The database an operator command (``verify_audit``, ``copia_legal``) works on.

Outside the local profile it is ``HEALTHMED_DATABASE_URL``; in the local profile without it, the
embedded PostgreSQL of the data directory, started for the command and stopped after it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from libs import parada
from libs.postgres import EmbeddedPostgres, ensure_database
from services.prontuario.settings import ProntuarioSettings


class SemBanco(Exception):
    """No database to work on (``HEALTHMED_DATABASE_URL`` unset outside the local profile)."""


@contextlib.contextmanager
def banco_do_operador(settings: ProntuarioSettings) -> Iterator[ProntuarioSettings]:
    """``settings`` with a database URL for the command's duration; :class:`SemBanco` if none."""
    if settings.database_url is not None:
        yield settings
        return
    if settings.profile != "local":
        raise SemBanco("HEALTHMED_DATABASE_URL não definido")
    # A stop signal (Ctrl-C, SIGTERM) half-way still stops the server this command started, and
    # the command exits with 128 + the signal (libs.parada).
    with parada.parar_por_sinal(tarefa=True):
        pg = EmbeddedPostgres((settings.data_dir / "postgres").resolve())
        try:
            url = ensure_database(pg.uri(), "healthmed")
            yield settings.model_copy(update={"database_url": url})
        finally:
            pg.stop()
