"""A booking opens no transaction around its two statements (issue 14): it reads the slot and
the people, the domain decides, and the insert re-checks under share locks that the slot and
the patient's open account are still as read. What changes in between is decided again."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from services.consulta.domain import agenda
from services.consulta.service import consultas
from services.consulta.tests.api.conftest import (
    instante,
    linhas,
    registrar_medico,
    registrar_paciente,
    reservar,
    sql,
    um_horario,
)


def _entre_a_leitura_e_o_insert(monkeypatch: Any, gateway: Any, comando: str, **params: Any):
    """Run ``comando`` on another connection once, after the booking's read and before its
    insert; count the domain's checks (one per decision)."""
    validar, pedir = agenda.validar_reserva, consultas.pedir
    decisoes: list[int] = []

    def contar(*args: Any, **kwargs: Any) -> None:
        decisoes.append(1)
        validar(*args, **kwargs)

    async def mudar_e_pedir(*args: Any, **kwargs: Any) -> Any:
        if not decisoes:
            await sql(gateway, comando, **params)
        return await pedir(*args, **kwargs)

    monkeypatch.setattr(agenda, "validar_reserva", contar)
    monkeypatch.setattr(consultas, "pedir", mudar_e_pedir)
    return decisoes


async def test_horario_movido_entre_a_leitura_e_o_insert_e_reservado_como_ficou(
    api, gateway, monkeypatch
):
    medico, paciente = await registrar_medico(api), await registrar_paciente(api)
    horario = await um_horario(api, medico)
    decisoes = _entre_a_leitura_e_o_insert(
        monkeypatch,
        gateway,
        "update horarios set inicio = inicio + interval '1 hour',"
        " fim = fim + interval '1 hour' where id = :id",
        id=horario["id"],
    )
    r = await reservar(api, paciente, horario["id"])
    assert r.status_code == 201, r.text
    assert len(decisoes) == 2  # with the old times (nothing inserted), then with the new
    movido = instante(horario["inicio"]) + timedelta(hours=1)
    assert instante(r.json()["inicio"]) == movido
    (linha,) = await linhas(
        gateway, "select inicio from consultas where id = :id", id=r.json()["id"]
    )
    assert linha["inicio"] == movido


async def test_conta_encerrada_entre_a_leitura_e_o_insert_nao_reserva(api, gateway, monkeypatch):
    medico, paciente = await registrar_medico(api), await registrar_paciente(api)
    horario = await um_horario(api, medico)
    _entre_a_leitura_e_o_insert(
        monkeypatch,
        gateway,
        "update copias_pacientes set encerrada = true where id = :id",
        id=paciente["id"],
    )
    r = await reservar(api, paciente, horario["id"])
    assert r.status_code == 403, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert (
        await linhas(gateway, "select 1 from consultas where horario_id = :id", id=horario["id"])
        == []
    )
    assert (
        await linhas(gateway, "select 1 from notificacoes where usuario_id = :id", id=medico["id"])
        == []
    )
