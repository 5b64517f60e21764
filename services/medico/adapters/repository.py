"""All SQL of the medico service, the doctor search included."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Float, Numeric, cast, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from libs import db, perfis_publicados
from libs.campos import Endereco, Localizacao
from services.medico.adapters.tables import avaliacoes, especialidades, eventos_perfil, medicos
from services.medico.domain.busca import Busca, ItemBusca, PaginaBusca
from services.medico.domain.erros import DadoEmUso
from services.medico.domain.medico import Medico

_CONFLITOS = {
    "uq_medicos_crm_uf": ("crm", "CRM já cadastrado para esta UF"),
    "uq_medicos_email": ("email", "E-mail já cadastrado"),
}


def _endereco(valor: dict[str, Any] | None) -> Endereco | None:
    return Endereco(**valor) if valor else None


def _medico(row: Any) -> Medico:
    localizacao = Localizacao(row.lat, row.lon) if row.lat is not None else None
    return Medico(
        id=row.id,
        nome=row.nome,
        crm=row.crm,
        uf=row.uf,
        email=row.email,
        especialidades=list(row.especialidades),
        telefone=row.telefone,
        bio=row.bio,
        endereco=_endereco(row.endereco),
        localizacao=localizacao,
        valor_consulta=row.valor_consulta,
        fuso_horario=row.fuso_horario,
        antecedencia_minima_minutos=row.antecedencia_minima_minutos,
        avaliacao_media=row.avaliacao_media,
        total_avaliacoes=row.total_avaliacoes,
        proximo_horario=row.proximo_horario,
        tratamento=row.tratamento,
    )


def _colunas(m: Medico) -> dict[str, Any]:
    return {
        "nome": m.nome,
        "email": m.email,
        "especialidades": m.especialidades,
        "telefone": m.telefone,
        "bio": m.bio,
        "endereco": asdict(m.endereco) if m.endereco else None,
        "lat": m.localizacao.lat if m.localizacao else None,
        "lon": m.localizacao.lon if m.localizacao else None,
        "valor_consulta": m.valor_consulta,
        "fuso_horario": m.fuso_horario,
        "antecedencia_minima_minutos": m.antecedencia_minima_minutos,
        "tratamento": m.tratamento,
    }


def _copia(m: Medico) -> dict[str, Any]:
    """What the consulta service keeps of a doctor (its booking rules and notices need it); the
    name as it is shown, with the doctor's title."""
    return {
        "nome": m.nome_exibido,
        "crm": m.crm,
        "uf": m.uf,
        "email": m.email,
        "fuso_horario": m.fuso_horario,
        "antecedencia_minima_minutos": m.antecedencia_minima_minutos,
    }


def _conflito(exc: IntegrityError) -> DadoEmUso:
    """The domain error of a unique constraint the write violated, by the constraint's name."""
    campo, msg = _CONFLITOS.get(db.constraint_name(exc) or "", ("medico", "Já cadastrado"))
    return DadoEmUso(campo, msg)


# The search, one statement: the total and the page are two subqueries over the same filter,
# so neither materialises the other and each can use its own index. Indexes that serve it (see
# the migrations): GIN on especialidades; GiST on ll_to_earth(lat, lon), which answers both the
# earth_box test of a radius (a coarse cube around the point; earth_distance then keeps only
# the doctors truly inside) and the ordering by distance (a nearest-first KNN scan with `<->`,
# the chord length, which orders exactly as the great-circle distance; doctors without a
# location have a null key and come last); btree on the rating order, on proximo_horario and
# on (nome, id); GIN trigrams on nome_busca, the normalised name (" helena costa "), for
# `nome_busca like '% hel%'`, one per typed word (a word prefix: see migration medico_0003).
_BUSCA = """
select c.total, p.*
from (select count(*) as total from medicos m where {filtros}) c
left join lateral (
    select m.id, m.nome, m.crm, m.uf, m.especialidades, m.avaliacao_media,
           m.total_avaliacoes, m.endereco, m.lat, m.lon, m.valor_consulta, m.tratamento,
           case when m.proximo_horario > now() then m.proximo_horario end as proximo_horario,
           {distancia} as distancia_m
    from medicos m
    where {filtros}
    order by {ordem}
    limit :limite offset :offset
) p on true
"""

