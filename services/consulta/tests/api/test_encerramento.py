"""POST /internal/pacientes/{id}/encerramento (asked by the paciente service when the patient
closes the account): future active appointments cancelled even past the cutoff, the doctor
told as for any patient cancellation, the e-mails still waiting for the patient dropped, the
subscription revoked; idempotent."""

from __future__ import annotations

from typing import Any

import httpx

from services.consulta.tests.api.conftest import (
    aceitar,
    cliente_interno,
    daqui,
    linhas,
    notificacoes,
    registrar_medico,
    registrar_paciente,
    reservar,
    um_horario,
)


def _interno(gateway: Any) -> httpx.AsyncClient:
    return cliente_interno(gateway)


async def test_encerramento_cancela_ate_as_tardias_avisa_o_medico_e_e_idempotente(api, gateway):
    medico = await registrar_medico(api, antecedencia_minima_minutos=0)
    paciente = await registrar_paciente(api)
    outro = await registrar_paciente(api)
    tardia = (
        await reservar(api, paciente, (await um_horario(api, medico, daqui(minutos=40)))["id"])
    ).json()
    assert (await aceitar(api, medico, tardia["id"])).status_code == 200
    longe = (
        await reservar(api, paciente, (await um_horario(api, medico, daqui(dias=5)))["id"])
    ).json()
    alheia = (
        await reservar(api, outro, (await um_horario(api, medico, daqui(dias=6)))["id"])
    ).json()

    async with _interno(gateway) as http:
        r = await http.post(f"/internal/pacientes/{paciente['id']}/encerramento")
        assert r.status_code == 200, r.text
        assert r.json() == {"consultas_canceladas": 2}
        again = await http.post(f"/internal/pacientes/{paciente['id']}/encerramento")
        assert again.json() == {"consultas_canceladas": 0}
        sem_token = await http.post(
            f"/internal/pacientes/{paciente['id']}/encerramento",
            headers={"x-service-token": "errado"},
        )
        assert sem_token.status_code == 404

    for consulta in (tardia, longe):
        r = await api.get(f"/consultas/{consulta['id']}", headers=medico["headers"])
        assert r.json()["status"] == "cancelada"
        assert r.json()["justificativa"] == "Conta encerrada pelo paciente"
        eventos = [(n["evento"], n["papel"]) for n in await notificacoes(gateway, consulta["id"])]
        assert ("cancelada", "medico") in eventos
    # The patient's "confirmed" e-mail was still waiting: dropped, nobody left to send it to.
    pendentes = await linhas(
        gateway,
        "select count(*) as n from notificacoes where usuario_id = :p and enviada_em is null",
        p=paciente["id"],
    )
    assert pendentes == [{"n": 0}]
    # Another patient's appointment is untouched.
    r = await api.get(f"/consultas/{alheia['id']}", headers=outro["headers"])
    assert r.json()["status"] == "pendente"
