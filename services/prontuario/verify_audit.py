"""``python -m services.prontuario.verify_audit`` (``make verify-audit``): check the whole
HMAC chain of the health record's access log and report OK or the first broken entry.

Uses the same settings as the service (``HEALTHMED_*``); in the local profile without
``HEALTHMED_DATABASE_URL`` it starts the embedded PostgreSQL of the data directory, as
``make dev`` does. On success it prints the chain's head (``seq:mac``): kept somewhere else
and passed back with ``--ancora seq:mac`` (or ``ANCORA=seq:mac make verify-audit``), it also
detects entries deleted from the end, which no chain can reveal by itself.
Exit status: 0 intact, 1 broken, 2 could not check.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from libs import db
from libs.postgres import EmbeddedPostgres, ensure_database
from services.prontuario import service
from services.prontuario.adapters.uow import ProntuarioUnitOfWork
from services.prontuario.settings import ProntuarioSettings


async def verificar(
    settings: ProntuarioSettings, ancora: tuple[int, str] | None = None
) -> service.Integridade:
    """Walk the chain in the database the settings point to."""
    engine = db.create_engine(settings, schema="prontuario")
    try:
        sessions = db.session_factory(engine)
        chave = settings.chave_auditoria()
        return await service.verificar_integridade(
            lambda: ProntuarioUnitOfWork(sessions, chave), chave, ancora=ancora
        )
    finally:
        await engine.dispose()


def relatorio(resultado: service.Integridade) -> str:
    """What the command prints."""
    quebra = resultado.quebra
    if quebra is None:
        cabeca = f"{resultado.cabeca[0]}:{resultado.cabeca[1]}" if resultado.cabeca else "vazia"
        return (
            f"OK: registro de acessos íntegro ({resultado.verificadas} entradas verificadas)\n"
            f"cabeça da cadeia (guarde como âncora): {cabeca}"
        )
    return (
        f"QUEBRADO: a cadeia falha na entrada {quebra.seq}: {quebra.motivo} "
        f"({resultado.verificadas} entradas anteriores íntegras)"
    )


def _ancora(texto: str) -> tuple[int, str]:
    seq, _, mac = texto.partition(":")
    if not seq.isdigit() or len(mac) != 64:
        raise argparse.ArgumentTypeError("use seq:mac, como impresso por uma verificação anterior")
    return int(seq), mac


def main(argv: list[str] | None = None) -> int:
    """Run the check with the environment's settings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--ancora", type=_ancora, default=None, help="seq:mac de uma cabeça anterior"
    )
    args = parser.parse_args(argv)
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
        resultado = asyncio.run(verificar(settings, args.ancora))
    except Exception as exc:
        # The first line says it (a missing table, a refused connection); not the whole SQL.
        motivo = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(f"não foi possível verificar: {type(exc).__name__}: {motivo}", file=sys.stderr)
        return 2
    finally:
        if pg is not None:
            pg.stop()
    print(relatorio(resultado))
    return 0 if resultado.quebra is None else 1


if __name__ == "__main__":
    sys.exit(main())
