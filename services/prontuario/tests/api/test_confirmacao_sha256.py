"""Confirmation with the SHA-256 the patient's browser computed: only those bytes become the
document; without it, confirmation works as before."""

from __future__ import annotations

import hashlib

from services.prontuario.tests.api.conftest import PDF, confirmar, enviar_bytes, pedir

OUTRO_PDF = b"%PDF-1.7\n" + b"X" * (len(PDF) - 9)
assert len(OUTRO_PDF) == len(PDF)


async def _status(api, paciente, doc_id: str) -> dict:
    r = await api.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    (doc,) = [d for d in r.json()["documentos"] if d["id"] == doc_id]
    return doc


async def test_sha256_do_navegador_igual_deixa_disponivel(api, paciente):
    envio = (await pedir(api, paciente)).json()
    assert (await enviar_bytes(api, envio["upload"], PDF)).status_code == 204
    sha = hashlib.sha256(PDF).hexdigest()
    r = await confirmar(api, paciente, envio["documento"]["id"], {"sha256": sha})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "disponivel" and r.json()["sha256"] == sha


async def test_sha256_diferente_e_409_fica_pendente_e_novo_envio_certo_passa(api, paciente):
    envio = (await pedir(api, paciente)).json()
    doc_id = envio["documento"]["id"]
    # Same type and length, other bytes: what a swap of the draft would leave.
    assert (await enviar_bytes(api, envio["upload"], OUTRO_PDF)).status_code == 204
    sha = hashlib.sha256(PDF).hexdigest()
    r = await confirmar(api, paciente, doc_id, {"sha256": sha})
    assert r.status_code == 409, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "navegador" in r.json()["detail"]
    doc = await _status(api, paciente, doc_id)
    assert doc["status"] == "pendente" and doc["sha256"] is None
    # The other bytes were discarded: the same URL now takes the patient's file.
    assert (await enviar_bytes(api, envio["upload"], PDF)).status_code == 204
    r = await confirmar(api, paciente, doc_id, {"sha256": sha})
    assert r.status_code == 200, r.text
    assert r.json()["sha256"] == sha


async def test_sha256_malformado_e_422_e_nada_muda(api, paciente):
    envio = (await pedir(api, paciente)).json()
    doc_id = envio["documento"]["id"]
    assert (await enviar_bytes(api, envio["upload"], PDF)).status_code == 204
    sha = hashlib.sha256(PDF).hexdigest()
    for corpo in (
        {"sha256": sha.upper()},
        {"sha256": sha[:-1]},
        {"sha256": sha + "0"},
        {"sha256": "z" * 64},
        {"sha256": 123},
        {"sha256": sha, "outro": 1},
    ):
        r = await confirmar(api, paciente, doc_id, corpo)
        assert r.status_code == 422, (corpo, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    assert (await _status(api, paciente, doc_id))["status"] == "pendente"
    # The draft was kept: the right confirmation still works.
    r = await confirmar(api, paciente, doc_id, {"sha256": sha})
    assert r.status_code == 200, r.text


async def test_sem_corpo_ou_corpo_vazio_confirma_como_antes(api, paciente):
    corpos: tuple[dict[str, str] | None, ...] = (None, {})
    for corpo in corpos:
        envio = (await pedir(api, paciente)).json()
        assert (await enviar_bytes(api, envio["upload"], PDF)).status_code == 204
        r = await confirmar(api, paciente, envio["documento"]["id"], corpo)
        assert r.status_code == 200, r.text
        assert r.json()["sha256"] == hashlib.sha256(PDF).hexdigest()
