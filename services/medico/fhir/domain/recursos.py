"""FHIR R4 resources made from the public JSON contract, and the few read back from clients.

Pure translation, no HTTP: each function takes what a JSON route answers (``shared/API.md``) and
returns the FHIR resource as JSON, after ``fhir.resources`` (its R4B models, which match R4 in
every element used here) accepted it, so a mapping mistake fails here and never reaches a
client. The reverse direction reads an ``Appointment`` a client sends and keeps only what the
JSON API takes (the slot, the cancellation reason), and turns FHIR search values (``start``,
``near``) into the JSON API's parameters. The mapping is described in
``docs/api-extensoes.md`` ("Fachada FHIR R4").
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from libs import errors

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
# refusal are "cancelled" (the refusal with the provider as the reason).
STATUS_DA_CONSULTA: dict[str, str] = {
    "pendente": "pending",
    "confirmada": "booked",
    "realizada": "fulfilled",
    "cancelada": "cancelled",
    "recusada": "cancelled",
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


def _recurso_do_cliente(corpo: bytes, esperado: str) -> dict[str, Any]:
    """A resource a client sent, parsed and validated (400 when it is not one)."""
    try:
        dados = json.loads(corpo)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise errors.RequisicaoInvalida("O corpo não é JSON válido") from None
    if not isinstance(dados, dict) or dados.get("resourceType") != esperado:
        raise errors.RequisicaoInvalida(f"O corpo deve ser um recurso {esperado}")
    try:
        return validado(dados)
    except ValidationError as exc:
        falhas = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or esperado}: {e['msg']}" for e in exc.errors()
        )
        raise errors.RequisicaoInvalida(f"{esperado} inválido: {falhas}") from None


def _id_da_referencia(ref: Mapping[str, Any] | None, tipo: str) -> uuid.UUID | None:
    """The id in ``Tipo/<id>`` (relative or absolute), or None when it is not that type."""
    texto = str((ref or {}).get("reference") or "")
    partes = texto.rstrip("/").split("/")
    if len(partes) < 2 or partes[-2] != tipo:
        return None
    try:
        return uuid.UUID(partes[-1])
    except ValueError:
        return None


def pedido_de_consulta(corpo: bytes, paciente_id: uuid.UUID) -> uuid.UUID:
    """The slot a client's new ``Appointment`` books (the JSON API's ``horario_id``).

    Exactly one ``Slot`` reference; a ``Patient`` participant, when named, is the caller
    (a patient books for themselves, as in ``POST /consultas``). Everything else the JSON
    API sets itself: the doctor and the times come from the slot, the status is ``pending``
    until the doctor accepts.
    """
    recurso = _recurso_do_cliente(corpo, "Appointment")
    slots = recurso.get("slot") or []
    if len(slots) != 1:
        raise errors.DadosInvalidos.campo("slot", "Informe exatamente um horário (Slot)")
    horario_id = _id_da_referencia(slots[0], "Slot")
    if horario_id is None:
        raise errors.DadosInvalidos.campo("slot", "Referência de horário inválida (Slot/<id>)")
    for participante in recurso.get("participant", []):
        ator = participante.get("actor") or {}
        nomeia_paciente = "Patient/" in str(ator.get("reference") or "")
        if nomeia_paciente and _id_da_referencia(ator, "Patient") != paciente_id:
            raise errors.DadosInvalidos.campo(
                "participant", "O paciente da consulta é quem está conectado"
            )
    return horario_id


def cancelamento(corpo: bytes, consulta_id: uuid.UUID) -> str:
    """The reason of a cancellation sent as the FHIR update of an ``Appointment``.

    The only change accepted is ``status`` to ``cancelled`` with ``cancelationReason.text``
    (the JSON API's ``justificativa``); the id in the body is the one in the path.
    """
    recurso = _recurso_do_cliente(corpo, "Appointment")
    if recurso.get("id") != str(consulta_id):
        raise errors.RequisicaoInvalida("O id do recurso difere do id no endereço")
    if recurso.get("status") != "cancelled":
        raise errors.DadosInvalidos.campo(
            "status",
            "Só o cancelamento é aceito: status cancelled com cancelationReason.text",
        )
    motivo = str((recurso.get("cancelationReason") or {}).get("text") or "").strip()
    if not motivo:
        raise errors.DadosInvalidos.campo(
            "cancelationReason", "Informe o motivo do cancelamento em cancelationReason.text"
        )
    return motivo


def _dia_ou_momento(valor: str) -> date:
    """A FHIR date search value: a day (``AAAA-MM-DD``) or a moment with an offset."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", valor):
            return date.fromisoformat(valor)
        momento = datetime.fromisoformat(valor)
    except ValueError:
        raise errors.RequisicaoInvalida(f"Data inválida em start: {valor}") from None
    if momento.utcoffset() is None:
        raise errors.RequisicaoInvalida(f"start precisa de fuso horário: {valor}")
    return momento


