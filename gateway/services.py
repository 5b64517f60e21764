"""The composition root: which app and settings class each service has."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from libs.settings import Settings
from services.auth.app import create_app as create_auth
from services.auth.settings import AuthSettings
from services.consulta.app import create_app as create_consulta
from services.consulta.settings import ConsultaSettings
from services.medico.app import create_app as create_medico
from services.medico.settings import MedicoSettings
from services.paciente.app import create_app as create_paciente
from services.paciente.settings import PacienteSettings
from services.prontuario.app import create_app as create_prontuario
from services.prontuario.settings import ProntuarioSettings

Factory = Callable[[Any], FastAPI]

# Filled in as services land; the gateway serves whatever is registered here.
REGISTRY: dict[str, tuple[Factory, type[Settings]]] = {
    "auth": (create_auth, AuthSettings),
    "paciente": (create_paciente, PacienteSettings),
    "medico": (create_medico, MedicoSettings),
    "consulta": (create_consulta, ConsultaSettings),
    "prontuario": (create_prontuario, ProntuarioSettings),
}


def build_apps(overrides: dict[str, Any] | None = None) -> dict[str, FastAPI]:
    """Every service app, each with its own settings (env + ``overrides``)."""
    overrides = overrides or {}
    return {name: factory(cls(**overrides)) for name, (factory, cls) in REGISTRY.items()}


def prepare_shared_state(settings: Settings) -> None:
    """Create, once, what worker processes must share: the local identity provider's signing
    key (two workers creating their own at the same time would not trust each other's tokens)."""
    from services.auth.adapters.keys import KeyStore
    from services.auth.settings import AuthSettings

    auth = AuthSettings(data_dir=settings.data_dir, profile=settings.profile)
    if auth.profile == "local" and auth.jwt_chave_privada is None:
        KeyStore.from_directory(auth.keys_dir(), create=True)
