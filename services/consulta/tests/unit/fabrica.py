"""Appointments for the unit tests, without a database."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from services.consulta.domain.consulta import Consulta, Status


def nova_consulta(status: Status, *, inicio: datetime, **campos: Any) -> Consulta:
    """A 30-minute appointment from ``inicio`` with fresh ids, a doctor in São Paulo and a
    patient, both of whom enter its room at the start (once ended, it took place);
    ``campos`` replaces any field (names, time zone, timestamps, ids, attendance)."""
    base = Consulta(
        id=uuid.uuid4(),
        horario_id=uuid.uuid4(),
        medico_id=uuid.uuid4(),
        paciente_id=uuid.uuid4(),
        inicio=inicio,
        fim=inicio + timedelta(minutes=30),
        status=status,
        medico_nome="Dra. Ana",
        medico_crm="123456",
        medico_uf="SP",
        medico_fuso="America/Sao_Paulo",
        paciente_nome="João",
        medico_entrou_em=inicio,
        paciente_entrou_em=inicio,
    )
    return replace(base, **campos)
