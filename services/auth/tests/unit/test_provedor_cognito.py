"""The Cognito adapter's own decisions, without a network (botocore's Stubber stands in for
Cognito where an answer moto never gives is needed)."""

from __future__ import annotations

import uuid

import boto3
import jwt
import pytest
from botocore.stub import Stubber

from libs import errors
from services.auth.adapters.provedor_cognito import ProvedorCognito
from services.auth.domain.erros import TokenRecuperacaoInvalido


def _provedor():
    client = boto3.client(
        "cognito-idp",
        region_name="sa-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # never sent: the Stubber answers
    )
    return ProvedorCognito(client, user_pool_id="sa-east-1_pool", client_id="app"), client


@pytest.mark.parametrize(
    "token", ["123456", "nao-e-uuid:123456", "0b6e7f1c-5d2a-4c3e-9f10-2a4b6c8d0e1f:"]
)
async def test_token_de_recuperacao_sem_usuario_ou_sem_codigo_e_invalido_sem_chamar_o_cognito(
    token,
):
    provedor, client = _provedor()
    # No answer queued: any call to Cognito would fail the test.
    with Stubber(client), pytest.raises(TokenRecuperacaoInvalido):
        await provedor.confirmar(token, "Outra#Senha2027")


def _access(sessao: uuid.UUID) -> str:
    return jwt.encode({"origin_jti": str(sessao)}, "k" * 32, algorithm="HS256")


async def _renovar(provedor: ProvedorCognito, sessao: uuid.UUID, token: str):
    return await provedor.renovar(
        usuario_id=uuid.uuid4(), papel="paciente", sessao_id=sessao, refresh_token=token
    )


async def test_refresh_pede_ao_cognito_tokens_rotacionados_e_passa_o_novo_adiante():
    """With rotation on the app client, ``InitiateAuth`` refuses refresh tokens: the adapter
    asks ``GetTokensFromRefreshToken``, whose new refresh token goes to the client (and the
    service then marks the old one used, so its re-use revokes the session)."""
    provedor, client = _provedor()
    sessao = uuid.uuid4()
    with Stubber(client) as stub:
        stub.add_response(
            "get_tokens_from_refresh_token",
            {
                "AuthenticationResult": {
                    "AccessToken": _access(sessao),
                    "RefreshToken": "novo-refresh",
                    "ExpiresIn": 3600,
                }
            },
            {"ClientId": "app", "RefreshToken": "antigo-refresh"},
        )
        emissao = await _renovar(provedor, sessao, "antigo-refresh")
        stub.assert_no_pending_responses()
    assert emissao is not None
    assert (emissao.refresh_token, emissao.sessao_id) == ("novo-refresh", sessao)


@pytest.mark.parametrize(
    "codigo", ["RefreshTokenReuseException", "NotAuthorizedException", "UserNotFoundException"]
)
async def test_refresh_recusado_pelo_cognito_encerra_a_sessao(codigo):
    """An old token of a rotated chain after the grace period, a revoked or expired one, a
    removed user: None, and the service revokes the session."""
    provedor, client = _provedor()
    with Stubber(client) as stub:
        stub.add_client_error("get_tokens_from_refresh_token", service_error_code=codigo)
        assert await _renovar(provedor, uuid.uuid4(), "antigo-refresh") is None


async def test_refresh_sem_rotacao_no_app_client_mantem_o_mesmo_token():
    """Rotation off: Cognito answers no refresh token and the same one stays valid."""
    provedor, client = _provedor()
    sessao = uuid.uuid4()
    with Stubber(client) as stub:
        stub.add_response(
            "get_tokens_from_refresh_token",
            {"AuthenticationResult": {"AccessToken": _access(sessao), "ExpiresIn": 3600}},
        )
        emissao = await _renovar(provedor, sessao, "mesmo-refresh")
    assert emissao is not None and emissao.refresh_token == "mesmo-refresh"


async def test_refresh_de_outra_sessao_e_recusado():
    provedor, client = _provedor()
    with Stubber(client) as stub:
        stub.add_response(
            "get_tokens_from_refresh_token",
            {
                "AuthenticationResult": {
                    "AccessToken": _access(uuid.uuid4()),
                    "RefreshToken": "novo-refresh",
                    "ExpiresIn": 3600,
                }
            },
        )
        assert await _renovar(provedor, uuid.uuid4(), "antigo-refresh") is None


async def test_cognito_sobrecarregado_no_refresh_e_503():
    provedor, client = _provedor()
    with Stubber(client) as stub, pytest.raises(errors.ServicoIndisponivel):
        stub.add_client_error(
            "get_tokens_from_refresh_token", service_error_code="TooManyRequestsException"
        )
        await _renovar(provedor, uuid.uuid4(), "antigo-refresh")
