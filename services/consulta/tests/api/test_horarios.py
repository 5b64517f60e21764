"""The doctor's agenda through the public API: create, split, repeat, edit, delete, list."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from services.consulta.tests.api.conftest import (
    SP,
    criar_horarios,
    daqui,
    instante,
    registrar_medico,
    registrar_paciente,
    reservar,
    um_horario,
)

MANAUS = ZoneInfo("America/Manaus")


async def _listar(api, medico, **params):
    r = await api.get("/medico/horarios", params=params, headers=medico["headers"])
    assert r.status_code == 200, r.text
    return r.json()["horarios"]


async def test_criar_um_horario_responde_201_livre_com_fuso(api):
    medico = await registrar_medico(api)
    inicio = daqui(dias=3)
    horarios = await criar_horarios(api, medico, inicio, inicio + timedelta(minutes=45))
    assert len(horarios) == 1
    h = horarios[0]
    assert h["status"] == "livre"
    assert instante(h["inicio"]) == inicio
    assert instante(h["fim"]) == inicio + timedelta(minutes=45)
    assert h["inicio"].endswith("-03:00")  # the doctor's zone (America/Sao_Paulo by default)


async def test_janela_dividida_e_repetida_cria_a_quantidade_certa(api):
    medico = await registrar_medico(api)
    inicio = daqui(dias=1)
    horarios = await criar_horarios(
        api, medico, inicio, inicio + timedelta(hours=2), duracao_minutos=30, repetir_semanas=2
    )
    assert len(horarios) == 4 * 3
    inicios = sorted(instante(h["inicio"]) for h in horarios)
    for semana in range(3):
        for fatia in range(4):
            esperado = inicio + timedelta(weeks=semana, minutes=30 * fatia)
            assert esperado in inicios
    listados = await _listar(
        api, medico, de=inicio.isoformat(), ate=(inicio + timedelta(days=22)).isoformat()
    )
    assert {h["id"] for h in listados} == {h["id"] for h in horarios}
    assert all(h["status"] == "livre" and h["consulta_id"] is None for h in listados)


async def test_sobreposicao_e_409_e_nada_e_criado(api):
    medico = await registrar_medico(api)
    inicio = daqui(dias=1)
    existente = await um_horario(api, medico, inicio + timedelta(weeks=2, minutes=15))
    r = await api.post(
        "/medico/horarios",
        json={
            "inicio": inicio.isoformat(),
            "fim": (inicio + timedelta(hours=1)).isoformat(),
            "duracao_minutos": 20,
            "repetir_semanas": 3,
        },
        headers=medico["headers"],
    )
    assert r.status_code == 409, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "sobrepõe" in r.json()["detail"]
    listados = await _listar(
        api, medico, de=daqui().isoformat(), ate=(inicio + timedelta(days=30)).isoformat()
    )
    assert [h["id"] for h in listados] == [existente["id"]]


async def test_horarios_invalidos_sao_422_em_portugues_e_nada_muda(api):
    medico = await registrar_medico(api)
    inicio = daqui(dias=1)
    casos = [
        ({"inicio": inicio.isoformat(), "fim": inicio.isoformat()}, "fim"),
        (
            {
                "inicio": (inicio - timedelta(days=2)).isoformat(),
                "fim": (inicio - timedelta(days=2, minutes=-30)).isoformat(),
            },
            "inicio",
        ),
        ({"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=9)).isoformat()}, "fim"),
        ({"inicio": "2026-12-01T10:00:00", "fim": "2026-12-01T11:00:00"}, "inicio"),
        (
            {
                "inicio": inicio.isoformat(),
                "fim": (inicio + timedelta(hours=1)).isoformat(),
                "duracao_minutos": 5,
            },
            "duracao_minutos",
        ),
        (
            {
                "inicio": inicio.isoformat(),
                "fim": (inicio + timedelta(hours=1)).isoformat(),
                "repetir_semanas": 13,
            },
            "repetir_semanas",
        ),
    ]
    for body, campo in casos:
        r = await api.post("/medico/horarios", json=body, headers=medico["headers"])
        assert r.status_code == 422, (body, r.text)
        problema = r.json()
        assert campo in {e["campo"] for e in problema["erros"]}, problema
        assert problema["title"] == "Dados inválidos"
    assert await _listar(api, medico, de=daqui(dias=-3).isoformat()) == []


async def test_editar_e_remover_horario_livre(api):
    medico = await registrar_medico(api)
    inicio = daqui(dias=2)
    a = await um_horario(api, medico, inicio)
    b = await um_horario(api, medico, inicio + timedelta(hours=1))
    novo = inicio + timedelta(hours=3)
    r = await api.put(
        f"/medico/horarios/{a['id']}",
        json={"inicio": novo.isoformat(), "fim": (novo + timedelta(minutes=40)).isoformat()},
        headers=medico["headers"],
    )
    assert r.status_code == 200, r.text
    assert instante(r.json()["inicio"]) == novo and r.json()["status"] == "livre"
    sobreposto = await api.put(
        f"/medico/horarios/{a['id']}",
        json={
            "inicio": (inicio + timedelta(minutes=50)).isoformat(),
            "fim": (inicio + timedelta(minutes=70)).isoformat(),
        },
        headers=medico["headers"],
    )
    assert sobreposto.status_code == 409
    r = await api.delete(f"/medico/horarios/{b['id']}", headers=medico["headers"])
    assert r.status_code == 204
    restantes = await _listar(api, medico)
    assert [(h["id"], instante(h["inicio"])) for h in restantes] == [(a["id"], novo)]


async def test_outro_medico_recebe_404_ao_tocar_horario_alheio(api):
    dono = await registrar_medico(api)
    outro = await registrar_medico(api)
    h = await um_horario(api, dono)
    inicio = daqui(dias=5)
    body = {"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()}
    r = await api.put(f"/medico/horarios/{h['id']}", json=body, headers=outro["headers"])
    assert r.status_code == 404
    r = await api.delete(f"/medico/horarios/{h['id']}", headers=outro["headers"])
    assert r.status_code == 404
    assert await _listar(api, outro) == []
    assert [x["id"] for x in await _listar(api, dono)] == [h["id"]]


async def test_paciente_nao_mexe_na_agenda_e_sem_login_e_401(api):
    paciente = await registrar_paciente(api)
    inicio = daqui(dias=1)
    body = {"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()}
    assert (
        await api.post("/medico/horarios", json=body, headers=paciente["headers"])
    ).status_code == 403
    assert (await api.post("/medico/horarios", json=body)).status_code == 401


async def test_horario_com_consulta_ativa_nao_pode_ser_editado_nem_removido(api):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    h = await um_horario(api, medico)
    consulta = (await reservar(api, paciente, h["id"])).json()
    inicio = daqui(dias=6)
    body = {"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()}
    r = await api.put(f"/medico/horarios/{h['id']}", json=body, headers=medico["headers"])
    assert r.status_code == 409
    r = await api.delete(f"/medico/horarios/{h['id']}", headers=medico["headers"])
    assert r.status_code == 409
    (listado,) = await _listar(api, medico)
    assert listado["status"] == "reservado" and listado["consulta_id"] == consulta["id"]
    r = await api.post(f"/medico/consultas/{consulta['id']}/aceitar", headers=medico["headers"])
    assert r.status_code == 200
    (listado,) = await _listar(api, medico)
    assert listado["status"] == "confirmado"


async def test_medico_em_manaus_visto_por_paciente_em_sao_paulo(api):
    medico = await registrar_medico(api, fuso_horario="America/Manaus")
    paciente = await registrar_paciente(api)
    # 10:00 in Manaus (UTC-4), sent by a doctor who typed it in São Paulo time (11:00-03:00).
    dia = daqui(dias=3, fuso=MANAUS).date()
    dez_manaus = daqui(fuso=MANAUS).replace(
        year=dia.year, month=dia.month, day=dia.day, hour=10, minute=0
    )
    onze_sp = dez_manaus.astimezone(SP)
    assert onze_sp.hour == 11
    (h, *_) = await criar_horarios(
        api, medico, onze_sp, onze_sp + timedelta(hours=1), duracao_minutos=30, repetir_semanas=1
    )
    assert h["inicio"] == dez_manaus.isoformat()  # shown on the doctor's clock, with its offset
    agenda = await api.get(
        f"/medicos/{medico['id']}/agenda",
        params={"de": daqui().isoformat(), "ate": daqui(dias=20).isoformat()},
    )
    assert agenda.status_code == 200, agenda.text
    corpo = agenda.json()
    assert corpo["fuso_horario"] == "America/Manaus"
    inicios = [instante(x["inicio"]) for x in corpo["horarios"]]
    assert onze_sp in inicios and onze_sp + timedelta(weeks=1) in inicios
    assert all(i.utcoffset() == timedelta(hours=-4) for i in inicios)
    # Repeated on the same wall-clock hours in Manaus the following week.
    assert {(i.astimezone(MANAUS).hour, i.astimezone(MANAUS).minute) for i in inicios} == {
        (10, 0),
        (10, 30),
    }
    r = await reservar(api, paciente, h["id"])
    assert r.status_code == 201, r.text
    consulta = r.json()
    assert instante(consulta["inicio"]) == onze_sp
    assert consulta["inicio"].endswith("-04:00")


async def test_agenda_publica_so_mostra_horarios_livres_e_reservaveis(api):
    medico = await registrar_medico(api, antecedencia_minima_minutos=180)
    paciente = await registrar_paciente(api)
    perto = await um_horario(api, medico, daqui(horas=2))  # inside the 3 h notice
    livre = await um_horario(api, medico, daqui(dias=1))
    ocupado = await um_horario(api, medico, daqui(dias=1, horas=2))
    assert (await reservar(api, paciente, ocupado["id"])).status_code == 201
    r = await api.get(f"/medicos/{medico['id']}/agenda")
    assert r.status_code == 200, r.text
    ids = [x["id"] for x in r.json()["horarios"]]
    assert ids == [livre["id"]]
    assert perto["id"] not in ids
    longe = await api.get(
        f"/medicos/{medico['id']}/agenda",
        params={"de": daqui().isoformat(), "ate": daqui(dias=32).isoformat()},
    )
    assert longe.status_code == 422
    desconhecido = await api.get("/medicos/00000000-0000-4000-8000-000000000000/agenda")
    assert desconhecido.status_code == 404