_ORIGEM = "ll_to_earth(cast(:lat as float8), cast(:lon as float8))"
_DISTANCIA = f"earth_distance({_ORIGEM}, ll_to_earth(m.lat, m.lon))"
_NO_RAIO = (
    f"m.lat is not null and earth_box({_ORIGEM}, cast(:raio_m as float8))"
    f" @> ll_to_earth(m.lat, m.lon) and {_DISTANCIA} <= cast(:raio_m as float8)"
)
_ORDENS = {
    "distancia": f"ll_to_earth(m.lat, m.lon) <-> {_ORIGEM}, m.nome, m.id",
    "avaliacao": "m.avaliacao_media desc nulls last, m.total_avaliacoes desc, m.nome, m.id",
    "proximo_horario": (
        "case when m.proximo_horario > now() then m.proximo_horario end asc nulls last,"
        " m.nome, m.id"
    ),
    "nome": "m.nome, m.id",
}


def _filtro_por_nome(palavras: tuple[str, ...], params: dict[str, Any]) -> tuple[str, str]:
    """The filter of a name search and its relevance (typed words that are whole words).

    The words come from ``palavras_do_nome`` (``a-z0-9`` only), so they hold no LIKE wildcard.
    """
    filtros, inteiras = [], []
    for i, palavra in enumerate(palavras):
        params[f"nome_{i}"] = f"% {palavra}%"
        params[f"nome_inteira_{i}"] = f"% {palavra} %"
        filtros.append(f"m.nome_busca like :nome_{i}")
        inteiras.append(f"(m.nome_busca like :nome_inteira_{i})::int")
    return " and ".join(filtros), " + ".join(inteiras)


def sql_da_busca(busca: Busca) -> tuple[str, dict[str, Any]]:
    """The search statement and its parameters (public so its query plan can be tested)."""
    params: dict[str, Any] = {"limite": busca.por_pagina, "offset": busca.offset}
    filtros = ["true"]
    ordens = dict(_ORDENS)
    if busca.nome:
        por_nome, relevancia = _filtro_por_nome(busca.nome, params)
        filtros.append(por_nome)
        ordens["relevancia"] = f"{relevancia} desc, m.nome, m.id"
    if busca.especialidade:
        filtros.append("m.especialidades @> array[cast(:especialidade as text)]")
        params["especialidade"] = busca.especialidade
    if busca.tem_origem:
        params["lat"], params["lon"] = busca.lat, busca.lon
        if busca.raio_km is not None:
            filtros.append(_NO_RAIO)
            params["raio_m"] = busca.raio_km * 1000.0
    if busca.avaliacao_min is not None:
        filtros.append("m.avaliacao_media >= cast(:avaliacao_min as float8)")
        params["avaliacao_min"] = busca.avaliacao_min
    if busca.disponivel_ate is not None:
        filtros.append(
            "m.proximo_horario > now()"
            " and m.proximo_horario <= cast(:disponivel_ate as timestamptz)"
        )
        params["disponivel_ate"] = busca.disponivel_ate
    sql = _BUSCA.format(
        distancia=(
            f"case when m.lat is not null then {_DISTANCIA} end"
            if busca.tem_origem
            else "cast(null as float8)"
        ),
        filtros=" and ".join(filtros),
        ordem=ordens[busca.ordem],
    )
    return sql, params


