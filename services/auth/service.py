"""Use cases of identity: each runs in one unit of work."""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy.exc import IntegrityError

from libs import crypto, db, errors
from services.auth.adapters.repository import Reserva
from services.auth.adapters.uow import AuthUnitOfWork
from services.auth.domain.email import EmailDeFora
from services.auth.domain.erros import (
    CredenciaisInvalidas,
    IdentificadorEmUso,
    SenhaIncorreta,
    SessaoInvalida,
    TokenRecuperacaoInvalido,
    TrocaDeEmailInvalida,
)
from services.auth.domain.identificador import Identificador
from services.auth.domain.senha import validar_senha
from services.auth.ports import (
    Conta,
    Credencial,
    Emissao,
    Perfis,
    ProvedorIdentidade,
    RecuperacaoExterna,
)
from services.auth.settings import AuthSettings

UowFactory = Callable[[], AuthUnitOfWork]
_log = logging.getLogger("healthmed.auth")

ASSUNTO_BOAS_VINDAS = "Boas-vindas ao HealthMed"


@dataclass(frozen=True)
class Tokens:
    """What a login or refresh answers."""

    access_token: str
    refresh_token: str
    expires_in: int
    papel: str
    usuario_id: uuid.UUID


async def _nada(_revogadas: list[uuid.UUID]) -> None:
    """No listener of revocations in this process: nothing to wait for."""


@dataclass
class Identidade:
    """Everything the use cases need besides the unit of work."""

    settings: AuthSettings
    uow: UowFactory
    provedor: ProvedorIdentidade
    # None: the service e-mails its own single-use reset links (the built-in provider).
    recuperacao: RecuperacaoExterna | None = None
    on_email: Callable[[], None] = lambda: None
    # The profile services, asked by the reconciliation of pending registrations.
    perfis: Perfis | None = None
    # Waits (bounded) until this process has heard the announcement of these revoked sessions,
    # so a logout answers once every service's session cache can know (libs.revogacoes).
    revogacoes_ouvidas: Callable[[list[uuid.UUID]], Awaitable[object]] = _nada

    def cpf_hash(self, cpf_digits: str) -> str:
        """Keyed hash of a CPF: lookups without storing the CPF in clear."""
        return crypto.keyed_hash(self.settings, cpf_digits)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _chave_conta(ident: Identificador) -> str:
    return "conta:" + _digest(f"{ident.tipo}:{ident.valor}")[:32]


async def _contar_tentativa(ctx: Identidade, limites: dict[str, int], janela: timedelta) -> Reserva:
    """Count an attempt under each key before it is checked, in its own short transaction
    (locked per key): 429 if a key already holds its limit in the window. Checked and counted
    atomically, so concurrent guesses cannot all read "below the limit" (issue 15 §4)."""
    async with ctx.uow() as uow:
        reserva = await uow.tentativas.reservar(limites, _now() - janela)
        await uow.commit()
    if reserva.mais_antiga is not None:
        retry = (reserva.mais_antiga + janela - _now()).total_seconds()
        raise errors.LimiteExcedido(int(retry) + 1)
    return reserva


def _tokens(emissao: Emissao, usuario_id: uuid.UUID, papel: str) -> Tokens:
    return Tokens(
        emissao.access_token, emissao.refresh_token, emissao.expires_in, papel, usuario_id
    )


async def login(ctx: Identidade, *, ident: Identificador, senha: str, ip: str) -> Tokens:
    """Check the password; too many failures for the account or the client IP answer 429."""
    janela = timedelta(minutes=ctx.settings.janela_falhas_minutos)
    limites = {
        _chave_conta(ident): ctx.settings.falhas_por_conta,
        f"ip-login:{ip}": ctx.settings.falhas_por_ip,
    }
    # Counted as a failure until it succeeds: a success forgets only its own attempt, never
    # the failures before it (a correct password inside a burst must not open the window).
    reserva = await _contar_tentativa(ctx, limites, janela)
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
            emissao.sessao_id, usuario.id, _now() + timedelta(days=ctx.settings.refresh_ttl_dias)
        )
        await uow.sessoes.add_refresh(_digest(emissao.refresh_token), emissao.sessao_id)
        await uow.commit()
        return _tokens(emissao, usuario.id, usuario.papel)


