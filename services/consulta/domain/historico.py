"""A patient's history of appointments: what the LGPD export carries (art. 18)."""

from __future__ import annotations

from dataclasses import dataclass

from services.consulta.domain.consulta import Consulta
from services.consulta.domain.teleconsulta import Consentimento, Presenca


@dataclass(frozen=True)
class ConsultaNoHistorico:
    """One of the patient's appointments, whatever became of it, with everything kept about
    it: the appointment itself (doctor, times, status, justification, rating), the
    teleconsultation consents given in it and every stay of either participant in its room."""

    consulta: Consulta
    consentimentos: tuple[Consentimento, ...] = ()
    presencas: tuple[Presenca, ...] = ()