class EspecialidadeRepository:
    """The CFM list of specialties (seeded by the migration)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def listar(self) -> list[tuple[str, str]]:
        """Every specialty as (slug, nome), by name."""
        rows = await self.session.execute(
            select(especialidades.c.slug, especialidades.c.nome).order_by(especialidades.c.nome)
        )
        return [(r.slug, r.nome) for r in rows]

    async def desconhecidas(self, slugs: list[str]) -> list[str]:
        """The slugs that are not in the list."""
        rows = await self.session.execute(
            select(especialidades.c.slug).where(especialidades.c.slug.in_(slugs))
        )
        conhecidas = {r.slug for r in rows}
        return [s for s in slugs if s not in conhecidas]


class MedicoRepository:
    """Doctor profiles, their ratings, and the search."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _publicar(self, medico: Medico) -> None:
        await perfis_publicados.publicar(self.session, eventos_perfil, medico.id, _copia(medico))

    async def add(self, medico: Medico) -> None:
        """Insert a profile; a taken CRM + UF or e-mail raises :class:`DadoEmUso`."""
        try:
            await self.session.execute(
                insert(medicos).values(
                    id=medico.id, crm=medico.crm, uf=medico.uf, **_colunas(medico)
                )
            )
            await self.session.flush()
        except IntegrityError as exc:
            raise _conflito(exc) from exc
        await self._publicar(medico)

    async def get(self, medico_id: uuid.UUID, *, for_update: bool = False) -> Medico | None:
        """By id (optionally locked for a change)."""
        query = select(medicos).where(medicos.c.id == medico_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).first()
        return _medico(row) if row else None

    async def save(self, medico: Medico) -> None:
        """Write back a changed profile; a taken e-mail raises :class:`DadoEmUso`."""
        try:
            await self.session.execute(
                update(medicos)
                .where(medicos.c.id == medico.id)
                .values(atualizado_em=func.now(), **_colunas(medico))
            )
            await self.session.flush()
        except IntegrityError as exc:
            raise _conflito(exc) from exc
        await self._publicar(medico)

    async def set_proximos_horarios(
        self, proximos: Mapping[uuid.UUID, datetime | None]
    ) -> set[uuid.UUID]:
        """Record the start of each doctor's next free slot in one statement (an UPDATE from
        the unnested arrays); the ids it found."""
        result = await self.session.execute(
            text(
                "update medicos m set proximo_horario = p.quando"
                " from unnest(cast(:ids as uuid[]), cast(:quandos as timestamptz[]))"
                " as p(id, quando) where m.id = p.id returning m.id"
            ),
            {"ids": list(proximos), "quandos": list(proximos.values())},
        )
        return set(result.scalars())

    async def avaliar(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None:
        """Count a rating once per appointment, and the doctor's mean with it.

        One statement: the insert is skipped when the appointment was already rated, and the
        update then finds nothing to add. Concurrent ratings of one doctor serialise on the
        row lock of the update, which re-reads the sums, so none is lost.
        """
        nova = (
            insert(avaliacoes)
            .values(consulta_id=consulta_id, medico_id=medico_id, nota=nota)
            .on_conflict_do_nothing(index_elements=["consulta_id"])
            .returning(avaliacoes.c.medico_id, avaliacoes.c.nota)
            .cte("nova")
        )
        soma = medicos.c.avaliacao_soma + nova.c.nota
        total = medicos.c.total_avaliacoes + 1
        await self.session.execute(
            update(medicos)
            .where(medicos.c.id == medico_id)
            .values(
                avaliacao_soma=soma,
                total_avaliacoes=total,
                avaliacao_media=cast(func.round(cast(soma, Numeric) / total, 2), Float),
            )
            .add_cte(nova)
            .where(nova.c.medico_id == medicos.c.id)
        )

    async def buscar(self, busca: Busca) -> PaginaBusca:
        """A page of doctors matching ``busca``, and how many match in all."""
        # Straight to the driver: the search is the hottest read (libs.db.direto).
        sql, argumentos = db.posicional(*sql_da_busca(busca))
        rows = await db.direto(self.session, sql, *argumentos)
        total = int(rows[0].total) if rows else 0
        itens = [
            ItemBusca(
                id=r.id,
                nome=r.nome,
                crm=r.crm,
                uf=r.uf,
                especialidades=list(r.especialidades),
                avaliacao_media=r.avaliacao_media,
                total_avaliacoes=r.total_avaliacoes,
                distancia_km=None if r.distancia_m is None else r.distancia_m / 1000.0,
                proximo_horario=r.proximo_horario,
                endereco=_endereco(_json(r.endereco)),
                localizacao=Localizacao(r.lat, r.lon) if r.lat is not None else None,
                valor_consulta=r.valor_consulta,
                tratamento=r.tratamento,
            )
            for r in rows
            if r.id is not None
        ]
        return PaginaBusca(itens, total)


def _json(valor: Any) -> dict[str, Any] | None:
    """jsonb read through a text query may arrive as a string (driver codec) or a dict."""
    if valor is None or isinstance(valor, dict):
        return valor
    data: dict[str, Any] = json.loads(valor)
    return data
