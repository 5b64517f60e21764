"""The patient's whole history of appointments, served to the prontuario service for the LGPD
export (``GET /internal/pacientes/{id}/consultas``; the export itself is tested in
services/prontuario/tests/api/test_exportacao.py)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import httpx

from services.consulta.domain.teleconsulta import TERMO_VERSAO
from services.consulta.tests.api.conftest import (
    aceitar,
    consulta_pendente,
    daqui,
    registrar_paciente,
    reservar,
    sql,
    um_horario,
    voltar_no_tempo,
)


async def _historico(gateway: Any, paciente_id: str, token: str | None) -> httpx.Response:
    app = gateway.apps["consulta"]
    headers = {"x-service-token": token} if token else {}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://consulta"
    ) as http:
        return await http.get(f"/internal/pacientes/{paciente_id}/consultas", headers=headers)


async def test_historico_traz_cada_consulta_com_avaliacao_consentimento_e_presenca(api, gateway):
    medico, paciente, feita = await consulta_pendente(api, inicio=daqui(dias=1))
    assert (await aceitar(api, medico, feita["id"])).status_code == 200
    r = await api.post(
        f"/consultas/{feita['id']}/consentimento",
        json={"versao": TERMO_VERSAO},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text
    await voltar_no_tempo(gateway, feita["id"], timedelta(days=2))
    # A stay in the room (joining takes a WebSocket and the provider; the row is what it leaves).
    await sql(
        gateway,
        "insert into presencas_sala (id, consulta_id, usuario_id, papel, entrou_em, saiu_em)"
        " select :id, c.id, c.paciente_id, 'paciente', c.inicio, c.fim from consultas c"
        " where c.id = :consulta",
        id=uuid.uuid4(),
        consulta=feita["id"],
    )
    r = await api.post(
        f"/consultas/{feita['id']}/avaliacao",
        json={"nota": 5, "comentario": "Atenciosa"},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text
    horario = await um_horario(api, medico, daqui(dias=3))
    r = await reservar(api, paciente, horario["id"])
    recusada = r.json()
    r = await api.post(
        f"/medico/consultas/{recusada['id']}/recusar",
        json={"justificativa": "Estarei em congresso"},
        headers=medico["headers"],
    )
    assert r.status_code == 200, r.text
    outro = await registrar_paciente(api)
    de_outro = await um_horario(api, medico, daqui(dias=4))
    assert (await reservar(api, outro, de_outro["id"])).status_code == 201
    token = gateway.apps["consulta"].state.settings.secret("service_token")

    r = await _historico(gateway, paciente["id"], token)

    assert r.status_code == 200, r.text
    primeira, segunda = r.json()
    assert (primeira["id"], segunda["id"]) == (feita["id"], recusada["id"])
    assert primeira["status"] == "realizada"
    assert primeira["medico"]["id"] == medico["id"]
    assert primeira["avaliacao"]["nota"] == 5
    assert primeira["avaliacao"]["comentario"] == "Atenciosa"
    assert [c["versao"] for c in primeira["consentimentos"]] == [TERMO_VERSAO]
    (presenca,) = primeira["presencas"]
    assert presenca["papel"] == "paciente" and presenca["usuario_id"] == paciente["id"]
    assert presenca["saiu_em"] is not None
    assert segunda["status"] == "recusada"
    assert segunda["justificativa"] == "Estarei em congresso"
    assert segunda["inicio"] == horario["inicio"]
    assert segunda["consentimentos"] == [] and segunda["presencas"] == []


async def test_historico_e_so_para_servicos_os_outros_nem_sabem_que_existe(gateway):
    for token in (None, "adivinhado"):
        r = await _historico(gateway, str(uuid.uuid4()), token)
        assert r.status_code == 404
        assert r.headers["content-type"] == "application/problem+json"
