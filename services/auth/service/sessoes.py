"""Logging in and out: sessions, their refresh tokens, re-authentication."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from libs import errors
from services.auth.domain.erros import CredenciaisInvalidas, SenhaIncorreta, SessaoInvalida
from services.auth.domain.identificador import Identificador
from services.auth.ports import Credencial, Emissao
from services.auth.service.identidade import (
    Identidade,
    agora,
    chave_conta,
    contar_tentativa,
    digest,
)


@dataclass(frozen=True)
class Tokens:
    """What a login or refresh answers."""

    access_token: str
    refresh_token: str
    expires_in: int
    papel: str
    usuario_id: uuid.UUID


def _tokens(emissao: Emissao, usuario_id: uuid.UUID, papel: str) -> Tokens:
    return Tokens(
        emissao.access_token, emissao.refresh_token, emissao.expires_in, papel, usuario_id
    )


async def login(ctx: Identidade, *, ident: Identificador, senha: str, ip: str) -> Tokens:
    """Check the password; too many failures for the account or the client IP answer 429."""
    janela = timedelta(minutes=ctx.settings.janela_falhas_minutos)
    limites = {
        chave_conta(ident): ctx.settings.falhas_por_conta,
        f"ip-login:{ip}": ctx.settings.falhas_por_ip,
    }
    # Counted as a failure until it succeeds: a success forgets only its own attempt, never
    # the failures before it (a correct password inside a burst must not open the window).
    reserva = await contar_tentativa(ctx, limites, janela)
    async with ctx.uow() as uow:
        cpf_hash = ctx.cpf_hash(ident.valor) if ident.tipo == "cpf" else None
        usuario = await uow.usuarios.find(ident, cpf_hash)
        if usuario is not None and usuario.pendente:
            # A registration not confirmed yet is no account: the same 401 (and the same time
            # spent) as an unknown one.
            usuario = None
        credencial = Credencial(usuario.id, usuario.papel, usuario.senha_hash) if usuario else None
        emissao = await ctx.provedor.entrar(credencial, senha)
        if emissao is None or usuario is None:
            raise CredenciaisInvalidas(ident.papel)
        await uow.tentativas.esquecer(reserva)
        await uow.sessoes.add(
            emissao.sessao_id, usuario.id, agora() + timedelta(days=ctx.settings.refresh_ttl_dias)
        )
        await uow.sessoes.add_refresh(digest(emissao.refresh_token), emissao.sessao_id)
        await uow.commit()
        return _tokens(emissao, usuario.id, usuario.papel)


async def refresh(ctx: Identidade, *, refresh_token: str) -> Tokens:
    """Rotate a refresh token; presenting a rotated one again revokes the whole session, unless
    it comes back within ``refresh_tolerancia_segundos`` of its rotation (a lost answer).

    A provider that does not rotate (Cognito without refresh token rotation) answers the same
    token, which then stays valid: re-use cannot be told from use, so it is not detected."""
    token_hash = digest(refresh_token)
    async with ctx.uow() as uow:
        row = await uow.sessoes.refresh_for_update(token_hash)
        if row is None:
            raise SessaoInvalida()
        tolerancia = timedelta(seconds=ctx.settings.refresh_tolerancia_segundos)
        if row.usado_em is not None and agora() - row.usado_em > tolerancia:
            revogadas = await uow.sessoes.revoke(row.sessao_id, "reuso de refresh token")
            await uow.commit()
            await ctx.revogacoes_ouvidas(revogadas)
            raise SessaoInvalida()
        if row.sessao_revogada_em is not None or row.sessao_expira_em <= agora():
            raise SessaoInvalida()
        emissao = await ctx.provedor.renovar(
            usuario_id=row.usuario_id,
            papel=row.papel,
            sessao_id=row.sessao_id,
            refresh_token=refresh_token,
        )
        if emissao is None:
            # The provider revoked it (a sign-out elsewhere, a password reset): so do we.
            revogadas = await uow.sessoes.revoke(row.sessao_id, "refresh recusado pelo provedor")
            await uow.commit()
            await ctx.revogacoes_ouvidas(revogadas)
            raise SessaoInvalida()
        if emissao.refresh_token != refresh_token:
            # Marked once: a retry within the tolerance must not stretch it.
            if row.usado_em is None:
                await uow.sessoes.mark_refresh_used(token_hash)
            await uow.sessoes.add_refresh(digest(emissao.refresh_token), row.sessao_id)
        await uow.commit()
        return _tokens(emissao, row.usuario_id, row.papel)


async def logout(
    ctx: Identidade, *, usuario_id: uuid.UUID, sessao_id: uuid.UUID, access_token: str
) -> None:
    """End the session: its access and refresh tokens stop working everywhere. Where the
    provider signs the user out of every session (Cognito), every session row ends too."""
    alcance = await ctx.provedor.sair(access_token)  # never fails: the rows below are what count
    async with ctx.uow() as uow:
        if alcance == "conta":
            revogadas = await uow.sessoes.revoke_all(usuario_id, "logout")
        else:
            revogadas = await uow.sessoes.revoke(sessao_id, "logout")
        await uow.commit()
    await ctx.revogacoes_ouvidas(revogadas)


def jwks(keys: Any) -> dict[str, Any]:
    """The built-in provider's public keys; with Cognito they are the pool's, not here."""
    if keys is None:
        raise errors.NaoEncontrado("As chaves de verificação são as do Cognito (JWKS do user pool)")
    published: dict[str, Any] = keys.jwks()
    return published


async def validade_da_sessao(ctx: Identidade, *, sessao_id: uuid.UUID) -> datetime | None:
    """When a live session expires; None when it has ended (asked by every service, at most
    once a minute per session and process)."""
    async with ctx.uow() as uow:
        return await uow.sessoes.validade(sessao_id)


async def verificar_senha(ctx: Identidade, *, usuario_id: uuid.UUID, senha: str) -> None:
    """Re-authentication before an irreversible act (closing an account): the password of
    this account, or ``SenhaIncorreta`` (403). Failures count like login failures, keyed on
    the account, so it cannot be used to guess a password (429 past the limit).

    The provider's check is its login (``entrar``): the session it may open at the provider
    is never recorded here, so its tokens are refused by every service (no session row)."""
    janela = timedelta(minutes=ctx.settings.janela_falhas_minutos)
    limites = {f"verificar:{usuario_id}": ctx.settings.falhas_por_conta}
    reserva = await contar_tentativa(ctx, limites, janela)
    async with ctx.uow() as uow:
        usuario = await uow.usuarios.get(usuario_id)
        if usuario is None or usuario.pendente:
            raise errors.NaoEncontrado("Credenciais não encontradas")
        credencial = Credencial(usuario.id, usuario.papel, usuario.senha_hash)
        if await ctx.provedor.entrar(credencial, senha) is None:
            raise SenhaIncorreta()
        await uow.tentativas.esquecer(reserva)
        await uow.commit()
