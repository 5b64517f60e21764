"""Signed prescriptions and certificates through the public API: the PDF's PAdES signature
validates with pyHanko against the test authority and fails once a byte changes; the public
verification answers for a real code only, without clinical data; who may issue and download."""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from typing import Any

import httpx
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from libs.testing.contas import registrar_medico, registrar_paciente
from services.prontuario.adapters.assinatura_teste import NOME_AC
from services.prontuario.adapters.evolucoes import PostgresDocumentosAssinados
from services.prontuario.tests.api.conftest import compartilhar, consulta_atendida

RECEITA = {
    "itens": [
        {
            "medicamento": "Amoxicilina",
            "dose": "500 mg",
            "posologia": "1 cápsula de 8 em 8 horas",
            "duracao": "7 dias",
        }
    ],
    "observacoes": "Tomar após as refeições.",
}


async def _emitir(
    api: httpx.AsyncClient,
    quem: dict[str, Any],
    paciente: dict[str, Any],
    consulta: dict[str, Any],
    tipo: str = "receitas",
    corpo: dict[str, Any] | None = None,
) -> httpx.Response:
    return await api.post(
        f"/prontuario/{paciente['id']}/{tipo}",
        json={"consulta_id": consulta["id"], **(corpo if corpo is not None else RECEITA)},
        headers=quem["headers"],
    )


async def _baixar(api: httpx.AsyncClient, url: str) -> bytes:
    r = await api.get(url)
    assert r.status_code == 200, r.text
    return r.content


def _raiz(gateway: Any) -> asn1_x509.Certificate:
    assinador = gateway.apps["prontuario"].state.prontuario.assinador
    _, _, der = pem.unarmor(assinador.raiz_pem())
    return asn1_x509.Certificate.load(der)


def _texto_do_pdf(pdf: bytes) -> str:
    """The text the PDF's content streams draw (fpdf2 compresses them; core fonts: Latin-1)."""
    partes = []
    for corpo in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            partes.append(zlib.decompress(corpo).decode("latin-1"))
        except zlib.error:
            continue
    return "".join(re.findall(r"\((.*?)\) ?Tj", "".join(partes)))


