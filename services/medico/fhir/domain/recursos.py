"""FHIR R4 resources made from the public JSON contract.

Pure translation, no HTTP: each function takes what a JSON route answers (``shared/API.md``) and
returns the FHIR resource as JSON, after ``fhir.resources`` (its R4B models, which match R4 in
every element used here) accepted it, so a mapping mistake fails here and never reaches a
client. What clients send is read in :mod:`.pedidos`; the ``CapabilityStatement`` is
:mod:`.capacidade`. The mapping is described in ``docs/api-extensoes.md`` ("Fachada FHIR R4").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from fhir.resources.R4B import get_fhir_model_class

FHIR_JSON = "application/fhir+json"
VERSAO_FHIR = "4.0.1"
# The CFM publishes no FHIR identifier system: one URI per regional council (a CRM number is
# unique only within its UF), under the CFM's own address.
SISTEMA_CRM = "https://portal.cfm.org.br/crm/{uf}"
# HealthMed's code system of specialties: the slugs of GET /especialidades (the CFM list).
SISTEMA_ESPECIALIDADE = "https://healthmed.com.br/fhir/CodeSystem/especialidade"
_V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"
_MOTIVO_CANCELAMENTO = "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason"

# The appointment's states (API.md) as FHIR Appointment.status; both a cancellation and a
# refusal are "cancelled" (the refusal with the provider as the reason), and both absences
# (the patient's, the doctor's) are "noshow".
STATUS_DA_CONSULTA: dict[str, str] = {
    "pendente": "pending",
    "confirmada": "booked",
    "realizada": "fulfilled",
    "cancelada": "cancelled",
    "recusada": "cancelled",
    "nao_compareceu": "noshow",
    "medico_ausente": "noshow",
}
_PARTICIPACAO_DO_MEDICO = {"pendente": "needs-action", "recusada": "declined"}
# OperationOutcome.issue.code for each HTTP status the facade answers.
_CODIGO_DO_PROBLEMA = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    409: "conflict",
    413: "too-long",
    415: "not-supported",
    422: "business-rule",
    429: "throttled",
    503: "transient",
}


def validado(dados: Mapping[str, Any]) -> dict[str, Any]:
    """The resource as ``fhir.resources`` serializes it once it validated ``dados``."""
    modelo = get_fhir_model_class(str(dados["resourceType"]))
    resultado: dict[str, Any] = json.loads(
        modelo.model_validate(dict(dados)).model_dump_json(exclude_none=True)
    )
    return resultado


def referencia(tipo: str, ident: object, nome: str | None = None) -> dict[str, Any]:
    """A relative reference (``Practitioner/<id>``), with a display when there is a name."""
    ref: dict[str, Any] = {"reference": f"{tipo}/{ident}"}
    if nome:
        ref["display"] = nome
    return ref


def identificador_crm(crm: str, uf: str) -> dict[str, Any]:
    """The CRM as a FHIR identifier: the council of the UF is the system."""
    return {
        "use": "official",
        "type": {
            "coding": [{"system": _V2_0203, "code": "MD", "display": "Medical License number"}],
            "text": "CRM",
        },
        "system": SISTEMA_CRM.format(uf=uf.upper()),
        "value": crm,
        "assigner": {"display": f"CRM-{uf.upper()}"},
    }


def especialidades(slugs: Iterable[str], nomes: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each specialty as a CodeableConcept of HealthMed's code system."""
    return [
        {
            "coding": [
                {"system": SISTEMA_ESPECIALIDADE, "code": slug, "display": nomes.get(slug, slug)}
            ],
            "text": nomes.get(slug, slug),
        }
        for slug in slugs
    ]


def praticante(medico: Mapping[str, Any]) -> dict[str, Any]:
    """``Practitioner`` from a doctor's public profile (``GET /medicos/{id}``) or a search item."""
    recurso: dict[str, Any] = {
        "resourceType": "Practitioner",
        "id": str(medico["id"]),
        "active": True,
        "identifier": [identificador_crm(medico["crm"], medico["uf"])],
        "name": [{"text": medico["nome"]}],
    }
    if medico.get("telefone"):
        recurso["telecom"] = [{"system": "phone", "value": medico["telefone"], "use": "work"}]
    endereco = medico.get("endereco")
    if endereco:
        recurso["address"] = [
            {
                "use": "work",
                "line": [endereco["logradouro"]] if endereco.get("logradouro") else None,
                "city": endereco.get("cidade"),
                "state": endereco.get("uf"),
                "postalCode": endereco.get("cep"),
                "country": "BR",
            }
        ]
    return validado(recurso)