async def refresh(ctx: Identidade, *, refresh_token: str) -> Tokens:
    """Rotate a refresh token; presenting a rotated one again revokes the whole session, unless
    it comes back within ``refresh_tolerancia_segundos`` of its rotation (a lost answer).

    A provider that does not rotate (Cognito without refresh token rotation) answers the same
    token, which then stays valid: re-use cannot be told from use, so it is not detected."""
    token_hash = _digest(refresh_token)
    async with ctx.uow() as uow:
        row = await uow.sessoes.refresh_for_update(token_hash)
        if row is None:
            raise SessaoInvalida()
        tolerancia = timedelta(seconds=ctx.settings.refresh_tolerancia_segundos)
        if row.usado_em is not None and _now() - row.usado_em > tolerancia:
            revogadas = await uow.sessoes.revoke(row.sessao_id, "reuso de refresh token")
            await uow.commit()
            await ctx.revogacoes_ouvidas(revogadas)
            raise SessaoInvalida()
        if row.sessao_revogada_em is not None or row.sessao_expira_em <= _now():
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
            await uow.sessoes.add_refresh(_digest(emissao.refresh_token), row.sessao_id)
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


async def _enviar_link_de_recuperacao(
    ctx: Identidade, uow: AuthUnitOfWork, usuario_id: uuid.UUID, email: str, *, motivo: str = ""
) -> None:
    """Queue a single-use reset link (built-in provider), in the caller's transaction."""
    token = secrets.token_urlsafe(32)
    minutos = ctx.settings.recuperacao_ttl_minutos
    await uow.recuperacoes.add(_digest(token), usuario_id, _now() + timedelta(minutes=minutos))
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
        "recuperar:" + _chave_conta(ident): ctx.settings.recuperacoes_por_conta,
    }
    await _contar_tentativa(ctx, limites, janela)
    async with ctx.uow() as uow:
        cpf_hash = ctx.cpf_hash(ident.valor) if ident.tipo == "cpf" else None
        usuario = await uow.usuarios.find(ident, cpf_hash)
        if usuario is not None and usuario.pendente:
            usuario = None  # not an account yet (silent, as for an unknown one)
        if usuario is not None and ctx.recuperacao is None:
            await _enviar_link_de_recuperacao(ctx, uow, usuario.id, usuario.email)
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
        usuario_id = await uow.recuperacoes.consume(_digest(token))
        if usuario_id is None:
            raise TokenRecuperacaoInvalido()
        await uow.usuarios.set_senha(usuario_id, senha_hash)
        revogadas = await uow.sessoes.revoke_all(usuario_id, "senha redefinida")
        await uow.commit()
    await ctx.revogacoes_ouvidas(revogadas)


_CONFLITOS = {
    "uq_usuarios_email_papel": ("email", "E-mail já cadastrado"),
    "uq_usuarios_cpf_hash": ("cpf", "CPF já cadastrado"),
    "uq_usuarios_crm": ("crm", "CRM já cadastrado para esta UF"),
}


async def criar_credenciais(
    ctx: Identidade,
    *,
    usuario_id: uuid.UUID,
    papel: Literal["medico", "paciente"],
    email: str,
    senha: str,
    cpf: str | None = None,
    crm: Identificador | None = None,
    ip: str | None = None,
) -> None:
    """Store the credentials of a new account (called by the medico and paciente services).

    A taken identifier answers 409, which tells that it is registered: with the person's
    ``ip``, such refusals are limited per IP like failed logins (429 past the limit; the
    attempt is counted before it is checked, and forgotten only if it succeeds).

    They are stored *pending*: they do not log in until the registering service confirms them
    (:func:`confirmar_credenciais`) after its profile committed; :func:`reconciliar_pendentes`
    settles those whose confirmation never came (the registering process died)."""
    validar_senha(senha)
    reserva = None
    if ip is not None:
        janela = timedelta(minutes=ctx.settings.janela_cadastros_minutos)
        limites = {f"ip-cadastro:{ip}": ctx.settings.cadastros_recusados_por_ip}
        reserva = await _contar_tentativa(ctx, limites, janela)
    senha_hash = await ctx.provedor.hash_da_senha(senha)
    conta = Conta(
        id=usuario_id,
        papel=papel,
        email=email.strip(),
        cpf_hash=ctx.cpf_hash(cpf) if cpf else None,
        crm=crm.valor if crm else None,
    )
    async with ctx.uow() as uow:
        try:
            await uow.usuarios.add(
                id=conta.id,
                papel=conta.papel,
                email=conta.email,
                cpf_hash=conta.cpf_hash,
                crm=conta.crm,
                senha_hash=senha_hash,
                pendente_desde=_now(),
            )
        except IntegrityError as exc:
            campo, msg = _CONFLITOS.get(
                db.constraint_name(exc) or "", ("usuario", "Conta já existe")
            )
            raise IdentificadorEmUso(campo, msg) from exc
        if reserva is not None:
            await uow.tentativas.esquecer(reserva)  # not refused: it does not count
        # Unique identifiers are checked (flushed) first: a conflict creates nothing outside.
        await ctx.provedor.criar(conta, senha)
        try:
            await uow.commit()
        except Exception:
            await ctx.provedor.remover(conta.id)
            raise


