"""The credentials of registrations: created pending by the medico and paciente services,
confirmed (with the welcome e-mail) or removed, settled by the reconciliation when the
registering process died, and deleted when the account is closed."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from libs import errors
from services.auth.domain.identificador import Identificador
from services.auth.domain.senha import validar_senha
from services.auth.ports import Conta, UnitOfWork
from services.auth.service.identidade import Identidade, agora, contar_tentativa

_log = logging.getLogger("healthmed.auth")

ASSUNTO_BOAS_VINDAS = "Boas-vindas ao HealthMed"


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
        reserva = await contar_tentativa(ctx, limites, janela)
    senha_hash = await ctx.provedor.hash_da_senha(senha)
    conta = Conta(
        id=usuario_id,
        papel=papel,
        email=email.strip(),
        cpf_hash=ctx.cpf_hash(cpf) if cpf else None,
        crm=crm.valor if crm else None,
    )
    async with ctx.uow() as uow:
        # Flushed: a taken e-mail, CPF or CRM is IdentificadorEmUso (409) here.
        await uow.usuarios.add(
            id=conta.id,
            papel=conta.papel,
            email=conta.email,
            cpf_hash=conta.cpf_hash,
            crm=conta.crm,
            senha_hash=senha_hash,
            pendente_desde=agora(),
        )
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


async def _boas_vindas(ctx: Identidade, uow: UnitOfWork, email: str, papel: str) -> None:
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
        pendentes = await uow.usuarios.pendentes(agora() - carencia, limite)
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
