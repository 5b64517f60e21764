"""GET /consultas/{id}/calendario.ics: the appointment as an iCalendar file, for its
participants only, read back the way a calendar app reads it (lines unfolded)."""

from __future__ import annotations

from datetime import UTC

from services.consulta.tests.api.conftest import (
    aceitar,
    cancelar,
    instante,
    registrar_medico,
    registrar_paciente,
    reservar,
    um_horario,
)


def _ics(conteudo: str) -> tuple[dict[str, str], list[str]]:
    """The VEVENT's properties (its alarm's left out) and every unfolded content line."""
    assert conteudo.endswith("\r\n")
    linhas = conteudo.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")
    inicio, fim = linhas.index("BEGIN:VEVENT"), linhas.index("END:VEVENT")
    evento = linhas[inicio + 1 : fim]
    if "BEGIN:VALARM" in evento:
        evento = evento[: evento.index("BEGIN:VALARM")] + evento[evento.index("END:VALARM") + 1 :]
    return dict(linha.split(":", 1) for linha in evento), linhas


async def _baixar(api, quem, consulta_id):
    headers = quem["headers"] if quem else {}
    return await api.get(f"/consultas/{consulta_id}/calendario.ics", headers=headers)


async def _consulta(api):
    medico = await registrar_medico(api, nome="Dra. Ana Beatriz Souza")
    paciente = await registrar_paciente(api, nome="Sofia Helena Ramos")
    horario = await um_horario(api, medico)
    r = await reservar(api, paciente, horario["id"])
    assert r.status_code == 201, r.text
    return medico, paciente, r.json()


def _utc(valor: str) -> str:
    return instante(valor).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


async def test_paciente_baixa_o_arquivo_do_pedido_com_o_nome_do_medico(api):
    medico, paciente, consulta = await _consulta(api)
    r = await _baixar(api, paciente, consulta["id"])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    data = instante(consulta["inicio"]).strftime("%Y-%m-%d")  # the doctor's clock (São Paulo)
    assert r.headers["content-disposition"] == f'attachment; filename="consulta-{data}.ics"'
    assert r.headers["cache-control"] == "no-store"
    evento, linhas = _ics(r.content.decode())
    assert linhas[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//HealthMed//Agenda de consultas//PT-BR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert evento["UID"] == f"{consulta['id']}@healthmed"
    assert evento["SUMMARY"] == "Consulta com Dra. Ana Beatriz Souza"
    assert evento["STATUS"] == "TENTATIVE"
    assert evento["DTSTART"] == _utc(consulta["inicio"])
    assert evento["DTEND"] == _utc(consulta["fim"])
    assert evento["SEQUENCE"] == "0"
    assert evento["LOCATION"].startswith("http")
    assert evento["LOCATION"].endswith(f"/sala/{consulta['id']}")
    assert evento["URL"].endswith("/consultas")
    assert "BEGIN:VALARM" in linhas and "TRIGGER:-PT1H" in linhas
    assert medico["crm"] not in r.text


async def test_medico_ve_so_o_primeiro_nome_e_o_aceite_atualiza_o_mesmo_evento(api):
    medico, paciente, consulta = await _consulta(api)
    antes, _ = _ics((await _baixar(api, medico, consulta["id"])).text)
    assert (await aceitar(api, medico, consulta["id"])).status_code == 200
    r = await _baixar(api, medico, consulta["id"])
    assert r.status_code == 200, r.text
    evento, linhas = _ics(r.text)
    assert evento["SUMMARY"] == "Consulta — Sofia"
    assert evento["STATUS"] == "CONFIRMED"
    assert evento["UID"] == antes["UID"]
    assert int(evento["SEQUENCE"]) > int(antes["SEQUENCE"])
    assert "BEGIN:VALARM" in linhas
    # Data minimisation: no surname, no CPF, no e-mail of the patient.
    for dado in ("Helena", "Ramos", paciente["cpf"], paciente["email"]):
        assert dado not in r.text
    # The patient's file follows the same change.
    do_paciente, _ = _ics((await _baixar(api, paciente, consulta["id"])).text)
    assert do_paciente["STATUS"] == "CONFIRMED"
    assert do_paciente["SEQUENCE"] == evento["SEQUENCE"]


async def test_cancelada_e_cancelled_sem_alarme_e_supera_a_anterior(api):
    medico, paciente, consulta = await _consulta(api)
    assert (await aceitar(api, medico, consulta["id"])).status_code == 200
    confirmada, _ = _ics((await _baixar(api, paciente, consulta["id"])).text)
    assert (await cancelar(api, paciente, consulta["id"])).status_code == 200
    r = await _baixar(api, paciente, consulta["id"])
    assert r.status_code == 200, r.text
    evento, linhas = _ics(r.text)
    assert evento["STATUS"] == "CANCELLED"
    assert "BEGIN:VALARM" not in linhas
    assert int(evento["SEQUENCE"]) > int(confirmada["SEQUENCE"])
    assert "Surgiu um imprevisto" not in r.text  # the justification stays in HealthMed


async def test_so_participantes_baixam_e_os_outros_recebem_o_mesmo_404(api):
    _medico, _paciente, consulta = await _consulta(api)
    estranho = await registrar_paciente(api)
    outro_medico = await registrar_medico(api)
    ver = await api.get(f"/consultas/{consulta['id']}", headers=estranho["headers"])
    assert ver.status_code == 404
    for quem in (estranho, outro_medico):
        r = await _baixar(api, quem, consulta["id"])
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["detail"] == ver.json()["detail"]
    r = await _baixar(api, None, consulta["id"])
    assert r.status_code == 401
    assert r.headers["content-type"].startswith("application/problem+json")


async def test_consulta_desconhecida_e_404_e_id_invalido_e_422(api):
    paciente = await registrar_paciente(api)
    r = await _baixar(api, paciente, "00000000-0000-4000-8000-000000000000")
    assert r.status_code == 404
    r = await _baixar(api, paciente, "nao-e-uuid")
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
