"""Refresh token rotation on Cognito (aws profile), through the public API.

moto has no ``GetTokensFromRefreshToken`` of its own and never rotates (``libs/testing/
moto_cognito.py`` answers the call as a pool without rotation does); here botocore's Stubber
answers that one call as a pool with rotation on does (infra/terraform/modules/identity), and
moto everything else (registration, login, JWKS). The service then holds HealthMed's own
re-use detection on top, as with the built-in provider: a rotated refresh token that comes back
after the tolerance ends the whole session, without asking Cognito.
"""

from __future__ import annotations

from botocore.stub import Stubber

from services.auth.tests.api.conftest import envelhecer_rotacoes
from services.auth.tests.api.test_cognito import (  # noqa: F401 (the fixtures of the journey)
    Pool,
    _bearer,
    _paciente,
    api_aws,
    aws_gateway,
    aws_settings,
    pool,
)


async def test_refresh_rotacionado_pelo_cognito_e_reusado_encerra_a_sessao(
    api_aws,  # noqa: F811 (fixtures imported above)
    aws_gateway,  # noqa: F811
    pool: Pool,  # noqa: F811
):
    paciente = await _paciente(api_aws)
    login = await api_aws.post(
        "/auth/login", json={"email": paciente["email"], "senha": paciente["senha"]}
    )
    antigos = login.json()
    cognito = aws_gateway.apps["auth"].state.identidade.provedor._client
    with Stubber(cognito) as stub:
        stub.add_response(
            "get_tokens_from_refresh_token",
            {
                "AuthenticationResult": {
                    # The session's own access token: the same origin_jti, as Cognito keeps.
                    "AccessToken": antigos["access_token"],
                    "RefreshToken": "refresh-rotacionado-pelo-cognito",
                    "ExpiresIn": 3600,
                    "TokenType": "Bearer",
                }
            },
            {"ClientId": pool.client_id, "RefreshToken": antigos["refresh_token"]},
        )
        r = await api_aws.post("/auth/refresh", json={"refresh_token": antigos["refresh_token"]})
        assert r.status_code == 200, r.text
        novos = r.json()
        assert novos["refresh_token"] == "refresh-rotacionado-pelo-cognito"

        # The old one again after the tolerance for a lost answer (Cognito's grace period):
        # theft. The service ends the session itself; Cognito is not even asked (the Stubber
        # has no answer left: a call would fail here).
        await envelhecer_rotacoes(aws_gateway, antigos["access_token"], 21)
        r = await api_aws.post("/auth/refresh", json={"refresh_token": antigos["refresh_token"]})
        assert r.status_code == 401
        r = await api_aws.post("/auth/refresh", json={"refresh_token": novos["refresh_token"]})
        assert r.status_code == 401
        stub.assert_no_pending_responses()
    # Every token of the session, in another service too.
    r = await api_aws.get(f"/paciente/{paciente['id']}", headers=_bearer(novos))
    assert r.status_code == 401
