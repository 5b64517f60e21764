"""What every use case of the record shares: the context it receives (:class:`Prontuario`,
with the ports ``create_app`` chose) and the checks and helpers more than one noun needs."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from libs import errors
from libs.tokens import Usuario
from services.prontuario.domain.auditoria import Acao, NovoAcesso
from services.prontuario.domain.erros import NaoEOPaciente, ProntuarioEncerrado
from services.prontuario.ports import (
    AssinadorDePdf,
    Diretorio,
    DocumentStorage,
    GeradorDePdf,
    UnitOfWork,
)
from services.prontuario.settings import ProntuarioSettings

UowFactory = Callable[[], UnitOfWork]


def _agora() -> datetime:
    return datetime.now(UTC)


@dataclass
class Prontuario:
    """Everything the use cases need: settings, the unit of work, the ports, a clock."""

    settings: ProntuarioSettings
    uow: UowFactory
    storage: DocumentStorage
    diretorio: Diretorio
    relogio: Callable[[], datetime] = field(default=_agora)
    # Signs prescriptions and certificates; ``None`` where no signing key is configured.
    assinador: AssinadorDePdf | None = None
    # Draws prescriptions and certificates before they are signed; ``None`` where nothing is
    # issued (the operator's commands).
    pdf: GeradorDePdf | None = None


def exigir_paciente(usuario: Usuario, paciente_id: uuid.UUID) -> None:
    """Only the record's own patient (403 for anyone else)."""
    if usuario.papel != "paciente" or usuario.id != paciente_id:
        raise NaoEOPaciente()


def registro_de_acesso(
    usuario: Usuario,
    paciente_id: uuid.UUID,
    acao: Acao,
    ip: str,
    *,
    documento_id: uuid.UUID | None = None,
    compartilhamento_id: uuid.UUID | None = None,
) -> NovoAcesso:
    """The access-log entry of ``usuario``'s act on the record."""
    return NovoAcesso(
        paciente_id=paciente_id,
        usuario_id=usuario.id,
        papel=usuario.papel,
        acao=acao,
        ip=ip,
        documento_id=documento_id,
        compartilhamento_id=compartilhamento_id,
    )


async def exigir_aberto(uow: UnitOfWork, paciente_id: uuid.UUID) -> None:
    """A closed account's record takes no new document and no new share."""
    if await uow.encerramentos.encerrado(paciente_id):
        raise ProntuarioEncerrado()


async def nomes_de(ctx: Prontuario, pessoas: set[tuple[uuid.UUID, str]]) -> dict[uuid.UUID, str]:
    """Names from the medico/paciente services; whoever cannot be resolved is left out."""

    async def um(pessoa_id: uuid.UUID, papel: str) -> tuple[uuid.UUID, str | None]:
        try:
            if papel == "medico":
                data = await ctx.diretorio.medico(pessoa_id)
            else:
                data = await ctx.diretorio.paciente(pessoa_id)
        except errors.ServicoIndisponivel:
            return pessoa_id, None
        nome = data.get("nome") if data else None
        return pessoa_id, nome if isinstance(nome, str) else None

    pares = await asyncio.gather(*(um(i, p) for i, p in pessoas))
    return {i: n for i, n in pares if n is not None}
