"""Changing the login e-mail, and undoing the change from the old address."""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta

from libs import errors
from services.auth.domain.erros import IdentificadorEmUso, TrocaDeEmailInvalida
from services.auth.ports import UnitOfWork
from services.auth.service.identidade import Identidade, agora, digest
from services.auth.service.recuperacao import enviar_link_de_recuperacao
from services.auth.service.sessoes import verificar_senha


async def alterar_email(
    ctx: Identidade,
    *,
    usuario_id: uuid.UUID,
    email: str,
    senha_atual: str | None = None,
    sessao_atual: uuid.UUID | None = None,
) -> None:
    """Keep the login e-mail in step with the profile.

    A change asked by the person (``senha_atual`` given) is a change of the account's
    recovery address, so it takes the current password (throttled like a login), ends every
    other session and every pending reset code, and e-mails the OLD address a single-use link
    that undoes it (:func:`desfazer_troca_de_email`): a stolen access token alone can no
    longer move the account to the thief's address (issue 15 §2). Without ``senha_atual`` it
    is the profile service putting back an e-mail whose profile change failed: silent."""
    email = email.strip()
    if senha_atual is not None:
        await verificar_senha(ctx, usuario_id=usuario_id, senha=senha_atual)
    revogadas: list[uuid.UUID] = []
    async with ctx.uow() as uow:
        usuario = await uow.usuarios.get(usuario_id)
        if usuario is None:
            raise errors.NaoEncontrado("Credenciais não encontradas")
        await uow.usuarios.set_email(usuario_id, email)  # taken: IdentificadorEmUso (409)
        await ctx.provedor.alterar_email(usuario_id, email)
        if senha_atual is not None and usuario.email.lower() != email.lower():
            revogadas = await uow.sessoes.revoke_all(
                usuario_id, "e-mail alterado", exceto=sessao_atual
            )
            await uow.recuperacoes.encerrar_da_conta(usuario_id)
            await _avisar_troca_de_email(ctx, uow, usuario_id, antigo=usuario.email, novo=email)
        await uow.commit()
    await ctx.revogacoes_ouvidas(revogadas)
    ctx.on_email()


async def _avisar_troca_de_email(
    ctx: Identidade, uow: UnitOfWork, usuario_id: uuid.UUID, *, antigo: str, novo: str
) -> None:
    """E-mail the old address a single-use undo link (in the change's transaction)."""
    token = secrets.token_urlsafe(32)
    dias = ctx.settings.desfazer_email_ttl_dias
    await uow.trocas_de_email.add(
        digest(token),
        usuario_id,
        email_antigo=antigo,
        email_novo=novo,
        expira_em=agora() + timedelta(days=dias),
    )
    link = f"{ctx.settings.origin}/desfazer-email?token={token}"
    corpo = (
        "Olá,\n\nO e-mail da sua conta no HealthMed acabou de ser trocado por outro endereço.\n"
        "As outras sessões da conta foram encerradas.\n\n"
        f"Se não foi você, desfaça a troca por este link em até {dias} dias (vale uma única "
        f"vez): o e-mail volta a ser este, todas as sessões são encerradas e enviamos um link "
        f"para você redefinir a senha.\n{link}\n\n"
        "Se foi você, nada a fazer.\n"
    )
    await uow.emails.add(antigo, "O e-mail da sua conta foi alterado - HealthMed", corpo)


async def desfazer_troca_de_email(ctx: Identidade, *, token: str) -> None:
    """The old address undoes a change of e-mail: the profile and the login get the old
    e-mail back, every session ends (the thief's too), every reset code and undo link of the
    account ends, and a fresh reset link goes to the old address (whoever changed it knew the
    password). The profile first, under the link's lock: if its service fails nothing here
    changes and the link still works."""
    revogadas: list[uuid.UUID] = []
    async with ctx.uow() as uow:
        troca = await uow.trocas_de_email.valida_for_update(digest(token))
        usuario = await uow.usuarios.get(troca.usuario_id) if troca else None
        if troca is None or usuario is None or ctx.perfis is None:
            raise TrocaDeEmailInvalida()
        await ctx.perfis.restaurar_email(usuario.papel, usuario.id, troca.email_antigo)
        try:
            await uow.usuarios.set_email(usuario.id, troca.email_antigo)
        except IdentificadorEmUso as exc:
            # The same conflict, in the words of the undo: the old address is someone else's.
            raise IdentificadorEmUso("email", "O e-mail antigo já é de outra conta") from exc
        await ctx.provedor.alterar_email(usuario.id, troca.email_antigo)
        await uow.trocas_de_email.encerrar_da_conta(usuario.id)
        await uow.recuperacoes.encerrar_da_conta(usuario.id)
        revogadas = await uow.sessoes.revoke_all(usuario.id, "troca de e-mail desfeita")
        if ctx.recuperacao is None:
            await enviar_link_de_recuperacao(
                ctx,
                uow,
                usuario.id,
                troca.email_antigo,
                motivo="A troca do e-mail da sua conta foi desfeita. Defina uma senha nova.",
            )
        await uow.commit()
    await ctx.revogacoes_ouvidas(revogadas)
    ctx.on_email()
