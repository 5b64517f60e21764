"""The FHIR R4 facade (issue 20 §3) through the public API: every answer is a valid FHIR resource
(checked with fhir.resources), and it reads and books through the JSON API, never beside it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from fhir.resources.R4B import get_fhir_model_class

from libs.errors import INDISPONIVEL
from libs.service_client import Endpoint, ServiceClient
from libs.testing.contas import registrar_medico, registrar_paciente
from services.medico.tests.api.conftest import ponto_isolado

FHIR = "application/fhir+json"
SP = ZoneInfo("America/Sao_Paulo")
MOTIVO = "Surgiu um imprevisto no trabalho"


def recurso(r: httpx.Response, status: int, tipo: str) -> dict[str, Any]:
    """The body of an answer that must have this status and be a valid FHIR ``tipo``."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(FHIR), r.headers["content-type"]
    corpo: dict[str, Any] = r.json()
    assert corpo["resourceType"] == tipo, corpo
    get_fhir_model_class(tipo).model_validate(corpo)
    return corpo


def problema(r: httpx.Response, status: int) -> str:
    """The Portuguese text of an OperationOutcome answered with this status."""
    corpo = recurso(r, status, "OperationOutcome")
    texto: str = corpo["issue"][0]["details"]["text"]
    return texto


def entradas(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    """The resources of a searchset Bundle."""
    assert bundle["type"] == "searchset"
    return [e["resource"] for e in bundle.get("entry", [])]


def em_dois_dias(horas: int = 0) -> datetime:
    base = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(days=2)
    return (base + timedelta(hours=horas)).astimezone(SP)


async def abrir(api: httpx.AsyncClient, medico: dict[str, Any], inicio: datetime, n: int = 1):
    """``n`` slots of 30 minutes from ``inicio`` (JSON API), and the next slot published."""
    r = await api.post(
        "/medico/horarios",
        json={
            "inicio": inicio.isoformat(),
            "fim": (inicio + timedelta(minutes=30 * n)).isoformat(),
            "duracao_minutos": 30,
        },
        headers=medico["headers"],
    )
    assert r.status_code == 201, r.text
    return r.json()["horarios"]


async def publicar(gateway: Any) -> None:
    """Deliver the agenda's outbox now: the search knows each doctor's next free slot."""
    await gateway.apps["consulta"].state.sincronizador.drenar()


async def medico_com_horarios(api, gateway, **perfil: Any) -> tuple[dict[str, Any], list]:
    medico = await registrar_medico(api, antecedencia_minima_minutos=0, **perfil)
    horarios = await abrir(api, medico, em_dois_dias(), n=2)
    await publicar(gateway)
    return medico, horarios


def pedido(horario_id: str, paciente_id: str | None = None) -> dict[str, Any]:
    """A new Appointment as an integrator sends it: the slot and the patient."""
    participantes = [{"actor": {"reference": f"Patient/{paciente_id}"}, "status": "accepted"}]
    return {
        "resourceType": "Appointment",
        "status": "proposed",
        "slot": [{"reference": f"Slot/{horario_id}"}],
        "participant": participantes
        if paciente_id
        else [{"type": [{"text": "paciente"}], "status": "accepted"}],
    }


async def test_metadata_e_um_capability_statement_r4(api):
    r = await api.get("/fhir/metadata")
    capacidade = recurso(r, 200, "CapabilityStatement")
    assert capacidade["fhirVersion"] == "4.0.1" and capacidade["format"] == ["json"]
    tipos = {res["type"] for res in capacidade["rest"][0]["resource"]}
    assert tipos == {"Practitioner", "PractitionerRole", "Schedule", "Slot", "Appointment"}


async def test_medico_como_practitioner_role_e_schedule_com_crm_do_cfm_e_especialidade(api):
    medico = await registrar_medico(api, uf="MG", especialidades=["cardiologia", "pediatria"])
    praticante = recurso(await api.get(f"/fhir/Practitioner/{medico['id']}"), 200, "Practitioner")
    (crm,) = praticante["identifier"]
    assert crm["system"] == "https://portal.cfm.org.br/crm/MG" and crm["value"] == medico["crm"]
    assert praticante["name"][0]["text"] == medico["nome"]
    papel = recurso(
        await api.get(f"/fhir/PractitionerRole/{medico['id']}"), 200, "PractitionerRole"
    )
    assert papel["practitioner"]["reference"] == f"Practitioner/{medico['id']}"
    codigos = [c["coding"][0] for c in papel["specialty"]]
    assert {c["code"] for c in codigos} == {"cardiologia", "pediatria"}
    assert {c["system"] for c in codigos} == {
        "https://healthmed.com.br/fhir/CodeSystem/especialidade"
    }
    assert "Cardiologia" in {c["display"] for c in codigos}
    agenda = recurso(await api.get(f"/fhir/Schedule/{medico['id']}"), 200, "Schedule")
    assert agenda["actor"][0]["reference"] == f"Practitioner/{medico['id']}"
    por_ator = recurso(
        await api.get("/fhir/Schedule", params={"actor": f"Practitioner/{medico['id']}"}),
        200,
        "Bundle",
    )
    assert [s["id"] for s in entradas(por_ator)] == [medico["id"]]


async def test_recurso_desconhecido_e_operation_outcome_404_em_portugues(api):
    # The JSON API's own words for an unknown doctor; an id that is no UUID names nothing.
    desconhecido = await api.get(f"/fhir/Practitioner/{uuid.uuid4()}")
    assert problema(desconhecido, 404) == "Médico não encontrado"
    assert problema(await api.get("/fhir/Schedule/nao-e-um-id"), 404) == "Recurso não encontrado"
    assert "_count" in problema(await api.get("/fhir/Slot", params={"_count": "0"}), 400)


async def test_slot_livre_por_especialidade_periodo_e_perto(api, gateway):
    lat, lon = ponto_isolado()
    perto, horarios = await medico_com_horarios(
        api, gateway, especialidades=["dermatologia"], localizacao={"lat": lat, "lon": lon}
    )
    # Another specialty at the same place, and the same specialty far away: neither appears.
    await medico_com_horarios(
        api, gateway, especialidades=["neurologia"], localizacao={"lat": lat, "lon": lon}
    )
    await medico_com_horarios(
        api, gateway, especialidades=["dermatologia"], localizacao={"lat": lat + 5, "lon": lon}
    )
    # A slot already booked is not free, so it is not public.
    paciente = await registrar_paciente(api)
    r = await api.post(
        "/consultas", json={"horario_id": horarios[1]["id"]}, headers=paciente["headers"]
    )
    assert r.status_code == 201, r.text
    await publicar(gateway)
    dia = em_dois_dias().date()
    params: Any = [
        ("specialty", "https://healthmed.com.br/fhir/CodeSystem/especialidade|dermatologia"),
        ("status", "free"),
        ("start", f"ge{(dia - timedelta(days=1)).isoformat()}"),
        ("start", f"le{(dia + timedelta(days=1)).isoformat()}"),
        ("near", f"{lat}|{lon}|50|km"),
    ]
    bundle = recurso(await api.get("/fhir/Slot", params=params), 200, "Bundle")
    slots = entradas(bundle)
    assert [s["id"] for s in slots] == [horarios[0]["id"]]
    (slot,) = slots
    assert slot["status"] == "free" and slot["schedule"]["reference"] == f"Schedule/{perto['id']}"
    assert slot["specialty"][0]["coding"][0]["code"] == "dermatologia"
    assert datetime.fromisoformat(slot["start"]) == datetime.fromisoformat(horarios[0]["inicio"])
    # A window that ends before the slot, another status, another code system: nothing.
    antes = [*params[:2], ("start", f"lt{dia.isoformat()}"), params[4]]
    assert entradas(recurso(await api.get("/fhir/Slot", params=antes), 200, "Bundle")) == []
    ocupados = [("status", "busy"), *params[2:]]
    assert entradas(recurso(await api.get("/fhir/Slot", params=ocupados), 200, "Bundle")) == []
    # One schedule: its free slots, whatever the place.
    por_agenda = {"schedule": f"Schedule/{perto['id']}"}
    bundle = recurso(await api.get("/fhir/Slot", params=por_agenda), 200, "Bundle")
    assert [s["id"] for s in entradas(bundle)] == [horarios[0]["id"]]


async def test_slot_com_parametro_invalido_e_400(api):
    for params in ({"start": "2026-13-01"}, {"start": "ge2026-12-01T10:00:00"}, {"near": "x|y"}):
        problema(await api.get("/fhir/Slot", params=params), 400)


async def test_appointment_marca_le_busca_e_cancela_pela_api_json(api, gateway):
    medico, horarios = await medico_com_horarios(api, gateway)
    paciente = await registrar_paciente(api)
    r = await api.post(
        "/fhir/Appointment",
        json=pedido(horarios[0]["id"], paciente["id"]),
        headers={**paciente["headers"], "content-type": FHIR},
    )
    criada = recurso(r, 201, "Appointment")
    assert r.headers["location"].endswith(f"/api/fhir/Appointment/{criada['id']}")
    assert criada["status"] == "pending" and criada["slot"] == [
        {"reference": f"Slot/{horarios[0]['id']}"}
    ]
    atores = {p["actor"]["reference"]: p["status"] for p in criada["participant"]}
    assert atores == {
        f"Practitioner/{medico['id']}": "needs-action",
        f"Patient/{paciente['id']}": "accepted",
    }
    # The same appointment in the JSON API: one source of truth.
    json_api = (await api.get(f"/consultas/{criada['id']}", headers=paciente["headers"])).json()
    assert json_api["status"] == "pendente" and json_api["horario_id"] == horarios[0]["id"]
    # The doctor accepts (JSON API); FHIR reads it booked.
    r = await api.post(f"/medico/consultas/{criada['id']}/aceitar", headers=medico["headers"])
    assert r.status_code == 200, r.text
    lida = recurso(
        await api.get(f"/fhir/Appointment/{criada['id']}", headers=paciente["headers"]),
        200,
        "Appointment",
    )
    assert lida["status"] == "booked"
    minhas = recurso(
        await api.get(
            "/fhir/Appointment", params={"status": "booked"}, headers=paciente["headers"]
        ),
        200,
        "Bundle",
    )
    assert [a["id"] for a in entradas(minhas)] == [criada["id"]] and minhas["total"] == 1
    # Cancelling the FHIR way: the resource sent back cancelled, with the reason.
    cancelar = {**lida, "status": "cancelled", "cancelationReason": {"text": MOTIVO}}
    r = await api.put(
        f"/fhir/Appointment/{criada['id']}", json=cancelar, headers=paciente["headers"]
    )
    cancelada = recurso(r, 200, "Appointment")
    assert cancelada["status"] == "cancelled"
    assert cancelada["cancelationReason"]["text"] == MOTIVO
    assert cancelada["cancelationReason"]["coding"][0]["code"] == "pat"
    json_api = (await api.get(f"/consultas/{criada['id']}", headers=paciente["headers"])).json()
    assert json_api["status"] == "cancelada" and json_api["justificativa"] == MOTIVO
    canceladas = recurso(
        await api.get(
            "/fhir/Appointment", params={"status": "cancelled"}, headers=paciente["headers"]
        ),
        200,
        "Bundle",
    )
    assert [a["id"] for a in entradas(canceladas)] == [criada["id"]]
    # The slot is free again, so public again.
    livres = recurso(await api.get("/fhir/Slot", params={"schedule": medico["id"]}), 200, "Bundle")
    assert horarios[0]["id"] in {s["id"] for s in entradas(livres)}


async def test_horario_tomado_e_409_operation_outcome_e_nada_muda(api, gateway):
    _, horarios = await medico_com_horarios(api, gateway)
    primeira, segunda = await registrar_paciente(api), await registrar_paciente(api)
    r = await api.post(
        "/fhir/Appointment", json=pedido(horarios[0]["id"]), headers=primeira["headers"]
    )
    recurso(r, 201, "Appointment")
    r = await api.post(
        "/fhir/Appointment", json=pedido(horarios[0]["id"]), headers=segunda["headers"]
    )
    assert problema(r, 409)
    r = await api.get("/consultas", headers=segunda["headers"])
    assert r.json()["total"] == 0


async def test_mesma_autorizacao_da_api_json(api, gateway):
    medico, horarios = await medico_com_horarios(api, gateway)
    dona, outra = await registrar_paciente(api), await registrar_paciente(api)
    r = await api.post("/fhir/Appointment", json=pedido(horarios[0]["id"]), headers=dona["headers"])
    consulta_id = recurso(r, 201, "Appointment")["id"]
    caminho = f"/fhir/Appointment/{consulta_id}"
    # Anonymous: 401; another patient: the appointment does not exist for them (404).
    assert problema(await api.get(caminho), 401)
    assert problema(await api.get("/fhir/Appointment"), 401)
    assert problema(await api.get(caminho, headers=outra["headers"]), 404)
    dela = recurso(await api.get("/fhir/Appointment", headers=outra["headers"]), 200, "Bundle")
    assert entradas(dela) == [] and dela["total"] == 0
    cancelar = {
        **recurso(await api.get(caminho, headers=dona["headers"]), 200, "Appointment"),
        "status": "cancelled",
        "cancelationReason": {"text": MOTIVO},
    }
    assert problema(await api.put(caminho, json=cancelar, headers=outra["headers"]), 404)
    # A doctor does not book (403, as POST /consultas), nor does a patient for someone else.
    r = await api.post(
        "/fhir/Appointment", json=pedido(horarios[1]["id"]), headers=medico["headers"]
    )
    assert problema(r, 403) == "Disponível apenas para pacientes"
    r = await api.post(
        "/fhir/Appointment",
        json=pedido(horarios[1]["id"], outra["id"]),
        headers=dona["headers"],
    )
    assert "paciente" in problema(r, 422)
    # Still pending, still the owner's only appointment.
    r = await api.get(f"/consultas/{consulta_id}", headers=dona["headers"])
    assert r.json()["status"] == "pendente"
    assert (await api.get("/consultas", headers=outra["headers"])).json()["total"] == 0


async def test_atualizacao_que_nao_e_cancelamento_e_recusada_e_nada_muda(api, gateway):
    _, horarios = await medico_com_horarios(api, gateway)
    paciente = await registrar_paciente(api)
    r = await api.post(
        "/fhir/Appointment", json=pedido(horarios[0]["id"]), headers=paciente["headers"]
    )
    atual = recurso(r, 201, "Appointment")
    caminho = f"/fhir/Appointment/{atual['id']}"
    remarcar = {**atual, "start": em_dois_dias(horas=5).isoformat()}
    assert "cancelamento" in problema(
        await api.put(caminho, json=remarcar, headers=paciente["headers"]), 422
    )
    sem_motivo = {**atual, "status": "cancelled"}
    assert "motivo" in problema(
        await api.put(caminho, json=sem_motivo, headers=paciente["headers"]), 422
    )
    curto = {**sem_motivo, "cancelationReason": {"text": "curto"}}
    assert problema(await api.put(caminho, json=curto, headers=paciente["headers"]), 422)
    outro_id = {**sem_motivo, "id": str(uuid.uuid4()), "cancelationReason": {"text": MOTIVO}}
    assert problema(await api.put(caminho, json=outro_id, headers=paciente["headers"]), 400)
    assert problema(await api.put(caminho, content=b"{", headers=paciente["headers"]), 400)
    assert problema(
        await api.put(caminho, json={"resourceType": "Slot"}, headers=paciente["headers"]), 400
    )
    r = await api.get(f"/consultas/{atual['id']}", headers=paciente["headers"])
    assert r.json()["status"] == "pendente"


async def test_fhir_fica_fora_do_openapi_publicado(api, gateway):
    # The medico service routes the facade; the public contract leaves it to /metadata.
    do_servico = gateway.apps["medico"].openapi()["paths"]
    assert "/fhir/metadata" in do_servico and "/fhir/Appointment/{appointment_id}" in do_servico
    caminhos = (await api.get("/openapi.json")).json()["paths"]
    assert not [c for c in caminhos if c.startswith("/fhir")]


async def test_agenda_fora_do_ar_e_503_operation_outcome_sem_nomear_o_servico(
    api, gateway, monkeypatch
):
    medico = await registrar_medico(api)
    app = gateway.apps["medico"]

    def recusar(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("recusada", request=request)

    fora = Endpoint("http://consulta.interno", httpx.MockTransport(recusar))
    cliente = ServiceClient(
        {**app.state.endpoints, "consulta": fora},
        token=app.state.settings.secret("service_token"),
        retries=0,
    )
    monkeypatch.setattr(app.state, "client", cliente)
    try:
        r = await api.get("/fhir/Slot", params={"schedule": f"Schedule/{medico['id']}"})
    finally:
        await cliente.aclose()
    assert problema(r, 503) == INDISPONIVEL
