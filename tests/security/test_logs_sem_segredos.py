"""Access logs never carry a credential that travels in a path: a calendar feed's secret address
(a password for the agenda) and a signed file link (whose payload also names the document) are
logged with that segment masked, by the gateway and by every service."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import httpx

from libs.observability import caminho_para_log
from libs.testing.contas import registrar_paciente
from services.prontuario.tests.api.conftest import documento_enviado


def test_caminho_para_log_mascara_credenciais_e_mantem_ids():
    uuid = "0b5c1f0e-8f7a-4c65-9d41-6e0a3c2b1a90"
    token = "x" * 43
    assert caminho_para_log(f"/api/consultas/{uuid}/sala") == f"/api/consultas/{uuid}/sala"
    assert caminho_para_log(f"/api/calendario/{token}.ics") == "/api/calendario/***"
    assert caminho_para_log(f"/api/prontuario/arquivos/{token}.{token}") == (
        "/api/prontuario/arquivos/***"
    )
    assert caminho_para_log("/api/calendario/assinatura") == "/api/calendario/assinatura"


def _logado(caplog) -> str:
    return "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("healthmed"))


async def test_endereco_da_agenda_nao_vai_para_o_log(api: httpx.AsyncClient, caplog):
    caplog.set_level(logging.INFO, logger="healthmed")
    paciente = await registrar_paciente(api)
    r = await api.post("/calendario/assinatura", headers=paciente["headers"])
    assert r.status_code == 201, r.text
    caminho = urlsplit(r.json()["url"]).path
    segredo = caminho.rsplit("/", 1)[1].removesuffix(".ics")
    caplog.clear()
    r = await api.get(caminho.removeprefix("/api"))
    assert r.status_code == 200, r.text
    logado = _logado(caplog)
    assert "/calendario/***" in logado  # the request was logged...
    assert segredo not in logado  # ...without its secret


async def test_link_assinado_de_documento_nao_vai_para_o_log(api: httpx.AsyncClient, caplog):
    caplog.set_level(logging.INFO, logger="healthmed")
    paciente = await registrar_paciente(api)
    doc = await documento_enviado(api, paciente, nome="exame-confidencial.pdf")
    r = await api.get(
        f"/prontuario/{paciente['id']}/documentos/{doc['id']}", headers=paciente["headers"]
    )
    assert r.status_code == 200, r.text
    caminho = urlsplit(r.json()["download"]["url"]).path
    token = caminho.rsplit("/", 1)[1]
    caplog.clear()
    r = await api.get(caminho.removeprefix("/api"))
    assert r.status_code == 200
    logado = _logado(caplog)
    assert "/prontuario/arquivos/***" in logado
    assert token not in logado
    assert token.split(".")[0] not in logado
