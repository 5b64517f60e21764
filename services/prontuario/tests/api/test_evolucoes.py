"""The clinical note (evolução) through the public API: drafted by the consultation's doctor,
signed, refused once signed, amended by signed addenda; who reads it; the access log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest

from libs.testing.contas import registrar_medico, registrar_paciente
from services.prontuario.comandos import verify_audit
from services.prontuario.tests.api.conftest import (
    compartilhar,
    consulta_atendida,
    consulta_futura,
    documento_enviado,
)

NOTA = {
    "texto": "Paciente refere febre há dois dias.",
    "queixa_principal": "Febre e dor de garganta",
    "avaliacao": "Faringite viral provável",
    "plano": "Sintomáticos; retorno se piorar",
    "cid10": ["j069", "R50.9"],
}


def _base(paciente: dict[str, Any]) -> str:
    return f"/prontuario/{paciente['id']}/evolucoes"


async def _redigir(
    api: httpx.AsyncClient,
    medico: dict[str, Any],
    paciente: dict[str, Any],
    consulta: dict[str, Any],
    **campos: Any,
) -> httpx.Response:
    return await api.post(
        _base(paciente),
        json={"consulta_id": consulta["id"], **NOTA, **campos},
        headers=medico["headers"],
    )


async def _assinada(
    api: httpx.AsyncClient,
    banco: Any,
    medico: dict[str, Any],
    paciente: dict[str, Any],
    ordem: int = 0,
) -> dict[str, Any]:
    consulta = await consulta_atendida(api, banco, medico, paciente, ordem=ordem)
    r = await _redigir(api, medico, paciente, consulta)
    assert r.status_code == 201, r.text
    r = await api.post(f"{_base(paciente)}/{r.json()['id']}/assinar", headers=medico["headers"])
    assert r.status_code == 200, r.text
    nota: dict[str, Any] = r.json()
    return nota


def _problema(r: httpx.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    corpo: dict[str, Any] = r.json()
    return corpo


async def test_evolucao_rascunho_assinada_recusa_edicao_e_aceita_adendo(
    api, paciente, medico, banco
):
    consulta = await consulta_atendida(api, banco, medico, paciente)

    r = await _redigir(api, medico, paciente, consulta)
    assert r.status_code == 201, r.text
    rascunho = r.json()
    assert rascunho["status"] == "rascunho" and rascunho["assinada_em"] is None
    assert rascunho["cid10"] == ["J06.9", "R50.9"] and rascunho["cid10_validacao"] == "formato"
    assert rascunho["consulta_id"] == consulta["id"] and rascunho["medico_id"] == medico["id"]
    url = f"{_base(paciente)}/{rascunho['id']}"

    r = await api.put(
        url, json={**NOTA, "plano": "Dipirona 500 mg se febre"}, headers=medico["headers"]
    )
    assert r.status_code == 200, r.text
    assert r.json()["plano"] == "Dipirona 500 mg se febre"

    r = await api.post(f"{url}/assinar", headers=medico["headers"])
    assert r.status_code == 200, r.text
    assinada = r.json()
    assert assinada["status"] == "assinada" and assinada["assinada_em"]
    assert len(assinada["sha256"]) == 64

    problema = _problema(await api.put(url, json=NOTA, headers=medico["headers"]), 409)
    assert "assinada" in problema["detail"] and "adendo" in problema["detail"]
    _problema(await api.post(f"{url}/assinar", headers=medico["headers"]), 409)

    r = await api.post(
        f"{url}/adendos",
        json={"texto": "Resultado do teste rápido: negativo para estreptococo."},
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    (adendo,) = r.json()["adendos"]
    assert adendo["assinado_em"] and len(adendo["sha256"]) == 64

    r = await api.get(_base(paciente), headers=paciente["headers"])
    assert r.status_code == 200, r.text
    (lida,) = r.json()["evolucoes"]
    assert lida["plano"] == "Dipirona 500 mg se febre" and lida["sha256"] == assinada["sha256"]
    assert [a["texto"] for a in lida["adendos"]] == [adendo["texto"]]


async def test_adendo_em_rascunho_e_segunda_evolucao_da_consulta_sao_conflito(
    api, paciente, medico, banco
):
    consulta = await consulta_atendida(api, banco, medico, paciente)
    rascunho = (await _redigir(api, medico, paciente, consulta)).json()

    r = await api.post(
        f"{_base(paciente)}/{rascunho['id']}/adendos",
        json={"texto": "x"},
        headers=medico["headers"],
    )
    assert "rascunho" in _problema(r, 409)["detail"]
    _problema(await _redigir(api, medico, paciente, consulta), 409)


async def test_cid10_mal_formado_e_422_e_nada_e_gravado(api, paciente, medico, banco):
    consulta = await consulta_atendida(api, banco, medico, paciente)

    problema = _problema(await _redigir(api, medico, paciente, consulta, cid10=["XYZ"]), 422)

    assert problema["erros"][0]["campo"] == "cid10" and "XYZ" in problema["erros"][0]["mensagem"]
    r = await api.get(_base(paciente), headers=medico["headers"])
    assert r.status_code == 403  # no note of theirs was stored, and no share


async def test_edicao_depois_de_assinada_e_recusada_pelo_banco(api, paciente, medico, banco):
    nota = await _assinada(api, banco, medico, paciente)

    with pytest.raises(asyncpg.exceptions.InsufficientPrivilegeError):
        await banco.execute(
            "update prontuario.evolucoes set plano = 'outro' where id = $1::uuid", nota["id"]
        )
    with pytest.raises(asyncpg.exceptions.InsufficientPrivilegeError):
        await banco.execute("delete from prontuario.evolucoes where id = $1::uuid", nota["id"])


async def test_so_o_medico_de_consulta_confirmada_redige(api, paciente, medico, banco):
    consulta = await consulta_atendida(api, banco, medico, paciente)
    outro_medico = await registrar_medico(api)
    outro_paciente = await registrar_paciente(api)

    _problema(await _redigir(api, outro_medico, paciente, consulta), 404)
    _problema(await _redigir(api, paciente, paciente, consulta), 403)
    # The right doctor and consultation, but filed in another patient's record.
    _problema(await _redigir(api, medico, outro_paciente, consulta), 404)


async def test_consulta_ainda_pendente_nao_recebe_evolucao(api, paciente, medico):
    inicio = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=4)
    r = await api.post(
        "/medico/horarios",
        json={"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()},
        headers=medico["headers"],
    )
    r = await api.post(
        "/consultas",
        json={"horario_id": r.json()["horarios"][0]["id"]},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text

    problema = _problema(await _redigir(api, medico, paciente, r.json()), 409)

    assert "confirmada ou realizada" in problema["detail"]


async def test_quem_le_a_evolucao(api, paciente, medico, banco):
    nota = await _assinada(api, banco, medico, paciente)
    consulta2 = await consulta_atendida(api, banco, medico, paciente, ordem=1)
    rascunho = (await _redigir(api, medico, paciente, consulta2)).json()
    url = f"{_base(paciente)}/{nota['id']}"
    estranho = await registrar_medico(api)
    outro_paciente = await registrar_paciente(api)

    # The patient reads the signed note, not the doctor's draft.
    r = await api.get(_base(paciente), headers=paciente["headers"])
    assert [e["id"] for e in r.json()["evolucoes"]] == [nota["id"]]
    assert (await api.get(url, headers=paciente["headers"])).status_code == 200
    r = await api.get(f"{_base(paciente)}/{rascunho['id']}", headers=paciente["headers"])
    _problema(r, 404)
    # The author reads both, one consultation at a time if asked.
    r = await api.get(_base(paciente), headers=medico["headers"])
    assert {e["id"] for e in r.json()["evolucoes"]} == {nota["id"], rascunho["id"]}
    r = await api.get(
        _base(paciente), params={"consulta_id": consulta2["id"]}, headers=medico["headers"]
    )
    assert [e["id"] for e in r.json()["evolucoes"]] == [rascunho["id"]]
    # Nobody else without a share of the whole record.
    assert (await api.get(url)).status_code == 401
    _problema(await api.get(url, headers=outro_paciente["headers"]), 403)
    _problema(await api.get(url, headers=estranho["headers"]), 403)
    _problema(await api.get(_base(paciente), headers=estranho["headers"]), 403)
    doc = await documento_enviado(api, paciente)
    parcial = await compartilhar(api, paciente, estranho, documentos=[doc["id"]])
    assert parcial.status_code == 201, parcial.text
    _problema(await api.get(url, headers=estranho["headers"]), 403)
    # Through a share of the whole record: the signed note only, and never to edit it.
    assert (await compartilhar(api, paciente, estranho)).status_code == 201
    r = await api.get(_base(paciente), headers=estranho["headers"])
    assert [e["id"] for e in r.json()["evolucoes"]] == [nota["id"]]
    assert (await api.get(url, headers=estranho["headers"])).status_code == 200
    r = await api.post(
        f"{url}/adendos", json={"texto": "Não sou o autor"}, headers=estranho["headers"]
    )
    _problema(r, 404)


async def test_cada_leitura_vai_ao_registro_de_acessos(
    api, paciente, medico, prontuario_settings, banco
):
    nota = await _assinada(api, banco, medico, paciente)

    await api.get(f"{_base(paciente)}/{nota['id']}", headers=paciente["headers"])
    await api.get(_base(paciente), headers=medico["headers"])

    r = await api.get(f"/prontuario/{paciente['id']}/acessos", headers=paciente["headers"])
    acessos = [
        (a["acao"], a["usuario"]["papel"], a["documento_id"])
        for a in r.json()["acessos"]
        if a["acao"].startswith("evolucao")
    ]
    assert acessos == [
        ("evolucao_leitura", "medico", nota["id"]),
        ("evolucao_leitura", "paciente", nota["id"]),
        ("evolucao_escrita", "medico", nota["id"]),  # signed
        ("evolucao_escrita", "medico", nota["id"]),  # drafted
    ]
    resultado = await verify_audit.verificar(prontuario_settings)
    assert resultado.quebra is None


async def test_medico_da_consulta_ve_a_lista_vazia_da_consulta_sem_compartilhamento(
    api, paciente, medico, banco
):
    # The consultation page asks before any note exists: the doctor of that consultation
    # gets an empty list; anyone else still needs a share.
    consulta = await consulta_atendida(api, banco, medico, paciente)
    estranho = await registrar_medico(api)
    filtro = {"consulta_id": consulta["id"]}

    r = await api.get(_base(paciente), params=filtro, headers=medico["headers"])
    assert r.status_code == 200, r.text
    assert r.json() == {"evolucoes": []}
    r = await api.get(_base(paciente), params=filtro, headers=estranho["headers"])
    _problema(r, 403)


async def test_antes_da_abertura_da_sala_nada_e_escrito(api, paciente, medico):
    # "During or after the consultation": two days ahead, its room is not open yet.
    consulta = await consulta_futura(api, medico, paciente, dias=2)

    problema = _problema(await _redigir(api, medico, paciente, consulta), 409)
    assert "ainda não começou" in problema["detail"]
    receita = {
        "consulta_id": consulta["id"],
        "itens": [{"medicamento": "X", "dose": "1", "posologia": "1", "duracao": "1 dia"}],
    }
    r = await api.post(
        f"/prontuario/{paciente['id']}/receitas", json=receita, headers=medico["headers"]
    )
    _problema(r, 409)
    r = await api.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    assert r.json()["documentos"] == []
