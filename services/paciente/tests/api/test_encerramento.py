"""POST /paciente/{id}/encerramento: the patient closes the account (LGPD art. 18), across the
whole stack. Appointments cancelled (even past the cutoff), shares revoked and the record
closed, the profile anonymised, every session and the login gone; a failure in the middle
leaves the login, and a retry finishes the rest."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from sqlalchemy import text

from libs.testing.contas import registrar_medico, registrar_paciente
from libs.testing.data import SENHA

CONFIRMAR = {"senha": SENHA, "confirmacao": "ENCERRAR"}


def _daqui(**delta: float) -> datetime:
    base = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=1)
    return base + timedelta(**delta)


async def _horario(api: httpx.AsyncClient, medico: dict[str, Any], inicio: datetime) -> str:
    r = await api.post(
        "/medico/horarios",
        json={"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()},
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    return str(r.json()["horarios"][0]["id"])


async def _consulta(api: httpx.AsyncClient, paciente: dict[str, Any], horario_id: str) -> str:
    r = await api.post("/consultas", json={"horario_id": horario_id}, headers=paciente["headers"])
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def _encerrar(
    api: httpx.AsyncClient, paciente: dict[str, Any], **body: str
) -> httpx.Response:
    return await api.post(
        f"/paciente/{paciente['id']}/encerramento",
        json={**CONFIRMAR, **body},
        headers=paciente["headers"],
    )


async def _mundo(api: httpx.AsyncClient) -> dict[str, Any]:
    """A doctor who takes late bookings, a patient with a pending appointment in three days,
    a confirmed one starting in an hour (inside the patient's 2 h cancellation cutoff), a
    share of the record with the doctor and a calendar subscription."""
    medico = await registrar_medico(api, antecedencia_minima_minutos=0)
    paciente = await registrar_paciente(api)
    h_longe = await _horario(api, medico, _daqui(days=3))
    h_perto = await _horario(api, medico, _daqui(hours=1))
    longe = await _consulta(api, paciente, h_longe)
    perto = await _consulta(api, paciente, h_perto)
    r = await api.post(f"/medico/consultas/{perto}/aceitar", headers=medico["headers"])
    assert r.status_code == 200, r.text
    # By hand the patient could not cancel the near one: the cutoff.
    r = await api.request(
        "DELETE",
        f"/consultas/{perto}",
        json={"justificativa": "Mudança de planos"},
        headers=paciente["headers"],
    )
    assert r.status_code == 409, r.text
    r = await api.post(
        f"/prontuario/{paciente['id']}/compartilhar",
        json={"medico_id": medico["id"], "duracao_horas": 48},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text
    assert (
        await api.get(f"/prontuario/{paciente['id']}", headers=medico["headers"])
    ).status_code == 200
    r = await api.post("/calendario/assinatura", headers=paciente["headers"])
    assert r.status_code == 201, r.text
    feed = urlsplit(r.json()["url"]).path.removeprefix("/api")
    assert (await api.get(feed)).status_code == 200
    return {
        "medico": medico,
        "paciente": paciente,
        "consultas": {longe, perto},
        "horarios": {h_longe, h_perto},
        "feed": feed,
    }


async def _consultas_do_medico(api: httpx.AsyncClient, medico: dict[str, Any]) -> dict[str, Any]:
    r = await api.get("/consultas", params={"por_pagina": 100}, headers=medico["headers"])
    assert r.status_code == 200, r.text
    return {c["id"]: c for c in r.json()["itens"]}


async def _tudo_encerrado(api: httpx.AsyncClient, m: dict[str, Any]) -> None:
    paciente, medico = m["paciente"], m["medico"]
    # Every cancelled, with the justification, as the doctor sees them.
    consultas = await _consultas_do_medico(api, medico)
    for cid in m["consultas"]:
        assert consultas[cid]["status"] == "cancelada"
        assert consultas[cid]["justificativa"] == "Conta encerrada pelo paciente"
    # The slots are free again.
    r = await api.get(
        f"/medicos/{medico['id']}/agenda",
        params={"de": _daqui().isoformat(), "ate": _daqui(days=4).isoformat()},
    )
    assert {h["id"] for h in r.json()["horarios"]} >= m["horarios"]
    # The doctor lost the record at once; the subscription address is dead.
    r = await api.get(f"/prontuario/{paciente['id']}", headers=medico["headers"])
    assert r.status_code == 403
    assert (await api.get(m["feed"])).status_code == 404
    # The old token is refused everywhere.
    for caminho in (f"/paciente/{paciente['id']}", "/consultas", f"/prontuario/{paciente['id']}"):
        assert (await api.get(caminho, headers=paciente["headers"])).status_code == 401, caminho
    r = await api.post("/auth/refresh", json={"refresh_token": paciente["refresh_token"]})
    assert r.status_code == 401
    # Login by e-mail or CPF answers like an unknown account.
    desconhecida = await api.post(
        "/auth/login", json={"email": "ninguem@exemplo.com", "senha": SENHA}
    )
    for login in ({"email": paciente["email"]}, {"cpf": paciente["cpf"]}):
        r = await api.post("/auth/login", json={**login, "senha": SENHA})
        assert r.status_code == 401
        assert r.json()["detail"] == desconhecida.json()["detail"]


async def test_encerrar_conta_cancela_revoga_anonimiza_e_apaga_o_login(api, gateway):
    m = await _mundo(api)
    paciente = m["paciente"]

    r = await _encerrar(api, paciente)

    assert r.status_code == 200, r.text
    corpo = r.json()
    assert corpo["consultas_canceladas"] == 2 and corpo["compartilhamentos_revogados"] == 1
    assert datetime.fromisoformat(corpo["encerrada_em"]).utcoffset() is not None
    await _tudo_encerrado(api, m)
    # What other services still learn of the patient: no name, no e-mail.
    app = gateway.apps["paciente"]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://paciente",
        headers={"x-service-token": app.state.settings.secret("service_token")},
    ) as interno:
        resumo = (await interno.get(f"/internal/pacientes/{paciente['id']}")).json()
    assert resumo == {"id": paciente["id"], "nome": "Paciente (conta encerrada)", "email": None}


async def test_mesmo_email_e_cpf_abrem_conta_nova_depois_do_encerramento(api):
    antiga = await registrar_paciente(api, nome="Rita Lee")
    assert (await _encerrar(api, antiga)).status_code == 200
    nova = await registrar_paciente(api, nome="Rita Lee", email=antiga["email"], cpf=antiga["cpf"])
    assert nova["id"] != antiga["id"]
    r = await api.post("/auth/login", json={"cpf": antiga["cpf"], "senha": SENHA})
    assert r.status_code == 200 and r.json()["usuario_id"] == nova["id"]


async def test_consultas_passadas_ficam_como_estavam(api, gateway):
    medico = await registrar_medico(api)
    paciente = await registrar_paciente(api)
    cid = await _consulta(api, paciente, await _horario(api, medico, _daqui(days=2)))
    await api.post(f"/medico/consultas/{cid}/aceitar", headers=medico["headers"])
    # As if the appointment had happened last week.
    async with gateway.apps["consulta"].state.engine.begin() as conn:
        await conn.execute(
            text(
                "update consultas set inicio = inicio - interval '9 days',"
                " fim = fim - interval '9 days', medico_entrou_em = inicio - interval '9 days',"
                " paciente_entrou_em = inicio - interval '9 days' where id = :id"
            ),
            {"id": cid},
        )
    assert (await _encerrar(api, paciente)).json()["consultas_canceladas"] == 0
    realizada = (await _consultas_do_medico(api, medico))[cid]
    # The doctor's record of it keeps the name the patient had then (CFM 1.821/2007).
    assert realizada["status"] == "realizada"
    assert realizada["paciente"]["nome"] == paciente["nome"]


async def test_senha_errada_403_e_nada_muda(api):
    m = await _mundo(api)
    paciente = m["paciente"]
    r = await _encerrar(api, paciente, senha="Outra#Senha9")
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["detail"] == "Senha incorreta"
    await _nada_mudou(api, m)


async def test_confirmacao_diferente_de_encerrar_422_e_nada_muda(api):
    m = await _mundo(api)
    for confirmacao in ("encerrar", "ENCERRAR CONTA", ""):
        r = await _encerrar(api, m["paciente"], confirmacao=confirmacao)
        assert r.status_code == 422, confirmacao
        assert [e["campo"] for e in r.json()["erros"]] == ["confirmacao"]
    r = await api.post(
        f"/paciente/{m['paciente']['id']}/encerramento",
        json={"senha": SENHA},
        headers=m["paciente"]["headers"],
    )
    assert r.status_code == 422
    await _nada_mudou(api, m)


async def test_so_o_proprio_paciente_encerra_a_conta(api):
    m = await _mundo(api)
    outro = await registrar_paciente(api)
    for quem in (outro, m["medico"]):
        r = await api.post(
            f"/paciente/{m['paciente']['id']}/encerramento",
            json=CONFIRMAR,
            headers=quem["headers"],
        )
        assert r.status_code == 403
    r = await api.post(f"/paciente/{m['paciente']['id']}/encerramento", json=CONFIRMAR)
    assert r.status_code == 401
    await _nada_mudou(api, m)


async def _nada_mudou(api: httpx.AsyncClient, m: dict[str, Any]) -> None:
    paciente, medico = m["paciente"], m["medico"]
    consultas = await _consultas_do_medico(api, medico)
    assert {consultas[c]["status"] for c in m["consultas"]} == {"pendente", "confirmada"}
    assert (
        await api.get(f"/prontuario/{paciente['id']}", headers=medico["headers"])
    ).status_code == 200
    r = await api.get(f"/paciente/{paciente['id']}", headers=paciente["headers"])
    assert r.status_code == 200 and r.json()["nome"] == paciente["nome"]
    r = await api.post("/auth/login", json={"email": paciente["email"], "senha": SENHA})
    assert r.status_code == 200


@contextlib.contextmanager
def _falhando(gateway: Any, servico: str, fim_do_caminho: str) -> Iterator[list[str]]:
    """The paciente service's calls to ``servico`` on a path ending so answer 503 (the real
    client otherwise, over the real in-process HTTP); yields the paths that failed."""
    client = gateway.apps["paciente"].state.client
    original = client.post
    falhas: list[str] = []

    async def post(destino: str, caminho: str, *args: Any, **kw: Any) -> httpx.Response:
        if destino == servico and caminho.endswith(fim_do_caminho):
            falhas.append(caminho)
            return httpx.Response(503, json={"detail": "fora do ar"})
        response: httpx.Response = await original(destino, caminho, *args, **kw)
        return response

    client.post = post
    try:
        yield falhas
    finally:
        del client.post  # back to the class's method


async def _login(api: httpx.AsyncClient, paciente: dict[str, Any]) -> dict[str, str]:
    r = await api.post("/auth/login", json={"email": paciente["email"], "senha": SENHA})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


async def test_falha_no_meio_deixa_entrar_e_a_nova_tentativa_conclui(api, gateway):
    m = await _mundo(api)
    paciente = m["paciente"]

    # 1. prontuario does not answer: the appointments are already cancelled, nothing else.
    with _falhando(gateway, "prontuario", "/encerramento") as falhas:
        r = await _encerrar(api, paciente)
    assert r.status_code == 503 and falhas
    assert r.headers["content-type"].startswith("application/problem+json")
    consultas = await _consultas_do_medico(api, m["medico"])
    assert {consultas[c]["status"] for c in m["consultas"]} == {"cancelada"}
    assert (
        await api.get(f"/prontuario/{paciente['id']}", headers=m["medico"]["headers"])
    ).status_code == 200
    r = await api.get(f"/paciente/{paciente['id']}", headers=paciente["headers"])
    assert r.status_code == 200 and r.json()["email"] == paciente["email"]

    # 2. A retry, now auth fails at the very end: the profile is anonymised, the login stays.
    headers = await _login(api, paciente)
    with _falhando(gateway, "auth", "/encerrar") as falhas:
        r = await api.post(
            f"/paciente/{paciente['id']}/encerramento", json=CONFIRMAR, headers=headers
        )
    assert r.status_code == 503 and falhas
    assert (
        await api.get(f"/prontuario/{paciente['id']}", headers=m["medico"]["headers"])
    ).status_code == 403
    headers = await _login(api, paciente)
    perfil = await api.get(f"/paciente/{paciente['id']}", headers=headers)
    assert perfil.json()["nome"] == "Paciente (conta encerrada)"
    # Half-closed, the record takes nothing new and the profile cannot be filled in again.
    r = await api.post(
        f"/prontuario/{paciente['id']}/upload",
        json={
            "nome": "x.pdf",
            "categoria": "exame",
            "tipo_conteudo": "application/pdf",
            "tamanho": 10,
        },
        headers=headers,
    )
    assert r.status_code == 409
    r = await api.put(f"/paciente/{paciente['id']}", json={"nome": "De Volta"}, headers=headers)
    assert r.status_code == 409

    # 3. The retry that works finishes everything (and counts only what was left).
    r = await api.post(f"/paciente/{paciente['id']}/encerramento", json=CONFIRMAR, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["consultas_canceladas"] == 0 and r.json()["compartilhamentos_revogados"] == 0
    await _tudo_encerrado(api, m)
    assert (await api.get("/consultas", headers=headers)).status_code == 401


async def test_senha_errada_repetida_da_429_como_no_login(api):
    paciente = await registrar_paciente(api)
    status = [
        (await _encerrar(api, paciente, senha=f"Errada#{i}2027")).status_code for i in range(6)
    ]
    assert status[:5] == [403] * 5
    assert status[5] == 429
    # Not even the right password gets through while the window lasts: no guessing.
    r = await _encerrar(api, paciente)
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    r = await api.get(f"/paciente/{paciente['id']}", headers=paciente["headers"])
    assert r.status_code == 200


async def test_senhas_erradas_simultaneas_nao_passam_do_limite(api):
    """Issue 15 §4: the re-authentication's count is checked and kept atomically, like a
    login's: 20 wrong passwords at once get at most 5 × 403, the rest 429."""
    paciente = await registrar_paciente(api)
    respostas = await asyncio.gather(
        *(_encerrar(api, paciente, senha=f"Errada#{i}2027") for i in range(20))
    )
    status = [r.status_code for r in respostas]
    assert status.count(403) <= 5 and set(status) <= {403, 429}, status
    r = await api.get(f"/paciente/{paciente['id']}", headers=paciente["headers"])
    assert r.status_code == 200
