"""HTTP of the medico service: parse, call one use case, answer."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from libs import campos
from libs.auth import CurrentUser, InternalCaller
from services.medico import schemas, service
from services.medico.domain import busca as criterios_busca
from services.medico.domain.busca import Ordem

router = APIRouter(tags=["medicos"])
internal = APIRouter(prefix="/internal", include_in_schema=False, dependencies=[InternalCaller])


async def _ctx(request: Request) -> service.Medicos:
    ctx: service.Medicos = request.app.state.medicos
    return ctx


Ctx = Annotated[service.Medicos, Depends(_ctx)]


@router.get("/especialidades")
async def listar_especialidades(ctx: Ctx) -> schemas.EspecialidadesOut:
    """The CFM list of medical specialties (slugs for registration and search)."""
    itens = await service.listar_especialidades(ctx)
    return schemas.EspecialidadesOut(
        itens=[schemas.EspecialidadeOut(slug=s, nome=n) for s, n in itens]
    )


@router.post("/medicos", status_code=status.HTTP_201_CREATED)
async def cadastrar_medico(body: schemas.MedicoCreate, ctx: Ctx) -> schemas.MedicoOut:
    """Register a doctor (and their login by CRM + UF)."""
    novo = service.NovoMedico(
        nome=body.nome,
        crm=body.crm,
        uf=body.uf,
        email=str(body.email),
        senha=body.senha,
        especialidades=body.especialidades,
        telefone=body.telefone,
        bio=body.bio,
        endereco=body.endereco.to_domain() if body.endereco else None,
        localizacao=body.localizacao.to_domain() if body.localizacao else None,
        valor_consulta=body.valor_consulta,
        fuso_horario=body.fuso_horario,
        antecedencia_minima_minutos=body.antecedencia_minima_minutos,
        tratamento=body.tratamento,
    )
    return schemas.MedicoOut.from_domain(await service.cadastrar(ctx, novo))


@router.get("/medicos")
async def buscar_medicos(
    ctx: Ctx,
    especialidade: Annotated[str | None, Query(max_length=80, pattern=r"^[A-Za-z0-9-]+$")] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    raio_km: Annotated[float | None, Query(gt=0, le=20_000)] = None,
    avaliacao_min: Annotated[float | None, Query(ge=0, le=5)] = None,
    disponivel_ate: datetime | None = None,
    ordenar: Ordem | None = None,
    pagina: Annotated[int, Query(ge=1, le=100_000)] = 1,
    por_pagina: Annotated[int, Query(ge=1, le=100)] = 20,
    nome: Annotated[
        str | None,
        Query(
            description=(
                "Parte do nome do médico (2 a 80 caracteres): cada palavra digitada é o início"
                " de uma palavra do nome, em qualquer ordem, sem diferenciar maiúsculas nem"
                " acentos; títulos (dr, dra) são ignorados. Sem `ordenar`, por relevância."
            )
        ),
    ] = None,
) -> schemas.BuscaOut:
    """Find doctors by name, specialty, distance, rating and next free slot (no login needed)."""
    busca = criterios_busca.criterios(
        nome=nome,
        especialidade=especialidade,
        lat=lat,
        lon=lon,
        raio_km=raio_km,
        avaliacao_min=avaliacao_min,
        disponivel_ate=disponivel_ate,
        ordenar=ordenar,
        pagina=pagina,
        por_pagina=por_pagina,
    )
    pagina_busca = await service.buscar(ctx, busca)
    return schemas.BuscaOut(
        itens=[schemas.ItemBuscaOut.from_item(i) for i in pagina_busca.itens],
        total=pagina_busca.total,
        pagina=busca.pagina,
        por_pagina=busca.por_pagina,
    )


@router.get("/medicos/{medico_id}")
async def obter_medico(medico_id: uuid.UUID, ctx: Ctx) -> schemas.MedicoPublicoOut:
    """A doctor's public profile, with the ratings."""
    medico = await service.obter_publico(ctx, medico_id=medico_id)
    return schemas.MedicoPublicoOut.from_domain(medico)


@router.put("/medicos/{medico_id}")
async def alterar_medico(
    medico_id: uuid.UUID, body: schemas.MedicoUpdate, usuario: CurrentUser, ctx: Ctx
) -> schemas.MedicoOut:
    """Change the doctor's own profile (not the CRM, UF or password)."""
    medico = await service.alterar(
        ctx,
        usuario_id=usuario.id,
        papel=usuario.papel,
        medico_id=medico_id,
        valores=body.valores(),
        senha_atual=body.senha_atual,
        sessao_atual=usuario.sessao_id,
    )
    return schemas.MedicoOut.from_domain(medico)


@internal.get("/medicos/{medico_id}")
async def medico_interno(medico_id: uuid.UUID, ctx: Ctx) -> schemas.MedicoInternoOut:
    """What other services need of a doctor."""
    m = await service.obter(ctx, medico_id=medico_id)
    return schemas.MedicoInternoOut(
        id=m.id,
        nome=m.nome_exibido,
        email=m.email,
        crm=m.crm,
        uf=m.uf,
        fuso_horario=m.fuso_horario,
        antecedencia_minima_minutos=m.antecedencia_minima_minutos,
        especialidades=m.especialidades,
    )


@internal.put("/medicos/{medico_id}/email", status_code=status.HTTP_204_NO_CONTENT)
async def restaurar_email(medico_id: uuid.UUID, body: campos.EmailIn, ctx: Ctx) -> Response:
    """Auth undoes a change of e-mail: the profile gets the old one back."""
    await service.restaurar_email(ctx, medico_id=medico_id, email=str(body.email))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@internal.put("/medicos/proximos-horarios", response_model=schemas.ProximosHorariosOut)
async def definir_proximos_horarios(
    body: schemas.ProximosHorariosIn, ctx: Ctx
) -> dict[str, list[uuid.UUID]]:
    """The start of each doctor's next free slot, pushed by the consulta service in batches
    (one call per pass of its outbox, not one per doctor)."""
    proximos = {i.medico_id: i.proximo_horario for i in body.itens}
    return {"desconhecidos": await service.definir_proximos_horarios(ctx, proximos)}


@internal.post("/medicos/{medico_id}/avaliacoes", status_code=status.HTTP_204_NO_CONTENT)
async def registrar_avaliacao(
    medico_id: uuid.UUID, body: schemas.AvaliacaoIn, ctx: Ctx
) -> Response:
    """A rating of an appointment (idempotent per appointment)."""
    await service.avaliar(ctx, medico_id=medico_id, consulta_id=body.consulta_id, nota=body.nota)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
