"""Sharing with a doctor: the journey, chosen documents, expiry, revocation, link lifetime."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from libs.testing.contas import registrar_medico
from services.prontuario.tests.api.conftest import (
    PDF,
    PNG,
    compartilhar,
    documento_enviado,
)


def _hora(texto: str) -> datetime:
    return datetime.fromisoformat(texto)


async def test_jornada_compartilhar_baixar_revogar(api, paciente, medico):
    doc = await documento_enviado(api, paciente)
    base = f"/prontuario/{paciente['id']}"
    sem = await api.get(base, headers=medico["headers"])
    assert sem.status_code == 403

    r = await compartilhar(api, paciente, medico, duracao_horas=48)
    assert r.status_code == 201, r.text
    share = r.json()
    assert share["medico_id"] == medico["id"] and share["documentos"] is None
    fim = _hora(share["expira_em"])
    assert timedelta(hours=47, minutes=59) < fim - datetime.now(UTC) <= timedelta(hours=48)

    r = await api.get("/prontuario/compartilhados", headers=medico["headers"])
    assert r.status_code == 200
    (meu,) = [c for c in r.json()["compartilhados"] if c["paciente_id"] == paciente["id"]]
    assert meu["id"] == share["id"] and _hora(meu["expira_em"]) == fim
    assert meu["paciente"]["nome"] == "Ana Paciente"

    r = await api.get(base, headers=medico["headers"])
    assert r.status_code == 200
    assert [d["id"] for d in r.json()["documentos"]] == [doc["id"]]

    r = await api.get(f"{base}/documentos/{doc['id']}", headers=medico["headers"])
    assert r.status_code == 200, r.text
    download = r.json()["download"]
    assert _hora(download["expira_em"]) <= datetime.now(UTC) + timedelta(minutes=5)
    arquivo = await api.get(download["url"])
    assert arquivo.status_code == 200 and arquivo.content == PDF

    r = await api.delete(f"{base}/compartilhamentos/{share['id']}", headers=paciente["headers"])
    assert r.status_code == 204
    assert (await api.get(base, headers=medico["headers"])).status_code == 403
    r = await api.get(f"{base}/documentos/{doc['id']}", headers=medico["headers"])
    assert r.status_code == 403
    # Even the link handed out before the revocation stops working at once (local storage).
    assert (await api.get(download["url"])).status_code == 403
    r = await api.get("/prontuario/compartilhados", headers=medico["headers"])
    assert all(c["id"] != share["id"] for c in r.json()["compartilhados"])

    r = await api.get(f"{base}/compartilhamentos", headers=paciente["headers"])
    (visto,) = r.json()["compartilhamentos"]
    assert visto["id"] == share["id"] and visto["ativo"] is False and visto["revogado_em"]
    # Revoking again changes nothing.
    r = await api.delete(f"{base}/compartilhamentos/{share['id']}", headers=paciente["headers"])
    assert r.status_code == 204


async def test_todo_o_prontuario_inclui_documentos_futuros(api, paciente, medico):
    assert (await compartilhar(api, paciente, medico)).status_code == 201
    doc = await documento_enviado(api, paciente, PNG, "image/png", "depois.png")
    r = await api.get(f"/prontuario/{paciente['id']}", headers=medico["headers"])
    assert [d["id"] for d in r.json()["documentos"]] == [doc["id"]]


async def test_medico_nao_ve_documento_pendente(api, paciente, medico):
    await documento_enviado(api, paciente)
    pendente = await api.post(
        f"/prontuario/{paciente['id']}/upload",
        json={
            "nome": "x.pdf",
            "categoria": "exame",
            "tipo_conteudo": "application/pdf",
            "tamanho": 10,
        },
        headers=paciente["headers"],
    )
    await compartilhar(api, paciente, medico)
    r = await api.get(f"/prontuario/{paciente['id']}", headers=medico["headers"])
    ids = [d["id"] for d in r.json()["documentos"]]
    assert pendente.json()["documento"]["id"] not in ids and len(ids) == 1


async def test_compartilhar_documentos_escolhidos(api, paciente, medico):
    escolhido = await documento_enviado(api, paciente, nome="escolhido.pdf")
    outro = await documento_enviado(api, paciente, PNG, "image/png", "outro.png")
    r = await compartilhar(api, paciente, medico, documentos=[escolhido["id"]])
    assert r.status_code == 201, r.text
    assert r.json()["documentos"] == [escolhido["id"]]
    base = f"/prontuario/{paciente['id']}"
    r = await api.get(base, headers=medico["headers"])
    assert [d["id"] for d in r.json()["documentos"]] == [escolhido["id"]]
    assert (
        await api.get(f"{base}/documentos/{escolhido['id']}", headers=medico["headers"])
    ).status_code == 200
    r = await api.get(f"{base}/documentos/{outro['id']}", headers=medico["headers"])
    assert r.status_code == 403
    # A later document is not covered either.
    novo = await documento_enviado(api, paciente, nome="novo.pdf")
    r = await api.get(base, headers=medico["headers"])
    assert novo["id"] not in [d["id"] for d in r.json()["documentos"]]


async def test_documento_de_outro_prontuario_no_compartilhamento_e_422(api, paciente, medico):
    r = await compartilhar(api, paciente, medico, documentos=[str(uuid.uuid4())])
    assert r.status_code == 422
    assert r.json()["erros"][0]["campo"] == "documentos"
    r = await compartilhar(api, paciente, medico, documentos=[])
    assert r.status_code == 422


async def test_medico_sem_compartilhamento_recebe_403(api, paciente, medico):
    doc = await documento_enviado(api, paciente)
    estranho = await registrar_medico(api)
    await compartilhar(api, paciente, medico)
    base = f"/prontuario/{paciente['id']}"
    assert (await api.get(base, headers=estranho["headers"])).status_code == 403
    r = await api.get(f"{base}/documentos/{doc['id']}", headers=estranho["headers"])
    assert r.status_code == 403
    for path in (f"{base}/acessos", f"{base}/compartilhamentos", f"{base}/exportacao"):
        assert (await api.get(path, headers=medico["headers"])).status_code == 403, path
    r = await api.post(
        f"{base}/compartilhar",
        json={"medico_id": estranho["id"], "duracao_horas": 1},
        headers=medico["headers"],
    )
    assert r.status_code == 403


async def test_compartilhamento_que_terminou_ha_um_segundo_nega(api, paciente, medico, banco):
    doc = await documento_enviado(api, paciente)
    share = (await compartilhar(api, paciente, medico)).json()
    base = f"/prontuario/{paciente['id']}"
    assert (await api.get(base, headers=medico["headers"])).status_code == 200
    await banco.execute(
        "update prontuario.compartilhamentos set expira_em = now() - interval '1 second',"
        " criado_em = now() - interval '1 hour' where id = $1",
        uuid.UUID(share["id"]),
    )
    assert (await api.get(base, headers=medico["headers"])).status_code == 403
    r = await api.get(f"{base}/documentos/{doc['id']}", headers=medico["headers"])
    assert r.status_code == 403
    r = await api.get("/prontuario/compartilhados", headers=medico["headers"])
    assert all(c["id"] != share["id"] for c in r.json()["compartilhados"])
    r = await api.get(f"{base}/compartilhamentos", headers=paciente["headers"])
    assert r.json()["compartilhamentos"][0]["ativo"] is False


async def test_link_nunca_passa_do_fim_do_compartilhamento(api, paciente, medico):
    doc = await documento_enviado(api, paciente)
    fim = datetime.now(UTC) + timedelta(seconds=3)
    r = await compartilhar(api, paciente, medico, expira_em=fim.isoformat())
    assert r.status_code == 201, r.text
    r = await api.get(
        f"/prontuario/{paciente['id']}/documentos/{doc['id']}", headers=medico["headers"]
    )
    download = r.json()["download"]
    assert _hora(download["expira_em"]) <= fim
    assert (await api.get(download["url"])).status_code == 200
    await asyncio.sleep(max(0.0, (fim - datetime.now(UTC)).total_seconds()) + 0.2)
    r = await api.get(download["url"])
    assert r.status_code == 403
    assert (
        await api.get(f"/prontuario/{paciente['id']}", headers=medico["headers"])
    ).status_code == 403


async def test_link_de_download_vive_no_maximo_cinco_minutos(api, paciente, medico):
    doc = await documento_enviado(api, paciente)
    await compartilhar(api, paciente, medico, duracao_horas=24 * 30)
    for quem in (medico, paciente):
        antes = datetime.now(UTC)
        r = await api.get(
            f"/prontuario/{paciente['id']}/documentos/{doc['id']}", headers=quem["headers"]
        )
        expira = _hora(r.json()["download"]["expira_em"])
        assert timedelta(minutes=4) < expira - antes <= timedelta(minutes=5)


async def test_prazo_no_passado_longo_demais_ou_ambiguo_e_422_e_nada_muda(api, paciente, medico):
    agora = datetime.now(UTC)
    for body in (
        {"expira_em": (agora - timedelta(minutes=1)).isoformat()},
        {"expira_em": (agora + timedelta(days=30, hours=1)).isoformat()},
        {"duracao_horas": 30 * 24 + 1},
        {"duracao_horas": 0},
        {"duracao_horas": 2, "expira_em": (agora + timedelta(hours=1)).isoformat()},
        {"expira_em": "amanhã"},
        {"duracao_horas": "NaN"},
    ):
        r = await api.post(
            f"/prontuario/{paciente['id']}/compartilhar",
            json={"medico_id": medico["id"], **body},
            headers=paciente["headers"],
        )
        assert r.status_code == 422, (body, r.text)
    r = await compartilhar(api, paciente, medico, duracao_horas=30 * 24)
    assert r.status_code == 201
    r = await api.get(
        f"/prontuario/{paciente['id']}/compartilhamentos", headers=paciente["headers"]
    )
    assert len(r.json()["compartilhamentos"]) == 1


async def test_medico_desconhecido_e_404(api, paciente):
    r = await compartilhar(api, paciente, {"id": str(uuid.uuid4())})
    assert r.status_code == 404
    assert "Médico" in r.json()["detail"]


async def test_revogar_compartilhamento_de_outro_prontuario_e_404(api, paciente, medico):
    from libs.testing.contas import registrar_paciente

    outro = await registrar_paciente(api)
    share = (await compartilhar(api, outro, medico)).json()
    r = await api.delete(
        f"/prontuario/{paciente['id']}/compartilhamentos/{share['id']}",
        headers=paciente["headers"],
    )
    assert r.status_code == 404


async def test_lista_de_compartilhados_e_so_para_medicos(api, paciente):
    r = await api.get("/prontuario/compartilhados", headers=paciente["headers"])
    assert r.status_code == 403
    assert (await api.get("/prontuario/compartilhados")).status_code == 401
