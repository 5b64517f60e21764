"""Merging the services' OpenAPI documents into the one public contract."""

from __future__ import annotations

import json
from typing import Any

from gateway.exemplos import EXEMPLOS
from gateway.routing import RoutingTable

_REF = "#/components/schemas/"
# The API's own version (semantic): its history and the deprecation rule are in
# docs/api-extensoes.md ("Versões"); a test keeps the two equal.
VERSAO_DA_API = "1.3.0"
PROBLEMA = "application/problem+json"
# RFC 9457 as every service answers it (libs/problems.py), described once.
_SCHEMAS_DE_ERRO: dict[str, Any] = {
    "Problema": {
        "title": "Problema",
        "type": "object",
        "description": "Erro no formato RFC 9457 (application/problem+json), em português.",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "format": "uri", "title": "Type"},
            "title": {"type": "string", "title": "Title"},
            "status": {"type": "integer", "title": "Status"},
            "detail": {"type": "string", "title": "Detail"},
            "erros": {
                "type": "array",
                "title": "Erros",
                "description": "Só em falhas de validação (422): cada campo inválido e por quê.",
                "items": {"$ref": _REF + "ErroDeCampo"},
            },
        },
    },
    "ErroDeCampo": {
        "title": "ErroDeCampo",
        "type": "object",
        "required": ["campo", "mensagem"],
        "properties": {
            "campo": {"type": "string", "title": "Campo"},
            "mensagem": {"type": "string", "title": "Mensagem"},
        },
    },
}
# FastAPI's own 422 body, which no service answers (they answer a Problema).
_SCHEMAS_DO_FASTAPI = ("HTTPValidationError", "ValidationError")
_BINARIO = {"type": "string", "format": "binary"}
# The FHIR facade's contract is its CapabilityStatement (GET /api/fhir/metadata) and the FHIR
# specification: its answers are FHIR resources and its refusals OperationOutcome, not Problema,
# so it stays out of this document (docs/api-extensoes.md, "Fachada FHIR R4").
FHIR = "/fhir/"


def merge_openapi(specs: dict[str, dict[str, Any]], table: RoutingTable) -> dict[str, Any]:
    """One OpenAPI 3.1 document: the routed operations of every service, under ``/api``.

    Schema names that two services define differently get the service name as a prefix, and
    every schema's title is its name (generators name models after titles). Every 4xx/5xx
    answer is a ``Problema``; every JSON body carries an example (``gateway/exemplos.py``).
    """
    owners: dict[str, dict[str, Any]] = {}
    for service, spec in specs.items():
        for name, schema in spec.get("components", {}).get("schemas", {}).items():
            owners.setdefault(name, {})[service] = schema
    merged_schemas: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    routed = {(r.metodo.lower(), r.caminho, r.servico) for r in table.rotas}
    for service, spec in specs.items():
        renames = {}
        for name in spec.get("components", {}).get("schemas", {}):
            variants = owners[name]
            distinct = {json.dumps(v, sort_keys=True) for v in variants.values()}
            if len(distinct) > 1:
                renames[name] = service.capitalize() + name
        text = json.dumps(spec)
        for old, new in renames.items():
            text = text.replace(f'"{_REF}{old}"', f'"{_REF}{new}"')
        spec = json.loads(text)
        for name, schema in spec.get("components", {}).get("schemas", {}).items():
            merged_schemas[renames.get(name, name)] = schema
        for path, operations in spec.get("paths", {}).items():
            for method, operation in operations.items():
                if (method, path, service) in routed and not path.startswith(FHIR):
                    paths.setdefault(path, {})[method] = _descrita(
                        {**operation, "tags": operation.get("tags") or [service]}
                    )
    for name in _SCHEMAS_DO_FASTAPI:
        merged_schemas.pop(name, None)
    for name, schema in merged_schemas.items():
        schema["title"] = name
    merged_schemas.update(_SCHEMAS_DE_ERRO)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "HealthMed API",
            "version": VERSAO_DA_API,
            "description": "Contrato público da HealthMed: agenda, teleconsulta e prontuário. "
            "A agenda também fala HL7 FHIR R4 em /api/fhir, fora deste documento: o contrato "
            "dela é o CapabilityStatement (GET /api/fhir/metadata).",
        },
        "servers": [{"url": "/api"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(merged_schemas.items())),
            "securitySchemes": {"HTTPBearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def _descrita(operation: dict[str, Any]) -> dict[str, Any]:
    """An operation as generators need it: errors typed as ``Problema`` (401 wherever a token
    is required), its JSON body with an example, binary content as ``format: binary``."""
    responses: dict[str, Any] = dict(operation.get("responses", {}))
    if operation.get("security"):
        responses.setdefault("401", {"description": "Sem token, ou token inválido ou expirado"})
    for code, response in responses.items():
        if code[0] in "45":
            description = response.get("description", "Erro")
            if description == "Validation Error":
                description = "Dados inválidos"
            responses[code] = {
                **response,
                "description": description,
                "content": {PROBLEMA: {"schema": {"$ref": _REF + "Problema"}}},
            }
        else:
            for media in response.get("content", {}).values():
                if not media.get("schema"):
                    media["schema"] = dict(_BINARIO)
    request = operation.get("requestBody", {})
    body = request.get("content", {}).get("application/json")
    if body is not None and not request.get("required"):
        # An optional body is one that may be absent: FastAPI also offers a JSON ``null``,
        # which makes openapi-python-client send its "unset" marker when the body is left out.
        opcoes = body["schema"].get("anyOf", [])
        if len(opcoes) == 2 and {"type": "null"} in opcoes:
            body["schema"] = next(o for o in opcoes if o != {"type": "null"})
    if body is not None and operation.get("operationId") in EXEMPLOS:
        body["example"] = EXEMPLOS[operation["operationId"]]
    return {**operation, "responses": dict(sorted(responses.items()))}
