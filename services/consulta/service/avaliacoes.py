"""Ratings on the doctor's page: the public list of comments, the doctor's one reply, the
doctor's report for moderation. (Rating an appointment is ``consultas.avaliar``.)"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from services.consulta.domain import avaliacoes
from services.consulta.domain.avaliacoes import AvaliacaoPublica
from services.consulta.domain.erros import (
    AvaliacaoJaDenunciada,
    AvaliacaoJaRespondida,
    AvaliacaoNaoEncontrada,
)
from services.consulta.service.contexto import Agenda
from services.consulta.service.pessoas import exigir_medico


@dataclass(frozen=True)
class PaginaDeAvaliacoes:
    """A page of a doctor's commented ratings, how many there are, and the doctor's zone."""

    itens: list[AvaliacaoPublica]
    total: int
    fuso: ZoneInfo


async def do_medico(
    ctx: Agenda, *, medico_id: uuid.UUID, pagina: int, por_pagina: int
) -> PaginaDeAvaliacoes:
    """A doctor's commented ratings, newest first (an unknown doctor: 404)."""
    medico = await exigir_medico(ctx, medico_id)
    async with (ctx.uow_avulso or ctx.uow)() as uow:
        itens, total = await uow.avaliacoes.do_medico(
            medico_id, pagina=pagina, por_pagina=por_pagina
        )
    return PaginaDeAvaliacoes(itens, total, medico.fuso)


async def responder(
    ctx: Agenda, *, medico_id: uuid.UUID, consulta_id: uuid.UUID, texto: str
) -> None:
    """The doctor replies to a rating of theirs, once (another's or none: 404)."""
    resposta = avaliacoes.texto_da_resposta(texto)
    async with ctx.uow() as uow:
        estado = await uow.avaliacoes.do_medico_para_mudar(consulta_id, medico_id)
        if estado is None:
            raise AvaliacaoNaoEncontrada()
        respondida, _ = estado
        if respondida:
            raise AvaliacaoJaRespondida()
        await uow.avaliacoes.responder(consulta_id, resposta, ctx.relogio())
        await uow.commit()


async def denunciar(
    ctx: Agenda, *, medico_id: uuid.UUID, consulta_id: uuid.UUID, motivo: str
) -> None:
    """The doctor reports a rating of theirs: its comment leaves the page until an operator
    decides (its score still counts: the rating is the patient's)."""
    texto = avaliacoes.motivo_da_denuncia(motivo)
    async with ctx.uow() as uow:
        estado = await uow.avaliacoes.do_medico_para_mudar(consulta_id, medico_id)
        if estado is None:
            raise AvaliacaoNaoEncontrada()
        _, denunciada = estado
        if denunciada:
            raise AvaliacaoJaDenunciada()
        await uow.avaliacoes.denunciar(consulta_id, texto, ctx.relogio())
        await uow.commit()
