"""Use case of closing the patient's account, as the record sees it: live shares revoked, the
record marked closed (no new document nor share), the documents kept for the legal period."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from services.prontuario.domain.auditoria import Acao, NovoAcesso
from services.prontuario.service.contexto import Prontuario


@dataclass(frozen=True)
class Encerramento:
    """What closing the patient's account did to the record."""

    compartilhamentos_revogados: int


async def encerrar(ctx: Prontuario, *, paciente_id: uuid.UUID, ip: str) -> Encerramento:
    """The patient closed the account (asked by the paciente service): every live share is
    revoked now (each revocation logged as the patient's), the record is marked closed (no
    new documents or shares) and the closing is appended to the patient's access-log chain.
    The documents stay stored and encrypted for the legal retention period (20 years), out of
    the API's reach (docs/operations.md). One transaction; idempotent: a second call revokes
    nothing and logs nothing."""
    agora = ctx.relogio()
    revogados = 0

    def pelo_paciente(acao: Acao, compartilhamento_id: uuid.UUID | None = None) -> NovoAcesso:
        # The patient's own act, asked through the paciente service with the patient's IP.
        return NovoAcesso(
            paciente_id=paciente_id,
            usuario_id=paciente_id,
            papel="paciente",
            acao=acao,
            ip=ip,
            compartilhamento_id=compartilhamento_id,
        )

    async with ctx.uow() as uow:
        for c in await uow.registros.compartilhamentos(paciente_id):
            # Expired ones grant nothing already: only live shares are revoked (and counted).
            if c.ativo(agora) and c.revogar(agora):
                await uow.registros.salvar_compartilhamento(c)
                await uow.acessos.registrar(pelo_paciente("revogacao", c.id))
                revogados += 1
        if await uow.encerramentos.registrar(paciente_id, agora):
            await uow.acessos.registrar(pelo_paciente("encerramento"))
        await uow.commit()
    return Encerramento(compartilhamentos_revogados=revogados)
