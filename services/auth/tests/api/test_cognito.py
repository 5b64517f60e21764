"""Identity on Cognito (aws profile) through the public API, against moto's server.

The stack here is auth and paciente in the aws profile, on the test database, with a user pool
configured like ``infra/terraform/modules/identity`` (custom attributes, password policy, an app
client without secret) plus the groups medico and paciente. What moto proves and what it does
not: tokens are RS256 and verify through its JWKS; its access tokens last one hour whatever the
client says; it never rotates refresh tokens; ``ConfirmForgotPassword`` checks only codes that
start with ``moto-confirmation-code:`` (the form its ``ForgotPassword`` draws), so a wrong code
here is a wrong code of that form.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import httpx
import jwt
import pytest
from sqlalchemy import text

from gateway.app import Gateway, GatewaySettings
from gateway.services import REGISTRY
from libs.settings import ConfigurationError, Settings
from libs.testing import data
from libs.testing.stack import client_for
from libs.tokens import cognito_issuer
from services.auth.service import cadastro
from services.auth.service.identidade import Identidade
from services.auth.settings import AuthSettings

REGIAO = "sa-east-1"
NOVA = "Outra#Senha2027"


@dataclass(frozen=True)
class Pool:
    id: str
    client_id: str
    idp: Any  # a boto3 cognito-idp client of moto's server

    @property
    def issuer(self) -> str:
        return cognito_issuer(REGIAO, self.id)


def _atributo(nome: str, minimo: int, maximo: int, mutavel: bool = True) -> dict[str, Any]:
    return {
        "Name": nome,
        "AttributeDataType": "String",
        "Mutable": mutavel,
        "StringAttributeConstraints": {"MinLength": str(minimo), "MaxLength": str(maximo)},
    }


@pytest.fixture(scope="module")
def pool(moto_endpoint: str) -> Iterator[Pool]:
    """A user pool like the Terraform one, its groups and its app client without secret."""
    idp = boto3.client("cognito-idp", region_name=REGIAO, endpoint_url=moto_endpoint)
    pool_id = idp.create_user_pool(
        PoolName=f"healthmed-{uuid.uuid4().hex[:8]}",
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 12,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": False,
            }
        },
        Schema=[
            _atributo("email", 3, 254) | {"Required": True},
            _atributo("crm", 1, 10),
            _atributo("uf", 2, 2),
            _atributo("cpf_hash", 64, 64),
            _atributo("papel", 6, 8, mutavel=False),
        ],
        AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
    )["UserPool"]["Id"]
    for grupo in ("medico", "paciente"):
        idp.create_group(UserPoolId=pool_id, GroupName=grupo)
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="healthmed-api",
        GenerateSecret=False,
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    yield Pool(pool_id, client_id, idp)
    idp.delete_user_pool(UserPoolId=pool_id)


@pytest.fixture(scope="module")
def aws_settings(
    stack_settings: dict[str, Any], pool: Pool, moto_endpoint: str, test_data_dir: Any
) -> dict[str, Any]:
    local = Settings(data_dir=test_data_dir)  # the secrets of the local stack, given explicitly
    return {
        **stack_settings,
        "profile": "aws",
        "aws_region": REGIAO,
        "aws_endpoint_url": moto_endpoint,
        "cognito_user_pool_id": pool.id,
        "cognito_client_id": pool.client_id,
        # moto serves the JWKS on its own host; the issuer stays the real AWS URL.
        "jwks_url": f"{moto_endpoint}/{pool.id}/.well-known/jwks.json",
        "email_provedor": "caixa",
        "service_token": local.secret("service_token"),
        "chave_hash": local.secret("chave_hash"),
        "chave_dados": local.secret("chave_dados"),
    }


@pytest.fixture(scope="module")
async def aws_gateway(aws_settings: dict[str, Any]) -> AsyncIterator[Gateway]:
    """auth and paciente in the aws profile: a logout must be seen by the other service."""
    apps = {}
    for name in ("auth", "paciente"):
        factory, cls = REGISTRY[name]
        apps[name] = factory(cls(**aws_settings))
    gw = Gateway(GatewaySettings(**aws_settings), apps)
    async with gw.lifespan():
        yield gw


@pytest.fixture
async def api_aws(aws_gateway: Gateway) -> AsyncIterator[httpx.AsyncClient]:
    # Each test from its own address: throttling counters never cross tests.
    async with client_for(aws_gateway, f"10.77.{uuid.uuid4().int % 250}.1") as client:
        yield client


async def _paciente(api: httpx.AsyncClient) -> dict[str, Any]:
    body = {
        "nome": "Ana Cognito",
        "email": data.novo_email("cognito"),
        "cpf": data.novo_cpf(),
        "senha": data.SENHA,
    }
    r = await api.post("/paciente", json=body)
    assert r.status_code == 201, r.text
    return {**body, "id": r.json()["id"]}


async def _credenciais(gw: Gateway, body: dict[str, Any]) -> httpx.Response:
    """Create credentials as a registration does: pending, then confirmed."""
    auth = gw.apps["auth"]
    headers = {"x-service-token": auth.state.settings.secret("service_token")}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=auth), base_url="http://auth"
    ) as http:
        r = await http.post("/internal/credenciais", json=body, headers=headers)
        if r.status_code == 201:
            confirmado = await http.post(
                f"/internal/credenciais/{body['usuario_id']}/confirmar", headers=headers
            )
            assert confirmado.status_code == 204, confirmado.text
        return r


def _bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def test_paciente_cadastrado_entra_por_email_e_cpf_com_token_do_cognito(
    api_aws, aws_gateway, pool: Pool, moto_endpoint
):
    paciente = await _paciente(api_aws)
    por_email = await api_aws.post(
        "/auth/login", json={"email": paciente["email"], "senha": paciente["senha"]}
    )
    assert por_email.status_code == 200, por_email.text
    tokens = por_email.json()
    assert tokens["papel"] == "paciente" and tokens["usuario_id"] == paciente["id"]
    # Cognito's token, signed RS256 with a key of the pool's JWKS (served by moto).
    chaves = jwt.PyJWKClient(f"{moto_endpoint}/{pool.id}/.well-known/jwks.json")
    access = tokens["access_token"]
    claims = jwt.decode(
        access,
        chaves.get_signing_key_from_jwt(access).key,
        algorithms=["RS256"],
        issuer=pool.issuer,
    )
    assert claims["username"] == paciente["id"] and claims["sub"] != paciente["id"]
    assert claims["client_id"] == pool.client_id and claims["token_use"] == "access"
    assert claims["cognito:groups"] == ["paciente"] and "aud" not in claims
    # Another service accepts it.
    perfil = await api_aws.get(f"/paciente/{paciente['id']}", headers=_bearer(tokens))
    assert perfil.status_code == 200, perfil.text

    por_cpf = await api_aws.post(
        "/auth/login", json={"cpf": paciente["cpf"], "senha": paciente["senha"]}
    )
    assert por_cpf.status_code == 200 and por_cpf.json()["usuario_id"] == paciente["id"]

    # The password lives in Cognito only; the account carries the attributes the pool defines.
    user = pool.idp.admin_get_user(UserPoolId=pool.id, Username=paciente["id"])
    atributos = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert atributos["custom:papel"] == "paciente" and len(atributos["custom:cpf_hash"]) == 64
    assert user["UserStatus"] == "CONFIRMED"
    async with aws_gateway.apps["auth"].state.sessions() as session:
        senha_hash = (
            await session.execute(
                text("select senha_hash from auth.usuarios where id = :id"),
                {"id": paciente["id"]},
            )
        ).scalar_one()
    assert senha_hash is None


async def test_medico_entra_por_crm_e_senha_errada_responde_como_conta_inexistente(
    api_aws, aws_gateway, pool: Pool
):
    medico = {
        "usuario_id": str(uuid.uuid4()),
        "papel": "medico",
        "email": data.novo_email("medico"),
        "senha": data.SENHA,
        "crm": data.novo_crm(),
        "uf": "SP",
    }
    assert (await _credenciais(aws_gateway, medico)).status_code == 201
    r = await api_aws.post(
        "/auth/login", json={"crm": medico["crm"], "uf": "sp", "senha": data.SENHA}
    )
    assert r.status_code == 200, r.text
    assert r.json()["papel"] == "medico"
    claims = jwt.decode(r.json()["access_token"], options={"verify_signature": False})
    assert claims["cognito:groups"] == ["medico"]
    user = pool.idp.admin_get_user(UserPoolId=pool.id, Username=medico["usuario_id"])
    atributos = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert (atributos["custom:crm"], atributos["custom:uf"]) == (medico["crm"], "SP")

    errada = await api_aws.post(
        "/auth/login", json={"crm": medico["crm"], "uf": "SP", "senha": "Senha#Errada2026"}
    )
    inexistente = await api_aws.post(
        "/auth/login", json={"crm": "99999999", "uf": "SP", "senha": "Senha#Errada2026"}
    )
    assert errada.status_code == inexistente.status_code == 401
    assert errada.json() == inexistente.json()


async def test_senha_recusada_pela_politica_do_cognito_e_422_e_nao_deixa_nada(
    aws_gateway, pool: Pool
):
    conta = {
        "usuario_id": str(uuid.uuid4()),
        "papel": "paciente",
        "email": data.novo_email("politica"),
        "senha": "consulta marcada sem digitos",  # ours accepts it; the pool wants A-Z and 0-9
        "cpf": data.novo_cpf(),
    }
    r = await _credenciais(aws_gateway, conta)
    assert r.status_code == 422, r.text
    assert r.json()["erros"][0]["campo"] == "senha"
    users = pool.idp.list_users(UserPoolId=pool.id, Filter=f'username = "{conta["usuario_id"]}"')
    assert users["Users"] == []
    # Neither the row nor the Cognito user stayed behind: the same account can be created.
    assert (await _credenciais(aws_gateway, {**conta, "senha": data.SENHA})).status_code == 201


async def test_refresh_e_logout_vistos_por_outro_servico(api_aws):
    paciente = await _paciente(api_aws)
    login = await api_aws.post(
        "/auth/login", json={"email": paciente["email"], "senha": paciente["senha"]}
    )
    tokens = login.json()
    r = await api_aws.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 200, r.text
    novos = r.json()
    assert novos["usuario_id"] == paciente["id"] and novos["papel"] == "paciente"
    sessao = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    renovada = jwt.decode(novos["access_token"], options={"verify_signature": False})
    assert renovada["origin_jti"] == sessao["origin_jti"]  # the same session
    perfil = f"/paciente/{paciente['id']}"
    assert (await api_aws.get(perfil, headers=_bearer(novos))).status_code == 200

    assert (await api_aws.post("/auth/logout", headers=_bearer(novos))).status_code == 204
    # At once, for every token of the session, in another service; refresh is over too.
    assert (await api_aws.get(perfil, headers=_bearer(novos))).status_code == 401
    assert (await api_aws.get(perfil, headers=_bearer(tokens))).status_code == 401
    r = await api_aws.post("/auth/refresh", json={"refresh_token": novos["refresh_token"]})
    assert r.status_code == 401


async def test_troca_de_email_e_remocao_chegam_ao_cognito(api_aws, aws_gateway, pool: Pool):
    paciente = await _paciente(api_aws)
    login = await api_aws.post(
        "/auth/login", json={"email": paciente["email"], "senha": paciente["senha"]}
    )
    novo = data.novo_email("novo")
    r = await api_aws.put(
        f"/paciente/{paciente['id']}",
        json={"email": novo, "senha_atual": paciente["senha"]},
        headers=_bearer(login.json()),
    )
    assert r.status_code == 200, r.text
    user = pool.idp.admin_get_user(UserPoolId=pool.id, Username=paciente["id"])
    assert {"Name": "email", "Value": novo} in user["UserAttributes"]
    r = await api_aws.post("/auth/login", json={"email": novo, "senha": paciente["senha"]})
    assert r.status_code == 200

    auth = aws_gateway.apps["auth"]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=auth), base_url="http://auth"
    ) as http:
        r = await http.delete(
            f"/internal/credenciais/{paciente['id']}",
            headers={"x-service-token": auth.state.settings.secret("service_token")},
        )
    assert r.status_code == 204
    with pytest.raises(pool.idp.exceptions.UserNotFoundException):
        pool.idp.admin_get_user(UserPoolId=pool.id, Username=paciente["id"])


def _codigo_enviado(pool: Pool, usuario_id: str) -> str:
    """The code Cognito would have e-mailed: moto keeps it on the user (same process)."""
    from moto.cognitoidp.models import cognitoidp_backends
    from moto.core.models import DEFAULT_ACCOUNT_ID

    user = cognitoidp_backends[DEFAULT_ACCOUNT_ID][REGIAO].user_pools[pool.id].users[usuario_id]
    codigo: str | None = user.confirmation_code
    assert codigo, "ForgotPassword não foi chamado"
    return codigo


async def test_recuperacao_pelo_cognito_com_usuario_e_codigo(api_aws, pool: Pool):
    paciente = await _paciente(api_aws)
    login = await api_aws.post(
        "/auth/login", json={"email": paciente["email"], "senha": paciente["senha"]}
    )
    antigos = login.json()
    ninguem = await api_aws.post("/auth/recover", json={"email": "ninguem@exemplo.com.br"})
    assert ninguem.status_code == 202
    r = await api_aws.post("/auth/recover", json={"cpf": paciente["cpf"]})
    assert r.status_code == 202 and r.json() == ninguem.json()
    codigo = _codigo_enviado(pool, paciente["id"])

    errado = await api_aws.post(
        "/auth/recover/confirm",
        json={"token": f"{paciente['id']}:moto-confirmation-code:000000", "nova_senha": NOVA},
    )
    assert errado.status_code == 400
    sem_usuario = await api_aws.post(
        "/auth/recover/confirm", json={"token": codigo, "nova_senha": NOVA}
    )
    assert sem_usuario.status_code == 400
    token = f"{paciente['id']}:{codigo}"
    ok = await api_aws.post("/auth/recover/confirm", json={"token": token, "nova_senha": NOVA})
    assert ok.status_code == 204, ok.text

    antiga = await api_aws.post(
        "/auth/login", json={"email": paciente["email"], "senha": paciente["senha"]}
    )
    assert antiga.status_code == 401
    nova = await api_aws.post("/auth/login", json={"email": paciente["email"], "senha": NOVA})
    assert nova.status_code == 200
    # Sessions opened before the reset are over, in every service.
    perfil = f"/paciente/{paciente['id']}"
    assert (await api_aws.get(perfil, headers=_bearer(antigos))).status_code == 401
    r = await api_aws.post("/auth/refresh", json={"refresh_token": antigos["refresh_token"]})
    assert r.status_code == 401
    # The code was used.
    again = await api_aws.post(
        "/auth/recover/confirm", json={"token": token, "nova_senha": "Mais#Uma2028xyz"}
    )
    assert again.status_code == 400


def test_auth_no_cognito_sem_pool_falha_ao_iniciar_nomeando_a_variavel(aws_settings):
    settings = {**aws_settings}
    settings.pop("cognito_user_pool_id")
    # The issuer alone lets a service verify tokens; auth must administer the pool.
    settings["jwt_issuer"] = cognito_issuer(REGIAO, "sa-east-1_x")
    with pytest.raises((ConfigurationError, ValueError)) as info:
        AuthSettings(**settings)
    assert "HEALTHMED_COGNITO_USER_POOL_ID" in str(info.value)


async def test_reconciliacao_remove_do_cognito_a_conta_pendente_sem_perfil(
    api_aws, aws_gateway, pool: Pool
):
    conta = {
        "usuario_id": str(uuid.uuid4()),
        "papel": "paciente",
        "email": data.novo_email("orfa"),
        "senha": data.SENHA,
        "cpf": data.novo_cpf(),
    }
    auth = aws_gateway.apps["auth"]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=auth), base_url="http://auth"
    ) as http:
        r = await http.post(
            "/internal/credenciais",
            json=conta,
            headers={"x-service-token": auth.state.settings.secret("service_token")},
        )
    assert r.status_code == 201, r.text  # pending: the registering process "died" here
    pool.idp.admin_get_user(UserPoolId=pool.id, Username=conta["usuario_id"])
    r = await api_aws.post("/auth/login", json={"email": conta["email"], "senha": data.SENHA})
    assert r.status_code == 401  # Cognito would let it in: auth refuses the pending account

    ctx: Identidade = auth.state.identidade
    sem_carencia = dataclasses.replace(
        ctx, settings=ctx.settings.model_copy(update={"cadastro_pendente_carencia_segundos": 0})
    )
    feito = await cadastro.reconciliar_pendentes(sem_carencia)
    assert uuid.UUID(conta["usuario_id"]) in feito.removidas
    with pytest.raises(pool.idp.exceptions.UserNotFoundException):
        pool.idp.admin_get_user(UserPoolId=pool.id, Username=conta["usuario_id"])
