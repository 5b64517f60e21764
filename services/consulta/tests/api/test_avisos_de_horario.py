"""'Avise-me': a patient asks to be e-mailed when a doctor's slot opens before a date, through
the public API; the e-mail is read in the local profile's inbox (/dev/emails) and the outbox."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from services.consulta.tests.api.conftest import (
    aceitar,
    cancelar,
    daqui,
    drenar,
    instante,
    linhas,
    registrar_medico,
    registrar_paciente,
    reservar,
    um_horario,
)

ASSUNTO = "Abriu um horário - HealthMed"


async def pedir(api, paciente: dict[str, Any], medico_id: str, ate) -> Any:
    """POST /medicos/{id}/avisos."""
    return await api.post(
        f"/medicos/{medico_id}/avisos", json={"ate": ate.isoformat()}, headers=paciente["headers"]
    )


async def avisos_de(gateway, paciente: dict[str, Any]) -> list[dict[str, Any]]:
    """The 'slot opened' e-mails queued for a patient (the outbox), oldest first."""
    return await linhas(
        gateway,
        "select corpo, enviada_em from notificacoes where usuario_id = :id"
        " and evento = 'horario_aberto' order by criada_em",
        id=paciente["id"],
    )


async def caixa(api, paciente: dict[str, Any]) -> list[dict[str, Any]]:
    """The 'slot opened' e-mails delivered to the patient (the dev inbox)."""
    r = await api.get("/dev/emails", params={"para": paciente["email"]})
    assert r.status_code == 200, r.text
    return [e for e in r.json()["itens"] if e["assunto"] == ASSUNTO]


async def test_pedir_trocar_listar_e_cancelar_aviso(api):
    medico = await registrar_medico(api, fuso_horario="America/Manaus")
    paciente = await registrar_paciente(api)
    # Each date read once: two readings may fall in two different minutes.
    ate_14, ate_20, ate_3 = daqui(dias=14), daqui(dias=20), daqui(dias=3)
    r = await pedir(api, paciente, medico["id"], ate_14)
    assert r.status_code == 201, r.text
    criado = r.json()
    assert set(criado) == {"id", "medico_id", "ate", "criado_em"}
    assert criado["medico_id"] == medico["id"]
    assert criado["ate"].endswith("-04:00")  # shown on the doctor's clock
    assert instante(criado["ate"]) == ate_14

    r = await pedir(api, paciente, medico["id"], ate_20)
    assert r.status_code == 200, r.text
    assert r.json()["id"] == criado["id"] and instante(r.json()["ate"]) == ate_20

    outro_medico = await registrar_medico(api)
    assert (await pedir(api, paciente, outro_medico["id"], ate_3)).status_code == 201
    r = await api.get("/avisos", headers=paciente["headers"])
    assert r.status_code == 200, r.text
    itens = r.json()["itens"]
    assert [(i["medico_id"], instante(i["ate"])) for i in itens] == [
        (outro_medico["id"], ate_3),
        (medico["id"], ate_20),
    ]

    outro_paciente = await registrar_paciente(api)
    r = await api.delete(f"/avisos/{criado['id']}", headers=outro_paciente["headers"])
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    r = await api.delete(f"/avisos/{criado['id']}", headers=paciente["headers"])
    assert r.status_code == 204
    assert (
        await api.delete(f"/avisos/{criado['id']}", headers=paciente["headers"])
    ).status_code == 404
    r = await api.get("/avisos", headers=paciente["headers"])
    assert [i["medico_id"] for i in r.json()["itens"]] == [outro_medico["id"]]
    assert (await api.get("/avisos", headers=outro_paciente["headers"])).json()["itens"] == []


async def test_pedido_de_aviso_recusado_sem_mudar_nada(api):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    corpo = {"ate": daqui(dias=7).isoformat()}
    assert (await api.post(f"/medicos/{medico['id']}/avisos", json=corpo)).status_code == 401
    r = await api.post(f"/medicos/{medico['id']}/avisos", json=corpo, headers=medico["headers"])
    assert r.status_code == 403
    assert (await api.get("/avisos", headers=medico["headers"])).status_code == 403
    assert (await api.get("/avisos")).status_code == 401
    r = await api.post(f"/medicos/{uuid.uuid4()}/avisos", json=corpo, headers=paciente["headers"])
    assert r.status_code == 404
    for ate in (daqui(dias=-1), daqui(dias=91)):
        r = await pedir(api, paciente, medico["id"], ate)
        assert r.status_code == 422, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
    for corpo_ruim in ({"ate": "2026-12-01T10:00:00"}, {}, {"ate": "amanhã"}):
        r = await api.post(
            f"/medicos/{medico['id']}/avisos", json=corpo_ruim, headers=paciente["headers"]
        )
        assert r.status_code == 422, r.text
    assert (await api.get("/avisos", headers=paciente["headers"])).json()["itens"] == []


async def test_cancelamento_avisa_quem_espera_e_o_aviso_chega_uma_vez(api, gateway):
    medico = await registrar_medico(
        api, nome="Dra. Clara Notificacao", fuso_horario="America/Manaus"
    )
    quem_cancela = await registrar_paciente(api)
    horario = await um_horario(api, medico, daqui(dias=3))
    c = (await reservar(api, quem_cancela, horario["id"])).json()
    await aceitar(api, medico, c["id"])
    espera = await registrar_paciente(api)
    assert (await pedir(api, espera, medico["id"], daqui(dias=10))).status_code == 201
    # The one who cancels waits too (for an even earlier slot): never told of their own.
    assert (await pedir(api, quem_cancela, medico["id"], daqui(dias=10))).status_code == 201

    assert (await cancelar(api, quem_cancela, c["id"])).status_code == 200
    await drenar(gateway)
    (email,) = await caixa(api, espera)
    quando = instante(horario["inicio"]).strftime("%d/%m/%Y às %H:%M")
    assert (
        f"Abriu um horário com Dra. Clara Notificacao em {quando} (horário de Manaus)"
        in email["corpo"]
    )
    assert f"/medicos/{medico['id']}" in email["corpo"]
    assert await avisos_de(gateway, quem_cancela) == []
    # Consumed: the alert is gone from the list, and a second freed slot tells nobody again.
    assert (await api.get("/avisos", headers=espera["headers"])).json()["itens"] == []
    assert [
        i["medico_id"]
        for i in (await api.get("/avisos", headers=quem_cancela["headers"])).json()["itens"]
    ] == [medico["id"]]
    await um_horario(api, medico, daqui(dias=4))
    await drenar(gateway)
    assert len(await caixa(api, espera)) == 1
    # ...the other one, still waiting, is told now.
    assert len(await caixa(api, quem_cancela)) == 1


async def test_recusa_do_medico_libera_o_horario_e_avisa(api, gateway):
    medico = await registrar_medico(api)
    pediu = await registrar_paciente(api)
    horario = await um_horario(api, medico, daqui(dias=2))
    c = (await reservar(api, pediu, horario["id"])).json()
    espera = await registrar_paciente(api)
    await pedir(api, espera, medico["id"], daqui(dias=5))
    r = await api.post(f"/medico/consultas/{c['id']}/recusar", headers=medico["headers"])
    assert r.status_code == 200, r.text
    assert len(await avisos_de(gateway, espera)) == 1


async def test_novos_horarios_avisam_so_se_comecam_antes_da_data(api, gateway):
    medico = await registrar_medico(api, antecedencia_minima_minutos=120)
    espera = await registrar_paciente(api)
    await pedir(api, espera, medico["id"], daqui(dias=5))
    # After the date, and inside the doctor's booking notice: nobody is told.
    await um_horario(api, medico, daqui(dias=6))
    await um_horario(api, medico, daqui(minutos=60))
    assert await avisos_de(gateway, espera) == []
    assert len((await api.get("/avisos", headers=espera["headers"])).json()["itens"]) == 1
    # Before the date: told once, about the earliest of the new ones.
    r = await api.post(
        "/medico/horarios",
        json={
            "inicio": daqui(dias=2).isoformat(),
            "fim": daqui(dias=2, horas=1).isoformat(),
            "duracao_minutos": 30,
        },
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    await drenar(gateway)
    (email,) = await caixa(api, espera)
    primeiro = instante(r.json()["horarios"][0]["inicio"]).strftime("%d/%m/%Y às %H:%M")
    assert primeiro in email["corpo"]


async def test_remarcacao_que_falha_nao_avisa_ninguem(api, gateway):
    """The old slot is freed inside the rescheduling's transaction; when the new slot turns
    out taken (409) the rollback takes the e-mail back too."""
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    antigo = await um_horario(api, medico, daqui(dias=2))
    c = (await reservar(api, paciente, antigo["id"])).json()
    ocupado = await um_horario(api, medico, daqui(dias=3))
    outro = await registrar_paciente(api)
    assert (await reservar(api, outro, ocupado["id"])).status_code == 201
    espera = await registrar_paciente(api)
    await pedir(api, espera, medico["id"], daqui(dias=5))

    r = await api.post(
        f"/consultas/{c['id']}/remarcar",
        json={"horario_id": ocupado["id"]},
        headers=paciente["headers"],
    )
    assert r.status_code == 409, r.text
    assert await avisos_de(gateway, espera) == []
    assert len((await api.get("/avisos", headers=espera["headers"])).json()["itens"]) == 1

    # The same rescheduling to a free slot frees the old one: now the patient waiting is told.
    livre = await um_horario(api, medico, daqui(dias=8))
    r = await api.post(
        f"/consultas/{c['id']}/remarcar",
        json={"horario_id": livre["id"]},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text
    (email,) = await avisos_de(gateway, espera)
    assert instante(antigo["inicio"]).strftime("%d/%m/%Y às %H:%M") in email["corpo"]


async def test_encerrar_a_conta_apaga_os_avisos_e_avisa_quem_espera_pelo_horario(api, gateway):
    """Closing an account frees its slots like a patient's cancellation: those waiting are
    told; the closing patient's own requests are erased with the account."""
    medico = await registrar_medico(api)
    encerra = await registrar_paciente(api)
    c = (await reservar(api, encerra, (await um_horario(api, medico, daqui(dias=2)))["id"])).json()
    outro_medico = await registrar_medico(api)
    await pedir(api, encerra, outro_medico["id"], daqui(dias=9))
    espera = await registrar_paciente(api)
    await pedir(api, espera, medico["id"], daqui(dias=5))

    app = gateway.apps["consulta"]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://consulta",
        headers={"x-service-token": app.state.settings.secret("service_token")},
    ) as interno:
        r = await interno.post(f"/internal/pacientes/{encerra['id']}/encerramento")
        assert r.status_code == 200, r.text
    assert (await api.get(f"/consultas/{c['id']}", headers=medico["headers"])).json()[
        "status"
    ] == "cancelada"
    assert len(await avisos_de(gateway, espera)) == 1
    restantes = await linhas(
        gateway, "select id from pedidos_de_aviso where paciente_id = :p", p=encerra["id"]
    )
    assert restantes == []
