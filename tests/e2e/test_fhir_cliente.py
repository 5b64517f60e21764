"""A real FHIR R4 client (``fhirclient``, SMART on FHIR's Python client) against the running
product's facade at ``/api/fhir`` (issue 20 §3), as an integrator would use it: read the
CapabilityStatement, find a doctor's free slots, book one as the logged-in patient, be refused
a taken slot with an OperationOutcome, read and search the appointment, cancel it with a reason.
fhirclient parses every answer with its own R4 models (strict: an element it does not know
fails), so this also checks the facade against a second, independent FHIR implementation.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import requests
from fhirclient.models.appointment import Appointment
from fhirclient.models.codeableconcept import CodeableConcept
from fhirclient.models.operationoutcome import OperationOutcome
from fhirclient.models.practitioner import Practitioner
from fhirclient.models.practitionerrole import PractitionerRole
from fhirclient.models.slot import Slot
from fhirclient.server import FHIRNotFoundException, FHIRServer, FHIRUnauthorizedException

from libs.testing.data import SENHA, novo_cpf, novo_crm, novo_email
from tests.e2e.conftest import Servidor

ESPECIALIDADES = "https://healthmed.com.br/fhir/CodeSystem/especialidade"
MOTIVO = "Não vou poder comparecer nesse dia"
# A place of its own in the Amazon, away from the doctors of other tests.
LAT, LON = -7.123, -63.456


def _json(resposta: httpx.Response, status: int) -> Any:
    assert resposta.status_code == status, resposta.text
    return resposta.json()


@pytest.fixture(scope="module")
def pessoas(servidor: Servidor) -> Iterator[dict[str, Any]]:
    """A doctor with two free slots in two days and two patients, through the JSON API."""
    with httpx.Client(base_url=servidor.api, timeout=30) as api:
        crm = novo_crm()
        medico = _json(
            api.post(
                "/medicos",
                json={
                    "nome": "Dra. Interoperável",
                    "crm": crm,
                    "uf": "AM",
                    "email": novo_email("medica"),
                    "senha": SENHA,
                    "especialidades": ["dermatologia"],
                    "localizacao": {"lat": LAT, "lon": LON},
                    "antecedencia_minima_minutos": 0,
                },
            ),
            201,
        )
        token = _json(api.post("/auth/login", json={"crm": crm, "uf": "AM", "senha": SENHA}), 200)
        inicio = (datetime.now(UTC) + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
        horarios = _json(
            api.post(
                "/medico/horarios",
                json={
                    "inicio": inicio.isoformat(),
                    "fim": (inicio + timedelta(hours=1)).isoformat(),
                    "duracao_minutos": 30,
                },
                headers={"Authorization": f"Bearer {token['access_token']}"},
            ),
            201,
        )["horarios"]
        pacientes = []
        for nome in ("Paciente Interoperável", "Outra Paciente"):
            email = novo_email("paciente")
            corpo = {"nome": nome, "email": email, "cpf": novo_cpf(), "senha": SENHA}
            perfil = _json(api.post("/paciente", json=corpo), 201)
            login = _json(api.post("/auth/login", json={"email": email, "senha": SENHA}), 200)
            pacientes.append({**perfil, "token": login["access_token"]})
        # The search finds a doctor by the next free slot, which the agenda publishes to the
        # doctor's profile right after the commit (an outbox): wait for it, as a person would.
        for _ in range(120):
            if _json(api.get(f"/medicos/{medico['id']}"), 200)["proximo_horario"]:
                break
            time.sleep(0.25)
        yield {"medico": medico, "horarios": horarios, "pacientes": pacientes, "inicio": inicio}


def _servidor_fhir(servidor: Servidor, token: str | None = None) -> FHIRServer:
    """fhirclient's server, with the patient's bearer token on every request."""
    fhir = FHIRServer(None, base_uri=servidor.api + "/fhir/")
    if token:
        fhir.session.headers["Authorization"] = f"Bearer {token}"
    return fhir


def _desfecho(erro: requests.HTTPError | Exception) -> tuple[int, str]:
    """The status and the Portuguese text of a refusal, read as a FHIR OperationOutcome."""
    resposta = erro.response  # type: ignore[union-attr]
    outcome = OperationOutcome(jsondict=resposta.json())
    return resposta.status_code, outcome.issue[0].details.text


def test_jornada_de_agendamento_com_cliente_fhir(servidor: Servidor, pessoas):
    medico, horarios = pessoas["medico"], pessoas["horarios"]
    paciente, outra = pessoas["pacientes"]
    anonimo = _servidor_fhir(servidor)

    # What the server does, read and parsed by the client (R4 models, strict).
    capacidade = anonimo.capabilityStatement
    assert capacidade.fhirVersion == "4.0.1"
    assert {r.type for r in capacidade.rest[0].resource} >= {"Slot", "Appointment"}

    # The doctor: CRM of the regional council as the identifier, the specialty coded.
    praticante = Practitioner.read(medico["id"], anonimo)
    (crm,) = praticante.identifier
    assert (crm.system, crm.value) == ("https://portal.cfm.org.br/crm/AM", medico["crm"])
    papel = PractitionerRole.read(medico["id"], anonimo)
    assert [c.coding[0].code for c in papel.specialty] == ["dermatologia"]

    # Free slots: by specialty, a date range and near a place, no login.
    dia = pessoas["inicio"].date()
    busca = Slot.where(
        struct={
            "specialty": f"{ESPECIALIDADES}|dermatologia",
            "status": "free",
            "start": {"$and": [f"ge{dia - timedelta(days=1)}", f"le{dia + timedelta(days=1)}"]},
            "near": f"{LAT}|{LON}|30|km",
        }
    )
    livres = list(busca.perform_resources_iter(anonimo))
    assert [s.id for s in livres] == [h["id"] for h in horarios]
    assert {s.schedule.reference for s in livres} == {f"Schedule/{medico['id']}"}

    # Booking needs a login (401); the patient books the first slot.
    def pedido(slot: Slot, quem: dict[str, Any]) -> Appointment:
        return Appointment(
            {
                "status": "proposed",
                "slot": [{"reference": f"Slot/{slot.id}"}],
                "participant": [
                    {"actor": {"reference": f"Patient/{quem['id']}"}, "status": "accepted"}
                ],
            }
        )

    with pytest.raises(FHIRUnauthorizedException):
        pedido(livres[0], paciente).create(anonimo)
    como_paciente = _servidor_fhir(servidor, paciente["token"])
    criada = Appointment(pedido(livres[0], paciente).create(como_paciente))
    assert criada.status == "pending" and criada.slot[0].reference == f"Slot/{livres[0].id}"

    # The slot is taken: another patient's booking is a 409 OperationOutcome, in Portuguese.
    como_outra = _servidor_fhir(servidor, outra["token"])
    with pytest.raises(requests.HTTPError) as recusa:
        pedido(livres[0], outra).create(como_outra)
    status, texto = _desfecho(recusa.value)
    assert status == 409 and texto
    # ... and it is no longer among the free slots.
    depois = list(
        Slot.where(struct={"schedule": f"Schedule/{medico['id']}"}).perform_resources_iter(anonimo)
    )
    assert [s.id for s in depois] == [horarios[1]["id"]]

    # Read and search: the patient's own; for the other patient it does not exist.
    lida = Appointment.read(criada.id, como_paciente)
    assert {p.actor.reference for p in lida.participant} == {
        f"Practitioner/{medico['id']}",
        f"Patient/{paciente['id']}",
    }
    minhas = list(
        Appointment.where(struct={"status": "pending"}).perform_resources_iter(como_paciente)
    )
    assert [a.id for a in minhas] == [criada.id]
    assert list(Appointment.where(struct={}).perform_resources_iter(como_outra)) == []
    with pytest.raises(FHIRNotFoundException):
        Appointment.read(criada.id, como_outra)

    # Cancelling, the FHIR way: the resource sent back cancelled, with the reason.
    lida.status = "cancelled"
    lida.cancelationReason = CodeableConcept({"text": MOTIVO})
    cancelada = Appointment(lida.update(como_paciente))
    assert cancelada.status == "cancelled" and cancelada.cancelationReason.text == MOTIVO
    assert Appointment.read(criada.id, como_paciente).status == "cancelled"
    # The same appointment in the JSON API: one source of truth.
    r = httpx.get(
        f"{servidor.api}/consultas/{criada.id}",
        headers={"Authorization": f"Bearer {paciente['token']}"},
        timeout=10,
    )
    assert (r.json()["status"], r.json()["justificativa"]) == ("cancelada", MOTIVO)
    # Cancelling again is a conflict of the JSON API, passed on as an OperationOutcome.
    with pytest.raises(requests.HTTPError) as de_novo:
        lida.update(como_paciente)
    assert _desfecho(de_novo.value)[0] == 409