async def _validar(pdf: bytes, raiz: asn1_x509.Certificate) -> Any:
    (assinatura,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    return await async_validate_pdf_signature(assinatura, ValidationContext(trust_roots=[raiz]))


async def test_receita_assinada_valida_com_a_ac_de_teste_e_falha_com_um_byte_trocado(
    api, gateway, paciente, medico, banco
):
    consulta = await consulta_atendida(api, banco, medico, paciente)

    r = await _emitir(api, medico, paciente, consulta)

    assert r.status_code == 201, r.text
    emitido = r.json()
    assert emitido["documento"]["categoria"] == "receita"
    assert emitido["documento"]["status"] == "disponivel"
    assert emitido["documento"]["enviado_por"] == medico["id"]
    assert emitido["verificacao_url"].endswith(f"/verificar/{emitido['codigo']}")
    pdf = await _baixar(api, emitido["download"]["url"])
    assert pdf.startswith(b"%PDF") and emitido["documento"]["sha256"]
    raiz = _raiz(gateway)
    assert NOME_AC in raiz.subject.human_friendly

    texto = _texto_do_pdf(pdf)
    for esperado in ("Receita simples", "Amoxicilina", "Ana Paciente", emitido["codigo"]):
        assert esperado in texto, esperado
    assert "ICP-Brasil" in texto and "TESTE" in texto  # never passes for a qualified one

    status = await _validar(pdf, raiz)
    assert status.bottom_line and status.intact and status.trusted
    assert "TESTE" in status.signing_cert.subject.human_friendly

    alterado = bytearray(pdf)
    alterado[12] ^= 0x01  # the binary comment of the header: the PDF still parses
    status = await _validar(bytes(alterado), raiz)
    assert not status.intact and not status.bottom_line


async def test_paciente_ve_e_baixa_o_documento_no_prontuario(api, paciente, medico, banco):
    consulta = await consulta_atendida(api, banco, medico, paciente)
    emitido = (await _emitir(api, medico, paciente, consulta)).json()
    doc_id = emitido["documento"]["id"]

    r = await api.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    assert [d["id"] for d in r.json()["documentos"]] == [doc_id]
    r = await api.get(
        f"/prontuario/{paciente['id']}/documentos/{doc_id}", headers=paciente["headers"]
    )
    assert r.status_code == 200, r.text
    pdf = await _baixar(api, r.json()["download"]["url"])
    assert pdf == await _baixar(api, emitido["download"]["url"])
    r = await api.get(f"/prontuario/{paciente['id']}/acessos", headers=paciente["headers"])
    emissao = [a for a in r.json()["acessos"] if a["acao"] == "emissao"]
    assert [(a["documento_id"], a["usuario"]["id"]) for a in emissao] == [(doc_id, medico["id"])]


async def test_verificar_responde_ao_codigo_real_sem_dados_clinicos_e_404_aos_outros(
    api, paciente, medico, banco
):
    consulta = await consulta_atendida(api, banco, medico, paciente)
    emitido = (await _emitir(api, medico, paciente, consulta)).json()

    r = await api.get(f"/verificar/{emitido['codigo']}")  # no login: the pharmacy's check

    assert r.status_code == 200, r.text
    v = r.json()
    assert v["autentico"] is True and v["tipo"] == "receita" and v["certificado"] == "teste"
    assert v["medico"]["nome"] == "Dra. Beatriz Médica"
    assert v["sha256"] == emitido["documento"]["sha256"]
    assert "Amoxicilina" not in r.text and "Ana Paciente" not in r.text
    assert paciente["id"] not in r.text
    outro = "0000-0000-0000-0000"
    # The real code with its last character changed (to one it does not already have).
    trocado = emitido["codigo"][:-1] + ("Z" if emitido["codigo"][-1] != "Z" else "Y")
    for codigo in (outro, "nao-e-um-codigo", trocado):
        r = await api.get(f"/verificar/{codigo}")
        assert r.status_code == 404, codigo
        assert r.headers["content-type"].startswith("application/problem+json")


async def test_atestado_so_leva_cid_com_autorizacao_do_paciente(
    api, gateway, paciente, medico, banco
):
    consulta = await consulta_atendida(api, banco, medico, paciente)
    atestado = {"dias_afastamento": 2, "cid10": "j02.9"}

    r = await _emitir(api, medico, paciente, consulta, "atestados", atestado)
    assert r.status_code == 422, r.text
    assert r.json()["erros"][0]["campo"] == "cid10"
    r = await api.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    assert r.json()["documentos"] == []  # nothing was stored

    r = await _emitir(
        api, medico, paciente, consulta, "atestados", {**atestado, "autorizacao_cid": True}
    )
    assert r.status_code == 201, r.text
    assert r.json()["documento"]["categoria"] == "atestado"
    pdf = await _baixar(api, r.json()["download"]["url"])
    assert (await _validar(pdf, _raiz(gateway))).bottom_line


async def test_estranho_outro_paciente_e_medico_sem_compartilhamento(api, paciente, medico, banco):
    consulta = await consulta_atendida(api, banco, medico, paciente)
    emitido = (await _emitir(api, medico, paciente, consulta)).json()
    url = f"/prontuario/{paciente['id']}/documentos/{emitido['documento']['id']}"
    estranho = await registrar_medico(api)
    outro_paciente = await registrar_paciente(api)

    # Issuing: only the consultation's doctor.
    assert (await _emitir(api, estranho, paciente, consulta)).status_code == 404
    assert (await _emitir(api, paciente, paciente, consulta)).status_code == 403
    assert (await _emitir(api, outro_paciente, paciente, consulta)).status_code == 403
    # Reading the PDF: the record's rules.
    assert (await api.get(url)).status_code == 401
    assert (await api.get(url, headers=outro_paciente["headers"])).status_code == 403
    assert (await api.get(url, headers=estranho["headers"])).status_code == 403
    assert (await compartilhar(api, paciente, estranho)).status_code == 201
    assert (await api.get(url, headers=estranho["headers"])).status_code == 200


async def test_falha_depois_dos_bytes_deixa_documento_pendente_e_nenhum_arquivo_sem_registro(
    api, gateway, paciente, medico, banco, monkeypatch
):
    """The signed PDF is written only under a document row: when registering it fails, the
    row stays pending (hidden from the lists), and every stored object has its row."""
    consulta = await consulta_atendida(api, banco, medico, paciente)
    prontuario = gateway.apps["prontuario"].state.prontuario

    class Falha(Exception):
        pass

    async def falhar(*_: Any) -> None:
        raise Falha

    # Registering the issued document fails (after its bytes were written).
    monkeypatch.setattr(PostgresDocumentosAssinados, "adicionar", falhar)
    with contextlib.suppress(Falha):  # the ASGI transport may re-raise the app's error
        r = await _emitir(api, medico, paciente, consulta)
        assert r.status_code == 500
    monkeypatch.undo()

    linhas = await banco.fetch(
        "select id, status from prontuario.documentos where paciente_id = $1::uuid",
        paciente["id"],
    )
    assert [r["status"] for r in linhas] == ["pendente"]
    assinados = await banco.fetchval(
        "select count(*) from prontuario.documentos_assinados where paciente_id = $1::uuid",
        paciente["id"],
    )
    assert assinados == 0
    r = await api.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    assert r.status_code == 200 and r.json()["documentos"] == []
    # Every object kept under the patient's prefix belongs to a row (local storage:
    # ``<raiz>/<paciente_id>/<documento_id>.hmd``).
    pasta = prontuario.storage._raiz / paciente["id"]
    guardados = {p.stem for p in pasta.glob("*.hmd")}
    assert len(guardados) == 1 and guardados <= {str(r["id"]) for r in linhas}
    # The next emission works as always.
    r = await _emitir(api, medico, paciente, consulta)
    assert r.status_code == 201, r.text
