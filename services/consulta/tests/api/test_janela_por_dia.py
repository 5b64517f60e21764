"""Listings of a doctor's slots with their window given in plain dates (``?de=2026-12-08``):
that whole day in the doctor's time zone. Full ISO 8601 with an offset works as before; a
naive moment is still refused."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from services.consulta.tests.api.conftest import SP, criar_horarios, daqui, registrar_medico

MANAUS = ZoneInfo("America/Manaus")  # UTC-4, one hour behind São Paulo


def _as(dia: datetime, hora: int, minuto: int, fuso: ZoneInfo) -> datetime:
    return datetime.combine(dia.date(), time(hora, minuto), tzinfo=fuso)


async def test_data_simples_e_o_dia_inteiro_no_fuso_do_medico(api):
    medico = await registrar_medico(api, fuso_horario="America/Manaus")
    dia = daqui(dias=3, fuso=MANAUS)
    no_dia = [_as(dia, 0, 0, MANAUS), _as(dia, 23, 30, MANAUS)]
    fora = [
        _as(dia, 0, 0, MANAUS) - timedelta(minutes=30),
        _as(dia, 0, 0, MANAUS) + timedelta(days=1),
    ]
    for inicio in no_dia + fora:
        await criar_horarios(api, medico, inicio, inicio + timedelta(minutes=30))
    # 23:30 in Manaus is already the next day in São Paulo and in UTC: the doctor's day counts.
    data = dia.date().isoformat()

    publica = await api.get(f"/medicos/{medico['id']}/agenda", params={"de": data, "ate": data})
    propria = await api.get(
        "/medico/horarios", params={"de": data, "ate": data}, headers=medico["headers"]
    )

    for r in (publica, propria):
        assert r.status_code == 200, r.text
        inicios = [datetime.fromisoformat(h["inicio"]) for h in r.json()["horarios"]]
        assert inicios == no_dia
        assert all(i.utcoffset() == timedelta(hours=-4) for i in inicios)


async def test_data_simples_so_no_inicio_ou_so_no_fim_da_janela(api):
    medico = await registrar_medico(api)
    dia = daqui(dias=3)
    primeiro, ultimo = _as(dia, 8, 0, SP), _as(dia, 18, 0, SP)
    for inicio in (primeiro, ultimo, primeiro + timedelta(days=1)):
        await criar_horarios(api, medico, inicio, inicio + timedelta(minutes=30))
    data = dia.date().isoformat()

    ate_o_dia = await api.get(f"/medicos/{medico['id']}/agenda", params={"ate": data})
    do_meio_do_dia = await api.get(
        f"/medicos/{medico['id']}/agenda",
        params={"de": _as(dia, 12, 0, SP).isoformat(), "ate": data},
    )

    assert [datetime.fromisoformat(h["inicio"]) for h in ate_o_dia.json()["horarios"]] == [
        primeiro,
        ultimo,
    ]
    assert [datetime.fromisoformat(h["inicio"]) for h in do_meio_do_dia.json()["horarios"]] == [
        ultimo
    ]


async def test_momento_sem_fuso_e_data_inexistente_sao_recusados(api):
    medico = await registrar_medico(api)
    for parametros in (
        {"de": "2026-12-08T10:00:00"},
        {"de": "2026-12-08T00:00:00"},  # midnight without an offset is no date either
        {"ate": "2026-02-30"},
        {"de": "08/12/2026"},
    ):
        for r in (
            await api.get(f"/medicos/{medico['id']}/agenda", params=parametros),
            await api.get("/medico/horarios", params=parametros, headers=medico["headers"]),
        ):
            assert r.status_code == 422, (parametros, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            (erro,) = r.json()["erros"]
            assert erro["campo"] == next(iter(parametros))
            assert "AAAA-MM-DD" in erro["mensagem"]
