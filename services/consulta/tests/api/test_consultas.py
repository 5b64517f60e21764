"""Booking, accepting, refusing, cancelling, listing and rating, through the public API."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import text

from services.consulta.tests.api.conftest import (
    MOTIVO,
    aceitar,
    cancelar,
    consulta_pendente,
    daqui,
    drenar,
    instante,
    recalcular,
    registrar_medico,
    registrar_paciente,
    reservar,
    sql,
    um_horario,
    voltar_no_tempo,
)


async def _agenda(api, medico):
    r = await api.get(f"/medicos/{medico['id']}/agenda")
    assert r.status_code == 200, r.text
    return [h["id"] for h in r.json()["horarios"]]


async def _ver(api, quem, consulta_id):
    return await api.get(f"/consultas/{consulta_id}", headers=quem["headers"])


async def test_reservar_cria_pendente_e_segura_o_horario(api):
    medico = await registrar_medico(api, nome="Dra. Ana Souza")
    paciente = await registrar_paciente(api, nome="João da Silva")
    outro = await registrar_paciente(api)
    h = await um_horario(api, medico)
    r = await reservar(api, paciente, h["id"])
    assert r.status_code == 201, r.text
    c = r.json()
    assert c["status"] == "pendente"
    assert c["horario_id"] == h["id"]
    assert c["medico"] == {
        "id": medico["id"],
        "nome": "Dra. Ana Souza",
        "crm": medico["crm"],
        "uf": medico["uf"],
    }
    assert c["paciente"] == {"id": paciente["id"], "nome": "João da Silva"}
    assert instante(c["inicio"]) == instante(h["inicio"])
    assert instante(c["fim"]) == instante(h["fim"])
    assert c["justificativa"] is None and c["link"] is None
    assert c["criada_em"] and c["atualizada_em"]
    # A pending request holds the slot: nobody else can book it, it leaves the public agenda.
    assert (await reservar(api, outro, h["id"])).status_code == 409
    assert h["id"] not in await _agenda(api, medico)


async def test_reserva_de_horario_desconhecido_e_404_e_medico_nao_reserva(api):
    paciente = await registrar_paciente(api)
    r = await reservar(api, paciente, "00000000-0000-4000-8000-000000000000")
    assert r.status_code == 404
    medico = await registrar_medico(api)
    h = await um_horario(api, medico)
    r = await api.post("/consultas", json={"horario_id": h["id"]}, headers=medico["headers"])
    assert r.status_code == 403
    r = await api.post("/consultas", json={"horario_id": "nao-e-uuid"}, headers=paciente["headers"])
    assert r.status_code == 422


async def test_antecedencia_minima_do_medico(api):
    exigente = await registrar_medico(api, antecedencia_minima_minutos=180)
    paciente = await registrar_paciente(api)
    perto = await um_horario(api, exigente, daqui(horas=2))
    r = await reservar(api, paciente, perto["id"])
    assert r.status_code == 422, r.text
    assert "180 minutos" in r.json()["detail"]
    longe = await um_horario(api, exigente, daqui(horas=4))
    assert (await reservar(api, paciente, longe["id"])).status_code == 201

    sem_antecedencia = await registrar_medico(api, antecedencia_minima_minutos=0)
    outro_paciente = await registrar_paciente(api)
    ja = await um_horario(api, sem_antecedencia, daqui(minutos=2))
    assert (await reservar(api, outro_paciente, ja["id"])).status_code == 201


async def test_horizonte_de_reserva_de_90_dias(api):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    alem = await um_horario(api, medico, daqui(dias=91))
    r = await reservar(api, paciente, alem["id"])
    assert r.status_code == 422
    assert "90 dias" in r.json()["detail"]
    dentro = await um_horario(api, medico, daqui(dias=89))
    assert (await reservar(api, paciente, dentro["id"])).status_code == 201


async def test_horario_que_ja_passou_nao_pode_ser_reservado(api, gateway):
    medico, _, c = await consulta_pendente(api)
    await cancelar(api, medico, c["id"])
    await voltar_no_tempo(gateway, c["id"], timedelta(days=3))
    paciente = await registrar_paciente(api)
    r = await reservar(api, paciente, c["horario_id"])
    assert r.status_code == 422


async def test_paciente_nao_tem_duas_consultas_ativas_sobrepostas(api):
    paciente = await registrar_paciente(api)
    m1, m2 = await registrar_medico(api), await registrar_medico(api)
    inicio = daqui(dias=2)
    h1 = await um_horario(api, m1, inicio)
    h2 = await um_horario(api, m2, inicio + timedelta(minutes=15))
    primeira = await reservar(api, paciente, h1["id"])
    assert primeira.status_code == 201
    r = await reservar(api, paciente, h2["id"])
    assert r.status_code == 409
    assert "sobrepõe" in r.json()["detail"]
    # Once the first is cancelled, the overlap is gone.
    assert (await cancelar(api, paciente, primeira.json()["id"])).status_code == 200
    assert (await reservar(api, paciente, h2["id"])).status_code == 201


async def test_aceitar_confirma_so_uma_vez(api):
    medico, paciente, c = await consulta_pendente(api)
    r = await aceitar(api, medico, c["id"])
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "confirmada"
    assert (await aceitar(api, medico, c["id"])).status_code == 409
    r = await api.post(f"/medico/consultas/{c['id']}/recusar", headers=medico["headers"])
    assert r.status_code == 409
    assert (await _ver(api, paciente, c["id"])).json()["status"] == "confirmada"


async def test_recusar_libera_o_horario(api):
    medico, _paciente, c = await consulta_pendente(api)
    r = await api.post(
        f"/medico/consultas/{c['id']}/recusar",
        json={"justificativa": "Agenda cheia nesse dia"},
        headers=medico["headers"],
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "recusada"
    assert r.json()["justificativa"] == "Agenda cheia nesse dia"
    assert c["horario_id"] in await _agenda(api, medico)
    assert (await aceitar(api, medico, c["id"])).status_code == 409
    outro = await registrar_paciente(api)
    assert (await reservar(api, outro, c["horario_id"])).status_code == 201
    # Refusing without a justification is allowed.
    medico2, _, c2 = await consulta_pendente(api)
    r = await api.post(f"/medico/consultas/{c2['id']}/recusar", headers=medico2["headers"])
    assert r.status_code == 200 and r.json()["justificativa"] is None


async def test_cancelar_exige_justificativa_e_libera_o_horario(api):
    medico, paciente, c = await consulta_pendente(api)
    for justificativa in (None, "curta"):
        r = await cancelar(api, paciente, c["id"], justificativa)
        assert r.status_code == 422, r.text
        assert r.json()["erros"][0]["campo"] == "justificativa"
    assert (await _ver(api, paciente, c["id"])).json()["status"] == "pendente"
    r = await api.delete(
        f"/consultas/{c['id']}", params={"justificativa": MOTIVO}, headers=paciente["headers"]
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "cancelada"
    assert body["justificativa"] == MOTIVO
    assert body["cancelada_por"] == "paciente" and body["cancelada_em"]
    assert c["horario_id"] in await _agenda(api, medico)
    again = await cancelar(api, paciente, c["id"])
    assert again.status_code == 409


async def test_medico_cancela_confirmada_e_paciente_ve_quem_cancelou(api):
    medico, paciente, c = await consulta_pendente(api)
    assert (await aceitar(api, medico, c["id"])).status_code == 200
    r = await cancelar(api, medico, c["id"], "Congresso médico inesperado")
    assert r.status_code == 200, r.text
    visto = (await _ver(api, paciente, c["id"])).json()
    assert visto["status"] == "cancelada" and visto["cancelada_por"] == "medico"


async def test_paciente_nao_cancela_perto_do_inicio_mas_o_medico_sim(api):
    medico, paciente, c = await consulta_pendente(
        api, daqui(minutos=90), antecedencia_minima_minutos=0
    )
    r = await cancelar(api, paciente, c["id"])
    assert r.status_code == 409
    assert "2 hora" in r.json()["detail"]
    assert (await cancelar(api, medico, c["id"])).status_code == 200


async def test_consulta_iniciada_nao_pode_ser_cancelada_nem_aceita(api, gateway):
    medico, paciente, c = await consulta_pendente(api)
    await voltar_no_tempo(gateway, c["id"], timedelta(days=2, minutes=10))
    assert (await aceitar(api, medico, c["id"])).status_code == 409
    assert (await cancelar(api, medico, c["id"])).status_code == 409
    assert (await cancelar(api, paciente, c["id"])).status_code == 409


async def test_so_participantes_veem_e_mexem_na_consulta(api):
    medico, paciente, c = await consulta_pendente(api)
    estranho = await registrar_paciente(api)
    outro_medico = await registrar_medico(api)
    assert (await _ver(api, paciente, c["id"])).status_code == 200
    assert (await _ver(api, medico, c["id"])).status_code == 200
    for intruso in (estranho, outro_medico):
        assert (await _ver(api, intruso, c["id"])).status_code == 404
        assert (await cancelar(api, intruso, c["id"])).status_code == 404
    assert (await aceitar(api, outro_medico, c["id"])).status_code == 404
    r = await api.post(f"/medico/consultas/{c['id']}/recusar", headers=outro_medico["headers"])
    assert r.status_code == 404
    assert (await aceitar(api, paciente, c["id"])).status_code == 403
    assert (await api.get(f"/consultas/{c['id']}")).status_code == 401
    assert (await _ver(api, paciente, c["id"])).json()["status"] == "pendente"


async def test_listar_consultas_por_status_para_paciente_e_medico(api):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    inicio = daqui(dias=2)
    ids = []
    for k in range(3):
        h = await um_horario(api, medico, inicio + timedelta(hours=k))
        r = await reservar(api, paciente, h["id"])
        assert r.status_code == 201
        ids.append(r.json()["id"])
    await aceitar(api, medico, ids[0])
    await cancelar(api, paciente, ids[2])

    async def listar(quem, **params):
        r = await api.get("/consultas", params=params, headers=quem["headers"])
        assert r.status_code == 200, r.text
        return r.json()

    todas = await listar(paciente)
    assert [c["id"] for c in todas["itens"]] == ids
    assert (todas["total"], todas["pagina"], todas["por_pagina"]) == (3, 1, 20)
    assert [c["id"] for c in (await listar(medico, status="confirmada"))["itens"]] == [ids[0]]
    assert [c["id"] for c in (await listar(paciente, status="pendente"))["itens"]] == [ids[1]]
    assert [c["id"] for c in (await listar(medico, status="cancelada"))["itens"]] == [ids[2]]
    pagina2 = await listar(medico, pagina=2, por_pagina=2)
    assert [c["id"] for c in pagina2["itens"]] == [ids[2]] and pagina2["total"] == 3
    assert (await listar(await registrar_paciente(api)))["itens"] == []
    r = await api.get("/consultas", params={"status": "outra"}, headers=paciente["headers"])
    assert r.status_code == 422
    r = await api.get("/consultas", params={"por_pagina": 101}, headers=paciente["headers"])
    assert r.status_code == 422


async def test_confirmada_que_terminou_e_realizada_e_pode_ser_avaliada_uma_vez(api, gateway):
    medico, paciente, c = await consulta_pendente(api)
    assert (await aceitar(api, medico, c["id"])).status_code == 200
    cedo = await api.post(
        f"/consultas/{c['id']}/avaliacao", json={"nota": 5}, headers=paciente["headers"]
    )
    assert cedo.status_code == 409
    await voltar_no_tempo(gateway, c["id"], timedelta(days=3))
    visto = (await _ver(api, paciente, c["id"])).json()
    assert visto["status"] == "realizada"
    r = await api.get("/consultas", params={"status": "realizada"}, headers=medico["headers"])
    assert [x["id"] for x in r.json()["itens"]] == [c["id"]]
    r = await api.get("/consultas", params={"status": "confirmada"}, headers=medico["headers"])
    assert r.json()["itens"] == []
    assert (await cancelar(api, paciente, c["id"])).status_code == 409

    invalida = await api.post(
        f"/consultas/{c['id']}/avaliacao", json={"nota": 6}, headers=paciente["headers"]
    )
    assert invalida.status_code == 422
    r = await api.post(
        f"/consultas/{c['id']}/avaliacao",
        json={"nota": 4, "comentario": "Muito atenciosa"},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text
    assert r.json()["nota"] == 4 and r.json()["comentario"] == "Muito atenciosa"
    de_novo = await api.post(
        f"/consultas/{c['id']}/avaliacao", json={"nota": 1}, headers=paciente["headers"]
    )
    assert de_novo.status_code == 409
    assert (await _ver(api, medico, c["id"])).json()["avaliacao"]["nota"] == 4

    await drenar(gateway)
    perfil = (await api.get(f"/medicos/{medico['id']}")).json()
    assert perfil["total_avaliacoes"] == 1
    assert perfil["avaliacao_media"] == 4


async def test_so_o_paciente_da_consulta_avalia_e_so_realizada(api, gateway):
    medico, paciente, c = await consulta_pendente(api)
    await voltar_no_tempo(gateway, c["id"], timedelta(days=3))
    # A pending request whose time passed never became realizada.
    r = await api.post(
        f"/consultas/{c['id']}/avaliacao", json={"nota": 3}, headers=paciente["headers"]
    )
    assert r.status_code == 409
    estranho = await registrar_paciente(api)
    r = await api.post(
        f"/consultas/{c['id']}/avaliacao", json={"nota": 3}, headers=estranho["headers"]
    )
    assert r.status_code == 404
    r = await api.post(
        f"/consultas/{c['id']}/avaliacao", json={"nota": 3}, headers=medico["headers"]
    )
    assert r.status_code == 403


async def test_proximo_horario_do_medico_acompanha_a_agenda(api, gateway):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    inicio = daqui(dias=2)
    primeiro = await um_horario(api, medico, inicio)
    segundo = await um_horario(api, medico, inicio + timedelta(hours=1))

    async def proximo():
        await drenar(gateway)
        valor = (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"]
        return instante(valor) if valor else None

    assert await proximo() == instante(primeiro["inicio"])
    c = (await reservar(api, paciente, primeiro["id"])).json()
    assert await proximo() == instante(segundo["inicio"])
    await cancelar(api, paciente, c["id"])
    assert await proximo() == instante(primeiro["inicio"])
    await api.delete(f"/medico/horarios/{primeiro['id']}", headers=medico["headers"])
    await api.delete(f"/medico/horarios/{segundo['id']}", headers=medico["headers"])
    assert await proximo() is None


async def test_proximo_horario_depois_so_de_reservas_parte_do_ultimo_publicado(api, gateway):
    """After bookings only, the next slot is looked for from the one last published (issue
    14); what it publishes must be what a search from scratch would find, whichever slot the
    bookings took."""
    medico = await registrar_medico(api)
    pacientes = [await registrar_paciente(api) for _ in range(4)]
    inicio = daqui(dias=2)
    h = [await um_horario(api, medico, inicio + timedelta(hours=n)) for n in range(4)]

    async def proximo():
        return await _publicado(api, gateway, medico)

    assert await proximo() == instante(h[0]["inicio"])
    # A later slot taken: the published one is still free and still the next.
    assert (await reservar(api, pacientes[0], h[2]["id"])).status_code == 201
    assert await proximo() == instante(h[0]["inicio"])
    # The published one taken: the next free after it, past the one booked before.
    assert (await reservar(api, pacientes[1], h[0]["id"])).status_code == 201
    assert await proximo() == instante(h[1]["inicio"])
    assert (await reservar(api, pacientes[2], h[1]["id"])).status_code == 201
    assert await proximo() == instante(h[3]["inicio"])
    reserva = await reservar(api, pacientes[3], h[3]["id"])
    assert await proximo() is None
    # Nothing free, then only bookings (none possible here) or a cancellation: from scratch.
    await cancelar(api, pacientes[3], reserva.json()["id"])
    assert await proximo() == instante(h[3]["inicio"])


async def _publicado(api, gateway, medico):
    """The doctor's next slot as the search shows it, once the outbox is delivered."""
    await drenar(gateway)
    valor = (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"]
    return instante(valor) if valor else None


async def test_antecedencia_alterada_refaz_o_proximo_horario(api, gateway):
    medico = await registrar_medico(api, antecedencia_minima_minutos=0)
    perto = await um_horario(api, medico, daqui(horas=2))
    longe = await um_horario(api, medico, daqui(horas=5))
    assert await _publicado(api, gateway, medico) == instante(perto["inicio"])
    r = await api.put(
        f"/medicos/{medico['id']}",
        json={"antecedencia_minima_minutos": 180, "nome": medico["nome"]},
        headers=medico["headers"],
    )
    assert r.status_code == 200, r.text
    await gateway.apps["medico"].state.publicador.drenar()
    assert await _publicado(api, gateway, medico) == instante(longe["inicio"])


async def test_proximo_horario_vencido_e_recalculado_periodicamente(api, gateway):
    medico = await registrar_medico(api, antecedencia_minima_minutos=0)
    primeiro = await um_horario(api, medico, daqui(horas=1))
    segundo = await um_horario(api, medico, daqui(dias=1))
    await drenar(gateway)
    perfil = (await api.get(f"/medicos/{medico['id']}")).json()
    assert instante(perfil["proximo_horario"]) == instante(primeiro["inicio"])
    # Time passes: the first slot starts (nothing in the agenda changed, so nothing was queued).
    await sql(
        gateway,
        "update horarios set inicio = inicio - interval '2 hours',"
        " fim = fim - interval '2 hours' where id = :id",
        id=primeiro["id"],
    )
    await sql(
        gateway,
        "update proximos_horarios set vence_em = vence_em - interval '2 hours'"
        " where medico_id = :id",
        id=medico["id"],
    )
    await recalcular(gateway)
    perfil = (await api.get(f"/medicos/{medico['id']}")).json()
    assert instante(perfil["proximo_horario"]) == instante(segundo["inicio"])


async def test_publicacao_ja_em_curso_para_o_medico_nao_espera_e_sai_na_passada_seguinte(
    api, gateway
):
    """Another process holds the doctor's publication (while it calls the medico service):
    this pass neither waits for it, holding a connection, nor publishes out of order."""
    medico = await registrar_medico(api)
    engine = gateway.apps["consulta"].state.engine
    async with engine.connect() as outro_processo:
        await outro_processo.begin()
        await outro_processo.execute(
            text("select pg_advisory_xact_lock(hashtextextended(:c, 0))"),
            {"c": f"consulta.saida:{medico['id']}"},
        )
        horario = await um_horario(api, medico, daqui(dias=2))
        await asyncio.wait_for(drenar(gateway), 5)
        assert (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"] is None
        await outro_processo.rollback()
    await drenar(gateway)
    publicado = (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"]
    assert instante(publicado) == instante(horario["inicio"])
