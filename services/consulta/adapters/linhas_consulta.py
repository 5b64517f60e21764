"""How an appointment is read from its row (every repository that returns appointments
reads them the same way)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from services.consulta.adapters.tables import (
    avaliacoes,
    consultas,
)
from services.consulta.domain.consulta import ATIVOS, Avaliacao, Consulta, Status

ATIVOS_SQL = sorted(s.value for s in ATIVOS)


def ativa() -> Any:
    return consultas.c.status.in_(ATIVOS_SQL)


_STATUS = {s.value: s for s in Status}  # a dict lookup: Status(texto) costs ~1 us a row


def consulta_da_linha(row: Any) -> Consulta:
    """An appointment from a row of :func:`consultas_com_avaliacao` (or of the table alone)."""
    avaliacao = None
    if getattr(row, "nota", None) is not None:
        avaliacao = Avaliacao(row.id, row.nota, row.comentario, row.avaliada_em)
    return Consulta(
        id=row.id,
        horario_id=row.horario_id,
        medico_id=row.medico_id,
        paciente_id=row.paciente_id,
        inicio=row.inicio,
        fim=row.fim,
        status=_STATUS[row.status],
        justificativa=row.justificativa,
        cancelada_por=row.cancelada_por,
        cancelada_em=row.cancelada_em,
        medico_nome=row.medico_nome,
        medico_crm=row.medico_crm,
        medico_uf=row.medico_uf,
        medico_fuso=row.medico_fuso,
        paciente_nome=row.paciente_nome,
        criada_em=row.criada_em,
        atualizada_em=row.atualizada_em,
        avaliacao=avaliacao,
        remarcada_de=row.remarcada_de,
        remarcada_para=row.remarcada_para,
        medico_entrou_em=row.medico_entrou_em,
        paciente_entrou_em=row.paciente_entrou_em,
        comparecimento=row.comparecimento,
        encerrada_em=row.encerrada_em,
    )


COLUNAS = [c for c in consultas.c if c.name != "periodo"]


def consultas_com_avaliacao() -> Any:
    """SELECT of appointments with their rating, if any (shared by the history's repository)."""
    return select(
        *COLUNAS,
        avaliacoes.c.nota,
        avaliacoes.c.comentario,
        avaliacoes.c.criada_em.label("avaliada_em"),
    ).select_from(consultas.outerjoin(avaliacoes, avaliacoes.c.consulta_id == consultas.c.id))
