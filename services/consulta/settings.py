"""Settings of the consulta service."""

from __future__ import annotations

from pydantic import Field

from libs.settings import Settings


class ConsultaSettings(Settings):
    """Time rules of the agenda and the rhythm of the background synchronisation."""

    # Patients cannot cancel closer than this to the start (the doctor may still refuse).
    cancelamento_antecedencia_minutos: int = Field(default=120, ge=0, le=10080)
    # How far ahead a patient may book.
    horizonte_reserva_dias: int = Field(default=90, ge=1, le=730)
    # How far ahead a doctor may publish slots.
    horizonte_agenda_dias: int = Field(default=365, ge=1, le=1095)
    # Safety net of the outbox runner (it is also woken right after each commit).
    saida_intervalo_segundos: float = Field(default=5.0, gt=0)
    # How often doctors whose published next slot has passed are recomputed.
    recalculo_intervalo_segundos: float = Field(default=60.0, gt=0)
