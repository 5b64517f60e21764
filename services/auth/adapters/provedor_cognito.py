"""Identity on a Cognito user pool (aws profile).

The pool's username is our ``usuario_id``: the service resolves CRM+UF, e-mail or CPF to it in
its own ``usuarios`` table (which also keeps them unique), then Cognito checks the password
(``USER_PASSWORD_AUTH`` on an app client without secret) and issues the tokens the client gets
as they are. Access tokens carry the role as the ``cognito:groups`` group (medico or paciente)
and the session as ``origin_jti``, which survives refreshes: the service records a session row
with that id, so the revocation check every service makes works as with the built-in provider.
Refresh goes through ``GetTokensFromRefreshToken``, which rotates the refresh token when the app
client has refresh token rotation on (as Terraform sets it), so re-use is seen.

Recovery: ``ForgotPassword`` has Cognito e-mail a code; the token ``POST /auth/recover/confirm``
takes is ``<usuario_id>:<code>`` (a code alone does not name its account; the pool's message
must put the username next to the code, see docs/aws.md).

Every boto3 call runs in a thread (:func:`libs.aws.call`).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import jwt
from botocore.exceptions import BotoCoreError, ClientError

from libs import aws, errors
from services.auth.domain.erros import IdentificadorEmUso, TokenRecuperacaoInvalido
from services.auth.ports import Alcance, Conta, Credencial, Emissao

_log = logging.getLogger("healthmed.auth.cognito")

# Answers of a login that are the user's fault: all become the one "invalid credentials".
_RECUSAS_LOGIN = {
    "NotAuthorizedException",
    "UserNotFoundException",
    "UserNotConfirmedException",
    "PasswordResetRequiredException",
}
# A refresh token Cognito will not renew: the session ends (RefreshTokenReuseException: an old
# token of a rotated chain, presented after the grace period).
_RECUSAS_RENOVACAO = _RECUSAS_LOGIN | {"RefreshTokenReuseException"}
_CODIGO_INVALIDO = {
    "CodeMismatchException",
    "ExpiredCodeException",
    "UserNotFoundException",
    "NotAuthorizedException",
    "ResourceNotFoundException",  # moto's answer for an unknown username
}
_SOBRECARGA = {"TooManyRequestsException", "LimitExceededException", "InternalErrorException"}
_POLITICA = "A senha não atende à política de senhas do provedor de identidade"


def _codigo(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _origin_jti(access_token: str) -> uuid.UUID:
    # The token came straight from Cognito over TLS; services verify it on every request.
    claims = jwt.decode(access_token, options={"verify_signature": False})
    return uuid.UUID(str(claims["origin_jti"]))


class ProvedorCognito:
    """:class:`~services.auth.ports.ProvedorIdentidade` and
    :class:`~services.auth.ports.RecuperacaoExterna` of the aws profile."""

    def __init__(self, client: Any, *, user_pool_id: str, client_id: str) -> None:
        self._client = client
        self._pool = user_pool_id
        self._app = client_id

    async def _chamar(self, operacao: str, **params: Any) -> dict[str, Any]:
        """One Cognito call; an unreachable or overloaded Cognito is a 503 to retry."""
        fn: Callable[..., dict[str, Any]] = getattr(self._client, operacao)
        try:
            return await aws.call(fn, **params)
        except BotoCoreError as exc:
            raise errors.ServicoIndisponivel("Provedor de identidade indisponível") from exc
        except ClientError as exc:
            if _codigo(exc) in _SOBRECARGA:
                raise errors.ServicoIndisponivel("Provedor de identidade indisponível") from exc
            raise

    async def hash_da_senha(self, senha: str) -> str | None:
        """Nothing: Cognito keeps the password."""
        return None

    async def criar(self, conta: Conta, senha: str) -> None:
        """AdminCreateUser (no welcome e-mail), a permanent password, the role's group."""
        atributos = [
            {"Name": "email", "Value": conta.email},
            # Registration is the product's, not Cognito's: no code to confirm, and recovery
            # (verified e-mail) must work, as it does with the built-in provider.
            {"Name": "email_verified", "Value": "true"},
            {"Name": "custom:papel", "Value": conta.papel},
        ]
        if conta.crm:
            numero, _, uf = conta.crm.partition("/")
            atributos += [
                {"Name": "custom:crm", "Value": numero},
                {"Name": "custom:uf", "Value": uf},
            ]
        if conta.cpf_hash:
            atributos.append({"Name": "custom:cpf_hash", "Value": conta.cpf_hash})
        try:
            await self._chamar(
                "admin_create_user",
                UserPoolId=self._pool,
                Username=str(conta.id),
                UserAttributes=atributos,
                MessageAction="SUPPRESS",
            )
        except ClientError as exc:
            if _codigo(exc) == "UsernameExistsException":
                raise IdentificadorEmUso("usuario", "Conta já existe") from exc
            raise
        try:
            await self._chamar(
                "admin_set_user_password",
                UserPoolId=self._pool,
                Username=str(conta.id),
                Password=senha,
                Permanent=True,
            )
            await self._chamar(
                "admin_add_user_to_group",
                UserPoolId=self._pool,
                Username=str(conta.id),
                GroupName=conta.papel,
            )
        except Exception as exc:
            await self.remover(conta.id)  # never leave a user without password or role
            if isinstance(exc, ClientError) and _codigo(exc) == "InvalidPasswordException":
                raise errors.DadosInvalidos.campo("senha", _POLITICA) from exc
            raise

    async def remover(self, usuario_id: uuid.UUID) -> None:
        """AdminDeleteUser; an absent user is already removed."""
        try:
            await self._chamar("admin_delete_user", UserPoolId=self._pool, Username=str(usuario_id))
        except ClientError as exc:
            if _codigo(exc) != "UserNotFoundException":
                raise

    async def alterar_email(self, usuario_id: uuid.UUID, email: str) -> None:
        """AdminUpdateUserAttributes: the e-mail recovery codes go to."""
        await self._chamar(
            "admin_update_user_attributes",
            UserPoolId=self._pool,
            Username=str(usuario_id),
            UserAttributes=[
                {"Name": "email", "Value": email},
                {"Name": "email_verified", "Value": "true"},
            ],
        )

    async def entrar(self, credencial: Credencial | None, senha: str) -> Emissao | None:
        """USER_PASSWORD_AUTH. For an unknown account Cognito is asked about a random username,
        so that both failures cost one round trip."""
        username = str(credencial.id) if credencial else str(uuid.uuid4())
        try:
            resposta = await self._chamar(
                "initiate_auth",
                ClientId=self._app,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": username, "PASSWORD": senha},
            )
        except ClientError as exc:
            if _codigo(exc) in _RECUSAS_LOGIN:
                return None
            raise
        if credencial is None:
            return None
        resultado = resposta.get("AuthenticationResult")
        if resultado is None:
            # A challenge (MFA, a new password): the product's login has no step for it.
            _log.warning("desafio do Cognito não suportado: %s", resposta.get("ChallengeName"))
            raise errors.NaoAutenticado("Esta conta exige uma etapa de login não suportada")
        access = str(resultado["AccessToken"])
        return Emissao(
            access_token=access,
            refresh_token=str(resultado["RefreshToken"]),
            expires_in=int(resultado["ExpiresIn"]),
            sessao_id=_origin_jti(access),
        )

    async def renovar(
        self, *, usuario_id: uuid.UUID, papel: str, sessao_id: uuid.UUID, refresh_token: str
    ) -> Emissao | None:
        """GetTokensFromRefreshToken (no secret, so no username needed). With refresh token
        rotation on the app client (infra/terraform/modules/identity) Cognito answers a new
        refresh token and ends the old one after its grace period; the service records the new
        one and ends the whole session if the old one comes back later, as with the built-in
        provider. ``InitiateAuth`` with ``REFRESH_TOKEN_AUTH`` is refused on such a client.
        None when Cognito refuses the token (revoked, expired, or re-used after rotation)."""
        try:
            resposta = await self._chamar(
                "get_tokens_from_refresh_token", ClientId=self._app, RefreshToken=refresh_token
            )
        except ClientError as exc:
            if _codigo(exc) in _RECUSAS_RENOVACAO:
                return None
            raise
        resultado = resposta["AuthenticationResult"]
        access = str(resultado["AccessToken"])
        if _origin_jti(access) != sessao_id:
            # Not the session this refresh token was recorded for: refuse rather than guess.
            _log.warning("refresh do Cognito devolveu outra sessão")
            return None
        novo = resultado.get("RefreshToken")
        if not novo:
            # Rotation is off on the app client: the same refresh token stays valid for its
            # whole life and its re-use cannot be told from its use.
            _log.warning("Cognito não rotacionou o refresh token: ligue refresh_token_rotation")
        return Emissao(
            access_token=access,
            refresh_token=str(novo or refresh_token),
            expires_in=int(resultado["ExpiresIn"]),
            sessao_id=sessao_id,
        )

    async def sair(self, access_token: str) -> Alcance:
        """GlobalSignOut: Cognito revokes every refresh token of the user, so every session of
        the account ends. A failure is only logged: the service revokes the sessions anyway, and
        a refresh is checked against them before Cognito is asked."""
        try:
            await self._chamar("global_sign_out", AccessToken=access_token)
        except (ClientError, errors.ServicoIndisponivel) as exc:
            # NotAuthorizedException: Cognito had already revoked it (a sign-out elsewhere).
            _log.warning("GlobalSignOut falhou: %s", type(exc).__name__)
        return "conta"

    async def pedir(self, usuario_id: uuid.UUID | None) -> None:
        """ForgotPassword: Cognito e-mails the code. Unknown accounts ask about a random
        username (the pool hides that it does not exist), so both cost one round trip.
        Failures are only logged: the answer to a recovery request must not depend on them."""
        username = str(usuario_id or uuid.uuid4())
        try:
            await self._chamar("forgot_password", ClientId=self._app, Username=username)
        except (ClientError, errors.ServicoIndisponivel) as exc:
            _log.warning("ForgotPassword falhou: %s", type(exc).__name__)

    async def confirmar(self, token: str, nova_senha: str) -> uuid.UUID:
        """ConfirmForgotPassword with ``<usuario_id>:<code>``, then AdminUserGlobalSignOut (a
        reset ends every session, as with the built-in provider)."""
        dono, _, codigo = token.partition(":")
        try:
            usuario_id = uuid.UUID(dono)
        except ValueError as exc:
            raise TokenRecuperacaoInvalido() from exc
        if not codigo:
            raise TokenRecuperacaoInvalido()
        try:
            await self._chamar(
                "confirm_forgot_password",
                ClientId=self._app,
                Username=str(usuario_id),
                ConfirmationCode=codigo,
                Password=nova_senha,
            )
        except ClientError as exc:
            if _codigo(exc) == "InvalidPasswordException":
                raise errors.DadosInvalidos.campo("nova_senha", _POLITICA) from exc
            if _codigo(exc) in _CODIGO_INVALIDO:
                raise TokenRecuperacaoInvalido() from exc
            raise
        try:
            await self._chamar(
                "admin_user_global_sign_out", UserPoolId=self._pool, Username=str(usuario_id)
            )
        except (ClientError, errors.ServicoIndisponivel) as exc:
            # The session rows end anyway, and a refresh is checked against them first.
            _log.warning("AdminUserGlobalSignOut falhou: %s", type(exc).__name__)
        return usuario_id
