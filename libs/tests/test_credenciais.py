"""The client of auth's credentials contract, against a stand-in auth (httpx.MockTransport),
and the two compensations of a registration."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest

from libs import credenciais, errors
from libs.service_client import Endpoint, ServiceClient
from libs.testing.credenciais import FakeCredenciais


def _auth(status: int, body: object = None, pedidos: list[httpx.Request] | None = None):
    def handler(request: httpx.Request) -> httpx.Response:
        if pedidos is not None:
            pedidos.append(request)
        return httpx.Response(status, json=body)

    return ServiceClient(
        {"auth": Endpoint("http://auth", httpx.MockTransport(handler))}, token="t", retries=0
    )


async def test_criar_medico_envia_papel_crm_e_uf():
    pedidos: list[httpx.Request] = []
    cliente = credenciais.CredenciaisMedico(_auth(201, {}, pedidos))
    uid = uuid.uuid4()
    await cliente.criar(usuario_id=uid, email="a@x.com", senha="s", crm="123456", uf="SP")
    assert pedidos[0].method == "POST" and pedidos[0].url.path == "/internal/credenciais"
    assert json.loads(pedidos[0].content) == {
        "usuario_id": str(uid),
        "papel": "medico",
        "email": "a@x.com",
        "senha": "s",
        "crm": "123456",
        "uf": "SP",
    }


async def test_criar_paciente_envia_papel_e_cpf():
    pedidos: list[httpx.Request] = []
    cliente = credenciais.CredenciaisPaciente(_auth(201, {}, pedidos))
    uid = uuid.uuid4()
    await cliente.criar(usuario_id=uid, email="a@x.com", senha="s", cpf="52998224725")
    assert json.loads(pedidos[0].content) == {
        "usuario_id": str(uid),
        "papel": "paciente",
        "email": "a@x.com",
        "senha": "s",
        "cpf": "52998224725",
    }


@pytest.mark.parametrize(
    ("classe", "detalhe", "campo"),
    [
        (credenciais.CredenciaisMedico, "CRM já cadastrado nessa UF", "crm"),
        (credenciais.CredenciaisMedico, "E-mail já cadastrado", "email"),
        (credenciais.CredenciaisPaciente, "CPF já cadastrado", "cpf"),
        (credenciais.CredenciaisPaciente, "Conta já existe", "conta"),
    ],
)
async def test_409_do_auth_e_credencial_em_uso_com_a_mensagem_do_auth(classe, detalhe, campo):
    cliente = classe(_auth(409, {"detail": detalhe}))
    with pytest.raises(credenciais.CredencialEmUso) as exc:
        await cliente.alterar_email(uuid.uuid4(), "a@x.com")
    assert exc.value.campo == campo and exc.value.detalhe == detalhe
    assert exc.value.status == 409


async def test_422_do_auth_e_credencial_recusada_com_os_erros_do_auth():
    corpo = {"detail": "senha fraca", "erros": [{"campo": "senha", "mensagem": "Muito curta"}]}
    cliente = credenciais.CredenciaisPaciente(_auth(422, corpo))
    with pytest.raises(credenciais.CredencialRecusada) as exc:
        await cliente.criar(usuario_id=uuid.uuid4(), email="a@x.com", senha="s", cpf="1")
    assert exc.value.erros == [errors.ErroCampo("senha", "Muito curta")]
    assert exc.value.detalhe == "senha fraca" and exc.value.status == 422


async def test_outra_resposta_do_auth_e_servico_indisponivel():
    cliente = credenciais.CredenciaisMedico(_auth(500, {"detail": "x"}))
    with pytest.raises(errors.ServicoIndisponivel):
        await cliente.alterar_email(uuid.uuid4(), "a@x.com")


async def test_remover_conta_que_o_auth_nao_tem_nao_e_erro():
    pedidos: list[httpx.Request] = []
    uid = uuid.uuid4()
    await credenciais.CredenciaisMedico(_auth(404, {}, pedidos)).remover(uid)
    assert pedidos[0].method == "DELETE"
    assert pedidos[0].url.path == f"/internal/credenciais/{uid}"


async def test_confirmar_envia_post_ao_auth():
    pedidos: list[httpx.Request] = []
    uid = uuid.uuid4()
    await credenciais.CredenciaisPaciente(_auth(204, None, pedidos)).confirmar(uid)
    assert pedidos[0].method == "POST"
    assert pedidos[0].url.path == f"/internal/credenciais/{uid}/confirmar"
    with pytest.raises(errors.ServicoIndisponivel):
        await credenciais.CredenciaisPaciente(_auth(500, {})).confirmar(uid)


async def test_confirmacao_que_falha_nao_desfaz_o_cadastro():
    # Best effort: the profile committed, auth's reconciliation confirms it later.
    uid = uuid.uuid4()
    await credenciais.confirmar_conta(credenciais.CredenciaisPaciente(_auth(503, {})), uid)
    cred = FakeCredenciais()
    await cred.criar(usuario_id=uid, email="a@x.com", senha="s", cpf="1")
    await credenciais.confirmar_conta(cred, uid)
    assert cred.confirmadas == [uid]


async def test_bloco_que_falha_remove_a_conta_criada():
    cred = FakeCredenciais()
    uid = uuid.uuid4()
    with pytest.raises(ConnectionError):
        async with credenciais.conta_em_criacao(cred, uid):
            await cred.criar(usuario_id=uid, email="a@x.com", senha="s", cpf="1")
            raise ConnectionError("commit falhou")
    assert cred.contas == {} and cred.removidas == [uid]


async def test_recusa_do_auth_nao_pede_remocao():
    cred = FakeCredenciais(recusa=credenciais.CredencialEmUso("cpf", "CPF já cadastrado"))
    uid = uuid.uuid4()
    with pytest.raises(credenciais.CredencialEmUso):
        async with credenciais.conta_em_criacao(cred, uid):
            await cred.criar(usuario_id=uid, email="a@x.com", senha="s", cpf="1")
    assert cred.removidas == []


async def test_remocao_que_falha_nao_esconde_o_erro_do_bloco():
    class AuthFora(FakeCredenciais):
        async def remover(self, usuario_id: uuid.UUID) -> None:
            raise errors.ServicoIndisponivel("auth fora")

    with pytest.raises(ConnectionError):
        async with credenciais.conta_em_criacao(AuthFora(), uuid.uuid4()):
            raise ConnectionError("commit falhou")


async def test_bloco_que_funciona_mantem_a_conta():
    cred = FakeCredenciais()
    uid = uuid.uuid4()
    async with credenciais.conta_em_criacao(cred, uid):
        await cred.criar(usuario_id=uid, email="a@x.com", senha="s", cpf="1")
    assert cred.contas == {uid: "a@x.com"} and cred.removidas == []


async def test_email_novo_volta_ao_antigo_quando_o_bloco_falha():
    cred = FakeCredenciais()
    uid = uuid.uuid4()
    await cred.criar(usuario_id=uid, email="antigo@x.com", senha="s", cpf="1")
    with pytest.raises(ConnectionError):
        async with credenciais.email_em_alteracao(
            cred, uid, antigo="antigo@x.com", novo="n@x.com", pedido=credenciais.Reautenticacao("s")
        ):
            assert cred.contas[uid] == "n@x.com"
            raise ConnectionError("commit falhou")
    assert cred.contas[uid] == "antigo@x.com"


async def test_email_igual_nao_chama_o_auth():
    pedidos: list[httpx.Request] = []
    cliente = credenciais.CredenciaisPaciente(_auth(500, {}, pedidos))
    async with credenciais.email_em_alteracao(cliente, uuid.uuid4(), antigo="a@x", novo="a@x"):
        pass
    assert pedidos == []
