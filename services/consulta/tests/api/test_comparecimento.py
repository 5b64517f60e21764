"""Attendance and no-show, through the public API: who entered the room decides what an ended
appointment is (``realizada``, ``nao_compareceu``, ``medico_ausente``), on both sides' lists, in
the calendar file and in the e-mails; the doctor corrects the patient's attendance; a doctor's
absence is rebooked by the patient at no cost."""

from __future__ import annotations

from datetime import timedelta

from services.consulta.tests.api.conftest import (
    instante,
    notificacoes,
    recalcular,
    registrar_medico,
    um_horario,
    voltar_no_tempo,
)
from services.consulta.tests.api.test_teleconsulta import consentir, consulta_confirmada

DIA = timedelta(days=1)


async def _status(api, quem, consulta_id: str, **filtro: str) -> dict[str, str]:
    r = await api.get("/consultas", params=filtro, headers=quem["headers"])
    assert r.status_code == 200, r.text
    return {c["id"]: c["status"] for c in r.json()["itens"] if c["id"] == consulta_id}


async def _comparecimento(api, quem, consulta_id: str, compareceu: bool):
    return await api.post(
        f"/medico/consultas/{consulta_id}/comparecimento",
        json={"compareceu": compareceu},
        headers=quem["headers"],
    )


async def _entrar(api, quem, consulta_id: str) -> None:
    r = await api.get(f"/consultas/{consulta_id}/sala", headers=quem["headers"])
    assert r.status_code == 200, r.text


async def test_paciente_que_nao_entrou_nao_compareceu_e_o_medico_corrige(api, gateway):
    medico, paciente, c = await consulta_confirmada(api)
    await _entrar(api, medico, c["id"])  # only the doctor enters the room
    await voltar_no_tempo(gateway, c["id"], DIA, entraram=())

    # Both sides see it, and the filter finds it under its own status only.
    for quem in (medico, paciente):
        assert await _status(api, quem, c["id"]) == {c["id"]: "nao_compareceu"}
        assert await _status(api, quem, c["id"], status="nao_compareceu") == {
            c["id"]: "nao_compareceu"
        }
        assert await _status(api, quem, c["id"], status="realizada") == {}
    # Not attended: nothing to rate.
    r = await api.post(
        f"/consultas/{c['id']}/avaliacao", json={"nota": 5}, headers=paciente["headers"]
    )
    assert r.status_code == 409 and "sem comparecimento do paciente" in r.json()["detail"]
    # The doctor is told, once, with the way to correct it (by the periodic pass).
    await recalcular(gateway)
    await recalcular(gateway)
    avisos = [n for n in await notificacoes(gateway, c["id"]) if n["evento"] == "nao_compareceu"]
    assert [(n["papel"], n["usuario_id"]) for n in avisos] == [("medico", medico["id"])]
    # ... where the correction is: the doctor's appointments page.
    assert "corrija em até 7 dias: http" in avisos[0]["corpo"]
    assert avisos[0]["corpo"].rstrip().split("\n")[2].endswith("/consultas")

    # Only its doctor corrects it: another doctor 404, the patient 403.
    outro = await registrar_medico(api)
    assert (await _comparecimento(api, outro, c["id"], True)).status_code == 404
    assert (await _comparecimento(api, paciente, c["id"], True)).status_code == 403
    r = await _comparecimento(api, medico, c["id"], True)
    assert r.status_code == 200 and r.json()["status"] == "realizada", r.text
    assert await _status(api, paciente, c["id"]) == {c["id"]: "realizada"}
    r = await api.post(
        f"/consultas/{c['id']}/avaliacao", json={"nota": 5}, headers=paciente["headers"]
    )
    assert r.status_code == 201, r.text
    # Once rated, the patient came: the doctor cannot say otherwise any more.
    r = await _comparecimento(api, medico, c["id"], False)
    assert r.status_code == 409 and "já avaliou" in r.json()["detail"]


async def test_medico_marca_falta_de_quem_so_abriu_a_sala_e_nao_passado_uma_semana(api, gateway):
    medico, paciente, c = await consulta_confirmada(api)
    assert (await consentir(api, paciente, c["id"])).status_code == 201
    for quem in (medico, paciente):
        await _entrar(api, quem, c["id"])
    await voltar_no_tempo(gateway, c["id"], DIA, entraram=())
    assert await _status(api, medico, c["id"]) == {c["id"]: "realizada"}

    r = await _comparecimento(api, medico, c["id"], False)
    assert r.status_code == 200 and r.json()["status"] == "nao_compareceu", r.text
    assert await _status(api, paciente, c["id"]) == {c["id"]: "nao_compareceu"}

    # A week after the end the record is settled.
    await voltar_no_tempo(gateway, c["id"], 7 * DIA, entraram=())
    r = await _comparecimento(api, medico, c["id"], True)
    assert r.status_code == 409 and "7 dias" in r.json()["detail"]
    assert await _status(api, paciente, c["id"]) == {c["id"]: "nao_compareceu"}


async def test_consulta_em_andamento_ou_futura_nao_tem_comparecimento(api):
    medico, _, c = await consulta_confirmada(api)
    r = await _comparecimento(api, medico, c["id"], True)
    assert r.status_code == 409
    assert r.headers["content-type"].startswith("application/problem+json")
    r = await api.post(
        f"/medico/consultas/{c['id']}/comparecimento", json={}, headers=medico["headers"]
    )
    assert r.status_code == 422


async def test_medico_ausente_e_remarcada_pelo_paciente_sem_custo_uma_vez(api, gateway):
    medico, paciente, c = await consulta_confirmada(api)
    assert (await consentir(api, paciente, c["id"])).status_code == 201
    await _entrar(api, paciente, c["id"])  # the patient waited; the doctor never came
    await voltar_no_tempo(gateway, c["id"], DIA, entraram=())

    for quem in (medico, paciente):
        assert await _status(api, quem, c["id"], status="medico_ausente") == {
            c["id"]: "medico_ausente"
        }
    # The patient learns it with the offer; the doctor cannot turn it into a visit.
    await recalcular(gateway)
    avisos = [n for n in await notificacoes(gateway, c["id"]) if n["evento"] == "medico_ausente"]
    assert [(n["papel"], n["usuario_id"]) for n in avisos] == [("paciente", paciente["id"])]
    assert "remarcá-la sem custo" in avisos[0]["corpo"]
    assert (await _comparecimento(api, medico, c["id"], True)).status_code == 409
    # The calendar file strikes it through and says why.
    r = await api.get(f"/consultas/{c['id']}/calendario.ics", headers=paciente["headers"])
    ics = r.text.replace("\r\n ", "")
    assert "STATUS:CANCELLED" in ics and "não entrou na sala" in ics

    # Rebooking: no cutoff (it is in the past), the missed one stays as it was, linked.
    novo = await um_horario(api, medico)
    r = await api.post(
        f"/consultas/{c['id']}/remarcar",
        json={"horario_id": novo["id"]},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text
    nova = r.json()
    assert nova["status"] == "pendente" and nova["remarcada_de"] == c["id"]
    r = await api.get(f"/consultas/{c['id']}", headers=paciente["headers"])
    antiga = r.json()
    assert antiga["status"] == "medico_ausente" and antiga["remarcada_para"] == nova["id"]
    # Once.
    outro = await um_horario(api, medico, instante(novo["inicio"]) + DIA)
    r = await api.post(
        f"/consultas/{c['id']}/remarcar",
        json={"horario_id": outro["id"]},
        headers=paciente["headers"],
    )
    assert r.status_code == 409 and "já foi remarcada" in r.json()["detail"]
