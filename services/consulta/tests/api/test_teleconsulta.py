"""Teleconsultation through the public API: the link, the window to join, consent."""

from __future__ import annotations

from datetime import timedelta

from services.consulta.tests.api.conftest import (
    aceitar,
    cancelar,
    consulta_pendente,
    daqui,
    instante,
    linhas,
    registrar_medico,
    registrar_paciente,
    sql,
    voltar_no_tempo,
)

TERMO = "cfm-2314-2022-v1"


async def consulta_confirmada(api, inicio=None):
    """A doctor (no minimum notice), a patient and their confirmed appointment (default: in
    5 minutes, so the room is open)."""
    medico, paciente, consulta = await consulta_pendente(
        api, inicio or daqui(minutos=5), antecedencia_minima_minutos=0
    )
    r = await aceitar(api, medico, consulta["id"])
    assert r.status_code == 200, r.text
    return medico, paciente, r.json()


async def consentir(api, paciente, consulta_id, versao=TERMO):
    return await api.post(
        f"/consultas/{consulta_id}/consentimento",
        json={"versao": versao},
        headers=paciente["headers"],
    )


async def _link(api, quem, consulta_id):
    return await api.post(f"/consultas/{consulta_id}/link", headers=quem["headers"])


async def _sala(api, quem, consulta_id):
    return await api.get(f"/consultas/{consulta_id}/sala", headers=quem["headers"])


# The link ---------------------------------------------------------------------------------------


async def test_link_so_existe_para_consulta_confirmada(api):
    medico, paciente, consulta = await consulta_pendente(api, daqui(dias=2))
    r = await _link(api, paciente, consulta["id"])
    assert r.status_code == 409, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "confirmada" in r.json()["detail"]

    assert (await aceitar(api, medico, consulta["id"])).status_code == 200
    r = await _link(api, medico, consulta["id"])
    assert r.status_code == 201, r.text
    link = r.json()
    assert link["provedor"] == "webrtc"
    assert link["url"].startswith("http")
    assert link["url"].endswith(f"/sala/{consulta['id']}")
    assert instante(link["expira_em"]) == instante(consulta["fim"])


async def test_os_dois_participantes_recebem_o_mesmo_link_e_repetir_responde_200(api):
    medico, paciente, consulta = await consulta_confirmada(api, daqui(dias=1))
    primeiro = await _link(api, paciente, consulta["id"])
    assert primeiro.status_code == 201, primeiro.text
    do_medico = await _link(api, medico, consulta["id"])
    de_novo = await _link(api, paciente, consulta["id"])
    assert do_medico.status_code == 200 and de_novo.status_code == 200
    assert do_medico.json() == primeiro.json() == de_novo.json()


async def test_estranhos_recebem_404_em_tudo_da_teleconsulta(api):
    _, paciente, consulta = await consulta_confirmada(api)
    assert (await consentir(api, paciente, consulta["id"])).status_code == 201
    outro_paciente = await registrar_paciente(api)
    outro_medico = await registrar_medico(api)
    cid = consulta["id"]
    for estranho in (outro_paciente, outro_medico):
        h = estranho["headers"]
        assert (await api.post(f"/consultas/{cid}/link", headers=h)).status_code == 404
        assert (await api.get(f"/consultas/{cid}/sala", headers=h)).status_code == 404
        assert (await api.get(f"/consultas/{cid}/consentimento", headers=h)).status_code == 404
        assert (await api.get(f"/consultas/{cid}/presencas", headers=h)).status_code == 404
        r = await api.post(f"/consultas/{cid}/consentimento", json={"versao": TERMO}, headers=h)
        assert r.status_code == 404
    inexistente = "00000000-0000-4000-8000-000000000000"
    assert (await _link(api, paciente, inexistente)).status_code == 404
    assert (await api.post(f"/consultas/{cid}/link")).status_code == 401
    assert (await api.get(f"/consultas/{cid}/sala")).status_code == 401


async def test_consulta_cancelada_perde_o_link(api):
    medico, paciente, consulta = await consulta_confirmada(api, daqui(dias=2))
    assert (await _link(api, paciente, consulta["id"])).status_code == 201
    assert (await cancelar(api, medico, consulta["id"])).status_code == 200
    assert (await _link(api, paciente, consulta["id"])).status_code == 409
    r = await _sala(api, medico, consulta["id"])
    assert r.status_code == 409, r.text


# The window to join -------------------------------------------------------------------------------


async def test_sala_abre_15_minutos_antes_do_inicio(api, gateway):
    medico, paciente, consulta = await consulta_confirmada(api, daqui(minutos=16))
    assert (await consentir(api, paciente, consulta["id"])).status_code == 201
    for quem in (medico, paciente):
        r = await _sala(api, quem, consulta["id"])
        assert r.status_code == 403, r.text
        assert "abre 15 minutos antes do início" in r.json()["detail"]
    # Two minutes later (the appointment moved two minutes closer) it is open.
    await voltar_no_tempo(gateway, consulta["id"], timedelta(minutes=2))
    for quem in (medico, paciente):
        r = await _sala(api, quem, consulta["id"])
        assert r.status_code == 200, r.text


async def test_sala_fecha_no_fim_da_consulta(api, gateway):
    medico, paciente, consulta = await consulta_confirmada(api)
    assert (await consentir(api, paciente, consulta["id"])).status_code == 201
    assert (await _sala(api, medico, consulta["id"])).status_code == 200
    await voltar_no_tempo(gateway, consulta["id"], timedelta(hours=1))
    for quem in (medico, paciente):
        r = await _sala(api, quem, consulta["id"])
        assert r.status_code == 403, r.text
        assert r.json()["detail"] == "A consulta já terminou; a sala está fechada"


