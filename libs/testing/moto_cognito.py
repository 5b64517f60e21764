"""What moto's Cognito lacks or gets wrong, and HealthMed calls.

``GlobalSignOut`` is an unsigned call, so moto takes the request's region as its default one
(us-east-1) and finds no pool of any other region: the sign-out failed with
``NotAuthorizedException`` and revoked nothing. Here it looks in every region, as it already
does for ``InitiateAuth``.

``GetTokensFromRefreshToken`` moto 5.x answers with a 500. Given to moto the way Cognito
answers it on an app client **without** refresh token rotation: new ID and access tokens for a
valid refresh token, no new refresh token, and ``NotAuthorizedException`` for an unknown or
revoked one. That is exactly moto's own
``InitiateAuth`` with ``REFRESH_TOKEN_AUTH``, so that is what answers. Rotation (a new refresh
token, ``RefreshTokenReuseException``) moto cannot show: the adapter's handling of it is tested
with botocore's Stubber (``services/auth/tests/unit/test_provedor_cognito.py``).

Used by the moto server of the tests (:mod:`libs.testing.moto`) and of ``make dev-aws``; both run
moto in process, where this applies.
"""

from __future__ import annotations

from typing import Any


def completar_cognito() -> None:
    """Teach moto's Cognito ``GetTokensFromRefreshToken`` and a ``GlobalSignOut`` that finds
    the pool whatever its region (idempotent)."""
    from moto.cognitoidp.responses import CognitoIdpResponse
    from moto.core.responses import ActionResult, EmptyResult

    if "get_tokens_from_refresh_token" in vars(CognitoIdpResponse):
        return

    def get_tokens_from_refresh_token(self: Any) -> ActionResult:
        resultado = self._get_region_agnostic_backend().initiate_auth(
            self._get_param("ClientId"),
            "REFRESH_TOKEN_AUTH",
            {"REFRESH_TOKEN": self._get_param("RefreshToken")},
        )
        return ActionResult(resultado)

    def global_sign_out(self: Any) -> ActionResult:
        backend = self._get_region_agnostic_backend()
        token = self._get_param("AccessToken")
        backend._find_backend_by_access_token(token).global_sign_out(token)
        return EmptyResult()

    CognitoIdpResponse.global_sign_out = global_sign_out  # type: ignore[method-assign]
    # moto dispatches an action to the response method of the same (snake_case) name.
    CognitoIdpResponse.get_tokens_from_refresh_token = get_tokens_from_refresh_token  # type: ignore[attr-defined]