def intervalo(valores: list[str]) -> tuple[str | None, str | None]:
    """``start`` search values (``ge``/``gt``/``le``/``lt``/``eq``) as the agenda's de and ate.

    A day is a whole day in the doctor's time zone, as in the JSON API; ``gt`` and ``lt`` of a
    day leave that day out.
    """
    de = ate = None
    for valor in valores:
        prefixo, resto = (valor[:2], valor[2:]) if valor[:2].isalpha() else ("eq", valor)
        if prefixo not in ("eq", "ge", "gt", "le", "lt"):
            raise errors.RequisicaoInvalida(f"Prefixo não suportado em start: {prefixo}")
        momento = _dia_ou_momento(resto)
        dia = not isinstance(momento, datetime)
        if prefixo in ("eq", "ge", "gt"):
            de = (momento + timedelta(days=1) if dia and prefixo == "gt" else momento).isoformat()
        if prefixo in ("eq", "le", "lt"):
            ate = (momento - timedelta(days=1) if dia and prefixo == "lt" else momento).isoformat()
    return de, ate


def perto(valor: str | None) -> tuple[float | None, float | None, float | None]:
    """``near=lat|lon|distância|km`` (Location.near's syntax) as lat, lon and radius."""
    if valor is None:
        return None, None, None
    partes = valor.split("|")
    unidade = partes[3] if len(partes) > 3 else "km"
    try:
        if len(partes) not in (2, 3, 4) or unidade not in ("km", ""):
            raise ValueError(valor)
        lat, lon = float(partes[0]), float(partes[1])
        raio = float(partes[2]) if len(partes) > 2 and partes[2] else None
    except ValueError:
        raise errors.RequisicaoInvalida("near deve ser lat|lon|distância|km") from None
    return lat, lon, raio


def capacidade(base: str, agora: datetime) -> dict[str, Any]:
    """The ``CapabilityStatement`` of ``/metadata``: what this facade reads, searches and does."""

    def busca(*parametros: tuple[str, str, str]) -> list[dict[str, Any]]:
        return [{"name": n, "type": t, "documentation": d} for n, t, d in parametros]

    leitura = [{"code": "read"}, {"code": "search-type"}]
    contagem = ("_count", "number", "Quantos por página (no máximo 100)")
    return validado(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": agora.isoformat(),
            "publisher": "HealthMed",
            "kind": "instance",
            "software": {"name": "HealthMed"},
            "implementation": {
                "description": "Fachada FHIR R4 da agenda da HealthMed (sobre a API JSON)",
                "url": base,
            },
            "fhirVersion": VERSAO_FHIR,
            "format": ["json"],
            "rest": [
                {
                    "mode": "server",
                    "documentation": "Médicos e horários livres são públicos; Appointment exige "
                    "Authorization: Bearer com o token de POST /api/auth/login, e o paciente vê "
                    "só as próprias consultas (as mesmas regras da API JSON).",
                    "security": {
                        "service": [{"text": "Bearer (token de acesso da HealthMed)"}],
                        "description": "Sem token ou token inválido: 401; sem permissão: 403.",
                    },
                    "resource": [
                        {
                            "type": "Practitioner",
                            "interaction": leitura,
                            "searchParam": busca(
                                ("name", "string", "Parte do nome (2 a 80 caracteres)"),
                                contagem,
                            ),
                        },
                        {
                            "type": "PractitionerRole",
                            "interaction": leitura,
                            "searchParam": busca(
                                ("specialty", "token", f"{SISTEMA_ESPECIALIDADE}|<slug>"),
                                ("practitioner", "reference", "Practitioner/<id>"),
                                contagem,
                            ),
                        },
                        {
                            "type": "Schedule",
                            "interaction": leitura,
                            "searchParam": busca(
                                ("actor", "reference", "Practitioner/<id>"),
                                ("specialty", "token", f"{SISTEMA_ESPECIALIDADE}|<slug>"),
                                contagem,
                            ),
                        },
                        {
                            "type": "Slot",
                            "interaction": [{"code": "search-type"}],
                            "searchParam": busca(
                                ("specialty", "token", f"{SISTEMA_ESPECIALIDADE}|<slug>"),
                                ("start", "date", "ge/gt e le/lt; no máximo 31 dias"),
                                ("status", "token", "só free (os ocupados não são públicos)"),
                                ("schedule", "reference", "Schedule/<id>"),
                                ("near", "special", "lat|lon|distância|km, como Location.near"),
                                contagem,
                            ),
                        },
                        {
                            "type": "Appointment",
                            "interaction": [
                                {"code": "read"},
                                {"code": "search-type"},
                                {"code": "create"},
                                {"code": "update"},
                            ],
                            "updateCreate": False,
                            "searchParam": busca(
                                ("status", "token", "pending, booked, fulfilled, cancelled"),
                                contagem,
                                ("_page", "number", "A página (a partir de 1)"),
                            ),
                            "documentation": "create: um Slot livre, como o paciente conectado "
                            "(409 se o horário foi tomado); update: só o cancelamento "
                            "(status cancelled e cancelationReason.text).",
                        },
                    ],
                }
            ],
        }
    )
