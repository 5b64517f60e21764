"""Blocking a period of the doctor's agenda through the public API: only free slots starting in
``[de, ate)`` go, held ones stay and are listed, a simulation changes nothing, the search's next
free slot follows, and a booking racing the block never leaves a deleted slot with an
appointment."""

from __future__ import annotations

import asyncio
from datetime import UTC, timedelta
from typing import Any

import httpx

from services.consulta.tests.api.conftest import (
    aceitar,
    cancelar,
    criar_horarios,
    daqui,
    drenar,
    instante,
    linhas,
    registrar_medico,
    registrar_paciente,
    reservar,
    um_horario,
)

ESPERAS = [0.0, 0.005, 0.01, 0.0125, 0.015, 0.0175, 0.02, 0.025, 0.03, 0.04, 0.1, 0.5]


async def _bloquear(
    api: httpx.AsyncClient, quem: dict[str, Any], de: Any, ate: Any, **extra: Any
) -> httpx.Response:
    body = {
        "de": de.isoformat() if hasattr(de, "isoformat") else de,
        "ate": ate.isoformat() if hasattr(ate, "isoformat") else ate,
        **extra,
    }
    return await api.post("/medico/horarios/bloqueio", json=body, headers=quem.get("headers"))


def _sem_bloqueio(corpo: dict[str, Any]) -> dict[str, Any]:
    """The answer without the stored period (its own tests: test_bloqueio_guardado.py)."""
    return {k: v for k, v in corpo.items() if k != "bloqueio"}


async def _bloquear_depois(
    api: httpx.AsyncClient, medico: dict[str, Any], de: Any, espera: float
) -> httpx.Response:
    """Block two hours from ``de`` after ``espera`` seconds. The bookings ask the directory who
    the people are before they lock: the block starting a little later each round makes some
    rounds fall in the middle of them."""
    await asyncio.sleep(espera)
    return await _bloquear(api, medico, de, de + timedelta(hours=2))


async def _ids(api: httpx.AsyncClient, medico: dict[str, Any]) -> set[str]:
    r = await api.get(
        "/medico/horarios",
        params={"de": daqui().isoformat(), "ate": daqui(dias=31).isoformat()},
        headers=medico["headers"],
    )
    assert r.status_code == 200, r.text
    return {h["id"] for h in r.json()["horarios"]}


async def test_bloqueio_remove_so_os_livres_que_comecam_no_periodo(api):
    medico = await registrar_medico(api)
    de = daqui(dias=3)
    ate = de + timedelta(hours=4)
    antes = await um_horario(api, medico, de - timedelta(minutes=30))  # ends exactly at de
    no_inicio = await um_horario(api, medico, de)
    no_meio = await criar_horarios(
        api, medico, de + timedelta(hours=1), de + timedelta(hours=2), duracao_minutos=30
    )
    ultimo = await um_horario(api, medico, ate - timedelta(minutes=10), minutos=10)
    no_fim = await um_horario(api, medico, ate)
    depois = await um_horario(api, medico, de + timedelta(days=1))

    r = await _bloquear(api, medico, de, ate)

    assert r.status_code == 200, r.text
    assert _sem_bloqueio(r.json()) == {"removidos": 4, "mantidos": []}
    restantes = await _ids(api, medico)
    assert restantes == {antes["id"], no_fim["id"], depois["id"]}
    for removido in [no_inicio, *no_meio, ultimo]:
        apagado = await api.delete(f"/medico/horarios/{removido['id']}", headers=medico["headers"])
        assert apagado.status_code == 404


async def test_horario_que_comeca_antes_do_periodo_e_entra_nele_fica(api):
    medico = await registrar_medico(api)
    de = daqui(dias=3)
    atravessa = await um_horario(api, medico, de - timedelta(minutes=20), minutos=40)
    r = await _bloquear(api, medico, de, de + timedelta(hours=1))
    assert _sem_bloqueio(r.json()) == {"removidos": 0, "mantidos": []}
    assert await _ids(api, medico) == {atravessa["id"]}


