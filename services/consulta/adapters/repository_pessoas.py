"""SQL of the agenda's copy of who people are (``copias_medicos``, ``copias_pacientes``).

A copy is replaced only by a newer version of the owner's profile event (``versao``); a copy
read from the owner on first use is stored with version 0 and never replaces one already there.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from libs import db
from services.consulta.adapters.tables import copias_medicos, copias_pacientes
from services.consulta.domain.agenda import Horario
from services.consulta.domain.pessoas import Medico, Paciente

# A closed account's copy keeps no personal data (the owner anonymises it the same way).
NOME_ENCERRADA = "Paciente (conta encerrada)"


def _medico(row: Any) -> Medico:
    return Medico(
        id=row.id,
        nome=row.nome,
        crm=row.crm,
        uf=row.uf,
        fuso_horario=row.fuso_horario,
        antecedencia_minima_minutos=row.antecedencia_minima_minutos,
        email=row.email,
    )


# A booking's first statement (sent straight to the driver: :func:`libs.db.direto`): the slot
# and both copies, read without locks. The insert that follows re-checks the slot and the
# patient's open account under share locks in its own statement (ConsultaRepository.adicionar),
# so locking them here too only wrote two row locks per booking (in autocommit, released at
# once: issue 14).
_DA_RESERVA = """
select h.id, h.medico_id, h.inicio, h.fim,
       m.id as m_id, m.nome as m_nome, m.crm as m_crm, m.uf as m_uf, m.email as m_email,
       m.fuso_horario as m_fuso_horario,
       m.antecedencia_minima_minutos as m_antecedencia_minima_minutos,
       p.id as p_id, p.nome as p_nome, p.email as p_email, p.encerrada as p_encerrada
from horarios h
join copias_medicos m on m.id = h.medico_id
join copias_pacientes p on p.id = $2
where h.id = $1
"""


class PessoaRepository:
    """The copies of doctors and patients."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def medico(self, medico_id: uuid.UUID) -> Medico | None:
        """The copy of a doctor, if the agenda has one."""
        row = (
            await self.session.execute(
                select(copias_medicos).where(copias_medicos.c.id == medico_id)
            )
        ).first()
        return _medico(row) if row else None

    async def medicos(self, medico_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Medico]:
        """The copies the agenda has of these doctors, by id (one statement)."""
        if not medico_ids:
            return {}
        query = select(copias_medicos).where(copias_medicos.c.id.in_(medico_ids))
        return {row.id: _medico(row) for row in await self.session.execute(query)}

    async def paciente(self, paciente_id: uuid.UUID, *, travar: bool = False) -> Paciente | None:
        """The copy of a patient, if the agenda has one. ``travar``: share-locked until the
        transaction ends, so that closing the account (which updates it) waits for a booking
        that read it, and a booking that comes after sees the account closed."""
        query = select(copias_pacientes).where(copias_pacientes.c.id == paciente_id)
        if travar:
            query = query.with_for_update(read=True)
        row = (await self.session.execute(query)).first()
        if row is None:
            return None
        return Paciente(row.id, row.nome, row.email or "", encerrada=row.encerrada)

    async def _guardar(
        self, tabela: Table, pessoa_id: uuid.UUID, valores: dict[str, Any], *, so_se: Any = None
    ) -> None:
        """Insert a copy, or replace the one kept when ``so_se`` holds (always when None)."""
        query = insert(tabela).values(id=pessoa_id, **valores)
        await self.session.execute(
            query.on_conflict_do_update(
                index_elements=[tabela.c.id],
                set_={**valores, "atualizada_em": func.now()},
                where=so_se(tabela, query.excluded) if so_se is not None else None,
            )
        )

    async def da_reserva(
        self, horario_id: uuid.UUID, paciente_id: uuid.UUID
    ) -> tuple[Horario, Medico, Paciente] | None:
        """The slot, its doctor and the patient in one round trip, unlocked (the booking's
        insert re-checks what it relies on under lock). None when any of the three is
        missing: the caller asks one by one to say which."""
        rows = await db.direto(self.session, _DA_RESERVA, horario_id, paciente_id)
        if not rows:
            return None
        row = rows[0]
        medico = Medico(
            id=row.m_id,
            nome=row.m_nome,
            crm=row.m_crm,
            uf=row.m_uf,
            fuso_horario=row.m_fuso_horario,
            antecedencia_minima_minutos=row.m_antecedencia_minima_minutos,
            email=row.m_email,
        )
        paciente = Paciente(row.p_id, row.p_nome, row.p_email or "", encerrada=row.p_encerrada)
        return Horario(row.id, row.medico_id, row.inicio, row.fim), medico, paciente

    async def guardar_medico(self, medico: Medico, versao: int) -> None:
        """Keep a doctor's copy, unless the one kept is as new (``versao`` 0: only if none)."""
        valores = {
            "nome": medico.nome,
            "crm": medico.crm,
            "uf": medico.uf,
            "email": medico.email,
            "fuso_horario": medico.fuso_horario,
            "antecedencia_minima_minutos": medico.antecedencia_minima_minutos,
            "versao": versao,
        }
        await self._guardar(
            copias_medicos, medico.id, valores, so_se=lambda t, novo: t.c.versao < novo.versao
        )

    async def guardar_paciente(self, paciente: Paciente, versao: int) -> None:
        """Keep a patient's copy, unless the one kept is as new; a closed account stays closed
        and keeps no name or e-mail, whatever an older event says."""
        valores = {
            "nome": NOME_ENCERRADA if paciente.encerrada else paciente.nome,
            "email": None if paciente.encerrada else (paciente.email or None),
            "encerrada": paciente.encerrada,
            "versao": versao,
        }
        await self._guardar(
            copias_pacientes,
            paciente.id,
            valores,
            so_se=lambda t, novo: (t.c.versao < novo.versao) & ~t.c.encerrada,
        )

    async def encerrar_paciente(self, paciente_id: uuid.UUID) -> None:
        """The account is closing: from this transaction on nothing may be booked for it (no
        event reopens a closed copy, whatever its version)."""
        await self._guardar(
            copias_pacientes,
            paciente_id,
            {"nome": NOME_ENCERRADA, "email": None, "encerrada": True, "versao": 0},
        )
