"""Login, tokens and sessions through the public API."""

from __future__ import annotations

import time
import uuid

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

from services.auth.tests.api.conftest import Conta, envelhecer_rotacoes


async def _login(api, **body):
    return await api.post("/auth/login", json=body)


async def test_paciente_entra_por_email(api, paciente: Conta):
    r = await _login(api, email=paciente.email.upper(), senha=paciente.senha)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["papel"] == "paciente"
    assert body["usuario_id"] == paciente.id
    assert body["token_type"] == "Bearer"
    assert 0 < body["expires_in"] <= 900
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["sub"] == paciente.id and claims["papel"] == "paciente" and claims["sid"]
    assert jwt.get_unverified_header(body["access_token"])["alg"] == "ES256"


async def test_paciente_entra_por_cpf_com_ou_sem_pontuacao(api, paciente: Conta):
    cpf = paciente.cpf
    pontuado = f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}"
    for informado in (cpf, pontuado):
        r = await _login(api, cpf=informado, senha=paciente.senha)
        assert r.status_code == 200, r.text
        assert r.json()["usuario_id"] == paciente.id


async def test_medico_entra_por_crm_e_uf(api, medico: Conta):
    r = await _login(api, crm=medico.crm, uf="sp", senha=medico.senha)
    assert r.status_code == 200, r.text
    assert r.json()["papel"] == "medico"
    outra_uf = await _login(api, crm=medico.crm, uf="RJ", senha=medico.senha)
    assert outra_uf.status_code == 401
    assert outra_uf.json()["detail"] == "CRM/UF ou senha incorretos"


async def test_senha_errada_e_usuario_inexistente_tem_a_mesma_resposta(api, paciente: Conta):
    errada = await _login(api, email=paciente.email, senha="senha-errada-123")
    inexistente = await _login(api, email="ninguem.aqui@exemplo.com.br", senha="senha-errada-123")
    assert errada.status_code == inexistente.status_code == 401
    assert errada.json() == inexistente.json()
    assert errada.json()["detail"] == "E-mail/CPF ou senha incorretos"
    assert errada.headers["content-type"].startswith("application/problem+json")


async def test_exatamente_um_identificador(api, paciente: Conta):
    dois = await _login(api, email=paciente.email, cpf=paciente.cpf, senha=paciente.senha)
    nenhum = await _login(api, senha=paciente.senha)
    assert dois.status_code == nenhum.status_code == 422
    assert "identificador" in dois.json()["detail"]


async def _token(api, conta: Conta) -> dict:
    r = await _login(api, email=conta.email, senha=conta.senha)
    assert r.status_code == 200
    return r.json()


async def test_logout_revoga_access_e_refresh(api, paciente: Conta):
    tokens = await _token(api, paciente)
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert (await api.post("/auth/logout", headers=auth)).status_code == 204
    assert (await api.post("/auth/logout", headers=auth)).status_code == 401
    r = await api.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 401


async def test_refresh_rotaciona_e_reuso_revoga_a_sessao(api, gateway, paciente: Conta):
    first = await _token(api, paciente)
    r = await api.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]
    # The rotated token presented again, after the tolerance for a lost answer: the whole
    # session dies, the newest tokens included.
    await envelhecer_rotacoes(gateway, second["access_token"], 21)
    reuse = await api.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    dead = await api.post("/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert dead.status_code == 401
    logout = await api.post(
        "/auth/logout", headers={"Authorization": f"Bearer {second['access_token']}"}
    )
    assert logout.status_code == 401


async def test_refresh_repetido_logo_apos_a_rotacao_rotaciona_de_novo(
    api, gateway, paciente: Conta
):
    """The answer to a renewal was lost (a phone dropped the connection): the app retries with
    the same token within seconds and stays logged in."""
    first = await _token(api, paciente)
    second = (
        await api.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    ).json()
    retry = await api.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert retry.status_code == 200, retry.text
    third = retry.json()
    assert third["refresh_token"] not in (first["refresh_token"], second["refresh_token"])
    r = await api.post("/auth/refresh", json={"refresh_token": third["refresh_token"]})
    assert r.status_code == 200
    # The retry did not stretch the tolerance: 21 s after the first rotation, re-use is theft
    # again, and ends the session with every token of it.
    await envelhecer_rotacoes(gateway, third["access_token"], 21)
    reuse = await api.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    latest = await api.post("/auth/refresh", json={"refresh_token": r.json()["refresh_token"]})
    assert latest.status_code == 401


async def test_token_forjado_com_alg_none_e_recusado(api, paciente: Conta):
    tokens = await _token(api, paciente)
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    kid = jwt.get_unverified_header(tokens["access_token"])["kid"]
    forged = jwt.encode(claims, key=None, algorithm="none", headers={"kid": kid})
    r = await api.post("/auth/logout", headers={"Authorization": f"Bearer {forged}"})
    assert r.status_code == 401


async def test_token_assinado_por_outra_chave_e_recusado(api, paciente: Conta):
    tokens = await _token(api, paciente)
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    kid = jwt.get_unverified_header(tokens["access_token"])["kid"]
    other = ec.generate_private_key(ec.SECP256R1())
    forged = jwt.encode(claims, other, algorithm="ES256", headers={"kid": kid})
    r = await api.post("/auth/logout", headers={"Authorization": f"Bearer {forged}"})
    assert r.status_code == 401


def _signed(gateway, **claims):
    keys = gateway.apps["auth"].state.keys
    return keys.sign(claims)


async def test_token_expirado_e_recusado(api, gateway, paciente: Conta):
    tokens = await _token(api, paciente)
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    now = int(time.time())
    expired = _signed(gateway, **{**claims, "iat": now - 1000, "exp": now - 60})
    r = await api.post("/auth/logout", headers={"Authorization": f"Bearer {expired}"})
    assert r.status_code == 401
    valid = _signed(gateway, **{**claims, "iat": now, "exp": now + 60})
    assert (
        await api.post("/auth/logout", headers={"Authorization": f"Bearer {valid}"})
    ).status_code == 204


async def test_token_de_outra_audiencia_ou_emissor_e_recusado(api, gateway, paciente: Conta):
    tokens = await _token(api, paciente)
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    for change in ({"aud": "outra-api"}, {"iss": "outro-emissor"}, {"sid": str(uuid.uuid4())}):
        token = _signed(gateway, **{**claims, **change})
        r = await api.post("/auth/logout", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401, change


async def test_sem_token_e_401_em_problem_json(api):
    r = await api.post("/auth/logout")
    assert r.status_code == 401
    assert r.json()["status"] == 401


async def test_jwks_publica_a_chave_publica_es256(api):
    r = await api.get("/auth/.well-known/jwks.json")
    assert r.status_code == 200
    keys = r.json()["keys"]
    assert keys and all(k["kty"] == "EC" and k["crv"] == "P-256" and "d" not in k for k in keys)
