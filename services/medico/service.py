"""Use cases of doctors: each runs in one unit of work.

Registration spans two services (the profile here, the login in auth; :mod:`libs.credenciais`
tells how neither outlives the other): the profile is inserted and flushed first, so a taken
CRM + UF or e-mail is a 409 before auth is called; then auth creates the login (pending) and the
profile commits; the login is confirmed last.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from libs import credenciais
from libs.campos import Endereco, Localizacao
from services.medico.domain.busca import Busca, PaginaBusca
from services.medico.domain.crm import normalizar_crm
from services.medico.domain.erros import MedicoNaoEncontrado, invalido
from services.medico.domain.medico import (
    ANTECEDENCIA_PADRAO,
    FUSO_PADRAO,
    Medico,
    exigir_proprio_medico,
    normalizar_especialidades,
    validar_nota,
)
from services.medico.ports import Credenciais, UnitOfWork, ValidadorCrm

UowFactory = Callable[[], UnitOfWork]
_log = logging.getLogger("healthmed.medico")


@dataclass
class Medicos:
    """Everything the use cases need besides the unit of work.

    ``uow`` is the primary's: every write, and every read that must see the latest write or
    decides something (the profile other services ask for when booking). ``uow_leitura`` reads
    the replica when one is configured (the primary's otherwise): only public reads that
    tolerate seconds of replica lag (search, specialties, the public profile). It never commits.
    """

    uow: UowFactory
    uow_leitura: UowFactory
    credenciais: Credenciais
    validador_crm: ValidadorCrm
    # The CFM specialties' slugs, read once per process (seeded by the migrations, never
    # changed by the app): a search asks the database one question instead of two.
    especialidades: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class NovoMedico:
    """What a registration brings (already shaped by the HTTP schema)."""

    nome: str
    crm: str
    uf: str
    email: str
    senha: str
    especialidades: list[str]
    telefone: str | None = None
    bio: str | None = None
    endereco: Endereco | None = None
    localizacao: Localizacao | None = None
    valor_consulta: Decimal | None = None
    fuso_horario: str = FUSO_PADRAO
    antecedencia_minima_minutos: int = ANTECEDENCIA_PADRAO
    tratamento: str | None = None


async def _exigir_especialidades(uow: UnitOfWork, slugs: list[str]) -> None:
    desconhecidas = await uow.especialidades.desconhecidas(slugs)
    if desconhecidas:
        raise invalido("especialidades", "Especialidade desconhecida: " + ", ".join(desconhecidas))


async def listar_especialidades(ctx: Medicos) -> list[tuple[str, str]]:
    """The CFM list of specialties, as (slug, nome)."""
    # Seeded by the migrations and never changed by the app: any replica has it.
    async with ctx.uow_leitura() as uow:
        return await uow.especialidades.listar()


async def cadastrar(ctx: Medicos, novo: NovoMedico) -> Medico:
    """Register a doctor and their login; nothing is left behind when any step fails."""
    uf = novo.uf.strip().upper()
    if not await ctx.validador_crm.valido(novo.crm, uf):
        raise invalido("crm", "CRM inválido (4 a 10 dígitos)")
    medico = Medico(
        id=uuid.uuid4(),
        nome=novo.nome,
        crm=normalizar_crm(novo.crm),
        uf=uf,
        email=novo.email,
        especialidades=normalizar_especialidades(novo.especialidades),
        telefone=novo.telefone,
        bio=novo.bio,
        endereco=novo.endereco,
        localizacao=novo.localizacao,
        valor_consulta=novo.valor_consulta,
        fuso_horario=novo.fuso_horario,
        antecedencia_minima_minutos=novo.antecedencia_minima_minutos,
        tratamento=novo.tratamento,
    )
    async with ctx.uow() as uow:
        await _exigir_especialidades(uow, medico.especialidades)
        await uow.medicos.add(medico)  # flushed: a taken CRM + UF or e-mail fails here
        async with credenciais.conta_em_criacao(ctx.credenciais, medico.id, log=_log):
            await ctx.credenciais.criar(
                usuario_id=medico.id,
                email=medico.email,
                senha=novo.senha,
                crm=medico.crm,
                uf=medico.uf,
            )
            await uow.commit()
    # The login was created pending; if this never runs, auth's reconciliation confirms it.
    await credenciais.confirmar_conta(ctx.credenciais, medico.id, log=_log)
    return medico


async def obter(ctx: Medicos, *, medico_id: uuid.UUID) -> Medico:
    """A doctor's profile as the primary has it (for other services: booking decides on it)."""
    async with ctx.uow() as uow:
        medico = await uow.medicos.get(medico_id)
    if medico is None:
        raise MedicoNaoEncontrado()
    return medico


async def obter_publico(ctx: Medicos, *, medico_id: uuid.UUID) -> Medico:
    """A doctor's public profile, read from the replica: a change or a rating may show up
    seconds late (the doctor's own PUT answers with the new profile). A doctor the replica does
    not have yet (registered a moment ago) is looked up on the primary, so never a wrong 404."""
    async with ctx.uow_leitura() as uow:
        medico = await uow.medicos.get(medico_id)
    if medico is None:
        return await obter(ctx, medico_id=medico_id)
    return medico


async def alterar(
    ctx: Medicos,
    *,
    usuario_id: uuid.UUID,
    papel: str,
    medico_id: uuid.UUID,
    valores: dict[str, Any],
    senha_atual: str | None = None,
    sessao_atual: uuid.UUID | None = None,
) -> Medico:
    """Change the doctor's own profile; a new e-mail is changed in auth in the same step,
    and only with the current password (``senha_atual``): auth ends the other sessions
    (all but ``sessao_atual``) and tells the old address, with a link to undo it."""
    exigir_proprio_medico(usuario_id=usuario_id, papel=papel, medico_id=medico_id)
    async with ctx.uow() as uow:
        medico = await uow.medicos.get(medico_id, for_update=True)
        if medico is None:
            raise MedicoNaoEncontrado()
        email_antigo = medico.email
        medico.alterar(**valores)
        if not medico.campos_alterados:
            return medico
        if "especialidades" in medico.campos_alterados:
            await _exigir_especialidades(uow, medico.especialidades)
        await uow.medicos.save(medico)  # flushed: a taken e-mail fails here
        async with credenciais.email_em_alteracao(
            ctx.credenciais,
            medico.id,
            antigo=email_antigo,
            novo=medico.email,
            pedido=credenciais.Reautenticacao(senha_atual, sessao_atual) if senha_atual else None,
        ):
            await uow.commit()
    # The login was created pending; if this never runs, auth's reconciliation confirms it.
    await credenciais.confirmar_conta(ctx.credenciais, medico.id, log=_log)
    return medico


async def buscar(ctx: Medicos, busca: Busca) -> PaginaBusca:
    """Doctors by specialty, distance, rating and availability (no login needed).

    Read from the replica (~68% of all database time, docs/capacity.md): its lag, seconds at
    most, is acceptable here. A doctor registered, rated or given a free slot a moment ago may
    show up a little later; the search decides nothing (booking re-checks the slot on the
    primary, in the consulta service, and answers 409 when it was taken).
    """
    async with ctx.uow_leitura() as uow:
        slug = busca.especialidade
        if slug and slug not in ctx.especialidades:
            # Not read yet in this process, or added by a migration since: read them again.
            ctx.especialidades.update(s for s, _ in await uow.especialidades.listar())
            if slug not in ctx.especialidades:
                raise invalido("especialidade", "Especialidade desconhecida")
        return await uow.medicos.buscar(busca)


async def restaurar_email(ctx: Medicos, *, medico_id: uuid.UUID, email: str) -> None:
    """Auth undoes a change of e-mail from the old address's link: the profile gets the old
    e-mail back (idempotent; taken by another profile: 409)."""
    async with ctx.uow() as uow:
        medico = await uow.medicos.get(medico_id, for_update=True)
        if medico is None:
            raise MedicoNaoEncontrado()
        medico.alterar(email=email)
        if medico.campos_alterados:
            await uow.medicos.save(medico)
            await uow.commit()


async def definir_proximos_horarios(
    ctx: Medicos, proximos: Mapping[uuid.UUID, datetime | None]
) -> list[uuid.UUID]:
    """Record the start of each doctor's next free slot (pushed by the consulta service), in
    one statement; the doctors this service does not know are answered, and nothing is kept
    for them."""
    if not proximos:
        return []
    async with ctx.uow() as uow:
        conhecidos = await uow.medicos.set_proximos_horarios(proximos)
        await uow.commit()
    return [m for m in proximos if m not in conhecidos]


async def avaliar(ctx: Medicos, *, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None:
    """Count a patient's rating of an appointment, once per appointment."""
    validar_nota(nota)
    async with ctx.uow() as uow:
        if await uow.medicos.get(medico_id) is None:
            raise MedicoNaoEncontrado()
        await uow.medicos.avaliar(medico_id, consulta_id, nota)
        await uow.commit()
