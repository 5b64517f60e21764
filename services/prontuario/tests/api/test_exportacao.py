"""LGPD: the patient exports all their data as one archive."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

from services.prontuario.tests.api.conftest import (
    PDF,
    TEXTO,
    compartilhar,
    consulta_atendida,
    documento_enviado,
)

MOTIVO = "Viajo a trabalho nesse dia"


async def test_exportacao_traz_metadados_arquivos_e_registro(api, paciente, medico):
    pdf = await documento_enviado(api, paciente)
    txt = await documento_enviado(api, paciente, TEXTO, "text/plain", "glicemia")
    await compartilhar(api, paciente, medico, documentos=[pdf["id"]])
    inicio = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(days=2)
    r = await api.post(
        "/medico/horarios",
        json={"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()},
        headers=medico["headers"],
    )
    (horario,) = r.json()["horarios"]
    r = await api.post(
        "/consultas", json={"horario_id": horario["id"]}, headers=paciente["headers"]
    )
    assert r.status_code == 201, r.text
    consulta = r.json()
    r = await api.request(
        "DELETE",
        f"/consultas/{consulta['id']}",
        json={"justificativa": MOTIVO},
        headers=paciente["headers"],
    )
    assert r.status_code == 200, r.text
    r = await api.get(f"/prontuario/{paciente['id']}/exportacao", headers=paciente["headers"])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(r.content))
    nomes = set(z.namelist())
    assert {"LEIAME.txt", "documentos.json", "acessos.json", "compartilhamentos.json"} <= nomes

    documentos = json.loads(z.read("documentos.json"))
    assert {d["id"] for d in documentos} == {pdf["id"], txt["id"]}
    assert {d["sha256"] for d in documentos} == {pdf["sha256"], txt["sha256"]}
    arquivos = {n: z.read(n) for n in nomes if n.startswith("arquivos/")}
    assert sorted(arquivos.values()) == sorted([PDF, TEXTO])
    assert f"arquivos/{txt['id']}-glicemia.txt" in arquivos

    acessos = json.loads(z.read("acessos.json"))
    assert acessos[0]["acao"] == "exportacao"
    assert {a["acao"] for a in acessos} >= {"exportacao", "compartilhamento"}
    (share,) = json.loads(z.read("compartilhamentos.json"))
    assert share["medico_id"] == medico["id"] and share["documentos"] == [pdf["id"]]
    (exportada,) = json.loads(z.read("consultas.json"))
    assert exportada["id"] == consulta["id"]
    assert exportada["medico"] == {
        "id": medico["id"],
        "nome": "Dra. Beatriz Médica",
        "crm": medico["crm"],
        "uf": medico["uf"],
    }
    assert (exportada["inicio"], exportada["fim"]) == (horario["inicio"], horario["fim"])
    assert exportada["status"] == "cancelada" and exportada["justificativa"] == MOTIVO
    assert exportada["cancelada_por"] == "paciente"
    assert exportada["consentimentos"] == [] and exportada["presencas"] == []
    assert "consultas.json ausente" not in z.read("LEIAME.txt").decode()
    perfil = json.loads(z.read("perfil.json"))
    assert perfil["id"] == paciente["id"] and perfil["nome"] == "Ana Paciente"


async def test_exportacao_e_so_do_paciente(api, paciente, medico):
    await compartilhar(api, paciente, medico)
    r = await api.get(f"/prontuario/{paciente['id']}/exportacao", headers=medico["headers"])
    assert r.status_code == 403


async def test_exportacao_traz_as_evolucoes_assinadas_e_nao_os_rascunhos(
    api, paciente, medico, banco
):
    base = f"/prontuario/{paciente['id']}/evolucoes"
    assinada = await consulta_atendida(api, banco, medico, paciente, ordem=0)
    rascunho = await consulta_atendida(api, banco, medico, paciente, ordem=1)
    ids = {}
    for consulta, queixa in ((assinada, "Cefaleia"), (rascunho, "Ainda escrevendo")):
        r = await api.post(
            base,
            json={"consulta_id": consulta["id"], "queixa_principal": queixa},
            headers=medico["headers"],
        )
        assert r.status_code == 201, r.text
        ids[queixa] = r.json()["id"]
    r = await api.post(f"{base}/{ids['Cefaleia']}/assinar", headers=medico["headers"])
    assert r.status_code == 200, r.text
    r = await api.post(
        f"{base}/{ids['Cefaleia']}/adendos", json={"texto": "Melhorou"}, headers=medico["headers"]
    )
    assert r.status_code == 201, r.text

    r = await api.get(f"/prontuario/{paciente['id']}/exportacao", headers=paciente["headers"])

    z = zipfile.ZipFile(io.BytesIO(r.content))
    (nota,) = json.loads(z.read("evolucoes.json"))
    assert nota["id"] == ids["Cefaleia"] and nota["status"] == "assinada"
    assert nota["queixa_principal"] == "Cefaleia" and nota["sha256"]
    assert [a["texto"] for a in nota["adendos"]] == ["Melhorou"]
    assert "evolucoes.json" in z.read("LEIAME.txt").decode()
