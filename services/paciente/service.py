"""Use cases of patients: each runs in one unit of work.

Registration spans two services (the profile here, the credentials in auth) and leaves
nothing half-created: the profile is inserted and flushed first (a duplicate is a 409 before
auth is called), then auth creates the credentials, then the profile commits; any refusal by
auth rolls the profile back, and a failed commit removes the credentials again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from libs import errors
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
    """Port: the logins kept by the identity provider (the auth service)."""

    async def criar(self, *, usuario_id: uuid.UUID, email: str, senha: str, cpf: str) -> None: ...
    async def remover(self, usuario_id: uuid.UUID) -> None: ...
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


async def _remover_credenciais(ctx: Pacientes, usuario_id: uuid.UUID) -> None:
    """Compensation: remove a login whose profile was not stored (best effort, logged)."""
    _log.warning("cadastro falhou depois de pedir credenciais; removendo-as (%s)", usuario_id)
    try:
        await ctx.credenciais.remover(usuario_id)
    except Exception:
        _log.exception("credenciais órfãs no auth: remova %s manualmente", usuario_id)


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
        try:
            await ctx.credenciais.criar(
                usuario_id=paciente.id, email=paciente.email, senha=novo.senha, cpf=paciente.cpf
            )
        except (errors.Conflito, errors.DadosInvalidos):
            raise  # auth refused: it created nothing, and the profile rolls back
        except BaseException:
            # Unknown outcome (a timeout, auth failing midway): make sure no login remains.
            await _remover_credenciais(ctx, paciente.id)
            raise
        try:
            await uow.commit()
        except BaseException:
            await _remover_credenciais(ctx, paciente.id)
            raise
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
        novo_email = "email" in paciente.campos_alterados
        if novo_email:
            await ctx.credenciais.alterar_email(paciente.id, paciente.email)
        try:
            await uow.commit()
        except BaseException:
            if novo_email:
                await ctx.credenciais.alterar_email(paciente.id, email_antigo)
            raise
    return paciente


async def resumo(ctx: Pacientes, *, paciente_id: uuid.UUID) -> Paciente:
    """A patient for another service (name and e-mail)."""
    async with ctx.uow() as uow:
        paciente = await uow.pacientes.get(paciente_id)
    if paciente is None:
        raise PacienteNaoEncontrado()
    return paciente
