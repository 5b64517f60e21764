"""Registration of patients through the public API."""

from __future__ import annotations

import uuid

import httpx

from libs.testing import data


def _corpo(**over):
    return {
        "nome": "Maria da Silva",
        "email": data.novo_email("maria"),
        "cpf": data.novo_cpf(),
        "senha": data.SENHA,
        **over,
    }


async def test_cadastro_devolve_perfil_com_cpf_formatado(api):
    corpo = _corpo(
        telefone="(11) 91234-5678",
        data_nascimento="1990-05-17",
        endereco={
            "cep": "01310-100",
            "logradouro": "Av. Paulista, 1000",
            "cidade": "São Paulo",
            "uf": "sp",
        },
        localizacao={"lat": -23.561, "lon": -46.656},
    )
    r = await api.post("/paciente", json=corpo)
    assert r.status_code == 201, r.text
    perfil = r.json()
    cpf = corpo["cpf"]
    assert perfil["cpf"] == f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}"
    assert perfil["nome"] == "Maria da Silva"
    assert perfil["email"] == corpo["email"]
    assert perfil["telefone"] == "(11) 91234-5678"
    assert perfil["data_nascimento"] == "1990-05-17"
    assert perfil["endereco"] == {
        "cep": "01310100",
        "logradouro": "Av. Paulista, 1000",
        "cidade": "São Paulo",
        "uf": "SP",
    }
    assert perfil["localizacao"] == {"lat": -23.561, "lon": -46.656}
    assert "senha" not in perfil


async def test_paciente_cadastrado_entra_por_email_e_por_cpf(api):
    corpo = _corpo(cpf=data.novo_cpf(pontuado=True))
    r = await api.post("/paciente", json=corpo)
    assert r.status_code == 201, r.text
    por_email = await api.post("/auth/login", json={"email": corpo["email"], "senha": data.SENHA})
    por_cpf = await api.post("/auth/login", json={"cpf": corpo["cpf"], "senha": data.SENHA})
    assert por_email.status_code == por_cpf.status_code == 200
    assert por_email.json()["usuario_id"] == por_cpf.json()["usuario_id"] == r.json()["id"]
    assert por_email.json()["papel"] == "paciente"


async def test_cpf_invalido_e_422_no_campo_cpf(api):
    for cpf in ("529.982.247-24", "111.111.111-11", "123"):
        r = await api.post("/paciente", json=_corpo(cpf=cpf))
        assert r.status_code == 422, r.text
        body = r.json()
        assert body["erros"][0]["campo"] == "cpf"
        assert body["erros"][0]["mensagem"] == "CPF inválido"
        assert r.headers["content-type"].startswith("application/problem+json")


async def test_senha_fraca_e_422_e_nada_fica_para_tras(api):
    corpo = _corpo(senha="123")
    r = await api.post("/paciente", json=corpo)
    assert r.status_code == 422, r.text
    assert r.json()["erros"][0]["campo"] == "senha"
    comum = await api.post("/paciente", json={**corpo, "senha": "password"})
    assert comum.status_code == 422, comum.text
    # The same CPF and e-mail register fine afterwards: no profile nor login was left behind.
    r = await api.post("/paciente", json={**corpo, "senha": data.SENHA})
    assert r.status_code == 201, r.text
    login = await api.post("/auth/login", json={"cpf": corpo["cpf"], "senha": data.SENHA})
    assert login.status_code == 200


async def test_cpf_repetido_com_ou_sem_pontuacao_e_409(api):
    cpf = data.novo_cpf()
    assert (await api.post("/paciente", json=_corpo(cpf=cpf))).status_code == 201
    pontuado = f"{cpf[:3]}.{cpf[3:6]}.{cpf[6:9]}-{cpf[9:]}"
    for informado in (cpf, pontuado):
        r = await api.post("/paciente", json=_corpo(cpf=informado))
        assert r.status_code == 409, r.text
        assert r.json()["detail"] == "CPF já cadastrado"


async def test_email_repetido_e_409_sem_diferenciar_maiusculas(api):
    email = data.novo_email("dup")
    assert (await api.post("/paciente", json=_corpo(email=email))).status_code == 201
    r = await api.post("/paciente", json=_corpo(email=email.upper()))
    assert r.status_code == 409, r.text
    assert r.json()["detail"] == "E-mail já cadastrado"


async def _credenciais_so_no_auth(gateway, email: str, cpf: str) -> None:
    """A login that exists in auth with no profile here (as a half-finished past could leave)."""
    auth = gateway.apps["auth"]
    body = {
        "usuario_id": str(uuid.uuid4()),
        "papel": "paciente",
        "email": email,
        "senha": data.SENHA,
        "cpf": cpf,
    }
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=auth), base_url="http://auth"
    ) as http:
        r = await http.post(
            "/internal/credenciais",
            json=body,
            headers={"x-service-token": auth.state.settings.secret("service_token")},
        )
    assert r.status_code == 201, r.text


async def test_recusa_do_auth_e_409_e_o_perfil_volta_atras(api, gateway):
    email, cpf = data.novo_email("so-auth"), data.novo_cpf()
    await _credenciais_so_no_auth(gateway, email, data.novo_cpf())
    r = await api.post("/paciente", json=_corpo(email=email, cpf=cpf))
    assert r.status_code == 409, r.text
    assert r.json()["detail"] == "E-mail já cadastrado"
    # The CPF of the refused registration was not kept here: it registers with another e-mail.
    assert (await api.post("/paciente", json=_corpo(cpf=cpf))).status_code == 201
    outro_cpf = data.novo_cpf()
    await _credenciais_so_no_auth(gateway, data.novo_email("so-auth"), outro_cpf)
    r = await api.post("/paciente", json=_corpo(cpf=outro_cpf))
    assert r.status_code == 409 and r.json()["detail"] == "CPF já cadastrado"


async def test_dados_invalidos_sao_422_com_o_campo(api):
    casos = {
        "email": {"email": "nao-e-email"},
        "endereco.cep": {"endereco": {"cep": "123", "logradouro": "R", "cidade": "C", "uf": "SP"}},
        "endereco.uf": {
            "endereco": {"cep": "01310100", "logradouro": "R", "cidade": "C", "uf": "XX"}
        },
        "localizacao.lat": {"localizacao": {"lat": 91, "lon": 0}},
        "localizacao.lon": {"localizacao": {"lat": 0, "lon": -181}},
        "nome": {"nome": ""},
        "data_nascimento": {"data_nascimento": "2999-01-01"},
        "telefone": {"telefone": "12"},
    }
    for campo, over in casos.items():
        r = await api.post("/paciente", json=_corpo(**over))
        assert r.status_code == 422, (campo, r.text)
        assert campo in [e["campo"] for e in r.json()["erros"]], (campo, r.json())


async def test_campos_obrigatorios(api):
    r = await api.post("/paciente", json={"nome": "Só o nome"})
    assert r.status_code == 422
    campos = {e["campo"] for e in r.json()["erros"]}
    assert {"email", "cpf", "senha"} <= campos


async def test_caracteres_de_controle_sao_422(api):
    endereco = {"cep": "01310100", "logradouro": "Rua\x00", "cidade": "C", "uf": "SP"}
    for campo, over in (
        ("nome", {"nome": "Ana\x00"}),
        ("endereco.logradouro", {"endereco": endereco}),
    ):
        r = await api.post("/paciente", json=_corpo(**over))
        assert r.status_code == 422, r.text
        assert r.json()["erros"][0]["campo"] == campo
