"""Internal HTTP of the consulta service: what other services ask of the agenda."""

from __future__ import annotations

import uuid
from datetime import datetime

from fastapi import APIRouter
from pydantic import BaseModel

from libs.auth import InternalCaller
from services.consulta.domain.historico import ConsultaNoHistorico
from services.consulta.routes.comum import Ctx
from services.consulta.schemas.consultas import ConsultaOut
from services.consulta.schemas.teleconsulta import ConsentimentoOut, PresencaOut
from services.consulta.service import consultas as consultas_service
from services.consulta.service import encerramento as encerramento_service
from services.consulta.service import historico as historico_service

internal = APIRouter(prefix="/internal", include_in_schema=False, dependencies=[InternalCaller])


class EncerramentoOut(BaseModel):
    """What closing a patient's account did to the agenda."""

    consultas_canceladas: int


@internal.post("/pacientes/{paciente_id}/encerramento")
async def encerrar_paciente(paciente_id: uuid.UUID, ctx: Ctx) -> EncerramentoOut:
    """The patient closed the account: cancel their future appointments (idempotent)."""
    n = await encerramento_service.encerrar_paciente(ctx, paciente_id=paciente_id)
    return EncerramentoOut(consultas_canceladas=n)


class ConsultaNoHistoricoOut(ConsultaOut):
    """An appointment as its patient sees it, with the consents given in it and every stay of
    either participant in its room (times in the doctor's zone, as everywhere)."""

    consentimentos: list[ConsentimentoOut]
    presencas: list[PresencaOut]

    @classmethod
    def do_historico(cls, item: ConsultaNoHistorico, agora: datetime) -> ConsultaNoHistoricoOut:
        """One entry of the patient's history at ``agora``."""
        consulta = item.consulta
        return cls(
            **ConsultaOut.from_domain(consulta, agora).model_dump(),
            consentimentos=[ConsentimentoOut.from_domain(c) for c in item.consentimentos],
            presencas=[PresencaOut.from_domain(p, consulta.medico_fuso) for p in item.presencas],
        )


@internal.get("/pacientes/{paciente_id}/consultas")
async def historico_do_paciente(paciente_id: uuid.UUID, ctx: Ctx) -> list[ConsultaNoHistoricoOut]:
    """Every appointment of the patient, oldest first, whatever became of it (the LGPD export:
    ``GET /prontuario/{id}/exportacao`` writes it as ``consultas.json``)."""
    itens = await historico_service.do_paciente(ctx, paciente_id=paciente_id)
    agora = ctx.relogio()
    return [ConsultaNoHistoricoOut.do_historico(item, agora) for item in itens]


@internal.get("/consultas/{consulta_id}")
async def consulta_de_participante(
    consulta_id: uuid.UUID, participante: uuid.UUID, ctx: Ctx
) -> ConsultaOut:
    """One appointment, if ``participante`` (the doctor or the patient) takes part in it, else
    404: what the prontuario service checks before a note or a signed document is written
    (who are the doctor and the patient, and whether it was accepted or happened)."""
    consulta = await consultas_service.ver(ctx, usuario_id=participante, consulta_id=consulta_id)
    return ConsultaOut.from_domain(consulta, ctx.relogio())
