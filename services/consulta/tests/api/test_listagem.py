"""GET /consultas reads the page and its total in one statement (issue 14: the count and the
page were two, each a round trip), outside a transaction; past the last page the total stays
right."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import event

from services.consulta.tests.api.conftest import (
    daqui,
    registrar_medico,
    registrar_paciente,
    reservar,
    um_horario,
)


async def test_listagem_e_um_so_comando_e_alem_da_ultima_pagina_diz_o_total(api, gateway):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    for dias in (2, 3):
        r = await reservar(api, paciente, (await um_horario(api, medico, daqui(dias=dias)))["id"])
        assert r.status_code == 201, r.text

    comandos: list[str] = []

    def anotar(sql: str) -> None:
        if "paciente_id" in sql:  # this listing's, not the background outbox's
            comandos.append(sql)

    def pelo_sqlalchemy(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        anotar(sql)

    def direto_ao_driver(dbapi: Any, *_: Any) -> None:
        # Statements sent straight to asyncpg (libs.db.direto) skip SQLAlchemy's events.
        dbapi.driver_connection.add_query_logger(lambda q: anotar(q.query))

    motor = gateway.apps["consulta"].state.engine.sync_engine
    event.listen(motor, "before_cursor_execute", pelo_sqlalchemy)
    event.listen(motor.pool, "checkout", direto_ao_driver)
    try:
        r = await api.get("/consultas", headers=paciente["headers"])
        await asyncio.sleep(0)  # asyncpg calls its query loggers with call_soon
    finally:
        event.remove(motor, "before_cursor_execute", pelo_sqlalchemy)
        event.remove(motor.pool, "checkout", direto_ao_driver)
    assert r.status_code == 200, r.text
    assert (len(r.json()["itens"]), r.json()["total"]) == (2, 2)
    assert len(comandos) == 1, comandos

    r = await api.get("/consultas", params={"pagina": 3}, headers=paciente["headers"])
    assert r.status_code == 200, r.text
    assert (r.json()["itens"], r.json()["total"]) == ([], 2)