async def remover_credenciais(ctx: Identidade, *, usuario_id: uuid.UUID) -> None:
    """Undo :func:`criar_credenciais` (compensation when a registration fails later)."""
    async with ctx.uow() as uow:
        await uow.usuarios.delete(usuario_id)
        await uow.commit()
    # After the row: a login can no longer reach an account whose removal at the provider fails
    # (the caller retries the removal).
    await ctx.provedor.remover(usuario_id)


_BOAS_VINDAS = {
    "paciente": (
        "Sua conta está pronta. Encontre um médico pela especialidade, pela cidade ou pelo "
        "primeiro horário livre e peça sua teleconsulta:\n{origin}/buscar\n\n"
        "Seu prontuário guarda exames e receitas com criptografia; só você decide com quem "
        "compartilhar, e por quanto tempo."
    ),
    "medico": (
        "Sua conta está pronta. Complete seu perfil (especialidades, apresentação, valor da "
        "consulta) e publique seus horários para aparecer na busca dos pacientes:\n"
        "{origin}/agenda"
    ),
}


async def _boas_vindas(ctx: Identidade, uow: AuthUnitOfWork, email: str, papel: str) -> None:
    """Queue the welcome e-mail of an account just activated (in the activation's
    transaction: sent once, never lost)."""
    corpo = (
        "Olá,\n\nBoas-vindas ao HealthMed!\n\n"
        + _BOAS_VINDAS.get(papel, _BOAS_VINDAS["paciente"]).format(origin=ctx.settings.origin)
        + "\n\nSe não foi você quem criou esta conta, responda a este e-mail.\n"
    )
    await uow.emails.add(email, ASSUNTO_BOAS_VINDAS, corpo)


async def confirmar_credenciais(ctx: Identidade, *, usuario_id: uuid.UUID) -> None:
    """The registering service stored the profile: the credentials log in from now on, and the
    welcome e-mail goes out (once: repeating the confirmation sends nothing more).
    Idempotent; unknown credentials are ``NaoEncontrado``."""
    async with ctx.uow() as uow:
        confirmacao = await uow.usuarios.confirmar(usuario_id)
        if confirmacao is not None and confirmacao.ativada:
            await _boas_vindas(ctx, uow, confirmacao.email, confirmacao.papel)
        await uow.commit()
    if confirmacao is None:
        raise errors.NaoEncontrado("Credenciais não encontradas")
    if confirmacao.ativada:
        ctx.on_email()


async def verificar_senha(ctx: Identidade, *, usuario_id: uuid.UUID, senha: str) -> None:
    """Re-authentication before an irreversible act (closing an account): the password of
    this account, or ``SenhaIncorreta`` (403). Failures count like login failures, keyed on
    the account, so it cannot be used to guess a password (429 past the limit).

    The provider's check is its login (``entrar``): the session it may open at the provider
    is never recorded here, so its tokens are refused by every service (no session row)."""
    janela = timedelta(minutes=ctx.settings.janela_falhas_minutos)
    limites = {f"verificar:{usuario_id}": ctx.settings.falhas_por_conta}
    reserva = await _contar_tentativa(ctx, limites, janela)
    async with ctx.uow() as uow:
        usuario = await uow.usuarios.get(usuario_id)
        if usuario is None or usuario.pendente:
            raise errors.NaoEncontrado("Credenciais não encontradas")
        credencial = Credencial(usuario.id, usuario.papel, usuario.senha_hash)
        if await ctx.provedor.entrar(credencial, senha) is None:
            raise SenhaIncorreta()
        await uow.tentativas.esquecer(reserva)
        await uow.commit()


async def encerrar_credenciais(ctx: Identidade, *, usuario_id: uuid.UUID) -> None:
    """The account is closed: every session ends (announced, so every service refuses its
    tokens at once), then the credentials are deleted, here and at the provider, so the
    e-mail and CPF may open a new account. Idempotent: an account already gone is fine."""
    async with ctx.uow() as uow:
        revogadas = await uow.sessoes.revoke_all(usuario_id, "conta encerrada")
        await uow.usuarios.delete(usuario_id)
        await uow.commit()
    await ctx.revogacoes_ouvidas(revogadas)
    await ctx.provedor.remover(usuario_id)


@dataclass(frozen=True)
class Reconciliacao:
    """What one round of :func:`reconciliar_pendentes` did."""

    confirmadas: list[uuid.UUID]
    removidas: list[uuid.UUID]
    adiadas: list[uuid.UUID]  # the profile's service could not tell: next round