async def test_sala_webrtc_entrega_sinalizacao_e_servidores_ice(api):
    medico, _, consulta = await consulta_confirmada(api)
    r = await _sala(api, medico, consulta["id"])
    assert r.status_code == 200, r.text
    sala = r.json()
    assert sala["provedor"] == "webrtc"
    assert sala["papel"] == "medico"
    assert sala["sala_id"] == consulta["id"]
    assert sala["ice_servers"] == []
    assert sala["sinalizacao_url"].startswith("ws")
    assert sala["sinalizacao_url"].endswith(f"/api/consultas/{consulta['id']}/sala/sinalizacao")
    assert sala["url"].endswith(f"/sala/{consulta['id']}")
    assert "Meeting" not in sala and "Attendee" not in sala


async def test_entrar_sem_pedir_link_cria_o_mesmo_link(api):
    medico, paciente, consulta = await consulta_confirmada(api)
    sala = (await _sala(api, medico, consulta["id"])).json()
    r = await _link(api, paciente, consulta["id"])
    assert r.status_code == 200
    assert r.json()["url"] == sala["url"]


# Consent (CFM Resolution 2.314/2022) -----------------------------------------------------------


async def test_paciente_precisa_consentir_antes_da_primeira_teleconsulta(api, gateway):
    medico, paciente, consulta = await consulta_confirmada(api)
    cid = consulta["id"]
    r = await _sala(api, paciente, cid)
    assert r.status_code == 428, r.text
    assert "consentimento" in r.json()["detail"] and "2.314/2022" in r.json()["detail"]
    # The doctor is not held up by it.
    assert (await _sala(api, medico, cid)).status_code == 200

    termo = (await api.get(f"/consultas/{cid}/consentimento", headers=paciente["headers"])).json()
    assert termo["necessario"] is True and termo["versao"] == TERMO
    assert "2.314/2022" in termo["texto"] and termo["aceito_em"] is None

    r = await consentir(api, paciente, cid)
    assert r.status_code == 201, r.text
    dado = r.json()
    assert dado["paciente_id"] == paciente["id"] and dado["consulta_id"] == cid
    assert dado["versao"] == TERMO
    aceito_em = instante(dado["aceito_em"])

    assert (await _sala(api, paciente, cid)).status_code == 200
    visto = (await api.get(f"/consultas/{cid}/consentimento", headers=medico["headers"])).json()
    assert visto["necessario"] is False and instante(visto["aceito_em"]) == aceito_em

    # Once is enough: asking again answers the same record with 200.
    de_novo = await consentir(api, paciente, cid)
    assert de_novo.status_code == 200 and instante(de_novo.json()["aceito_em"]) == aceito_em
    registros = await linhas(
        gateway,
        "select paciente_id::text as p, versao from consentimentos_teleconsulta"
        " where paciente_id = :p",
        p=paciente["id"],
    )
    assert registros == [{"p": paciente["id"], "versao": TERMO}]


async def test_consentimento_vale_para_as_proximas_teleconsultas_do_paciente(api):
    _, paciente, consulta = await consulta_confirmada(api)
    assert (await consentir(api, paciente, consulta["id"])).status_code == 201
    # Another doctor, another appointment of the same patient, starting in 5 minutes too.
    outro = await registrar_medico(api, antecedencia_minima_minutos=0)
    inicio = daqui(minutos=5) + timedelta(minutes=30)
    r = await api.post(
        "/medico/horarios",
        json={"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()},
        headers=outro["headers"],
    )
    assert r.status_code == 201, r.text
    horario = r.json()["horarios"][0]
    r = await api.post(
        "/consultas", json={"horario_id": horario["id"]}, headers=paciente["headers"]
    )
    assert r.status_code == 201, r.text
    segunda = r.json()
    assert (await aceitar(api, outro, segunda["id"])).status_code == 200
    r = await api.get(f"/consultas/{segunda['id']}/consentimento", headers=paciente["headers"])
    assert r.json()["necessario"] is False
    r = await _sala(api, paciente, segunda["id"])
    assert r.status_code == 403  # not in the window yet (35 minutes ahead): but no 428


async def test_so_o_paciente_consente_e_so_a_versao_atual(api):
    medico, paciente, consulta = await consulta_confirmada(api)
    r = await consentir(api, medico, consulta["id"])
    assert r.status_code == 403, r.text
    r = await consentir(api, paciente, consulta["id"], versao="cfm-2314-2022-v0")
    assert r.status_code == 422, r.text
    assert r.json()["erros"][0]["campo"] == "versao"
    r = await api.post(
        f"/consultas/{consulta['id']}/consentimento", json={}, headers=paciente["headers"]
    )
    assert r.status_code == 422
    # Nothing was stored by the refusals.
    r = await api.get(f"/consultas/{consulta['id']}/consentimento", headers=paciente["headers"])
    assert r.json()["necessario"] is True


async def test_consentimento_nao_pode_ser_alterado_nem_apagado(api, gateway):
    _, paciente, consulta = await consulta_confirmada(api)
    assert (await consentir(api, paciente, consulta["id"])).status_code == 201
    for comando in (
        "update consentimentos_teleconsulta set versao = 'outra' where paciente_id = :p",
        "delete from consentimentos_teleconsulta where paciente_id = :p",
    ):
        try:
            await sql(gateway, comando, p=paciente["id"])
        except Exception as exc:
            assert "não podem ser alterados" in str(exc)
        else:
            raise AssertionError("o banco aceitou mudar um consentimento")
