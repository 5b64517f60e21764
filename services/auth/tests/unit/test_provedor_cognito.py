"""The Cognito adapter's own decisions, without a network (botocore's Stubber stands in for
Cognito where an answer moto never gives is needed)."""

from __future__ import annotations

import uuid

import boto3
import jwt
import pytest
from botocore.stub import Stubber

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


async def test_refresh_rotacionado_pelo_cognito_chega_ao_cliente():
    """moto never rotates refresh tokens; a pool that does answers a new one, which is passed on
    (and the service then marks the old one used, so its re-use revokes the session)."""
    provedor, client = _provedor()
    sessao = uuid.uuid4()
    access = jwt.encode({"origin_jti": str(sessao)}, "k" * 32, algorithm="HS256")
    with Stubber(client) as stub:
        stub.add_response(
            "initiate_auth",
            {
                "AuthenticationResult": {
                    "AccessToken": access,
                    "RefreshToken": "novo-refresh",
                    "ExpiresIn": 3600,
                }
            },
            {
                "ClientId": "app",
                "AuthFlow": "REFRESH_TOKEN_AUTH",
                "AuthParameters": {"REFRESH_TOKEN": "antigo-refresh"},
            },
        )
        emissao = await provedor.renovar(
            usuario_id=uuid.uuid4(),
            papel="paciente",
            sessao_id=sessao,
            refresh_token="antigo-refresh",
        )
    assert emissao is not None and emissao.refresh_token == "novo-refresh"
