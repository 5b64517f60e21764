"""A booking opens no transaction around its two statements (issue 14): it reads the slot and
the people, the domain decides, and the insert re-checks under share locks that the slot and
the patient's open account are still as read. What changes in between is decided again."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from services.consulta import service
from services.consulta.tests.api.conftest import (
    instante,
    linhas,
    registrar_medico,
    registrar_paciente,
    reservar,
    sql,
    um_horario,
)


async def test_horario_movido_entre_a_leitura_e_o_insert_e_reservado_como_ficou(
    api, gateway, monkeypatch
):
    medico, paciente = await registrar_medico(api), await registrar_paciente(api)
    horario = await um_horario(api, medico)
    vezes: list[int] = []
    validar = service.agenda.validar_reserva

    def validar_e_mover(*args: Any, **kwargs: Any) -> None:
        validar(*args, **kwargs)
        vezes.append(1)

    monkeypatch.setattr(service.agenda, "validar_reserva", validar_e_mover)
    # The move happens on another connection as soon as the first check passed: the insert
    # that follows finds other times and inserts nothing; the rerun reads the new ones.
    original = service._pedir

    async def pedir(*args: Any, **kwargs: Any) -> Any:
        if len(vezes) == 0:
            await sql(
                gateway,
                "update horarios set inicio = inicio + interval '1 hour',"
                " fim = fim + interval '1 hour' where id = :id",
                id=horario["id"],
            )
        return await original(*args, **kwargs)

    monkeypatch.setattr(service, "_pedir", pedir)
    r = await reservar(api, paciente, horario["id"])
    assert r.status_code == 201, r.text
    assert len(vezes) == 2  # decided twice: with the old times, then with the new
    assert instante(r.json()["inicio"]) == instante(horario["inicio"]) + timedelta(hours=1)
    (linha,) = await linhas(
        gateway, "select inicio from consultas where id = :id", id=r.json()["id"]
    )
    assert linha["inicio"] == instante(horario["inicio"]) + timedelta(hours=1)


async def test_conta_encerrada_entre_a_leitura_e_o_insert_nao_reserva(api, gateway, monkeypatch):
    medico, paciente = await registrar_medico(api), await registrar_paciente(api)
    horario = await um_horario(api, medico)
    original = service._pedir
    feito: list[int] = []

    async def pedir(*args: Any, **kwargs: Any) -> Any:
        if not feito:
            feito.append(1)
            await sql(
                gateway,
                "update copias_pacientes set encerrada = true where id = :id",
                id=paciente["id"],
            )
        return await original(*args, **kwargs)

    monkeypatch.setattr(service, "_pedir", pedir)
    r = await reservar(api, paciente, horario["id"])
    assert r.status_code == 403, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert (
        await linhas(gateway, "select 1 from consultas where horario_id = :id", id=horario["id"])
        == []
    )
    assert (
        await linhas(
            gateway,
            "select 1 from notificacoes n join copias_medicos m on m.id = n.usuario_id"
            " where m.id = :id",
            id=medico["id"],
        )
        == []
    )
