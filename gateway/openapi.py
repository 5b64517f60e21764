"""Merging the services' OpenAPI documents into the one public contract."""

from __future__ import annotations

import json
from typing import Any

from gateway.routing import RoutingTable

_REF = "#/components/schemas/"


def merge_openapi(specs: dict[str, dict[str, Any]], table: RoutingTable) -> dict[str, Any]:
    """One OpenAPI 3.1 document: the routed operations of every service, under ``/api``.

    Schema names that two services define differently get the service name as a prefix.
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
                if (method, path, service) in routed:
                    paths.setdefault(path, {})[method] = {
                        **operation,
                        "tags": operation.get("tags") or [service],
                    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "HealthMed API",
            "version": "0.1.0",
            "description": "Contrato público da HealthMed: agenda, teleconsulta e prontuário.",
        },
        "servers": [{"url": "/api"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(merged_schemas.items())),
            "securitySchemes": {"HTTPBearer": {"type": "http", "scheme": "bearer"}},
        },
    }