async def test_periodo_em_outro_fuso_e_o_mesmo_instante(api):
    medico = await registrar_medico(api)
    horario = await um_horario(api, medico, daqui(dias=2))
    inicio = instante(horario["inicio"]).astimezone(UTC)
    r = await _bloquear(api, medico, inicio, inicio + timedelta(minutes=1))
    assert _sem_bloqueio(r.json()) == {"removidos": 1, "mantidos": []}


async def test_horarios_com_consulta_ativa_ficam_e_sao_listados(api):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    de = daqui(dias=4)
    pendente, confirmado, cancelado, livre = await criar_horarios(
        api, medico, de, de + timedelta(hours=2), duracao_minutos=30
    )
    c_pendente = (await reservar(api, paciente, pendente["id"])).json()
    c_confirmada = (await reservar(api, paciente, confirmado["id"])).json()
    assert (await aceitar(api, medico, c_confirmada["id"])).status_code == 200
    c_cancelada = (await reservar(api, paciente, cancelado["id"])).json()
    assert (await cancelar(api, paciente, c_cancelada["id"])).status_code == 200

    r = await _bloquear(api, medico, de, de + timedelta(days=1))

    assert r.status_code == 200, r.text
    corpo = r.json()
    assert corpo["removidos"] == 2  # the free one and the one whose appointment was cancelled
    assert corpo["mantidos"] == [
        {
            "id": pendente["id"],
            "inicio": pendente["inicio"],
            "fim": pendente["fim"],
            "status": "reservado",
            "consulta_id": c_pendente["id"],
        },
        {
            "id": confirmado["id"],
            "inicio": confirmado["inicio"],
            "fim": confirmado["fim"],
            "status": "confirmado",
            "consulta_id": c_confirmada["id"],
        },
    ]
    assert corpo["mantidos"][0]["inicio"].endswith("-03:00")  # the doctor's zone
    assert await _ids(api, medico) == {pendente["id"], confirmado["id"]}
    for consulta, status in [
        (c_pendente, "pendente"),
        (c_confirmada, "confirmada"),
        (c_cancelada, "cancelada"),
    ]:
        lida = await api.get(f"/consultas/{consulta['id']}", headers=paciente["headers"])
        assert lida.status_code == 200
        assert lida.json()["status"] == status
    assert livre["id"] not in await _ids(api, medico)


async def test_simular_responde_o_mesmo_e_nada_muda(api, gateway):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    de = daqui(dias=5)
    horarios = await criar_horarios(api, medico, de, de + timedelta(hours=2), duracao_minutos=30)
    c = (await reservar(api, paciente, horarios[1]["id"])).json()
    await drenar(gateway)
    saida_antes = await linhas(
        gateway, "select count(*) as n from saida where medico_id = :m", m=medico["id"]
    )

    simulado = await _bloquear(api, medico, de, de + timedelta(hours=2), simular=True)

    assert simulado.status_code == 200, simulado.text
    assert simulado.json()["removidos"] == 3
    assert [h["consulta_id"] for h in simulado.json()["mantidos"]] == [c["id"]]
    assert await _ids(api, medico) == {h["id"] for h in horarios}
    saida_depois = await linhas(
        gateway, "select count(*) as n from saida where medico_id = :m", m=medico["id"]
    )
    assert saida_depois == saida_antes

    feito = await _bloquear(api, medico, de, de + timedelta(hours=2), simular=False)
    assert _sem_bloqueio(feito.json()) == _sem_bloqueio(simulado.json())
    assert simulado.json()["bloqueio"] is None
    assert await _ids(api, medico) == {horarios[1]["id"]}


async def test_horarios_de_outro_medico_nao_sao_tocados(api):
    medico = await registrar_medico(api)
    outro = await registrar_medico(api)
    de = daqui(dias=2)
    meu = await um_horario(api, medico, de + timedelta(hours=1))
    dele = await um_horario(api, outro, de + timedelta(hours=1))
    r = await _bloquear(api, medico, de, de + timedelta(days=1))
    assert _sem_bloqueio(r.json()) == {"removidos": 1, "mantidos": []}
    assert meu["id"] not in await _ids(api, medico)
    assert await _ids(api, outro) == {dele["id"]}


