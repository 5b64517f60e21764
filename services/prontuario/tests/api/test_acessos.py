"""The access log through the API: what it records, who reads it, and that its chain holds."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from services.prontuario.comandos import verify_audit
from services.prontuario.tests.api.conftest import compartilhar, documento_enviado


async def test_registro_de_acessos_conta_tudo_mais_recente_primeiro(
    api, paciente, medico, prontuario_settings
):
    inicio = datetime.now(UTC) - timedelta(seconds=1)
    doc = await documento_enviado(api, paciente)
    base = f"/prontuario/{paciente['id']}"
    await api.get(base, headers=paciente["headers"])
    share = (await compartilhar(api, paciente, medico)).json()
    await api.get(base, headers=medico["headers"])
    await api.get(f"{base}/documentos/{doc['id']}", headers=medico["headers"])
    await api.delete(f"{base}/compartilhamentos/{share['id']}", headers=paciente["headers"])
    negado = await api.get(base, headers=medico["headers"])
    assert negado.status_code == 403

    r = await api.get(f"{base}/acessos", headers=paciente["headers"])
    assert r.status_code == 200, r.text
    acessos = r.json()["acessos"]
    assert [(a["acao"], a["usuario"]["papel"]) for a in acessos] == [
        ("revogacao", "paciente"),
        ("link_download", "medico"),
        ("listagem", "medico"),
        ("compartilhamento", "paciente"),
        ("listagem", "paciente"),
    ]
    revogacao, link, listagem_medico, *_ = acessos
    assert link["documento_id"] == doc["id"]
    assert link["usuario"] == {"id": medico["id"], "papel": "medico", "nome": "Dra. Beatriz Médica"}
    assert revogacao["usuario"]["nome"] == "Ana Paciente"
    assert listagem_medico["documento_id"] is None
    assert all(a["ip"] == "127.0.0.1" for a in acessos)
    momentos = [datetime.fromisoformat(a["quando"]) for a in acessos]
    assert momentos == sorted(momentos, reverse=True) and momentos[-1] >= inicio

    resultado = await verify_audit.verificar(prontuario_settings)
    assert resultado.quebra is None and resultado.verificadas >= len(acessos)


async def test_registro_e_so_do_paciente(api, paciente, medico):
    from libs.testing.contas import registrar_paciente

    await compartilhar(api, paciente, medico)
    outro = await registrar_paciente(api)
    path = f"/prontuario/{paciente['id']}/acessos"
    assert (await api.get(path, headers=medico["headers"])).status_code == 403
    assert (await api.get(path, headers=outro["headers"])).status_code == 403
    assert (await api.get(path)).status_code == 401
    # And nobody's reading of their own log shows up in someone else's.
    r = await api.get(f"/prontuario/{outro['id']}/acessos", headers=outro["headers"])
    assert r.json()["acessos"] == []


async def test_servico_pronto_inclui_o_armazenamento(gateway):
    import httpx

    app = gateway.apps["prontuario"]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://p") as c:
        r = await c.get("/readyz")
    assert r.status_code == 200 and r.json()["problemas"] == []


async def test_leituras_concorrentes_do_mesmo_prontuario_numeram_a_cadeia_sem_buracos(
    api, paciente, banco, prontuario_settings
):
    base = f"/prontuario/{paciente['id']}"
    respostas = await asyncio.gather(
        *(api.get(base, headers=paciente["headers"]) for _ in range(20))
    )
    assert [r.status_code for r in respostas] == [200] * 20
    linhas = await banco.fetch(
        "select seq from prontuario.acessos_por_paciente where paciente_id = $1 order by seq",
        uuid.UUID(paciente["id"]),
    )
    assert [linha["seq"] for linha in linhas] == list(range(1, 21))
    resultado = await verify_audit.verificar(prontuario_settings)
    assert resultado.quebra is None
    assert resultado.cabecas[uuid.UUID(paciente["id"])][0] == 20
