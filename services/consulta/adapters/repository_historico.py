"""All SQL of a patient's history of appointments (the LGPD export)."""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.consulta.adapters.linhas_consulta import consulta_da_linha, consultas_com_avaliacao
from services.consulta.adapters.tables import consultas
from services.consulta.adapters.tables_teleconsulta import consentimentos, presencas
from services.consulta.domain.historico import ConsultaNoHistorico
from services.consulta.domain.teleconsulta import Consentimento, Presenca


class HistoricoRepository:
    """Reads only: every appointment of a patient with its rating, consents and room stays."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[ConsultaNoHistorico]:
        """Every appointment the patient ever booked (cancelled, refused and rescheduled ones
        included), oldest first; three queries whatever the number of appointments."""
        linhas = await self.session.execute(
            consultas_com_avaliacao()
            .where(consultas.c.paciente_id == paciente_id)
            .order_by(consultas.c.inicio, consultas.c.id)
        )
        lista = [consulta_da_linha(row) for row in linhas]
        dadas: defaultdict[uuid.UUID, list[Consentimento]] = defaultdict(list)
        for r in await self.session.execute(
            select(consentimentos)
            .where(consentimentos.c.paciente_id == paciente_id)
            .order_by(consentimentos.c.aceito_em, consentimentos.c.id)
        ):
            dadas[r.consulta_id].append(
                Consentimento(r.id, r.paciente_id, r.consulta_id, r.versao, r.aceito_em)
            )
        estadas: defaultdict[uuid.UUID, list[Presenca]] = defaultdict(list)
        do_paciente = select(consultas.c.id).where(consultas.c.paciente_id == paciente_id)
        for r in await self.session.execute(
            select(presencas)
            .where(presencas.c.consulta_id.in_(do_paciente))
            .order_by(presencas.c.entrou_em, presencas.c.id)
        ):
            estadas[r.consulta_id].append(
                Presenca(r.id, r.consulta_id, r.usuario_id, r.papel, r.entrou_em, r.saiu_em)
            )
        return [ConsultaNoHistorico(c, tuple(dadas[c.id]), tuple(estadas[c.id])) for c in lista]
