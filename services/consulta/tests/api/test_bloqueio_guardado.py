"""A blocked period is kept (out of office): listed, removable by its doctor only, and no slot
is created or moved to start inside it; a weekly repeat skips its weeks and says so."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import httpx

from services.consulta.tests.api.conftest import (
    criar_horarios,
    daqui,
    instante,
    linhas,
    registrar_medico,
    registrar_paciente,
    sql,
    um_horario,
)


async def _bloquear(
    api: httpx.AsyncClient, medico: dict[str, Any], de: Any, ate: Any, **extra: Any
) -> dict[str, Any]:
    r = await api.post(
        "/medico/horarios/bloqueio",
        json={"de": de.isoformat(), "ate": ate.isoformat(), **extra},
        headers=medico["headers"],
    )
    assert r.status_code == 200, r.text
    corpo: dict[str, Any] = r.json()
    return corpo


async def _bloqueios(api: httpx.AsyncClient, medico: dict[str, Any]) -> list[dict[str, Any]]:
    r = await api.get("/medico/bloqueios", headers=medico["headers"])
    assert r.status_code == 200, r.text
    itens: list[dict[str, Any]] = r.json()["itens"]
    return itens


async def _todos(api: httpx.AsyncClient, medico: dict[str, Any]) -> list[dict[str, Any]]:
    r = await api.get(
        "/medico/horarios",
        params={"de": daqui().isoformat(), "ate": daqui(dias=120).isoformat()},
        headers=medico["headers"],
    )
    assert r.status_code == 200, r.text
    horarios: list[dict[str, Any]] = r.json()["horarios"]
    return horarios


def _slot(inicio: Any, minutos: int = 30) -> dict[str, str]:
    return {"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=minutos)).isoformat()}


async def test_bloqueio_e_guardado_e_listado_no_fuso_do_medico(api, gateway):
    medico = await registrar_medico(api)
    de = daqui(dias=5)
    ate = de + timedelta(days=2)

    corpo = await _bloquear(api, medico, de, ate)

    bloqueio = corpo["bloqueio"]
    assert instante(bloqueio["de"]) == de and instante(bloqueio["ate"]) == ate
    assert bloqueio["de"].endswith("-03:00")  # São Paulo, the doctor's zone
    itens = await _bloqueios(api, medico)
    assert [(i["id"], instante(i["de"]), instante(i["ate"])) for i in itens] == [
        (bloqueio["id"], de, ate)
    ]
    assert instante(itens[0]["criado_em"])
    guardados = await linhas(
        gateway, "select de, ate from bloqueios where medico_id = :m", m=medico["id"]
    )
    assert guardados == [{"de": de, "ate": ate}]


async def test_simular_nao_guarda_nada(api):
    medico = await registrar_medico(api)
    de = daqui(dias=5)
    corpo = await _bloquear(api, medico, de, de + timedelta(days=1), simular=True)
    assert corpo["bloqueio"] is None
    assert await _bloqueios(api, medico) == []


async def test_lista_so_os_atuais_e_futuros_em_ordem(api, gateway):
    medico = await registrar_medico(api)
    depois = (await _bloquear(api, medico, daqui(dias=9), daqui(dias=10)))["bloqueio"]
    antes = (await _bloquear(api, medico, daqui(dias=3), daqui(dias=4)))["bloqueio"]
    passado = (await _bloquear(api, medico, daqui(dias=1), daqui(dias=2)))["bloqueio"]
    # Time travel: this one ended yesterday.
    await sql(
        gateway,
        "update bloqueios set de = now() - interval '3 days', ate = now() - interval '1 day' "
        "where id = :b",
        b=passado["id"],
    )
    assert [i["id"] for i in await _bloqueios(api, medico)] == [antes["id"], depois["id"]]


async def test_horario_dentro_do_bloqueio_e_409_e_nada_e_criado(api):
    medico = await registrar_medico(api)
    de = daqui(dias=5).replace(hour=0, minute=0)
    await _bloquear(api, medico, de, de + timedelta(days=3))

    dentro = de + timedelta(days=1, hours=9)
    r = await api.post(
        "/medico/horarios",
        json={
            # A window starting before the block: its last slots start inside it.
            "inicio": (de - timedelta(hours=1)).isoformat(),
            "fim": (de + timedelta(hours=1)).isoformat(),
            "duracao_minutos": 30,
        },
        headers=medico["headers"],
    )
    assert r.status_code == 409, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    ultimo_dia = de + timedelta(days=2)
    assert f"Você bloqueou de {de:%d/%m} a {ultimo_dia:%d/%m}" in r.json()["detail"]
    r = await api.post("/medico/horarios", json=_slot(dentro), headers=medico["headers"])
    assert r.status_code == 409, r.text
    assert await _todos(api, medico) == []
    # Right at the block's end is outside it ([de, ate)).
    await um_horario(api, medico, de + timedelta(days=3))


async def test_repeticao_pula_as_semanas_bloqueadas_e_cria_as_outras(api):
    medico = await registrar_medico(api)
    primeira = daqui(dias=2)
    # The third and fourth weeks blocked.
    await _bloquear(
        api, medico, primeira + timedelta(weeks=2, hours=-1), primeira + timedelta(weeks=3, hours=1)
    )

    r = await api.post(
        "/medico/horarios",
        json={**_slot(primeira), "repetir_semanas": 5},
        headers=medico["headers"],
    )

    assert r.status_code == 201, r.text
    assert r.json()["ignorados_por_bloqueio"] == 2
    criados = [instante(h["inicio"]) for h in r.json()["horarios"]]
    assert criados == [primeira + timedelta(weeks=s) for s in (0, 1, 4, 5)]
    assert [instante(h["inicio"]) for h in await _todos(api, medico)] == criados


async def test_repeticao_toda_bloqueada_e_409(api):
    medico = await registrar_medico(api)
    primeira = daqui(dias=2)
    await _bloquear(api, medico, primeira, primeira + timedelta(days=20))
    r = await api.post(
        "/medico/horarios",
        json={**_slot(primeira), "repetir_semanas": 2},
        headers=medico["headers"],
    )
    assert r.status_code == 409, r.text
    assert await _todos(api, medico) == []


async def test_sem_bloqueio_a_resposta_diz_zero_ignorados(api):
    medico = await registrar_medico(api)
    r = await api.post("/medico/horarios", json=_slot(daqui(dias=2)), headers=medico["headers"])
    assert r.status_code == 201, r.text
    assert r.json()["ignorados_por_bloqueio"] == 0


async def test_mover_horario_para_dentro_do_bloqueio_e_409(api):
    medico = await registrar_medico(api)
    horario = await um_horario(api, medico, daqui(dias=2))
    de = daqui(dias=6)
    await _bloquear(api, medico, de, de + timedelta(days=1))

    r = await api.put(
        f"/medico/horarios/{horario['id']}",
        json=_slot(de + timedelta(hours=2)),
        headers=medico["headers"],
    )

    assert r.status_code == 409, r.text
    assert "Você bloqueou de" in r.json()["detail"]
    assert [h["inicio"] for h in await _todos(api, medico)] == [horario["inicio"]]
    # Outside the block, the same move works.
    fora = de + timedelta(days=1)
    r = await api.put(
        f"/medico/horarios/{horario['id']}", json=_slot(fora), headers=medico["headers"]
    )
    assert r.status_code == 200, r.text


async def test_remover_bloqueio_reabre_o_periodo_sem_recriar_horarios(api):
    medico = await registrar_medico(api)
    de = daqui(dias=4)
    await um_horario(api, medico, de + timedelta(hours=1))
    bloqueio = (await _bloquear(api, medico, de, de + timedelta(days=1)))["bloqueio"]
    assert await _todos(api, medico) == []

    r = await api.delete(f"/medico/bloqueios/{bloqueio['id']}", headers=medico["headers"])

    assert r.status_code == 204, r.text
    assert await _bloqueios(api, medico) == []
    assert await _todos(api, medico) == []  # the removed slot does not come back
    await um_horario(api, medico, de + timedelta(hours=2))  # the period is open again
    r = await api.delete(f"/medico/bloqueios/{bloqueio['id']}", headers=medico["headers"])
    assert r.status_code == 404


async def test_so_o_medico_dono_remove_o_bloqueio(api):
    medico = await registrar_medico(api)
    outro = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    de = daqui(dias=4)
    bloqueio = (await _bloquear(api, medico, de, de + timedelta(days=1)))["bloqueio"]
    url = f"/medico/bloqueios/{bloqueio['id']}"

    assert (await api.delete(url, headers=outro["headers"])).status_code == 404
    assert (await api.delete(url, headers=paciente["headers"])).status_code == 403
    assert (await api.delete(url)).status_code == 401
    assert (await api.get("/medico/bloqueios", headers=paciente["headers"])).status_code == 403
    assert (await api.get("/medico/bloqueios")).status_code == 401
    assert [i["id"] for i in await _bloqueios(api, medico)] == [bloqueio["id"]]
    assert await _bloqueios(api, outro) == []


async def test_bloqueio_de_outro_medico_nao_interfere(api):
    medico = await registrar_medico(api)
    outro = await registrar_medico(api)
    de = daqui(dias=4)
    await _bloquear(api, outro, de, de + timedelta(days=1))
    (criado,) = await criar_horarios(api, medico, de + timedelta(hours=1), de + timedelta(hours=2))
    horario = await um_horario(api, medico, daqui(dias=2))
    r = await api.put(
        f"/medico/horarios/{horario['id']}",
        json=_slot(de + timedelta(hours=3)),
        headers=medico["headers"],
    )
    assert r.status_code == 200, r.text
    assert criado["id"] in {h["id"] for h in await _todos(api, medico)}


async def _depois(espera: float, acao: Any) -> httpx.Response:
    await asyncio.sleep(espera)
    resposta: httpx.Response = await acao
    return resposta


async def test_horario_criado_em_corrida_com_o_bloqueio_nunca_fica_dentro_dele(api):
    """Each round a block and a creation of a slot inside it run at once: either the slot is
    created first and the block removes it, or the creation sees the block (409). Never a
    free slot left inside a stored block."""
    for espera in [0.0, 0.005, 0.01, 0.02, 0.04, 0.08]:
        medico = await registrar_medico(api)
        de = daqui(dias=3)
        criacao, bloqueio = await asyncio.gather(
            api.post(
                "/medico/horarios",
                json=_slot(de + timedelta(hours=1)),
                headers=medico["headers"],
            ),
            _depois(
                espera,
                api.post(
                    "/medico/horarios/bloqueio",
                    json={"de": de.isoformat(), "ate": (de + timedelta(hours=2)).isoformat()},
                    headers=medico["headers"],
                ),
            ),
        )
        assert bloqueio.status_code == 200, bloqueio.text
        assert criacao.status_code in (201, 409), criacao.text
        assert bloqueio.json()["removidos"] == (1 if criacao.status_code == 201 else 0)
        assert await _todos(api, medico) == []
