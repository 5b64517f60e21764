"""The internal contract the consulta service builds against."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from libs.testing.contas import registrar_medico
from services.medico.tests.api.conftest import avaliar


async def test_dados_do_medico_para_outros_servicos(api, interno):
    m = await registrar_medico(
        api,
        fuso_horario="America/Cuiaba",
        antecedencia_minima_minutos=30,
        especialidades=["urologia"],
    )
    r = await interno.get(f"/internal/medicos/{m['id']}")
    assert r.status_code == 200, r.text
    assert r.json() == {
        "id": m["id"],
        "nome": m["nome"],
        "email": m["email"],
        "crm": m["crm"],
        "uf": "SP",
        "fuso_horario": "America/Cuiaba",
        "antecedencia_minima_minutos": 30,
        "especialidades": ["urologia"],
    }
    assert (await interno.get(f"/internal/medicos/{uuid.uuid4()}")).status_code == 404


async def test_rotas_internas_nao_sao_publicas(api):
    m = await registrar_medico(api)
    assert (await api.get(f"/internal/medicos/{m['id']}")).status_code == 404


async def _proximos(interno, **por_medico):
    url = "/internal/medicos/proximos-horarios"
    itens = [{"medico_id": m, "proximo_horario": q} for m, q in por_medico.items()]
    return await interno.put(url, json={"itens": itens})


async def test_proximo_horario_aparece_no_perfil_e_pode_ser_limpo(api, interno):
    m = await registrar_medico(api)
    quando = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    r = await _proximos(interno, **{m["id"]: quando.isoformat()})
    assert r.status_code == 200, r.text
    assert r.json() == {"desconhecidos": []}
    perfil = (await api.get(f"/medicos/{m['id']}")).json()
    assert datetime.fromisoformat(perfil["proximo_horario"]) == quando
    assert (await _proximos(interno, **{m["id"]: None})).status_code == 200
    assert (await api.get(f"/medicos/{m['id']}")).json()["proximo_horario"] is None
    # A moment already past is no "next" slot: shown as none.
    passado = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    assert (await _proximos(interno, **{m["id"]: passado})).status_code == 200
    assert (await api.get(f"/medicos/{m['id']}")).json()["proximo_horario"] is None


async def test_proximos_horarios_de_varios_medicos_numa_chamada(api, interno):
    """One pass of the agenda's outbox publishes every doctor it holds in one call."""
    um, outro = await registrar_medico(api), await registrar_medico(api)
    agora = datetime.now(UTC).replace(microsecond=0)
    r = await _proximos(
        interno,
        **{
            um["id"]: (agora + timedelta(days=1)).isoformat(),
            outro["id"]: (agora + timedelta(days=3)).isoformat(),
        },
    )
    assert r.status_code == 200, r.text
    assert datetime.fromisoformat(
        (await api.get(f"/medicos/{um['id']}")).json()["proximo_horario"]
    ) == agora + timedelta(days=1)
    assert datetime.fromisoformat(
        (await api.get(f"/medicos/{outro['id']}")).json()["proximo_horario"]
    ) == agora + timedelta(days=3)


async def test_proximo_horario_exige_fuso_e_medico_conhecido(api, interno):
    m = await registrar_medico(api)
    outro = await registrar_medico(api)
    # A refused batch records nothing, not even its valid items.
    sem_fuso = await _proximos(
        interno, **{outro["id"]: "2030-01-01T10:00:00-03:00", m["id"]: "2030-01-01T10:00:00"}
    )
    assert sem_fuso.status_code == 422
    assert (await api.get(f"/medicos/{outro['id']}")).json()["proximo_horario"] is None
    # An unknown doctor is named in the answer; the known ones are recorded.
    estranho = str(uuid.uuid4())
    quando = "2030-01-01T10:00:00-03:00"
    r = await _proximos(interno, **{m["id"]: quando, estranho: quando})
    assert r.status_code == 200, r.text
    assert r.json() == {"desconhecidos": [estranho]}
    perfil = (await api.get(f"/medicos/{m['id']}")).json()
    assert datetime.fromisoformat(perfil["proximo_horario"]) == datetime.fromisoformat(quando)


async def test_avaliacoes_atualizam_a_media_uma_vez_por_consulta(api, interno):
    m = await registrar_medico(api)
    url = f"/internal/medicos/{m['id']}/avaliacoes"
    consulta = str(uuid.uuid4())
    assert (await interno.post(url, json={"consulta_id": consulta, "nota": 5})).status_code == 204
    # The same appointment again (a retry): counted once, even with another grade.
    assert (await interno.post(url, json={"consulta_id": consulta, "nota": 1})).status_code == 204
    await avaliar(interno, m["id"], 4)
    perfil = (await api.get(f"/medicos/{m['id']}")).json()
    assert perfil["total_avaliacoes"] == 2
    assert perfil["avaliacao_media"] == 4.5


async def test_avaliacoes_concorrentes_nao_se_perdem(api, interno):
    m = await registrar_medico(api)
    notas = [5, 4, 3, 5, 2, 1, 5, 4]
    await asyncio.gather(*(avaliar(interno, m["id"], n) for n in notas))
    perfil = (await api.get(f"/medicos/{m['id']}")).json()
    assert perfil["total_avaliacoes"] == len(notas)
    media = (Decimal(sum(notas)) / len(notas)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert perfil["avaliacao_media"] == float(media)  # 3.625 rounds to 3.63


async def test_nota_fora_de_1_a_5_e_medico_desconhecido(api, interno):
    m = await registrar_medico(api)
    for nota in (0, 6):
        r = await interno.post(
            f"/internal/medicos/{m['id']}/avaliacoes",
            json={"consulta_id": str(uuid.uuid4()), "nota": nota},
        )
        assert r.status_code == 422
    r = await interno.post(
        f"/internal/medicos/{uuid.uuid4()}/avaliacoes",
        json={"consulta_id": str(uuid.uuid4()), "nota": 3},
    )
    assert r.status_code == 404
    assert (await api.get(f"/medicos/{m['id']}")).json()["total_avaliacoes"] == 0