async def test_periodo_invalido_e_422_e_nada_muda(api):
    medico = await registrar_medico(api)
    de = daqui(dias=2)
    horario = await um_horario(api, medico, de)
    invalidos = [
        {"de": de.isoformat(), "ate": de.isoformat()},
        {"de": de.isoformat(), "ate": (de - timedelta(hours=1)).isoformat()},
        {"de": de.isoformat(), "ate": (de + timedelta(days=90, minutes=1)).isoformat()},
        {"de": "2026-12-20T00:00:00", "ate": (de + timedelta(days=1)).isoformat()},
        {"de": de.isoformat(), "ate": "2026-12-21T00:00:00"},
        {"de": de.isoformat()},
        {"de": de.isoformat(), "ate": (de + timedelta(days=1)).isoformat(), "extra": 1},
    ]
    for body in invalidos:
        r = await api.post("/medico/horarios/bloqueio", json=body, headers=medico["headers"])
        assert r.status_code == 422, (body, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    assert await _ids(api, medico) == {horario["id"]}
    r = await _bloquear(api, medico, de, de + timedelta(days=90, seconds=1))
    assert r.status_code == 422
    assert "90 dias" in r.text
    # The booking horizon itself is accepted.
    assert (await _bloquear(api, medico, de, de + timedelta(days=90))).status_code == 200


async def test_so_o_medico_bloqueia(api):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    de = daqui(dias=2)
    horario = await um_horario(api, medico, de)
    ate = de + timedelta(days=1)
    assert (await _bloquear(api, paciente, de, ate)).status_code == 403
    assert (await _bloquear(api, {}, de, ate)).status_code == 401
    assert await _ids(api, medico) == {horario["id"]}


async def test_proximo_horario_da_busca_passa_para_depois_do_periodo(api, gateway):
    medico = await registrar_medico(api)
    de = daqui(dias=2)
    await criar_horarios(api, medico, de, de + timedelta(hours=1), duracao_minutos=30)
    depois = await um_horario(api, medico, de + timedelta(days=3))

    async def proximo() -> Any:
        await drenar(gateway)
        valor = (await api.get(f"/medicos/{medico['id']}")).json()["proximo_horario"]
        return instante(valor) if valor else None

    assert await proximo() == de
    await _bloquear(api, medico, de, de + timedelta(days=1), simular=True)
    assert await proximo() == de
    assert (await _bloquear(api, medico, de, de + timedelta(days=1))).status_code == 200
    assert await proximo() == instante(depois["inicio"])
    await _bloquear(api, medico, de, de + timedelta(days=4))
    assert await proximo() is None


async def test_reservas_em_corrida_com_o_bloqueio_nunca_deixam_consulta_sem_horario(api, gateway):
    """Each round a block and three bookings of the period's slots run at once: a booking
    either holds its slot first (kept, listed by the block) or finds it removed (404)."""
    for espera in ESPERAS:
        medico = await registrar_medico(api)
        paciente = await registrar_paciente(api)
        de = daqui(dias=2)
        horarios = await criar_horarios(
            api, medico, de, de + timedelta(minutes=90), duracao_minutos=30
        )

        bloqueio, *reservas = await asyncio.gather(
            _bloquear_depois(api, medico, de, espera),
            *(reservar(api, paciente, h["id"]) for h in horarios),
        )

        assert bloqueio.status_code == 200, bloqueio.text
        assert all(r.status_code in (201, 404) for r in reservas), [r.text for r in reservas]
        vencedoras = {
            r.json()["horario_id"]: r.json()["id"] for r in reservas if r.status_code == 201
        }
        mantidos = {h["id"]: h["consulta_id"] for h in bloqueio.json()["mantidos"]}
        assert mantidos == vencedoras
        assert bloqueio.json()["removidos"] == len(horarios) - len(vencedoras)
        assert await _ids(api, medico) == set(vencedoras)
        sem_horario = await linhas(
            gateway,
            "select id from consultas where medico_id = :m and horario_id is null",
            m=medico["id"],
        )
        assert sem_horario == []
    # Which side wins each round depends on the machine's timing (usually the block in the
    # early rounds, the bookings in the late ones), so it is not asserted: a loaded CI machine
    # must not fail a correct build. Both outcomes are proven deterministically elsewhere
    # (test_horarios_com_consulta_ativa_ficam_e_sao_listados; a removed slot answers 404).
