"""``python -m services.prontuario.verify_audit`` (``make verify-audit``): check the whole
HMAC chain of the health record's access log and report OK or the first broken entry.

Uses the same settings as the service (``HEALTHMED_*``); in the local profile without
``HEALTHMED_DATABASE_URL`` it starts the embedded PostgreSQL of the data directory, as
``make dev`` does. Exit status: 0 intact, 1 broken, 2 could not check.
"""

from __future__ import annotations

import asyncio
import sys

from libs import db
from libs.postgres import EmbeddedPostgres, ensure_database
from services.prontuario import service
from services.prontuario.adapters.uow import ProntuarioUnitOfWork
from services.prontuario.domain.auditoria import Quebra
from services.prontuario.settings import ProntuarioSettings


async def verificar(settings: ProntuarioSettings) -> tuple[int, Quebra | None]:
    """How many entries were checked, and the first break (``None``: the chain is intact)."""
    engine = db.create_engine(settings, schema="prontuario")
    try:
        sessions = db.session_factory(engine)
        chave = settings.chave_auditoria()
        return await service.verificar_integridade(
            lambda: ProntuarioUnitOfWork(sessions, chave), chave
        )
    finally:
        await engine.dispose()


def relatorio(verificadas: int, quebra: Quebra | None) -> str:
    """The one line the command prints."""
    if quebra is None:
        return f"OK: registro de acessos íntegro ({verificadas} entradas verificadas)"
    return (
        f"QUEBRADO: a cadeia falha na entrada {quebra.seq}: {quebra.motivo} "
        f"({verificadas} entradas anteriores íntegras)"
    )


def main() -> int:
    """Run the check with the environment's settings."""
    settings = ProntuarioSettings()
    pg: EmbeddedPostgres | None = None
    try:
        if settings.database_url is None:
            if settings.profile != "local":
                print("HEALTHMED_DATABASE_URL não definido", file=sys.stderr)
                return 2
            pg = EmbeddedPostgres((settings.data_dir / "postgres").resolve())
            url = ensure_database(pg.uri(), "healthmed")
            settings = settings.model_copy(update={"database_url": url})
        verificadas, quebra = asyncio.run(verificar(settings))
    except Exception as exc:
        print(f"não foi possível verificar: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    finally:
        if pg is not None:
            pg.stop()
    print(relatorio(verificadas, quebra))
    return 0 if quebra is None else 1


if __name__ == "__main__":
    sys.exit(main())
