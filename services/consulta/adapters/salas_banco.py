"""The rooms of the built-in video room, in the ``salas`` table of the consulta schema
(profiles local and compose; the aws profile keeps them in DynamoDB: ``salas_dynamo.py``)."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable

from services.consulta.domain.teleconsulta import Sala
from services.consulta.ports import Ingresso, UnitOfWork


class SalasNoBanco:
    """The rooms in the ``salas`` table of the consulta schema, each call its own unit of work."""

    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self.uow = uow

    async def sala(self, consulta_id: uuid.UUID) -> Sala | None:
        """The room of an appointment, if a link was asked for."""
        async with self.uow() as uow:
            return await uow.teleconsulta.sala(consulta_id)

    async def criar(self, sala: Sala) -> tuple[Sala, bool]:
        """Insert unless present (the primary key settles a race), then read what is kept."""
        async with self.uow() as uow:
            criada = await uow.teleconsulta.criar_sala(sala)
            guardada = await uow.teleconsulta.sala(sala.consulta_id)
            await uow.commit()
        assert guardada is not None
        return guardada, criada

    async def guardar_ingresso(self, sala: Sala, usuario_id: uuid.UUID, ingresso: Ingresso) -> None:
        """The new meeting and the new attendee, in one transaction."""
        async with self.uow() as uow:
            if ingresso.reuniao_nova is not None:
                renovada = dataclasses.replace(
                    sala, reuniao=ingresso.reuniao_nova, geracao=ingresso.geracao
                )
                await uow.teleconsulta.trocar_reuniao(renovada)
            if ingresso.participante_novo is not None:
                await uow.teleconsulta.guardar_participante(
                    sala.consulta_id, ingresso.geracao, usuario_id, ingresso.participante_novo
                )
            await uow.commit()