async def reconciliar_pendentes(ctx: Identidade, *, limite: int = 100) -> Reconciliacao:
    """Settle the credentials pending for longer than the grace period.

    A registration whose process died between auth's answer and the confirmation leaves them
    behind. The service owning the profile is asked: the profile exists (the confirmation was
    lost) → confirm; it does not (the profile never committed) → delete them, at the provider
    too; no answer → leave them for the next round."""
    resultado = Reconciliacao([], [], [])
    if ctx.perfis is None:
        return resultado
    carencia = timedelta(seconds=ctx.settings.cadastro_pendente_carencia_segundos)
    async with ctx.uow() as uow:
        pendentes = await uow.usuarios.pendentes(_now() - carencia, limite)
    boas_vindas = False
    for usuario_id, papel in pendentes:
        existe = await ctx.perfis.existe(papel, usuario_id)
        if existe is None:
            resultado.adiadas.append(usuario_id)
            continue
        if not existe:
            # The provider first: if it fails, the row stays pending (no login) and the next
            # round tries again; the other way round a provider account could be orphaned.
            try:
                await ctx.provedor.remover(usuario_id)
            except Exception:
                _log.exception("reconciliação: remoção no provedor falhou (%s)", usuario_id)
                resultado.adiadas.append(usuario_id)
                continue
        async with ctx.uow() as uow:
            if existe:
                confirmacao = await uow.usuarios.confirmar(usuario_id)
                if confirmacao is not None and confirmacao.ativada:
                    await _boas_vindas(ctx, uow, confirmacao.email, confirmacao.papel)
                    boas_vindas = True
            else:
                # Only while still pending: a confirmation that just arrived wins.
                existe = not await uow.usuarios.delete_pendente(usuario_id)
            await uow.commit()
        (resultado.confirmadas if existe else resultado.removidas).append(usuario_id)
    if boas_vindas:
        ctx.on_email()
    if resultado.confirmadas or resultado.removidas:
        _log.warning(
            "reconciliação de cadastros: %d confirmados, %d removidos, %d adiados",
            len(resultado.confirmadas),
            len(resultado.removidas),
            len(resultado.adiadas),
        )
    return resultado


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
        try:
            await uow.usuarios.set_email(usuario_id, email)
        except IntegrityError as exc:
            raise IdentificadorEmUso("email", "E-mail já cadastrado") from exc
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
    ctx: Identidade, uow: AuthUnitOfWork, usuario_id: uuid.UUID, *, antigo: str, novo: str
) -> None:
    """E-mail the old address a single-use undo link (in the change's transaction)."""
    token = secrets.token_urlsafe(32)
    dias = ctx.settings.desfazer_email_ttl_dias
    await uow.trocas_de_email.add(
        _digest(token),
        usuario_id,
        email_antigo=antigo,
        email_novo=novo,
        expira_em=_now() + timedelta(days=dias),
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
        troca = await uow.trocas_de_email.valida_for_update(_digest(token))
        usuario = await uow.usuarios.get(troca.usuario_id) if troca else None
        if troca is None or usuario is None or ctx.perfis is None:
            raise TrocaDeEmailInvalida()
        await ctx.perfis.restaurar_email(usuario.papel, usuario.id, troca.email_antigo)
        try:
            await uow.usuarios.set_email(usuario.id, troca.email_antigo)
        except IntegrityError as exc:
            raise IdentificadorEmUso("email", "O e-mail antigo já é de outra conta") from exc
        await ctx.provedor.alterar_email(usuario.id, troca.email_antigo)
        await uow.trocas_de_email.encerrar_da_conta(usuario.id)
        await uow.recuperacoes.encerrar_da_conta(usuario.id)
        revogadas = await uow.sessoes.revoke_all(usuario.id, "troca de e-mail desfeita")
        if ctx.recuperacao is None:
            await _enviar_link_de_recuperacao(
                ctx,
                uow,
                usuario.id,
                troca.email_antigo,
                motivo="A troca do e-mail da sua conta foi desfeita. Defina uma senha nova.",
            )
        await uow.commit()
    await ctx.revogacoes_ouvidas(revogadas)
    ctx.on_email()


async def enfileirar_emails(ctx: Identidade, emails: Sequence[EmailDeFora]) -> None:
    """Queue e-mails from another service (appointment notices) in the outbox, all in one
    statement: the agenda hands over what one pass of its own outbox holds."""
    if not emails:
        return
    async with ctx.uow() as uow:
        await uow.emails.add_varios(emails)
        await uow.commit()
    ctx.on_email()


async def emails_enviados(ctx: Identidade, *, para: str | None) -> list[dict[str, Any]]:
    """The local dev inbox, newest first."""
    async with ctx.uow() as uow:
        rows = await uow.emails.listar(para)
    return [
        {
            "para": r.para,
            "assunto": r.assunto,
            "corpo": r.corpo,
            "enviado_em": r.enviado_em or r.criado_em,
        }
        for r in rows
    ]
