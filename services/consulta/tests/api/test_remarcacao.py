"""Rescheduling (POST /consultas/{id}/remarcar) through the public API: all or nothing."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from services.consulta.tests.api.conftest import (
    aceitar,
    cancelar,
    consulta_pendente,
    daqui,
    drenar,
    instante,
    notificacoes,
    registrar_medico,
    registrar_paciente,
    reservar,
    sql,
    um_horario,
    voltar_no_tempo,
)

MOTIVO_REMARCAR = "Vou viajar a trabalho nesse dia"


async def remarcar(api, paciente, consulta_id: str, horario_id: str, justificativa=None):
    body: dict[str, Any] = {"horario_id": horario_id}
    if justificativa is not None:
        body["justificativa"] = justificativa
    return await api.post(
        f"/consultas/{consulta_id}/remarcar", json=body, headers=paciente["headers"]
    )


async def _livres(api, medico) -> set[str]:
    r = await api.get(
        f"/medicos/{medico['id']}/agenda",
        params={"de": daqui(minutos=-1).isoformat(), "ate": daqui(dias=30).isoformat()},
    )
    assert r.status_code == 200, r.text
    return {h["id"] for h in r.json()["horarios"]}


async def _ver(api, quem, consulta_id):
    r = await api.get(f"/consultas/{consulta_id}", headers=quem["headers"])
    assert r.status_code == 200, r.text
    return r.json()


async def _nada_mudou(api, medico, paciente, antes: dict[str, Any], novo_id: str) -> None:
    """The old appointment is exactly as it was, it still holds its slot, the patient has no
    other appointment, and the new slot is still free."""
    depois = await _ver(api, paciente, antes["id"])
    for campo in ("status", "justificativa", "cancelada_por", "remarcada_para", "atualizada_em"):
        assert depois[campo] == antes[campo], campo
    livres = await _livres(api, medico)
    assert antes["horario_id"] not in livres
    assert novo_id in livres
    lista = await api.get("/consultas", headers=paciente["headers"])
    assert [c["id"] for c in lista.json()["itens"]] == [antes["id"]]


async def test_remarcar_cancela_a_antiga_libera_o_horario_e_cria_nova_pendente(api, gateway):
    medico, paciente, c = await consulta_pendente(api)
    novo = await um_horario(api, medico, daqui(dias=4))

    r = await remarcar(api, paciente, c["id"], novo["id"], MOTIVO_REMARCAR)

    assert r.status_code == 201, r.text
    nova = r.json()
    assert nova["status"] == "pendente" and nova["id"] != c["id"]
    assert nova["horario_id"] == novo["id"]
    assert instante(nova["inicio"]) == instante(novo["inicio"])
    assert nova["remarcada_de"] == c["id"] and nova["remarcada_para"] is None
    assert nova["medico"] == c["medico"] and nova["paciente"] == c["paciente"]
    antiga = await _ver(api, paciente, c["id"])
    assert antiga["status"] == "cancelada"
    assert antiga["justificativa"] == MOTIVO_REMARCAR
    assert antiga["cancelada_por"] == "paciente" and antiga["cancelada_em"]
    assert antiga["remarcada_para"] == nova["id"] and antiga["remarcada_de"] is None
    # The doctor sees both, linked, and the old slot is free for anyone again.
    assert (await _ver(api, medico, nova["id"]))["remarcada_de"] == c["id"]
    livres = await _livres(api, medico)
    assert c["horario_id"] in livres and novo["id"] not in livres
    lista = (await api.get("/consultas", headers=medico["headers"])).json()["itens"]
    assert {(x["id"], x["status"]) for x in lista} == {
        (c["id"], "cancelada"),
        (nova["id"], "pendente"),
    }
    # One notice to the doctor, "remarcada", instead of a cancellation plus a request.
    assert [n["evento"] for n in await notificacoes(gateway, c["id"])] == ["solicitada"]
    (aviso,) = await notificacoes(gateway, nova["id"])
    assert (aviso["evento"], aviso["papel"], aviso["usuario_id"]) == (
        "remarcada",
        "medico",
        medico["id"],
    )
    assert aviso["assunto"] == "Consulta remarcada - HealthMed"
    assert MOTIVO_REMARCAR in aviso["corpo"]
    # The new appointment lives on like any request; the old slot can be booked by another.
    assert (await aceitar(api, medico, nova["id"])).status_code == 200
    outro = await registrar_paciente(api)
    assert (await reservar(api, outro, c["horario_id"])).status_code == 201


async def test_confirmada_remarcada_sem_justificativa_diz_para_quando(api):
    medico, paciente, c = await consulta_pendente(api)
    assert (await aceitar(api, medico, c["id"])).status_code == 200
    novo = await um_horario(api, medico, daqui(dias=5))
    r = await remarcar(api, paciente, c["id"], novo["id"])
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "pendente"
    antiga = await _ver(api, paciente, c["id"])
    quando = instante(novo["inicio"])
    assert antiga["status"] == "cancelada"
    assert antiga["justificativa"] == (
        f"Remarcada pelo paciente para {quando:%d/%m/%Y} às {quando:%H:%M} (horário de Brasília)"
    )
    # A rescheduled appointment is cancelled: it cannot be moved again, the new one can.
    outro = await um_horario(api, medico, daqui(dias=6))
    assert (await remarcar(api, paciente, c["id"], outro["id"])).status_code == 409
    assert (await remarcar(api, paciente, r.json()["id"], outro["id"])).status_code == 201


async def test_remarcar_para_horario_que_se_sobrepoe_a_antiga_em_15_minutos(api, gateway):
    """The old appointment leaves the patient's overlap constraint before the new one goes in.
    A doctor's slots never overlap, so the overlap is arranged by shortening the old slot (the
    appointment keeps its own copy of the times): 10:00-10:30 booked, new slot 10:15-10:45."""
    inicio = daqui(dias=2)
    medico, paciente, c = await consulta_pendente(api, inicio)
    await sql(
        gateway,
        "update horarios set fim = inicio + interval '15 minutes' where id = :id",
        id=c["horario_id"],
    )
    novo = await um_horario(api, medico, inicio + timedelta(minutes=15))
    r = await remarcar(api, paciente, c["id"], novo["id"])
    assert r.status_code == 201, r.text
    assert instante(r.json()["inicio"]) == inicio + timedelta(minutes=15)
    assert (await _ver(api, paciente, c["id"]))["status"] == "cancelada"


async def test_horario_novo_ja_tomado_e_409_e_a_antiga_fica_intacta(api):
    medico, paciente, c = await consulta_pendente(api)
    novo = await um_horario(api, medico, daqui(dias=4))
    antes = await _ver(api, paciente, c["id"])
    outro = await registrar_paciente(api)
    assert (await reservar(api, outro, novo["id"])).status_code == 201

    r = await remarcar(api, paciente, c["id"], novo["id"], MOTIVO_REMARCAR)

    assert r.status_code == 409, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["detail"] == "O horário não está mais livre"
    depois = await _ver(api, paciente, c["id"])
    assert depois == antes
    livres = await _livres(api, medico)
    assert c["horario_id"] not in livres and novo["id"] not in livres
    lista = await api.get("/consultas", headers=paciente["headers"])
    assert [x["id"] for x in lista.json()["itens"]] == [c["id"]]


async def test_recusas_de_entrada_nao_mudam_nada(api):
    medico, paciente, c = await consulta_pendente(api)
    novo = await um_horario(api, medico, daqui(dias=4))
    antes = await _ver(api, paciente, c["id"])
    outro_medico = await registrar_medico(api)
    de_outro_medico = await um_horario(api, outro_medico, daqui(dias=4))
    casos = [
        ("00000000-0000-4000-8000-000000000000", None, 404, "Horário não encontrado"),
        (de_outro_medico["id"], None, 422, "mesmo médico"),
        (c["horario_id"], None, 422, "diferente"),
        (novo["id"], "curta", 422, "10 caracteres"),
        ("nao-e-uuid", None, 422, None),
    ]
    for horario_id, justificativa, codigo, trecho in casos:
        r = await remarcar(api, paciente, c["id"], horario_id, justificativa)
        assert r.status_code == codigo, (horario_id, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        if trecho:
            assert trecho in r.text, r.text
    r = await api.post(f"/consultas/{c['id']}/remarcar", json={}, headers=paciente["headers"])
    assert r.status_code == 422
    await _nada_mudou(api, medico, paciente, antes, novo["id"])
    assert de_outro_medico["id"] in await _livres(api, outro_medico)


async def test_novo_horario_obedece_as_regras_da_reserva(api, gateway):
    medico, paciente, c = await consulta_pendente(
        api, daqui(dias=2), antecedencia_minima_minutos=180
    )
    antes = await _ver(api, paciente, c["id"])
    perto = await um_horario(api, medico, daqui(horas=2))
    longe = await um_horario(api, medico, daqui(dias=91))
    passado = await um_horario(api, medico, daqui(dias=5))
    await sql(
        gateway,
        "update horarios set inicio = inicio - interval '6 days', fim = fim - interval '6 days'"
        " where id = :id",
        id=passado["id"],
    )
    for horario, trecho in (
        (perto, "180 minutos"),
        (longe, "90 dias"),
        (passado, "já passou"),
    ):
        r = await remarcar(api, paciente, c["id"], horario["id"])
        assert r.status_code == 422, r.text
        assert trecho in r.json()["detail"]
    depois = await _ver(api, paciente, c["id"])
    assert depois == antes


async def test_so_o_paciente_da_consulta_remarca(api):
    medico, paciente, c = await consulta_pendente(api)
    novo = await um_horario(api, medico, daqui(dias=4))
    antes = await _ver(api, paciente, c["id"])
    estranho = await registrar_paciente(api)
    outro_medico = await registrar_medico(api)
    # Like GET: someone else's appointment does not exist for another patient.
    r = await remarcar(api, estranho, c["id"], novo["id"])
    assert r.status_code == 404 and r.json()["detail"] == "Consulta não encontrada"
    r = await remarcar(api, paciente, "00000000-0000-4000-8000-000000000000", novo["id"])
    assert r.status_code == 404
    # Only patients reschedule (like booking and rating): doctors, its own included, get 403.
    for quem in (medico, outro_medico):
        assert (await remarcar(api, quem, c["id"], novo["id"])).status_code == 403
    r = await api.post(f"/consultas/{c['id']}/remarcar", json={"horario_id": novo["id"]})
    assert r.status_code == 401
    await _nada_mudou(api, medico, paciente, antes, novo["id"])


async def test_cancelada_ou_realizada_nao_se_remarca(api, gateway):
    medico, paciente, c = await consulta_pendente(api)
    novo = await um_horario(api, medico, daqui(dias=4))
    assert (await cancelar(api, paciente, c["id"])).status_code == 200
    r = await remarcar(api, paciente, c["id"], novo["id"])
    assert r.status_code == 409 and "cancelada" in r.json()["detail"]
    assert novo["id"] in await _livres(api, medico)

    medico, paciente, c = await consulta_pendente(api)
    assert (await aceitar(api, medico, c["id"])).status_code == 200
    await voltar_no_tempo(gateway, c["id"], timedelta(days=3))
    novo = await um_horario(api, medico, daqui(dias=4))
    r = await remarcar(api, paciente, c["id"], novo["id"])
    assert r.status_code == 409 and "realizada" in r.json()["detail"]
    assert (await _ver(api, paciente, c["id"]))["status"] == "realizada"
    assert novo["id"] in await _livres(api, medico)


async def test_perto_do_inicio_vale_o_prazo_do_cancelamento(api):
    medico, paciente, c = await consulta_pendente(
        api, daqui(minutos=90), antecedencia_minima_minutos=0
    )
    antes = await _ver(api, paciente, c["id"])
    novo = await um_horario(api, medico, daqui(dias=4))
    r = await remarcar(api, paciente, c["id"], novo["id"])
    # The same answer as cancelling that late.
    assert r.status_code == (await cancelar(api, paciente, c["id"])).status_code == 409
    assert "2 hora" in r.json()["detail"]
    assert await _ver(api, paciente, c["id"]) == antes
    assert novo["id"] in await _livres(api, medico)


async def test_remarcacao_e_reserva_em_corrida_pelo_mesmo_horario_so_uma_vence(api):
    for _ in range(8):
        medico, paciente, c = await consulta_pendente(api)
        novo = await um_horario(api, medico, daqui(dias=4))
        rival = await registrar_paciente(api)
        remarcacao, reserva = await asyncio.gather(
            remarcar(api, paciente, c["id"], novo["id"]), reservar(api, rival, novo["id"])
        )
        codigos = sorted([remarcacao.status_code, reserva.status_code])
        assert codigos == [201, 409], (remarcacao.text, reserva.text)
        antiga = await _ver(api, paciente, c["id"])
        do_rival = (await api.get("/consultas", headers=rival["headers"])).json()["itens"]
        if remarcacao.status_code == 201:
            assert antiga["status"] == "cancelada"
            assert antiga["remarcada_para"] == remarcacao.json()["id"]
            assert do_rival == []
        else:
            # The loser's state is unchanged: the old appointment still holds its slot.
            assert antiga["status"] == "pendente" and antiga["remarcada_para"] is None
            assert c["horario_id"] not in await _livres(api, medico)
            assert [x["horario_id"] for x in do_rival] == [novo["id"]]


async def test_duas_remarcacoes_simultaneas_da_mesma_consulta_so_uma_vence(api):
    for _ in range(4):
        medico, paciente, c = await consulta_pendente(api)
        um = await um_horario(api, medico, daqui(dias=4))
        outro = await um_horario(api, medico, daqui(dias=5))
        respostas = await asyncio.gather(
            remarcar(api, paciente, c["id"], um["id"]),
            remarcar(api, paciente, c["id"], outro["id"]),
        )
        assert sorted(r.status_code for r in respostas) == [201, 409], [r.text for r in respostas]
        (vencedora,) = [r.json() for r in respostas if r.status_code == 201]
        antiga = await _ver(api, paciente, c["id"])
        assert antiga["status"] == "cancelada"
        assert antiga["remarcada_para"] == vencedora["id"]
        lista = (await api.get("/consultas", headers=paciente["headers"])).json()["itens"]
        assert {x["id"] for x in lista} == {c["id"], vencedora["id"]}
        # The loser's slot stays free.
        perdedor = outro if vencedora["horario_id"] == um["id"] else um
        assert perdedor["id"] in await _livres(api, medico)


async def test_remarcar_para_depois_devolve_o_horario_antigo_a_busca(api, gateway):
    """The old slot freed by a reschedule is the doctor's next free slot again, even though the
    same statement took a later one (a booking's marker alone would search from the slot last
    published, past the freed one)."""
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    inicio = daqui(dias=2)
    h = [await um_horario(api, medico, inicio + timedelta(hours=n)) for n in range(3)]

    async def publicado():
        await drenar(gateway)
        valor = (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"]
        return instante(valor) if valor else None

    c = (await reservar(api, paciente, h[0]["id"])).json()
    assert await publicado() == instante(h[1]["inicio"])
    r = await remarcar(api, paciente, c["id"], h[2]["id"], justificativa="Mudou a agenda dele")
    assert r.status_code in (200, 201), r.text
    assert await publicado() == instante(h[0]["inicio"])
