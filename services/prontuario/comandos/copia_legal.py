"""``python -m services.prontuario.comandos.copia_legal --paciente ID --pedido TEXTO
--operador NOME --saida ARQUIVO.zip``: the operator procedure that copies a closed account's
health record for a legal request (docs/operations.md, "Prontuário de conta encerrada"). The
API never serves a closed record; this command reads it with the service's own settings
(``HEALTHMED_*``) and adapters (local files or S3 + DynamoDB), and appends the copy to the
patient's access-log chain before reading anything. In the local profile without
``HEALTHMED_DATABASE_URL`` it starts the embedded PostgreSQL of the data directory, as
``make verify-audit`` does.
Exit status: 0 written, 1 refused (not a closed record, missing request), 2 could not run.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import uuid
from pathlib import Path

from libs import db, errors
from services.prontuario.app import adaptadores
from services.prontuario.comandos.banco_do_operador import SemBanco, banco_do_operador
from services.prontuario.ports import ConsultaResumida
from services.prontuario.service import exportacao
from services.prontuario.service.contexto import Prontuario
from services.prontuario.settings import ProntuarioSettings


class _SemDiretorio:
    """The copy asks no other service (the profile is anonymised anyway)."""

    async def medico(self, medico_id: uuid.UUID) -> dict[str, object] | None:
        return None

    async def paciente(self, paciente_id: uuid.UUID) -> dict[str, object] | None:
        return None

    async def perfil_completo(self, paciente_id: uuid.UUID) -> object | None:
        return None

    async def consultas(self, paciente_id: uuid.UUID) -> object | None:
        return None

    async def consulta(
        self, consulta_id: uuid.UUID, participante_id: uuid.UUID
    ) -> ConsultaResumida | None:
        return None


async def copiar(
    settings: ProntuarioSettings, *, paciente_id: uuid.UUID, pedido: str, operador: str
) -> bytes:
    """The zip of the closed record, through the adapters the settings choose."""
    engine = db.create_engine(settings, schema="prontuario")
    try:
        storage, uow, _ = adaptadores(settings, db.session_factory(engine))
        ctx = Prontuario(settings=settings, uow=uow, storage=storage, diretorio=_SemDiretorio())
        return await exportacao.copia_legal(
            ctx, paciente_id=paciente_id, pedido=pedido, operador=operador
        )
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Run the copy with the environment's settings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--paciente", type=uuid.UUID, required=True, help="id da conta encerrada")
    parser.add_argument("--pedido", required=True, help="o pedido legal (ofício, protocolo)")
    parser.add_argument("--operador", required=True, help="quem executa (nome ou matrícula)")
    parser.add_argument("--saida", type=Path, required=True, help="arquivo .zip a gravar")
    args = parser.parse_args(argv)
    try:
        with banco_do_operador(ProntuarioSettings()) as settings:
            dados = asyncio.run(
                copiar(
                    settings, paciente_id=args.paciente, pedido=args.pedido, operador=args.operador
                )
            )
    except SemBanco as exc:
        print(exc, file=sys.stderr)
        return 2
    except errors.HealthMedError as exc:
        print(f"recusado: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        motivo = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(f"não foi possível copiar: {type(exc).__name__}: {motivo}", file=sys.stderr)
        return 2
    args.saida.write_bytes(dados)
    args.saida.chmod(0o600)
    print(f"gravado {args.saida} ({len(dados)} bytes); a cópia está no registro de acessos")
    return 0


if __name__ == "__main__":
    sys.exit(main())
