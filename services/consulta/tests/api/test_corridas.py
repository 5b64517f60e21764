"""Races against the real PostgreSQL: the database, not luck, decides who wins."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

from services.consulta.tests.api.conftest import (
    aceitar,
    cancelar,
    consulta_pendente,
    daqui,
    instante,
    registrar_medico,
    registrar_paciente,
    reservar,
    um_horario,
)

CONCORRENTES = 50


async def test_cinquenta_reservas_simultaneas_do_mesmo_horario_tem_um_vencedor(api):
    medico = await registrar_medico(api)
    horario = await um_horario(api, medico)
    pacientes = []
    for _ in range(CONCORRENTES // 10):
        pacientes += await asyncio.gather(*(registrar_paciente(api) for _ in range(10)))

    respostas = await asyncio.gather(*(reservar(api, p, horario["id"]) for p in pacientes))

    codigos = Counter(r.status_code for r in respostas)
    assert codigos == {201: 1, 409: CONCORRENTES - 1}, [r.text for r in respostas][:3]
    (vencedora,) = [r.json() for r in respostas if r.status_code == 201]
    lista = await api.get("/consultas", headers=medico["headers"])
    assert [c["id"] for c in lista.json()["itens"]] == [vencedora["id"]]


async def test_mesmo_paciente_em_corrida_por_horarios_sobrepostos_fica_com_um(api):
    paciente = await registrar_paciente(api)
    medicos = await asyncio.gather(*(registrar_medico(api) for _ in range(5)))
    inicio = daqui(dias=3)
    horarios = [
        await um_horario(api, m, inicio + timedelta(minutes=5 * k)) for k, m in enumerate(medicos)
    ]
    respostas = await asyncio.gather(*(reservar(api, paciente, h["id"]) for h in horarios))
    assert Counter(r.status_code for r in respostas) == {201: 1, 409: 4}


async def test_aceitar_e_recusar_em_corrida_so_um_vence(api):
    for _ in range(6):
        medico, paciente, c = await consulta_pendente(api)
        aceite, recusa = await asyncio.gather(
            aceitar(api, medico, c["id"]),
            api.post(f"/medico/consultas/{c['id']}/recusar", headers=medico["headers"]),
        )
        assert sorted([aceite.status_code, recusa.status_code]) == [200, 409]
        final = (await api.get(f"/consultas/{c['id']}", headers=paciente["headers"])).json()
        assert final["status"] == ("confirmada" if aceite.status_code == 200 else "recusada")


async def test_recusar_e_cancelar_em_corrida_so_um_vence(api):
    for _ in range(6):
        medico, paciente, c = await consulta_pendente(api)
        recusa, cancelamento = await asyncio.gather(
            api.post(f"/medico/consultas/{c['id']}/recusar", headers=medico["headers"]),
            cancelar(api, paciente, c["id"]),
        )
        assert sorted([recusa.status_code, cancelamento.status_code]) == [200, 409]
        final = (await api.get(f"/consultas/{c['id']}", headers=paciente["headers"])).json()
        assert final["status"] == ("recusada" if recusa.status_code == 200 else "cancelada")


async def test_aceitar_e_cancelar_em_corrida_sao_serializados(api):
    """Cancelling a confirmed appointment is allowed, so both may succeed, but only in one
    order: the accept first. A cancel that answered 200 is never lost under an accept, and an
    accept never lands on a cancelled appointment."""
    for _ in range(8):
        medico, paciente, c = await consulta_pendente(api)
        aceite, cancelamento = await asyncio.gather(
            aceitar(api, medico, c["id"]), cancelar(api, paciente, c["id"])
        )
        assert cancelamento.status_code == 200, cancelamento.text
        assert aceite.status_code in (200, 409), aceite.text
        final = (await api.get(f"/consultas/{c['id']}", headers=paciente["headers"])).json()
        assert final["status"] == "cancelada"
        if aceite.status_code == 200:
            assert aceite.json()["status"] == "confirmada"
            assert instante(aceite.json()["atualizada_em"]) <= instante(
                cancelamento.json()["cancelada_em"]
            )
