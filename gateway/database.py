"""The database the launcher and the demo loader use: the embedded PostgreSQL in the local
profile (unless ``HEALTHMED_DATABASE_URL`` points elsewhere), migrated to the latest schema."""

from __future__ import annotations

import logging

from libs.postgres import EmbeddedPostgres, ensure_database, migrate_all
from libs.settings import Settings

_log = logging.getLogger("healthmed")


def prepare(settings: Settings) -> tuple[EmbeddedPostgres | None, str]:
    """Start the embedded server if needed, create the database, run every migration."""
    pg: EmbeddedPostgres | None = None
    url = settings.database_url
    if url is None:
        pg = EmbeddedPostgres((settings.data_dir / "postgres").resolve())
        url = ensure_database(pg.uri(), "healthmed")
        _log.info("PostgreSQL embutido em %s", pg.pgdata)
    try:
        migrate_all(url)
    except BaseException:
        if pg is not None:
            pg.stop()
        raise
    return pg, url
