"""The identity provider port's contract, run identically against both adapters: the built-in
provider (Argon2id + ES256) and Cognito (on moto's server).

What the service relies on of any provider: an account created with a password can log in with
it and with nothing else; an unknown account cannot; a session's refresh yields new tokens for
the same session; signing out ends one session (built-in) or the whole account (Cognito), and
says which; a changed e-mail keeps the login, a removed account logs in no more. (Cognito's own
password policy, which the built-in provider leaves to the service, is tested in
``tests/api/test_cognito.py``.)
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import boto3
import jwt
import pytest

from gateway.aws_local import provisionar
from libs import aws
from libs.settings import Settings
from libs.testing.data import SENHA, novo_email
from services.auth.adapters.hasher import Argon2Hasher
from services.auth.adapters.keys import KeyStore
from services.auth.adapters.provedor_cognito import ProvedorCognito
from services.auth.adapters.provedor_local import ProvedorLocal
from services.auth.ports import Conta, Credencial, Emissao, ProvedorIdentidade
from services.auth.settings import AuthSettings

Fabrica = Callable[[], Awaitable[ProvedorIdentidade]]


@pytest.fixture(scope="module")
def pool_moto(moto_endpoint: str) -> dict[str, str]:
    recursos = provisionar(moto_endpoint, prefixo="healthmed-contrato")
    return {"endpoint": moto_endpoint, "pool": recursos.pool_id, "app": recursos.client_id}


@pytest.fixture(params=["local", "cognito"])
def provedor(request: Any, tmp_path: Any, pool_moto: dict[str, str]) -> ProvedorIdentidade:
    if request.param == "local":
        settings = AuthSettings(data_dir=tmp_path)
        return ProvedorLocal(
            settings, Argon2Hasher(), KeyStore.from_directory(tmp_path / "k", create=True)
        )
    aws_settings = Settings(aws_region="sa-east-1", aws_endpoint_url=pool_moto["endpoint"])
    return ProvedorCognito(
        aws.client(aws_settings, "cognito-idp"),
        user_pool_id=pool_moto["pool"],
        client_id=pool_moto["app"],
    )


async def _conta(provedor: ProvedorIdentidade, senha: str = SENHA) -> tuple[Conta, Credencial]:
    conta = Conta(
        id=uuid.uuid4(), papel="paciente", email=novo_email("contrato"), cpf_hash="a" * 64
    )
    senha_hash = await provedor.hash_da_senha(senha)
    await provedor.criar(conta, senha)
    return conta, Credencial(conta.id, conta.papel, senha_hash)


async def test_conta_criada_entra_com_a_sua_senha_e_so_com_ela(provedor):
    conta, credencial = await _conta(provedor)
    emissao = await provedor.entrar(credencial, SENHA)
    assert emissao is not None and emissao.access_token and emissao.refresh_token
    assert emissao.expires_in > 0
    claims = jwt.decode(emissao.access_token, options={"verify_signature": False})
    assert str(conta.id) in (claims.get("sub"), claims.get("username"))
    assert await provedor.entrar(credencial, "Outra#Senha2026") is None


async def test_conta_inexistente_nao_entra(provedor):
    assert await provedor.entrar(None, SENHA) is None


async def test_renovar_emite_tokens_novos_da_mesma_sessao(provedor):
    conta, credencial = await _conta(provedor)
    emissao = await provedor.entrar(credencial, SENHA)
    assert emissao is not None
    nova = await provedor.renovar(
        usuario_id=conta.id,
        papel=conta.papel,
        sessao_id=emissao.sessao_id,
        refresh_token=emissao.refresh_token,
    )
    assert nova is not None and nova.sessao_id == emissao.sessao_id and nova.access_token


async def _renovar(provedor: ProvedorIdentidade, conta: Conta, emissao: Emissao) -> Emissao | None:
    return await provedor.renovar(
        usuario_id=conta.id,
        papel=conta.papel,
        sessao_id=emissao.sessao_id,
        refresh_token=emissao.refresh_token,
    )


async def test_sair_encerra_a_sessao_no_local_e_a_conta_no_cognito(provedor):
    """The built-in provider ends only the session signed out of (the service revokes its row;
    the account's other sessions go on). Cognito's GlobalSignOut revokes every refresh token of
    the user: the provider says "conta" and Cognito refuses the other session's refresh too."""
    conta, credencial = await _conta(provedor)
    uma = await provedor.entrar(credencial, SENHA)
    outra = await provedor.entrar(credencial, SENHA)
    assert uma is not None and outra is not None and uma.sessao_id != outra.sessao_id

    alcance = await provedor.sair(uma.access_token)

    if isinstance(provedor, ProvedorCognito):
        assert alcance == "conta"
        assert await _renovar(provedor, conta, outra) is None
        assert await _renovar(provedor, conta, uma) is None
    else:
        assert alcance == "sessao"
        renovada = await _renovar(provedor, conta, outra)
        assert renovada is not None and renovada.sessao_id == outra.sessao_id


async def test_troca_de_email_mantem_o_login_e_a_conta_removida_nao_entra(provedor, pool_moto):
    """The e-mail is where recovery codes go (Cognito keeps it, verified; the built-in provider
    keeps nothing: the ``usuarios`` row has it) and never the password: the account logs in as
    before. Removed, the account logs in no more, not even with a credential the service still
    held (Cognito deletes the user; the built-in provider's password hash went with the row, so
    the service has no credential to give)."""
    conta, credencial = await _conta(provedor)
    novo = novo_email("novo")

    await provedor.alterar_email(conta.id, novo)

    assert await provedor.entrar(credencial, SENHA) is not None
    cognito = isinstance(provedor, ProvedorCognito)
    if cognito:
        idp = boto3.client(
            "cognito-idp", region_name="sa-east-1", endpoint_url=pool_moto["endpoint"]
        )
        user = idp.admin_get_user(UserPoolId=pool_moto["pool"], Username=str(conta.id))
        atributos = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
        assert (atributos["email"], atributos["email_verified"]) == (novo, "true")

    await provedor.remover(conta.id)
    await provedor.remover(conta.id)  # an absent account is already removed

    assert await provedor.entrar(None, SENHA) is None
    if cognito:
        assert await provedor.entrar(credencial, SENHA) is None
        with pytest.raises(idp.exceptions.UserNotFoundException):
            idp.admin_get_user(UserPoolId=pool_moto["pool"], Username=str(conta.id))
