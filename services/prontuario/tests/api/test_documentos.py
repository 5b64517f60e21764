"""Uploading to the record: two steps plus confirmation, and every way it is refused."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from libs.testing.contas import registrar_paciente
from services.prontuario.tests.api.conftest import (
    PDF,
    PNG,
    TEXTO,
    confirmar,
    documento_enviado,
    enviar_bytes,
    pedir,
)

MIB = 1024 * 1024


async def test_envio_em_tres_passos_deixa_o_documento_disponivel(api, paciente):
    r = await pedir(api, paciente)
    assert r.status_code == 201, r.text
    envio = r.json()
    doc, upload = envio["documento"], envio["upload"]
    assert doc["status"] == "pendente" and doc["sha256"] is None
    assert doc["paciente_id"] == paciente["id"] and doc["enviado_por"] == paciente["id"]
    assert upload["metodo"] == "PUT" and upload["cabecalhos"]["Content-Type"] == "application/pdf"
    expira = datetime.fromisoformat(upload["expira_em"])
    assert datetime.now(UTC) < expira <= datetime.now(UTC) + timedelta(minutes=16)

    assert (await enviar_bytes(api, upload, PDF)).status_code == 204
    r = await confirmar(api, paciente, doc["id"])
    assert r.status_code == 200, r.text
    confirmado = r.json()
    assert confirmado["status"] == "disponivel"
    assert confirmado["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert confirmado["tamanho"] == len(PDF) and confirmado["tipo_conteudo"] == "application/pdf"

    r = await api.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    assert r.status_code == 200
    assert [d["id"] for d in r.json()["documentos"]] == [doc["id"]]


async def test_paciente_baixa_o_proprio_documento(api, paciente):
    doc = await documento_enviado(api, paciente, PNG, "image/png", "raio-x.png")
    r = await api.get(
        f"/prontuario/{paciente['id']}/documentos/{doc['id']}", headers=paciente["headers"]
    )
    assert r.status_code == 200, r.text
    download = r.json()["download"]
    assert datetime.fromisoformat(download["expira_em"]) <= datetime.now(UTC) + timedelta(minutes=5)
    arquivo = await api.get(download["url"])
    assert arquivo.status_code == 200
    assert arquivo.content == PNG
    assert arquivo.headers["content-type"] == "image/png"
    assert "attachment" in arquivo.headers["content-disposition"]
    assert arquivo.headers["cache-control"] == "no-store"


async def test_texto_simples_e_aceito(api, paciente):
    doc = await documento_enviado(api, paciente, TEXTO, "text/plain", "resultado.txt")
    assert doc["sha256"] == hashlib.sha256(TEXTO).hexdigest()


async def test_bytes_que_nao_sao_o_tipo_declarado_sao_409_e_nada_fica(api, paciente):
    texto = b"isto nao e um png" + b"." * 20
    envio = (await pedir(api, paciente, tipo="image/png", tamanho=len(texto))).json()
    assert (await enviar_bytes(api, envio["upload"], texto)).status_code == 204
    r = await confirmar(api, paciente, envio["documento"]["id"])
    assert r.status_code == 409
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "tipo declarado" in r.json()["detail"]
    r = await api.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    (doc,) = r.json()["documentos"]
    assert doc["status"] == "pendente" and doc["sha256"] is None
    # The bad bytes were discarded: the same URL may now carry the right file.
    assert (await enviar_bytes(api, envio["upload"], PNG[: len(texto)])).status_code == 204
    assert (await confirmar(api, paciente, doc["id"])).status_code == 200


async def test_pdf_falso_e_texto_com_nul_sao_409(api, paciente):
    for tipo, dados in (("application/pdf", b"MZ\x90\x00 executavel"), ("text/plain", b"a\x00b")):
        envio = (await pedir(api, paciente, tipo=tipo, tamanho=len(dados))).json()
        await enviar_bytes(api, envio["upload"], dados)
        assert (await confirmar(api, paciente, envio["documento"]["id"])).status_code == 409


async def test_tamanho_diferente_do_declarado_e_409(api, paciente):
    envio = (await pedir(api, paciente, tamanho=len(PDF) + 10)).json()
    assert (await enviar_bytes(api, envio["upload"], PDF)).status_code == 204
    r = await confirmar(api, paciente, envio["documento"]["id"])
    assert r.status_code == 409 and "declarados" in r.json()["detail"]


async def test_confirmar_sem_ter_enviado_e_409(api, paciente):
    envio = (await pedir(api, paciente)).json()
    r = await confirmar(api, paciente, envio["documento"]["id"])
    assert r.status_code == 409
    assert "Nenhum arquivo" in r.json()["detail"]


async def test_acima_de_25_mib_e_413(api, paciente):
    r = await pedir(api, paciente, tamanho=25 * MIB + 1)
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("application/problem+json")
    assert (await pedir(api, paciente, tamanho=25 * MIB)).status_code == 201


async def test_corpo_maior_que_o_declarado_e_413(api, paciente):
    envio = (await pedir(api, paciente, tamanho=100)).json()
    r = await enviar_bytes(api, envio["upload"], PDF[:101])
    assert r.status_code == 413
    assert (await confirmar(api, paciente, envio["documento"]["id"])).status_code == 409


async def test_tipo_nao_aceito_e_415(api, paciente):
    for tipo in ("application/zip", "text/html", "image/gif", "application/x-msdownload"):
        r = await pedir(api, paciente, tipo=tipo)
        assert r.status_code == 415, tipo
    r = await api.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    assert r.json()["documentos"] == []


async def test_envio_com_outro_content_type_e_415(api, paciente):
    envio = (await pedir(api, paciente)).json()
    r = await api.put(envio["upload"]["url"], content=PDF, headers={"Content-Type": "text/html"})
    assert r.status_code == 415


async def test_pedido_invalido_e_422(api, paciente):
    for body in (
        {"nome": "", "categoria": "exame", "tipo_conteudo": "application/pdf", "tamanho": 10},
        {"nome": "x", "categoria": "raio", "tipo_conteudo": "application/pdf", "tamanho": 10},
        {"nome": "x", "categoria": "exame", "tipo_conteudo": "application/pdf", "tamanho": 0},
        {"nome": "x", "categoria": "exame", "tipo_conteudo": "application/pdf"},
        {"nome": "a\x00b", "categoria": "exame", "tipo_conteudo": "application/pdf", "tamanho": 1},
        {"nome": "   ", "categoria": "exame", "tipo_conteudo": "application/pdf", "tamanho": 1},
    ):
        r = await api.post(
            f"/prontuario/{paciente['id']}/upload", json=body, headers=paciente["headers"]
        )
        assert r.status_code == 422, body
        assert r.json()["erros"]


async def test_link_de_envio_forjado_ou_de_download_e_recusado(api, paciente):
    envio = (await pedir(api, paciente)).json()
    url = envio["upload"]["url"]
    corpo, _mac = url.rsplit("/", 1)[1].split(".")
    forjado = url.replace(corpo, corpo[:-2] + ("AA" if not corpo.endswith("AA") else "BB"))
    r = await api.put(forjado, content=PDF, headers=envio["upload"]["cabecalhos"])
    assert r.status_code == 403
    r = await api.get(url)  # an upload URL does not download
    assert r.status_code == 403


async def test_documento_confirmado_nao_pode_ser_substituido(api, paciente):
    envio = (await pedir(api, paciente)).json()
    await enviar_bytes(api, envio["upload"], PDF)
    assert (await confirmar(api, paciente, envio["documento"]["id"])).status_code == 200
    outro = b"%PDF-trocado" + PDF[12:]
    r = await enviar_bytes(api, envio["upload"], outro)
    assert r.status_code == 409
    again = await confirmar(api, paciente, envio["documento"]["id"])
    assert again.json()["sha256"] == hashlib.sha256(PDF).hexdigest()


async def test_so_o_paciente_envia_ao_proprio_prontuario(api, paciente, medico):
    outro = await registrar_paciente(api)
    assert (await pedir(api, paciente, headers=outro["headers"])).status_code == 403
    assert (await pedir(api, paciente, headers=medico["headers"])).status_code == 403
    envio = (await pedir(api, paciente)).json()
    await enviar_bytes(api, envio["upload"], PDF)
    r = await api.post(
        f"/prontuario/{paciente['id']}/documentos/{envio['documento']['id']}/confirmar",
        headers=outro["headers"],
    )
    assert r.status_code == 403
    r = await api.post(
        f"/prontuario/{paciente['id']}/documentos/{envio['documento']['id']}/confirmar",
        headers=medico["headers"],
    )
    assert r.status_code == 403


async def test_sem_token_e_401(api, paciente):
    r = await api.get(f"/prontuario/{paciente['id']}")
    assert r.status_code == 401


async def test_outro_paciente_nao_ve_nem_baixa(api, paciente):
    doc = await documento_enviado(api, paciente)
    outro = await registrar_paciente(api)
    base = f"/prontuario/{paciente['id']}"
    for path in (
        base,
        f"{base}/documentos/{doc['id']}",
        f"{base}/acessos",
        f"{base}/compartilhamentos",
        f"{base}/exportacao",
    ):
        r = await api.get(path, headers=outro["headers"])
        assert r.status_code == 403, path


async def test_arquivo_de_exatamente_25_mib_passa_pelo_gateway(api, paciente):
    dados = b"%PDF-1.7\n" + b"\x00" * (25 * MIB - 9)
    envio = (await pedir(api, paciente, tamanho=len(dados))).json()
    r = await enviar_bytes(api, envio["upload"], dados)
    assert r.status_code == 204, r.text
    r = await confirmar(api, paciente, envio["documento"]["id"])
    assert r.status_code == 200
    assert r.json()["sha256"] == hashlib.sha256(dados).hexdigest()


async def test_download_leva_a_extensao_do_tipo_conferido_e_nome_sem_controle(api, paciente):
    """Issue 15 §5: a file declared and checked as PDF is saved as .pdf, whatever extension
    the uploader typed, and a right-to-left override or zero-width character does not reach
    the name the browser saves."""
    casos = [
        (PDF, "application/pdf", "exame.html", "exame.pdf"),
        (PDF, "application/pdf", "exame\u202efdp.html", "examefdp.pdf"),
        (PNG, "image/png", "raio\u200b-x.exe", "raio-x.png"),
        (TEXTO, "text/plain", "resultado v1.2", "resultado v1.2.txt"),
        (PNG, "image/png", "raio-x.png", "raio-x.png"),
    ]
    for conteudo, tipo, digitado, salvo in casos:
        doc = await documento_enviado(api, paciente, conteudo, tipo, digitado)
        assert doc["nome"] == digitado  # the record keeps what was typed
        r = await api.get(
            f"/prontuario/{paciente['id']}/documentos/{doc['id']}", headers=paciente["headers"]
        )
        arquivo = await api.get(r.json()["download"]["url"])
        assert arquivo.status_code == 200
        disposicao = arquivo.headers["content-disposition"]
        assert disposicao == f"attachment; filename*=UTF-8''{quote(salvo, safe='')}", digitado
