"""The authorization matrix: for every endpoint that takes an id, each role and ownership
combination gets the expected status (issue "proof at scale", hostile input).

Roles: anonymous; the owning patient; another patient; the owning doctor; another doctor; and,
for the health record, a doctor with an active share, an expired share and a revoked share.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import asyncpg
import pytest

from libs.db import async_url
from libs.testing.contas import registrar_medico, registrar_paciente
from services.consulta.tests.api.conftest import MOTIVO, daqui, reservar, um_horario
from services.prontuario.tests.api.conftest import compartilhar, documento_enviado

ROLES = (
    "anonimo",
    "paciente",
    "outro_paciente",
    "medico",
    "outro_medico",
    "com_share",
    "share_expirado",
    "share_revogado",
)


@dataclass
class Mundo:
    pessoas: dict[str, dict[str, Any]]
    ids: dict[str, str]


@pytest.fixture(scope="module")
async def mundo(api, database_url) -> Mundo:
    p = {
        "paciente": await registrar_paciente(api, nome="Dona do Prontuário"),
        "outro_paciente": await registrar_paciente(api),
        "medico": await registrar_medico(api, nome="Dr. Dono da Agenda"),
        "outro_medico": await registrar_medico(api),
        "com_share": await registrar_medico(api),
        "share_expirado": await registrar_medico(api),
        "share_revogado": await registrar_medico(api),
    }
    ids: dict[str, str] = {"paciente": p["paciente"]["id"], "medico": p["medico"]["id"]}
    inicio = daqui(dias=3)
    for nome in (
        "h_pendente",
        "h_aceitar",
        "h_recusar",
        "h_cancelar",
        "h_livre_put",
        "h_livre_del",
        "h_remarcar",
        "h_remarcar_novo",
    ):
        ids[nome] = (await um_horario(api, p["medico"], inicio))["id"]
        inicio += timedelta(hours=1)
    for nome in ("pendente", "aceitar", "recusar", "cancelar", "remarcar"):
        r = await reservar(api, p["paciente"], ids[f"h_{nome}"])
        assert r.status_code == 201, r.text
        ids[f"c_{nome}"] = r.json()["id"]
    ids["doc"] = (await documento_enviado(api, p["paciente"]))["id"]
    for role in ("com_share", "share_expirado", "share_revogado"):
        r = await compartilhar(api, p["paciente"], p[role])
        assert r.status_code == 201, r.text
        ids[f"share_{role}"] = r.json()["id"]
    r = await api.delete(
        f"/prontuario/{ids['paciente']}/compartilhamentos/{ids['share_share_revogado']}",
        headers=p["paciente"]["headers"],
    )
    assert r.status_code == 204
    conn = await asyncpg.connect(
        async_url(database_url).replace("postgresql+asyncpg://", "postgresql://")
    )
    try:
        await conn.execute(
            "update prontuario.compartilhamentos set expira_em = now() - interval '1 second',"
            " criado_em = now() - interval '1 hour' where id = $1",
            uuid.UUID(ids["share_share_expirado"]),
        )
    finally:
        await conn.close()
    return Mundo(p, ids)


def _row(
    metodo: str,
    caminho: str,
    esperado: dict[str, int],
    corpo: Any = None,
    padrao: int | None = None,
):
    full = {r: esperado.get(r, padrao) for r in ROLES}
    return pytest.param(metodo, caminho, corpo, full, id=f"{metodo} {caminho}")


PERFIL_PACIENTE = {"anonimo": 401, "paciente": 200, "outro_paciente": 403}
SO_MEDICO_DONO = {"anonimo": 401, "paciente": 403, "outro_paciente": 403, "medico": 200}
PARTICIPANTES = {"anonimo": 401, "paciente": 200, "outro_paciente": 404, "medico": 200}
PRONTUARIO_LEITURA = {"anonimo": 401, "paciente": 200, "outro_paciente": 403, "com_share": 200}
SO_DONA_DO_PRONTUARIO = {"anonimo": 401, "paciente": 200, "outro_paciente": 403}

MATRIZ = [
    _row("GET", "/paciente/{paciente}", PERFIL_PACIENTE, padrao=403),
    _row(
        "PUT", "/paciente/{paciente}", PERFIL_PACIENTE, {"nome": "Dona do Prontuário"}, padrao=403
    ),
    _row("PUT", "/medicos/{medico}", SO_MEDICO_DONO, {"bio": "Atende adultos."}, padrao=403),
    _row("PUT", "/medico/horarios/{h_livre_put}", SO_MEDICO_DONO, "horario_put", padrao=404),
    _row("DELETE", "/medico/horarios/{h_livre_del}", {**SO_MEDICO_DONO, "medico": 204}, padrao=404),
    _row("POST", "/medico/consultas/{c_aceitar}/aceitar", SO_MEDICO_DONO, padrao=404),
    _row(
        "POST",
        "/medico/consultas/{c_recusar}/recusar",
        SO_MEDICO_DONO,
        {"justificativa": "Agenda cheia"},
        padrao=404,
    ),
    _row("GET", "/consultas/{c_pendente}", PARTICIPANTES, padrao=404),
    _row("GET", "/consultas/{c_pendente}/calendario.ics", PARTICIPANTES, padrao=404),
    # The patient cancels first; the doctor, a participant too, then finds it already cancelled.
    _row(
        "DELETE",
        "/consultas/{c_cancelar}",
        {**PARTICIPANTES, "medico": 409},
        {"justificativa": MOTIVO},
        padrao=404,
    ),
    # Only patients reschedule (doctors, its own included, get 403, like booking); another
    # patient does not see the appointment (404). The owner moves it to a free slot.
    _row(
        "POST",
        "/consultas/{c_remarcar}/remarcar",
        {"anonimo": 401, "paciente": 201, "outro_paciente": 404},
        "remarcar_post",
        padrao=403,
    ),
    _row("GET", "/prontuario/{paciente}", PRONTUARIO_LEITURA, padrao=403),
    _row("GET", "/prontuario/{paciente}/documentos/{doc}", PRONTUARIO_LEITURA, padrao=403),
    _row("GET", "/prontuario/{paciente}/acessos", SO_DONA_DO_PRONTUARIO, padrao=403),
    _row("GET", "/prontuario/{paciente}/compartilhamentos", SO_DONA_DO_PRONTUARIO, padrao=403),
    _row("GET", "/prontuario/{paciente}/exportacao", SO_DONA_DO_PRONTUARIO, padrao=403),
    _row(
        "POST",
        "/prontuario/{paciente}/upload",
        {**SO_DONA_DO_PRONTUARIO, "paciente": 201},
        {"nome": "x.pdf", "categoria": "exame", "tipo_conteudo": "application/pdf", "tamanho": 100},
        padrao=403,
    ),
    _row(
        "POST",
        "/prontuario/{paciente}/compartilhar",
        {**SO_DONA_DO_PRONTUARIO, "paciente": 201},
        "share_post",
        padrao=403,
    ),
    _row(
        "DELETE",
        "/prontuario/{paciente}/compartilhamentos/{share_com_share}",
        {**SO_DONA_DO_PRONTUARIO, "paciente": 204},
        padrao=403,
    ),
]


def _corpo(corpo: Any, mundo: Mundo) -> Any:
    if corpo == "horario_put":
        inicio = daqui(dias=10)
        return {"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()}
    if corpo == "remarcar_post":
        return {"horario_id": mundo.ids["h_remarcar_novo"]}
    if corpo == "share_post":
        return {"medico_id": mundo.pessoas["outro_medico"]["id"], "duracao_horas": 1}
    return corpo


@pytest.mark.xdist_group("matriz")
@pytest.mark.parametrize(("metodo", "caminho", "corpo", "esperado"), MATRIZ)
async def test_matriz_de_autorizacao(api, mundo: Mundo, metodo, caminho, corpo, esperado):
    url = caminho.format(**mundo.ids)
    obtido: dict[str, int] = {}
    # ROLES ends with the owners: a successful change must not hide what the others would get.
    for role in ROLES:
        headers = {} if role == "anonimo" else mundo.pessoas[role]["headers"]
        r = await api.request(metodo, url, json=_corpo(corpo, mundo), headers=headers)
        obtido[role] = r.status_code
        if r.status_code >= 400:
            assert r.headers["content-type"].startswith("application/problem+json")
    assert obtido == esperado
