"""LGPD: the patient exports all their data as one archive."""

from __future__ import annotations

import io
import json
import zipfile

from services.prontuario.tests.api.conftest import (
    PDF,
    TEXTO,
    compartilhar,
    documento_enviado,
)


async def test_exportacao_traz_metadados_arquivos_e_registro(api, paciente, medico):
    pdf = await documento_enviado(api, paciente)
    txt = await documento_enviado(api, paciente, TEXTO, "text/plain", "glicemia")
    await compartilhar(api, paciente, medico)
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
    assert share["medico_id"] == medico["id"]
    perfil = json.loads(z.read("perfil.json"))
    assert perfil["id"] == paciente["id"] and perfil["nome"] == "Ana Paciente"


async def test_exportacao_e_so_do_paciente(api, paciente, medico):
    await compartilhar(api, paciente, medico)
    r = await api.get(f"/prontuario/{paciente['id']}/exportacao", headers=medico["headers"])
    assert r.status_code == 403
