"""FastAPI dependencies for who is calling: a user (bearer token) or another service."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from libs import errors
from libs.observability import set_user_id
from libs.service_client import SERVICE_TOKEN_HEADER, service_token_valid
from libs.tokens import TokenVerifier, Usuario

_bearer = HTTPBearer(auto_error=False, description="Access token do login")


Credenciais = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def current_user(request: Request, credentials: Credenciais) -> Usuario:
    """The authenticated user; 401 when the token is missing, invalid, expired or revoked."""
    return await _usuario(request, credentials)


# The role checks read the token themselves rather than depending on current_user: one level
# of dependency fewer for FastAPI to solve on every request of a doctor or a patient (issue 14).
async def current_medico(request: Request, credentials: Credenciais) -> Usuario:
    """The authenticated user, who must be a doctor (403 otherwise)."""
    usuario = await _usuario(request, credentials)
    if usuario.papel != "medico":
        raise errors.Proibido("Disponível apenas para médicos")
    return usuario


async def current_paciente(request: Request, credentials: Credenciais) -> Usuario:
    """The authenticated user, who must be a patient (403 otherwise)."""
    usuario = await _usuario(request, credentials)
    if usuario.papel != "paciente":
        raise errors.Proibido("Disponível apenas para pacientes")
    return usuario


async def _usuario(request: Request, credentials: HTTPAuthorizationCredentials | None) -> Usuario:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise errors.NaoAutenticado("Autenticação necessária")
    verifier: TokenVerifier = request.app.state.verifier
    usuario = await verifier.verify(credentials.credentials)
    set_user_id(str(usuario.id))
    return usuario


async def internal_caller(request: Request) -> None:
    """Admit only other services (the shared service token); everyone else gets 404."""
    expected: str = request.app.state.settings.secret("service_token")
    if not service_token_valid(request.headers.get(SERVICE_TOKEN_HEADER), expected):
        raise errors.NaoEncontrado("Recurso não encontrado")


CurrentUser = Annotated[Usuario, Depends(current_user)]
CurrentMedico = Annotated[Usuario, Depends(current_medico)]
CurrentPaciente = Annotated[Usuario, Depends(current_paciente)]
InternalCaller = Depends(internal_caller)
