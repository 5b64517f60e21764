"""The ``CapabilityStatement`` of ``/fhir/metadata``: what the facade reads, searches and does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.medico.fhir.domain.recursos import SISTEMA_ESPECIALIDADE, VERSAO_FHIR, validado


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
                                (
                                    "status",
                                    "token",
                                    "pending, booked, fulfilled, cancelled, noshow",
                                ),
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
