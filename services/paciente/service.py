"""Use cases of patients: each runs in one unit of work.

Registration spans two services (the profile here, the login in auth): the profile is
inserted and flushed first, so a taken CPF or e-mail is a 409 before auth is called; then
auth creates the login and the profile commits, inside
:func:`libs.credenciais.conta_em_criacao`, so that no login outlives a profile that was not
stored, and no profile is stored without its login. The login is created pending and confirmed
after the commit; if the process dies in between (no compensation runs), auth's reconciliation
settles it by asking this service whether the profile exists.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from libs import credenciais
from services.paciente.adapters.uow import PacienteUnitOfWork
from services.paciente.domain.cpf import so_digitos
from services.paciente.domain.erros import PacienteNaoEncontrado, cpf_invalido
from services.paciente.domain.paciente import (
    Endereco,
    Localizacao,
    Paciente,
    exigir_proprio_paciente,
)

UowFactory = Callable[[], PacienteUnitOfWork]
_log = logging.getLogger("healthmed.paciente")


class ValidadorCpf(Protocol):
    """Port: is this CPF acceptable?

    The default adapter (``adapters.validador_cpf.ValidadorDigitosCpf``) checks the check
    digits only. Slot for an external validation service (a bureau or the Receita Federal's
    CPF status): an adapter implementing ``valido`` that calls it, chosen in
    ``app.create_app`` when its URL is configured; off unless configured.
    """

    async def valido(self, cpf: str) -> bool: ...


class Credenciais(Protocol):
    """Port: the logins kept by the identity provider (the auth service).

    The adapter is :class:`libs.credenciais.CredenciaisPaciente`. A refusal by auth is one of
    :data:`libs.credenciais.RECUSAS`, and means that nothing was created.
    """

    async def criar(self, *, usuario_id: uuid.UUID, email: str, senha: str, cpf: str) -> None: ...
    async def remover(self, usuario_id: uuid.UUID) -> None: ...
    async def confirmar(self, usuario_id: uuid.UUID) -> None: ...
    async def alterar_email(self, usuario_id: uuid.UUID, email: str) -> None: ...


@dataclass
class Pacientes:
    """Everything the use cases need besides the unit of work."""

    uow: UowFactory
    credenciais: Credenciais
    validador_cpf: ValidadorCpf


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


async def cadastrar(ctx: Pacientes, novo: NovoPaciente) -> Paciente:
    """Register a patient and their login; nothing is left behind when any step fails."""
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
    async with ctx.uow() as uow:
        await uow.pacientes.add(paciente)  # flushed: a taken CPF or e-mail fails here
        async with credenciais.conta_em_criacao(ctx.credenciais, paciente.id, log=_log):
            await ctx.credenciais.criar(
                usuario_id=paciente.id, email=paciente.email, senha=novo.senha, cpf=paciente.cpf
            )
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
) -> Paciente:
    """Change the patient's own profile; a new e-mail is changed in auth in the same step."""
    exigir_proprio_paciente(usuario_id=usuario_id, papel=papel, paciente_id=paciente_id)
    async with ctx.uow() as uow:
        paciente = await uow.pacientes.get(paciente_id, for_update=True)
        if paciente is None:
            raise PacienteNaoEncontrado()
        email_antigo = paciente.email
        paciente.alterar(**valores)
        if not paciente.campos_alterados:
            return paciente
        await uow.pacientes.save(paciente)  # flushed: a taken e-mail fails here
        async with credenciais.email_em_alteracao(
            ctx.credenciais, paciente.id, antigo=email_antigo, novo=paciente.email
        ):
            await uow.commit()
    # The login was created pending; if this never runs, auth's reconciliation confirms it.
    await credenciais.confirmar_conta(ctx.credenciais, paciente.id, log=_log)
    return paciente


async def resumo(ctx: Pacientes, *, paciente_id: uuid.UUID) -> Paciente:
    """A patient for another service (name and e-mail)."""
    async with ctx.uow() as uow:
        paciente = await uow.pacientes.get(paciente_id)
    if paciente is None:
        raise PacienteNaoEncontrado()
    return paciente
