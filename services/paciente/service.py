"""Use cases of patients: each runs in one unit of work.

Registration spans two services (the profile here, the login in auth; :mod:`libs.credenciais`
tells how neither outlives the other): auth creates the login first, pending (it validates the
whole registration, password included, before telling that a CPF or e-mail is taken, and limits
those refusals per client IP), then the profile is inserted and commits; the login is confirmed
last.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from libs import credenciais, errors
from libs.campos import Endereco, Localizacao
from services.paciente.domain.cpf import so_digitos
from services.paciente.domain.erros import ContaEncerrada, PacienteNaoEncontrado, cpf_invalido
from services.paciente.domain.paciente import (
    Paciente,
    exigir_confirmacao_de_encerramento,
    exigir_proprio_paciente,
)
from services.paciente.ports import Credenciais, OutrosServicos, UnitOfWork, ValidadorCpf

UowFactory = Callable[[], UnitOfWork]
_log = logging.getLogger("healthmed.paciente")


def _agora() -> datetime:
    return datetime.now(UTC)


@dataclass
class Pacientes:
    """Everything the use cases need besides the unit of work."""

    uow: UowFactory
    credenciais: Credenciais
    validador_cpf: ValidadorCpf
    # Closing an account needs the other services; None only where no closing runs (tests of
    # the registration).
    outros: OutrosServicos | None = None
    relogio: Callable[[], datetime] = _agora


@dataclass(frozen=True)
class NovoPaciente:
    """What a registration brings (already shaped by the HTTP schema)."""

    nome: str
    email: str
    cpf: str
    senha: str
    telefone: str | None = None
    data_nascimento: date | None = None
    endereco: Endereco | None = None
    localizacao: Localizacao | None = None


async def cadastrar(ctx: Pacientes, novo: NovoPaciente, *, ip: str | None = None) -> Paciente:
    """Register a patient and their login; nothing is left behind when any step fails.

    Auth is asked first: it checks the whole registration (the password too) before telling
    whether the CPF or e-mail is taken, and limits such refusals per client ``ip`` (issue 15
    §5: a 409 says "registered", so a probe must cost a valid registration and be rare)."""
    if not await ctx.validador_cpf.valido(novo.cpf):
        raise cpf_invalido()
    paciente = Paciente(
        id=uuid.uuid4(),
        nome=novo.nome,
        email=novo.email,
        cpf=so_digitos(novo.cpf),
        telefone=novo.telefone,
        data_nascimento=novo.data_nascimento,
        endereco=novo.endereco,
        localizacao=novo.localizacao,
    )
    async with (
        ctx.uow() as uow,
        credenciais.conta_em_criacao(ctx.credenciais, paciente.id, log=_log),
    ):
        await ctx.credenciais.criar(
            usuario_id=paciente.id, email=paciente.email, senha=novo.senha, cpf=paciente.cpf, ip=ip
        )
        await uow.pacientes.add(paciente)  # flushed: a profile conflict removes the login
        await uow.commit()
    # The login was created pending; if this never runs, auth's reconciliation confirms it.
    await credenciais.confirmar_conta(ctx.credenciais, paciente.id, log=_log)
    return paciente


async def obter(
    ctx: Pacientes, *, usuario_id: uuid.UUID, papel: str, paciente_id: uuid.UUID
) -> Paciente:
    """The patient's own profile."""
    exigir_proprio_paciente(usuario_id=usuario_id, papel=papel, paciente_id=paciente_id)
    async with ctx.uow() as uow:
        paciente = await uow.pacientes.get(paciente_id)
    if paciente is None:
        raise PacienteNaoEncontrado()
    return paciente


