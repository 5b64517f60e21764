"""``python -m services.prontuario.comandos.verify_audit`` (``make verify-audit``): check every
HMAC chain of the health record's access log (one per patient, plus the legacy chain of the
entries written before them) and report OK or, for each broken chain, its patient and first bad
entry.

Uses the same settings as the service (``HEALTHMED_*``); in the local profile without
``HEALTHMED_DATABASE_URL`` it starts the embedded PostgreSQL of the data directory, as
``make dev`` does. Each patient's chain is checked against its head (last number and MAC, kept
in the database), which reveals entries deleted from the end. Someone who can switch the
database's triggers off could cut a chain and roll its head back too: ``--gravar-ancora FILE``
writes every chain's head to a file to keep outside the database, and ``--ancora FILE`` (or
``ANCORA=FILE make verify-audit``) checks that each of them is still there, with the same MAC.
``--ancora seq:mac`` (as printed before the per-patient chains) anchors the legacy chain only.
Exit status: 0 intact, 1 broken, 2 could not check.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from libs import db
from services.prontuario.adapters.uow import ProntuarioUnitOfWork
from services.prontuario.comandos.banco_do_operador import SemBanco, banco_do_operador
from services.prontuario.service import integridade
from services.prontuario.settings import ProntuarioSettings

_MAX_LINHAS = 50  # broken chains listed one by one; beyond that, only counted
_LEGADO = "legado"  # the anchor file's name for the legacy chain


@dataclass
class Ancoras:
    """Heads noted by an earlier check: of the legacy chain and of each patient's chain."""

    legado: integridade.Ancora | None = None
    pacientes: dict[uuid.UUID, integridade.Ancora] = field(default_factory=dict)


async def verificar(
    settings: ProntuarioSettings,
    ancora: integridade.Ancora | None = None,
    ancoras: dict[uuid.UUID, integridade.Ancora] | None = None,
) -> integridade.Integridade:
    """Walk every chain in the database the settings point to."""
    engine = db.create_engine(settings, schema="prontuario")
    try:
        sessions = db.session_factory(engine)
        chave = settings.chave_auditoria()
        return await integridade.verificar_integridade(
            lambda: ProntuarioUnitOfWork(sessions, chave), chave, ancora=ancora, ancoras=ancoras
        )
    finally:
        await engine.dispose()


def relatorio(resultado: integridade.Integridade) -> str:
    """What the command prints: OK and the heads, or one line per broken chain."""
    if resultado.quebra is None:
        cabeca = f"{resultado.cabeca[0]}:{resultado.cabeca[1]}" if resultado.cabeca else "vazia"
        return (
            f"OK: registro de acessos íntegro ({resultado.verificadas} entradas verificadas, "
            f"{resultado.cadeias} cadeias de pacientes conferidas com as suas cabeças)\n"
            f"cabeça da cadeia antiga (anterior às cadeias por paciente): {cabeca}\n"
            "para guardar as cabeças de todas as cadeias fora do banco: --gravar-ancora ARQUIVO"
        )
    linhas = [
        f"QUEBRADO: {len(resultado.quebras)} cadeia(s) com falha "
        f"({resultado.verificadas} entradas íntegras)"
    ]
    for q in resultado.quebras[:_MAX_LINHAS]:
        cadeia = f"paciente {q.paciente_id}" if q.paciente_id else "cadeia antiga"
        linhas.append(f"QUEBRADO: {cadeia}: falha na entrada {q.seq}: {q.motivo}")
    if len(resultado.quebras) > _MAX_LINHAS:
        linhas.append(f"... e mais {len(resultado.quebras) - _MAX_LINHAS} cadeias com falha")
    return "\n".join(linhas)


def gravar_ancoras(resultado: integridade.Integridade, arquivo: Path) -> None:
    """Write every chain's head, one per line (``legado seq:mac`` and ``<paciente> seq:mac``)."""
    linhas = [f"{_LEGADO} {resultado.cabeca[0]}:{resultado.cabeca[1]}"] if resultado.cabeca else []
    linhas += [f"{p} {s}:{m}" for p, (s, m) in sorted(resultado.cabecas.items())]
    arquivo.write_text("".join(f"{linha}\n" for linha in linhas))


def _seq_mac(texto: str) -> integridade.Ancora:
    seq, _, mac = texto.partition(":")
    if not seq.isdigit() or len(mac) != 64:
        raise ValueError(texto)
    return int(seq), mac


def _ancora(texto: str) -> Ancoras:
    """``seq:mac`` (the legacy chain) or a file written by ``--gravar-ancora``."""
    try:
        return Ancoras(legado=_seq_mac(texto))
    except ValueError:
        pass
    try:
        ancoras = Ancoras()
        for linha in Path(texto).read_text().splitlines():
            if not linha.strip():
                continue
            nome, valor = linha.split()
            if nome == _LEGADO:
                ancoras.legado = _seq_mac(valor)
            else:
                ancoras.pacientes[uuid.UUID(nome)] = _seq_mac(valor)
        return ancoras
    except (OSError, ValueError) as exc:
        raise argparse.ArgumentTypeError(
            "use seq:mac ou um arquivo gravado por --gravar-ancora"
        ) from exc


def main(argv: list[str] | None = None) -> int:
    """Run the check with the environment's settings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--ancora",
        type=_ancora,
        default=Ancoras(),
        help="arquivo gravado por --gravar-ancora (ou seq:mac da cadeia antiga)",
    )
    parser.add_argument(
        "--gravar-ancora",
        type=Path,
        default=None,
        help="se íntegro, grava as cabeças de todas as cadeias neste arquivo",
    )
    args = parser.parse_args(argv)
    try:
        with banco_do_operador(ProntuarioSettings()) as settings:
            resultado = asyncio.run(verificar(settings, args.ancora.legado, args.ancora.pacientes))
        if resultado.quebra is None and args.gravar_ancora is not None:
            gravar_ancoras(resultado, args.gravar_ancora)
    except SemBanco as exc:
        print(exc, file=sys.stderr)
        return 2
    except Exception as exc:
        # The first line says it (a missing table, a refused connection); not the whole SQL.
        motivo = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(f"não foi possível verificar: {type(exc).__name__}: {motivo}", file=sys.stderr)
        return 2
    print(relatorio(resultado))
    return 0 if resultado.quebra is None else 1


if __name__ == "__main__":
    sys.exit(main())
