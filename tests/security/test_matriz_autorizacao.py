"""The authorization matrix: for every endpoint that takes an id, each role and ownership
combination gets the expected status (issue "proof at scale", hostile input).

Roles: anonymous; the owning patient; another patient; the owning doctor; another doctor; and,
for the health record, a doctor with an active share, an expired share and a revoked share.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import pytest

from libs.db import async_url
from libs.testing.contas import registrar_medico, registrar_paciente
from services.consulta.domain.teleconsulta import TERMO_VERSAO
from services.consulta.tests.api.conftest import MOTIVO, aceitar, daqui, reservar, um_horario
from services.prontuario.tests.api.conftest import PDF, compartilhar, documento_enviado

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
        # No minimum notice: the room appointment starts in a few minutes.
        "medico": await registrar_medico(
            api, nome="Dr. Dono da Agenda", antecedencia_minima_minutos=0
        ),
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
        "h_link",
        "h_avaliar",
        "h_evolucao",
        "h_nota",
    ):
        ids[nome] = (await um_horario(api, p["medico"], inicio))["id"]
        inicio += timedelta(hours=1)
    # The room's appointment starts in 5 minutes: its join window (from 15 minutes before the
    # start to the end) is open while the matrix runs, so its participants get in.
    ids["h_sala"] = (await um_horario(api, p["medico"], daqui(minutos=5)))["id"]
    for nome in (
        "pendente",
        "aceitar",
        "recusar",
        "cancelar",
        "remarcar",
        "link",
        "avaliar",
        "sala",
        "evolucao",
        "nota",
    ):
        r = await reservar(api, p["paciente"], ids[f"h_{nome}"])
        assert r.status_code == 201, r.text
        ids[f"c_{nome}"] = r.json()["id"]
    for nome in ("link", "avaliar", "sala", "evolucao", "nota"):
        r = await aceitar(api, p["medico"], ids[f"c_{nome}"])
        assert r.status_code == 200, r.text
    # The patient accepts the teleconsultation terms once (they hold for every appointment).
    r = await api.post(
        f"/consultas/{ids['c_sala']}/consentimento",
        json={"versao": TERMO_VERSAO},
        headers=p["paciente"]["headers"],
    )
    assert r.status_code == 201, r.text
    ids["doc"] = (await documento_enviado(api, p["paciente"]))["id"]
    # The local storage's signed URLs: a download link of that document, and the upload link
    # of a document not confirmed yet, that has not received its bytes.
    r = await api.get(
        f"/prontuario/{ids['paciente']}/documentos/{ids['doc']}", headers=p["paciente"]["headers"]
    )
    assert r.status_code == 200, r.text
    ids["token_baixar"] = _token(r.json()["download"]["url"])
    r = await api.post(
        f"/prontuario/{ids['paciente']}/upload",
        json={
            "nome": "y.pdf",
            "categoria": "exame",
            "tipo_conteudo": "application/pdf",
            "tamanho": len(PDF),
        },
        headers=p["paciente"]["headers"],
    )
    assert r.status_code == 201, r.text
    ids["token_enviar"] = _token(r.json()["upload"]["url"])
    # An 'Avise-me' request of the patient for the other doctor (nobody frees that doctor's
    # slots in this world, so it is still there when its DELETE row runs).
    r = await api.post(
        f"/medicos/{p['outro_medico']['id']}/avisos",
        json={"ate": daqui(dias=30).isoformat()},
        headers=p["paciente"]["headers"],
    )
    assert r.status_code == 201, r.text
    ids["aviso"] = r.json()["id"]
    # A period the doctor blocked, far from every slot above (it would refuse them).
    bloqueio_de = daqui(dias=40)
    r = await api.post(
        "/medico/horarios/bloqueio",
        json={"de": bloqueio_de.isoformat(), "ate": (bloqueio_de + timedelta(hours=2)).isoformat()},
        headers=p["medico"]["headers"],
    )
    assert r.status_code == 200, r.text
    ids["bloqueio"] = r.json()["bloqueio"]["id"]
    # A calendar subscription address that no one holds (its format is a token's).
    ids["assinatura_falsa"] = uuid.uuid4().hex + ".ics"
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
        # Time passes for three confirmed appointments: they ended days ago, both sides having
        # entered the room (realizada; one to rate, two for the clinical record).
        for comando in (
            "update consulta.horarios set inicio = inicio - interval '4 days',"
            " fim = fim - interval '4 days' where id = $1",
            "update consulta.consultas set inicio = inicio - interval '4 days',"
            " fim = fim - interval '4 days', medico_entrou_em = inicio - interval '4 days',"
            " paciente_entrou_em = inicio - interval '4 days' where horario_id = $1",
        ):
            for horario in ("h_avaliar", "h_evolucao", "h_nota"):
                await conn.execute(comando, uuid.UUID(ids[horario]))
    finally:
        await conn.close()
    # Clinical notes of the doctor (written from the room's opening on, so after time passed
    # above): two drafts (one to edit, one to sign) and a signed one (to read and amend);
    # c_evolucao has none (its rows draft one and issue documents).
    for nota, consulta in (("rascunho", "sala"), ("assinar", "nota"), ("assinada", "avaliar")):
        r = await api.post(
            f"/prontuario/{ids['paciente']}/evolucoes",
            json={"consulta_id": ids[f"c_{consulta}"], "texto": "Evolução de teste"},
            headers=p["medico"]["headers"],
        )
        assert r.status_code == 201, r.text
        ids[f"evo_{nota}"] = r.json()["id"]
    r = await api.post(
        f"/prontuario/{ids['paciente']}/evolucoes/{ids['evo_assinada']}/assinar",
        headers=p["medico"]["headers"],
    )
    assert r.status_code == 200, r.text
    # A signed prescription: its code is what the public verification row asks about.
    r = await api.post(
        f"/prontuario/{ids['paciente']}/receitas",
        json={"consulta_id": ids["c_avaliar"], **RECEITA},
        headers=p["medico"]["headers"],
    )
    assert r.status_code == 201, r.text
    ids["codigo"] = r.json()["codigo"]
    return Mundo(p, ids)


def _token(url: str) -> str:
    """The token of a signed URL of the local storage (``.../api/prontuario/arquivos/<token>``)."""
    partes = urlsplit(url)
    assert partes.path.rsplit("/", 1)[0].endswith("/prontuario/arquivos") and not partes.query
    return partes.path.rsplit("/", 1)[1]


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
# A clinical note: the patient, its author and a doctor with a live share of the whole record
# read it; only its author writes it (other doctors: 404; patients: 403, a doctor's route).
EVOLUCAO_LEITURA = {**PRONTUARIO_LEITURA, "medico": 200}
EVOLUCAO_ESCRITA = {"anonimo": 401, "paciente": 403, "outro_paciente": 403, "medico": 200}
RECEITA = {
    "itens": [
        {"medicamento": "Dipirona", "dose": "500 mg", "posologia": "6/6 h", "duracao": "3 dias"}
    ]
}

MATRIZ = [
    _row("GET", "/paciente/{paciente}", PERFIL_PACIENTE, padrao=403),
    _row(
        "PUT", "/paciente/{paciente}", PERFIL_PACIENTE, {"nome": "Dona do Prontuário"}, padrao=403
    ),
    # Closing the account is irreversible and this world is shared: the row sends a wrong
    # password, so no role closes anything. The owner gets as far as the password (403 "Senha
    # incorreta"); everyone else is refused before it (403, anonymous 401). The closing itself:
    # services/paciente/tests/api/test_encerramento.py.
    _row(
        "POST",
        "/paciente/{paciente}/encerramento",
        {"anonimo": 401},
        {"senha": "Nao#EhASenha2027", "confirmacao": "ENCERRAR"},
        padrao=403,
    ),
    _row("PUT", "/medicos/{medico}", SO_MEDICO_DONO, {"bio": "Atende adultos."}, padrao=403),
    # Public: a doctor's profile and free slots are for everyone, logged in or not.
    _row("GET", "/medicos/{medico}", {}, padrao=200),
    _row("GET", "/medicos/{medico}/agenda", {}, padrao=200),
    # 'Avise-me': each patient asks for their own request (doctors cannot ask: 403).
    _row(
        "POST",
        "/medicos/{medico}/avisos",
        {"anonimo": 401, "paciente": 201, "outro_paciente": 201},
        "aviso_post",
        padrao=403,
    ),
    _row(
        "DELETE",
        "/avisos/{aviso}",
        {"anonimo": 401, "paciente": 204, "outro_paciente": 404},
        padrao=403,
    ),
    _row("PUT", "/medico/horarios/{h_livre_put}", SO_MEDICO_DONO, "horario_put", padrao=404),
    _row("DELETE", "/medico/horarios/{h_livre_del}", {**SO_MEDICO_DONO, "medico": 204}, padrao=404),
    _row("DELETE", "/medico/bloqueios/{bloqueio}", {**SO_MEDICO_DONO, "medico": 204}, padrao=404),
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
    # The calendar subscription's feed takes no login (its secret address is the credential; a
    # live one is tested in services/consulta/tests/api/test_assinatura_calendario.py): an
    # address no one holds is the same 404 for everyone, logged in or not.
    _row("GET", "/calendario/{assinatura_falsa}", {}, padrao=404),
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
    # Only the patient rates a realizada appointment (doctors, its own included, get 403, like
    # booking); another patient does not see it (404).
    _row(
        "POST",
        "/consultas/{c_avaliar}/avaliacao",
        {"anonimo": 401, "paciente": 201, "outro_paciente": 404},
        {"nota": 5},
        padrao=403,
    ),
    # The rating is public on the doctor's page; only its doctor replies and reports it (other
    # doctors: 404; patients: 403, a doctor's route). The attendance: its doctor only.
    _row("GET", "/medicos/{medico}/avaliacoes", {}, padrao=200),
    _row(
        "POST",
        "/medico/avaliacoes/{c_avaliar}/resposta",
        {**SO_MEDICO_DONO, "medico": 204},
        {"texto": "Obrigado pela avaliação."},
        padrao=404,
    ),
    _row(
        "POST",
        "/medico/avaliacoes/{c_avaliar}/denuncia",
        {**SO_MEDICO_DONO, "medico": 204},
        {"motivo": "Teste da matriz de autorização."},
        padrao=404,
    ),
    _row(
        "POST",
        "/medico/consultas/{c_avaliar}/comparecimento",
        SO_MEDICO_DONO,
        {"compareceu": True},
        padrao=404,
    ),
    # Teleconsultation: its participants only, 404 for anyone else (like GET /consultas/{id}).
    # The link of a confirmed appointment: created for the patient (201), the same one for the
    # doctor (200).
    _row("POST", "/consultas/{c_link}/link", {**PARTICIPANTES, "paciente": 201}, padrao=404),
    _row("GET", "/consultas/{c_sala}/sala", PARTICIPANTES, padrao=404),
    _row("GET", "/consultas/{c_sala}/consentimento", PARTICIPANTES, padrao=404),
    # Only the patient consents (already did in ``mundo``: 200); its doctor gets 403.
    _row(
        "POST",
        "/consultas/{c_sala}/consentimento",
        {**PARTICIPANTES, "medico": 403},
        {"versao": TERMO_VERSAO},
        padrao=404,
    ),
    _row("GET", "/consultas/{c_sala}/presencas", PARTICIPANTES, padrao=404),
    _row("GET", "/prontuario/{paciente}", PRONTUARIO_LEITURA, padrao=403),
    _row("GET", "/prontuario/{paciente}/documentos/{doc}", PRONTUARIO_LEITURA, padrao=403),
    _row(
        "POST",
        "/prontuario/{paciente}/documentos/{doc}/confirmar",
        SO_DONA_DO_PRONTUARIO,
        padrao=403,
    ),
    # The local storage's signed URLs (S3's presigned ones on AWS): the token is the credential,
    # whoever holds it, logged in or not; forged, expired or swapped tokens are refused
    # (services/prontuario/tests/unit/test_links.py, test_documentos.py). An upload URL takes
    # the bytes once (the first holder to send, here the anonymous one), then answers 409.
    _row("GET", "/prontuario/arquivos/{token_baixar}", {}, padrao=200),
    _row("PUT", "/prontuario/arquivos/{token_enviar}", {"anonimo": 204}, "pdf_put", padrao=409),
    _row("GET", "/prontuario/{paciente}/acessos", SO_DONA_DO_PRONTUARIO, padrao=403),
    _row("GET", "/prontuario/{paciente}/compartilhamentos", SO_DONA_DO_PRONTUARIO, padrao=403),
    _row("GET", "/prontuario/{paciente}/exportacao", SO_DONA_DO_PRONTUARIO, padrao=403),
    # Before the share row below, which shares the record with outro_medico.
    _row("GET", "/prontuario/{paciente}/evolucoes", EVOLUCAO_LEITURA, padrao=403),
    _row("GET", "/prontuario/{paciente}/evolucoes/{evo_assinada}", EVOLUCAO_LEITURA, padrao=403),
    _row(
        "POST",
        "/prontuario/{paciente}/evolucoes",
        {**EVOLUCAO_ESCRITA, "medico": 201},
        "evolucao_post",
        padrao=404,
    ),
    _row(
        "PUT",
        "/prontuario/{paciente}/evolucoes/{evo_rascunho}",
        EVOLUCAO_ESCRITA,
        {"texto": "Reescrita"},
        padrao=404,
    ),
    _row(
        "POST",
        "/prontuario/{paciente}/evolucoes/{evo_assinar}/assinar",
        EVOLUCAO_ESCRITA,
        padrao=404,
    ),
    # Signed documents: only the consultation's doctor issues (other doctors: 404); anyone,
    # logged in or not, checks a real verification code.
    _row(
        "POST",
        "/prontuario/{paciente}/receitas",
        {**EVOLUCAO_ESCRITA, "medico": 201},
        "receita_post",
        padrao=404,
    ),
    _row(
        "POST",
        "/prontuario/{paciente}/atestados",
        {**EVOLUCAO_ESCRITA, "medico": 201},
        "atestado_post",
        padrao=404,
    ),
    _row("GET", "/verificar/{codigo}", {}, padrao=200),
    _row(
        "POST",
        "/prontuario/{paciente}/evolucoes/{evo_assinada}/adendos",
        {**EVOLUCAO_ESCRITA, "medico": 201},
        {"texto": "Adendo de teste"},
        padrao=404,
    ),
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
    ),  # Last: the doctor (in the room since its row above) ends the room's appointment.
    _row("POST", "/medico/consultas/{c_sala}/encerrar", SO_MEDICO_DONO, padrao=404),
]


def _corpo(corpo: Any, mundo: Mundo) -> Any:
    if corpo == "horario_put":
        inicio = daqui(dias=10)
        return {"inicio": inicio.isoformat(), "fim": (inicio + timedelta(minutes=30)).isoformat()}
    if corpo == "remarcar_post":
        return {"horario_id": mundo.ids["h_remarcar_novo"]}
    if corpo == "aviso_post":
        return {"ate": daqui(dias=20).isoformat()}
    if corpo == "pdf_put":
        return PDF
    if corpo == "receita_post":
        return {"consulta_id": mundo.ids["c_evolucao"], **RECEITA}
    if corpo == "atestado_post":
        return {"consulta_id": mundo.ids["c_evolucao"], "dias_afastamento": 1}
    if corpo == "evolucao_post":
        return {"consulta_id": mundo.ids["c_evolucao"], "texto": "Evolução da matriz"}
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
        dados = _corpo(corpo, mundo)
        if isinstance(dados, bytes):  # raw bytes to a signed upload URL
            r = await api.request(
                metodo, url, content=dados, headers={**headers, "Content-Type": "application/pdf"}
            )
        else:
            r = await api.request(metodo, url, json=dados, headers=headers)
        obtido[role] = r.status_code
        if r.status_code >= 400:
            assert r.headers["content-type"].startswith("application/problem+json")
    assert obtido == esperado


# Id-taking operations of the public contract deliberately left out of the matrix, each with
# why. (The signaling WebSocket, /consultas/{id}/sala/sinalizacao, is no OpenAPI operation: its
# refusals, 4401 without a token and 4403 for strangers, are tested by
# services/consulta/tests/api/test_teleconsulta_sinalizacao.py.)
FORA_DA_MATRIZ: dict[tuple[str, str], str] = {}
_METODOS = {"get", "post", "put", "patch", "delete"}


def _modelo(caminho: str) -> str:
    """A path template with its parameters unnamed: ``/consultas/{c_pendente}`` of a row and
    ``/consultas/{consulta_id}`` of the contract are the same route."""
    return re.sub(r"\{[^}]*\}", "{}", caminho)


async def test_matriz_cobre_toda_operacao_com_id_do_contrato(api):
    r = await api.get("/openapi.json")
    assert r.status_code == 200, r.text
    com_id = {
        (metodo.upper(), _modelo(caminho))
        for caminho, operacoes in r.json()["paths"].items()
        if "{" in caminho
        for metodo in operacoes
        if metodo in _METODOS
    }
    na_matriz = {(p.values[0], _modelo(p.values[1])) for p in MATRIZ}
    excluidas = {(metodo, _modelo(caminho)) for metodo, caminho in FORA_DA_MATRIZ}
    faltando = sorted(com_id - na_matriz - excluidas)
    assert not faltando, f"operações com id fora da matriz de autorização: {faltando}"
    # Nor stale rows or exclusions: each names an operation the contract still has, once.
    assert not sorted((na_matriz | excluidas) - com_id)
    assert not na_matriz & excluidas
