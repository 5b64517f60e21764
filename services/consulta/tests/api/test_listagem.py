"""GET /consultas reads the page and its total in one statement (issue 14: the count and the
page were two, each a round trip), outside a transaction; past the last page the total stays
right."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from libs.db import conexoes_diretas
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

    def pelo_sqlalchemy(_conn: Any, _cursor: Any, sql: str, *_: Any) -> None:
        if "paciente_id" in sql:  # this listing's, not the background outbox's
            comandos.append(sql)

    engine = gateway.apps["consulta"].state.engine
    diretas = conexoes_diretas(engine)
    assert diretas is not None
    # Statements sent straight to asyncpg (libs.db.direto) skip SQLAlchemy's events: each
    # takes one of the direct connections, one statement at a time.
    antes = diretas.tomadas
    event.listen(engine.sync_engine, "before_cursor_execute", pelo_sqlalchemy)
    try:
        r = await api.get("/consultas", headers=paciente["headers"])
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", pelo_sqlalchemy)
    assert r.status_code == 200, r.text
    assert (len(r.json()["itens"]), r.json()["total"]) == (2, 2)
    assert (comandos, diretas.tomadas - antes) == ([], 1)

    r = await api.get("/consultas", params={"pagina": 3}, headers=paciente["headers"])
    assert r.status_code == 200, r.text
    assert (r.json()["itens"], r.json()["total"]) == ([], 2)