async def alterar(
    ctx: Pacientes,
    *,
    usuario_id: uuid.UUID,
    papel: str,
    paciente_id: uuid.UUID,
    valores: dict[str, Any],
    senha_atual: str | None = None,
    sessao_atual: uuid.UUID | None = None,
) -> Paciente:
    """Change the patient's own profile; a new e-mail is changed in auth in the same step,
    and only with the current password (``senha_atual``): auth ends the other sessions
    (all but ``sessao_atual``) and tells the old address, with a link to undo it."""
    exigir_proprio_paciente(usuario_id=usuario_id, papel=papel, paciente_id=paciente_id)
    async with ctx.uow() as uow:
        paciente = await uow.pacientes.get(paciente_id, for_update=True)
        if paciente is None:
            raise PacienteNaoEncontrado()
        if paciente.encerrada:
            # Only reachable while a closing is unfinished (the login still works): an
            # anonymised profile is never filled in again.
            raise ContaEncerrada()
        email_antigo = paciente.email
        paciente.alterar(**valores)
        if not paciente.campos_alterados:
            return paciente
        await uow.pacientes.save(paciente)  # flushed: a taken e-mail fails here
        async with credenciais.email_em_alteracao(
            ctx.credenciais,
            paciente.id,
            antigo=email_antigo,
            novo=paciente.email,
            pedido=credenciais.Reautenticacao(senha_atual, sessao_atual) if senha_atual else None,
        ):
            await uow.commit()
    # The login was created pending; if this never runs, auth's reconciliation confirms it.
    await credenciais.confirmar_conta(ctx.credenciais, paciente.id, log=_log)
    return paciente


async def restaurar_email(ctx: Pacientes, *, paciente_id: uuid.UUID, email: str) -> None:
    """Auth undoes a change of e-mail from the old address's link: the profile gets the old
    e-mail back (idempotent; taken by another profile: 409)."""
    async with ctx.uow() as uow:
        paciente = await uow.pacientes.get(paciente_id, for_update=True)
        if paciente is None or paciente.encerrada:
            raise PacienteNaoEncontrado()
        paciente.alterar(email=email)
        if paciente.campos_alterados:
            await uow.pacientes.save(paciente)
            await uow.commit()


async def resumo(ctx: Pacientes, *, paciente_id: uuid.UUID) -> Paciente:
    """A patient for another service (name and e-mail)."""
    async with ctx.uow() as uow:
        paciente = await uow.pacientes.get(paciente_id)
    if paciente is None:
        raise PacienteNaoEncontrado()
    return paciente


@dataclass(frozen=True)
class Encerramento:
    """What closing the account did (the counts are this call's: a retry that completes an
    interrupted closing counts only what was left)."""

    encerrada_em: datetime
    consultas_canceladas: int
    compartilhamentos_revogados: int


async def encerrar(
    ctx: Pacientes,
    *,
    usuario_id: uuid.UUID,
    papel: str,
    paciente_id: uuid.UUID,
    senha: str,
    confirmacao: str,
    ip: str,
) -> Encerramento:
    """The patient closes the account (LGPD art. 18): after typing ENCERRAR and the current
    password, in this order, each step idempotent:

    1. consulta cancels the future appointments (the cutoff does not apply) and the calendar
       subscription;
    2. prontuario revokes every share and closes the record, kept by law for 20 years;
    3. the profile here is anonymised;
    4. auth revokes every session and deletes the login: LAST, so that a failure before it
       (503) leaves the patient able to log in and ask again, and the retry completes the rest.
    """
    exigir_proprio_paciente(usuario_id=usuario_id, papel=papel, paciente_id=paciente_id)
    exigir_confirmacao_de_encerramento(confirmacao)
    if ctx.outros is None:
        raise errors.ServicoIndisponivel("Encerramento de conta indisponível")
    async with ctx.uow() as uow:
        if await uow.pacientes.get(paciente_id) is None:
            raise PacienteNaoEncontrado()
    await ctx.credenciais.verificar_senha(paciente_id, senha)
    canceladas = await ctx.outros.encerrar_agenda(paciente_id)
    revogados = await ctx.outros.encerrar_prontuario(paciente_id, ip)
    async with ctx.uow() as uow:
        paciente = await uow.pacientes.get(paciente_id, for_update=True)
        if paciente is None:
            raise PacienteNaoEncontrado()
        paciente.anonimizar(ctx.relogio())
        await uow.pacientes.encerrar(paciente)
        await uow.commit()
    assert paciente.encerrada_em is not None
    await ctx.credenciais.encerrar(paciente_id)
    _log.info("conta de paciente encerrada: %s", paciente_id)
    return Encerramento(paciente.encerrada_em, canceladas, revogados)
