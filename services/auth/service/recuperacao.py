"""Password recovery: a single-use reset link (built-in provider) or the provider's own code."""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

from services.auth.domain.erros import TokenRecuperacaoInvalido
from services.auth.domain.identificador import Identificador
from services.auth.domain.senha import validar_senha
from services.auth.ports import UnitOfWork
from services.auth.service.identidade import (
    Identidade,
    agora,
    chave_conta,
    contar_tentativa,
    digest,
)


async def enviar_link_de_recuperacao(
    ctx: Identidade, uow: UnitOfWork, usuario_id: uuid.UUID, email: str, *, motivo: str = ""
) -> None:
    """Queue a single-use reset link (built-in provider), in the caller's transaction."""
    token = secrets.token_urlsafe(32)
    minutos = ctx.settings.recuperacao_ttl_minutos
    await uow.recuperacoes.add(digest(token), usuario_id, agora() + timedelta(minutes=minutos))
    link = f"{ctx.settings.origin}/recuperar-senha?token={token}"
    corpo = (
        f"Olá,\n\n{motivo or 'Recebemos um pedido para redefinir a sua senha no HealthMed.'}\n"
        f"Use este link em até {minutos} minutos (vale uma única vez):\n{link}\n\n"
        f"Código: {token}\n\n"
        "Se não foi você, ignore este e-mail; sua senha continua a mesma.\n"
    )
    await uow.emails.add(email, "Redefinição de senha - HealthMed", corpo)


async def recuperar(ctx: Identidade, *, ident: Identificador, ip: str) -> None:
    """Queue a single-use reset link for the account, if it exists; silent either way."""
    janela = timedelta(minutes=ctx.settings.janela_recuperacao_minutos)
    # Keyed on the identifier typed, whether or not the account exists: no enumeration. Every
    # request counts, checked and counted atomically like a login.
    limites = {
        f"ip-recuperar:{ip}": ctx.settings.recuperacoes_por_ip,
        "recuperar:" + chave_conta(ident): ctx.settings.recuperacoes_por_conta,
    }
    await contar_tentativa(ctx, limites, janela)
    async with ctx.uow() as uow:
        cpf_hash = ctx.cpf_hash(ident.valor) if ident.tipo == "cpf" else None
        usuario = await uow.usuarios.find(ident, cpf_hash)
        if usuario is not None and usuario.pendente:
            usuario = None  # not an account yet (silent, as for an unknown one)
        if usuario is not None and ctx.recuperacao is None:
            await enviar_link_de_recuperacao(ctx, uow, usuario.id, usuario.email)
        await uow.commit()
    if ctx.recuperacao is not None:
        # The provider e-mails its own code; it is asked even for an unknown account, so the
        # answer takes as long either way.
        await ctx.recuperacao.pedir(usuario.id if usuario else None)
    ctx.on_email()


async def confirmar_recuperacao(ctx: Identidade, *, token: str, nova_senha: str) -> None:
    """Set the new password with a valid token and end every session of the account."""
    validar_senha(nova_senha, "nova_senha")
    if ctx.recuperacao is not None:
        dono = await ctx.recuperacao.confirmar(token, nova_senha)
        async with ctx.uow() as uow:
            await uow.usuarios.set_senha(dono, None)  # records when it changed
            revogadas = await uow.sessoes.revoke_all(dono, "senha redefinida")
            await uow.commit()
        await ctx.revogacoes_ouvidas(revogadas)
        return
    senha_hash = await ctx.provedor.hash_da_senha(nova_senha)
    async with ctx.uow() as uow:
        usuario_id = await uow.recuperacoes.consume(digest(token))
        if usuario_id is None:
            raise TokenRecuperacaoInvalido()
        await uow.usuarios.set_senha(usuario_id, senha_hash)
        revogadas = await uow.sessoes.revoke_all(usuario_id, "senha redefinida")
        await uow.commit()
    await ctx.revogacoes_ouvidas(revogadas)
