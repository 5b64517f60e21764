"""Use cases of shares: the patient grants a doctor the whole record or chosen documents for a
limited time, lists and revokes them; the doctor sees the records shared with them now."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from libs import errors
from libs.tokens import Usuario
from services.prontuario.domain import compartilhamento as regras
from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.erros import CompartilhamentoNaoEncontrado, MedicoNaoEncontrado
from services.prontuario.service.contexto import (
    Prontuario,
    exigir_aberto,
    exigir_paciente,
    nomes_de,
    registro_de_acesso,
)


@dataclass(frozen=True)
class Compartilhado:
    """A share seen by the doctor it was granted to."""

    compartilhamento: Compartilhamento
    paciente_nome: str | None


async def compartilhar(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    medico_id: uuid.UUID,
    documentos: list[uuid.UUID] | None,
    expira_em: datetime | None,
    duracao_horas: float | None,
    ip: str,
) -> Compartilhamento:
    """Grant a doctor the whole record (``documentos`` absent) or the listed documents, for
    at most the configured days."""
    exigir_paciente(usuario, paciente_id)
    agora = ctx.relogio()
    fim = regras.prazo(
        agora=agora,
        expira_em=expira_em,
        duracao_horas=duracao_horas,
        max_dias=ctx.settings.prontuario_max_compartilhamento_dias,
    )
    if documentos is not None and not documentos:
        raise errors.DadosInvalidos.campo(
            "documentos", "Liste ao menos um documento, ou omita para compartilhar tudo"
        )
    if await ctx.diretorio.medico(medico_id) is None:
        raise MedicoNaoEncontrado()
    async with ctx.uow() as uow:
        await exigir_aberto(uow, paciente_id)
        if documentos is not None:
            existentes = {d.id for d in await uow.registros.documentos(paciente_id)}
            faltando = [d for d in documentos if d not in existentes]
            if faltando:
                raise errors.DadosInvalidos.campo(
                    "documentos", f"Documento não encontrado no prontuário: {faltando[0]}"
                )
        novo = Compartilhamento(
            id=uuid.uuid4(),
            paciente_id=paciente_id,
            medico_id=medico_id,
            documentos=frozenset(documentos) if documentos is not None else None,
            expira_em=fim,
            criado_em=agora,
        )
        await uow.registros.adicionar_compartilhamento(novo)
        await uow.acessos.registrar(
            registro_de_acesso(
                usuario, paciente_id, "compartilhamento", ip, compartilhamento_id=novo.id
            )
        )
        await uow.commit()
        return novo


async def compartilhamentos(
    ctx: Prontuario, *, usuario: Usuario, paciente_id: uuid.UUID
) -> list[Compartilhamento]:
    """Every share the patient granted, newest first."""
    exigir_paciente(usuario, paciente_id)
    async with ctx.uow() as uow:
        return await uow.registros.compartilhamentos(paciente_id)


async def revogar(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    compartilhamento_id: uuid.UUID,
    ip: str,
) -> None:
    """End a share now (revoking twice changes nothing)."""
    exigir_paciente(usuario, paciente_id)
    async with ctx.uow() as uow:
        c = await uow.registros.compartilhamento(paciente_id, compartilhamento_id)
        if c is None:
            raise CompartilhamentoNaoEncontrado()
        if c.revogar(ctx.relogio()):
            await uow.registros.salvar_compartilhamento(c)
            await uow.acessos.registrar(
                registro_de_acesso(usuario, paciente_id, "revogacao", ip, compartilhamento_id=c.id)
            )
            await uow.commit()


async def compartilhados(ctx: Prontuario, *, medico: Usuario) -> list[Compartilhado]:
    """The records shared with the calling doctor right now, with their expiry."""
    agora = ctx.relogio()
    async with ctx.uow() as uow:
        ativos = [c for c in await uow.registros.compartilhamentos_com(medico.id) if c.ativo(agora)]
    nomes = await nomes_de(ctx, {(c.paciente_id, "paciente") for c in ativos})
    return [Compartilhado(c, nomes.get(c.paciente_id)) for c in ativos]