def papel(medico: Mapping[str, Any], nomes: Mapping[str, str]) -> dict[str, Any]:
    """``PractitionerRole`` (same id as the doctor): the doctor with every specialty coded."""
    return validado(
        {
            "resourceType": "PractitionerRole",
            "id": str(medico["id"]),
            "active": True,
            "identifier": [identificador_crm(medico["crm"], medico["uf"])],
            "practitioner": referencia("Practitioner", medico["id"], medico["nome"]),
            "code": [{"text": "Médico(a)"}],
            "specialty": especialidades(medico["especialidades"], nomes),
        }
    )


def agenda(medico: Mapping[str, Any], nomes: Mapping[str, str]) -> dict[str, Any]:
    """``Schedule`` (same id as the doctor): one agenda per doctor, as in the JSON API."""
    return validado(
        {
            "resourceType": "Schedule",
            "id": str(medico["id"]),
            "active": True,
            "actor": [
                referencia("Practitioner", medico["id"], medico["nome"]),
                referencia("PractitionerRole", medico["id"]),
            ],
            "specialty": especialidades(medico["especialidades"], nomes),
            "comment": "Teleconsultas na HealthMed",
        }
    )


def horario(
    livre: Mapping[str, Any], medico: Mapping[str, Any], nomes: Mapping[str, str]
) -> dict[str, Any]:
    """``Slot`` from a free slot of ``GET /medicos/{id}/agenda`` (only free ones are public)."""
    return validado(
        {
            "resourceType": "Slot",
            "id": str(livre["id"]),
            "schedule": referencia("Schedule", medico["id"], medico["nome"]),
            "status": "free",
            "start": livre["inicio"],
            "end": livre["fim"],
            "specialty": especialidades(medico["especialidades"], nomes),
        }
    )


def consulta(c: Mapping[str, Any]) -> dict[str, Any]:
    """``Appointment`` from an appointment of the JSON API (``GET /consultas/{id}``)."""
    status = c["status"]
    recurso: dict[str, Any] = {
        "resourceType": "Appointment",
        "id": str(c["id"]),
        "status": STATUS_DA_CONSULTA[status],
        "start": c["inicio"],
        "end": c["fim"],
        "participant": [
            {
                "actor": referencia("Practitioner", c["medico"]["id"], c["medico"]["nome"]),
                "required": "required",
                "status": _PARTICIPACAO_DO_MEDICO.get(status, "accepted"),
            },
            {
                "actor": referencia("Patient", c["paciente"]["id"], c["paciente"]["nome"]),
                "required": "required",
                "status": "accepted",
            },
        ],
        "description": "Teleconsulta",
    }
    if c.get("horario_id"):
        recurso["slot"] = [referencia("Slot", c["horario_id"])]
    if c.get("criada_em"):
        recurso["created"] = c["criada_em"]
    if c.get("atualizada_em"):
        recurso["meta"] = {"lastUpdated": c["atualizada_em"]}
    if status in ("cancelada", "recusada"):
        quem = "prov" if status == "recusada" or c.get("cancelada_por") == "medico" else "pat"
        recurso["cancelationReason"] = {
            "coding": [
                {
                    "system": _MOTIVO_CANCELAMENTO,
                    "code": quem,
                    "display": "Provider" if quem == "prov" else "Patient",
                }
            ],
            "text": c.get("justificativa") or ("Recusada" if status == "recusada" else "Cancelada"),
        }
    return validado(recurso)


def pacote(
    recursos: Iterable[Mapping[str, Any]],
    base: str,
    *,
    total: int | None = None,
    proxima: str | None = None,
) -> dict[str, Any]:
    """A ``searchset`` Bundle of the resources found (``proxima``: the next page's URL)."""
    entradas = [
        {
            "fullUrl": f"{base}/{r['resourceType']}/{r['id']}",
            "resource": r,
            "search": {"mode": "match"},
        }
        for r in recursos
    ]
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": entradas or None,
    }
    if total is not None:
        bundle["total"] = total
    if proxima is not None:
        bundle["link"] = [{"relation": "next", "url": proxima}]
    # Validated as a whole: every entry is checked again as part of the Bundle.
    return validado(bundle)


def desfecho(status: int, texto: str) -> dict[str, Any]:
    """``OperationOutcome`` of a refusal: the same words (Portuguese) as the JSON API's."""
    return validado(
        {
            "resourceType": "OperationOutcome",
            "issue": [
                {
                    "severity": "error" if status < 500 else "fatal",
                    "code": _CODIGO_DO_PROBLEMA.get(status, "exception"),
                    "details": {"text": texto},
                }
            ],
        }
    )
