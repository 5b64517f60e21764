"""All SQL of teleconsultation: rooms, consents and presences."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, literal, select, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from services.consulta.adapters.tables_teleconsulta import consentimentos, presencas, salas
from services.consulta.domain.consulta import Papel
from services.consulta.domain.teleconsulta import Consentimento, Presenca, Sala


def _sala(row: Any) -> Sala:
    return Sala(
        consulta_id=row.consulta_id,
        provedor=row.provedor,
        url=row.url,
        expira_em=row.expira_em,
        reuniao=dict(row.reuniao) if row.reuniao is not None else None,
        participantes=dict(row.participantes or {}),
        geracao=row.geracao,
        criada_em=row.criada_em,
    )


class TeleconsultaRepository:
    """Rooms, consents and presences of appointments."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # Rooms --------------------------------------------------------------------------------

    async def sala(self, consulta_id: uuid.UUID) -> Sala | None:
        """The room of an appointment, if a link was asked for."""
        row = (
            await self.session.execute(select(salas).where(salas.c.consulta_id == consulta_id))
        ).first()
        return _sala(row) if row else None

    async def criar_sala(self, sala: Sala) -> bool:
        """Store a new room; False when the appointment already had one (a racing request)."""
        query = (
            pg_insert(salas)
            .values(
                consulta_id=sala.consulta_id,
                provedor=sala.provedor,
                url=sala.url,
                reuniao_id=sala.reuniao_id,
                reuniao=sala.reuniao,
                participantes=sala.participantes,
                geracao=sala.geracao,
                expira_em=sala.expira_em,
            )
            .on_conflict_do_nothing(index_elements=[salas.c.consulta_id])
            .returning(salas.c.consulta_id)
        )
        return (await self.session.execute(query)).first() is not None

    async def trocar_reuniao(self, sala: Sala) -> None:
        """The provider's meeting was created again: keep it (old attendees are gone with the
        old meeting); only the first of two racing renewals of one generation writes."""
        await self.session.execute(
            update(salas)
            .where(salas.c.consulta_id == sala.consulta_id, salas.c.geracao < sala.geracao)
            .values(
                reuniao_id=sala.reuniao_id,
                reuniao=sala.reuniao,
                participantes={},
                geracao=sala.geracao,
                atualizada_em=func.now(),
            )
        )

    async def guardar_participante(
        self, consulta_id: uuid.UUID, geracao: int, usuario_id: uuid.UUID, dados: dict[str, Any]
    ) -> None:
        """Remember a user's attendee of the current meeting (merged: never loses another's)."""
        novo = literal({str(usuario_id): dados}, type_=JSONB)
        await self.session.execute(
            update(salas)
            .where(salas.c.consulta_id == consulta_id, salas.c.geracao == geracao)
            .values(participantes=salas.c.participantes.op("||")(novo), atualizada_em=func.now())
        )

    # Consent ------------------------------------------------------------------------------

    async def consentimento(self, paciente_id: uuid.UUID, versao: str) -> Consentimento | None:
        """The patient's acceptance of this version of the terms, if given."""
        query = select(consentimentos).where(
            consentimentos.c.paciente_id == paciente_id, consentimentos.c.versao == versao
        )
        row = (await self.session.execute(query)).first()
        if row is None:
            return None
        return Consentimento(row.id, row.paciente_id, row.consulta_id, row.versao, row.aceito_em)

    async def consentir(self, paciente_id: uuid.UUID, consulta_id: uuid.UUID, versao: str) -> bool:
        """Store an acceptance; False when this version was already accepted."""
        query = (
            pg_insert(consentimentos)
            .values(
                id=uuid.uuid4(), paciente_id=paciente_id, consulta_id=consulta_id, versao=versao
            )
            .on_conflict_do_nothing(
                index_elements=[consentimentos.c.paciente_id, consentimentos.c.versao]
            )
            .returning(consentimentos.c.id)
        )
        return (await self.session.execute(query)).first() is not None

    # Presences ----------------------------------------------------------------------------

    async def entrou(
        self, consulta_id: uuid.UUID, usuario_id: uuid.UUID, papel: Papel, agora: datetime
    ) -> uuid.UUID:
        """A participant came into the room; the id closes this stay when they leave."""
        presenca_id = uuid.uuid4()
        await self.session.execute(
            pg_insert(presencas).values(
                id=presenca_id,
                consulta_id=consulta_id,
                usuario_id=usuario_id,
                papel=papel,
                entrou_em=agora,
            )
        )
        return presenca_id

    async def saiu(self, presenca_id: uuid.UUID, agora: datetime) -> None:
        """The participant of this stay left the room."""
        await self.session.execute(
            update(presencas)
            .where(presencas.c.id == presenca_id, presencas.c.saiu_em.is_(None))
            .values(saiu_em=func.greatest(presencas.c.entrou_em, agora))
        )

    async def presencas(self, consulta_id: uuid.UUID) -> list[Presenca]:
        """Every stay in the room of an appointment, oldest first."""
        query = (
            select(presencas)
            .where(presencas.c.consulta_id == consulta_id)
            .order_by(presencas.c.entrou_em, presencas.c.id)
        )
        return [
            Presenca(r.id, r.consulta_id, r.usuario_id, r.papel, r.entrou_em, r.saiu_em)
            for r in (await self.session.execute(query)).all()
        ]
