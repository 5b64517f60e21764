"""The registration use case with fake ports: nothing is left half-created."""

from __future__ import annotations

import uuid

import pytest

from libs import errors
from libs.credenciais import CredencialEmUso
from libs.testing.credenciais import FakeCredenciais
from libs.testing.data import SENHA, novo_cpf
from services.paciente import service
from services.paciente.adapters.validador_cpf import ValidadorDigitosCpf


class FakeRepo:
    def __init__(self) -> None:
        self.pendentes: dict[uuid.UUID, object] = {}

    async def add(self, paciente) -> None:
        self.pendentes[paciente.id] = paciente


class FakeUow:
    """One transaction in memory: what was added is kept only if commit succeeds."""

    def __init__(self, banco: dict, falhar_commit: bool = False) -> None:
        self.banco = banco
        self.falhar_commit = falhar_commit
        self.pacientes = FakeRepo()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc) -> None:
        self.pacientes.pendentes.clear()  # rollback

    async def commit(self) -> None:
        if self.falhar_commit:
            raise ConnectionError("banco caiu no commit")
        self.banco.update(self.pacientes.pendentes)


def _ctx(banco, credenciais, falhar_commit=False):
    return service.Pacientes(
        uow=lambda: FakeUow(banco, falhar_commit),  # type: ignore[return-value]
        credenciais=credenciais,
        validador_cpf=ValidadorDigitosCpf(),
    )


def _novo(cpf=None):
    return service.NovoPaciente(
        nome="Ana", email="ana@exemplo.com", cpf=cpf or novo_cpf(), senha=SENHA
    )


async def test_cadastro_grava_perfil_e_credenciais():
    banco: dict = {}
    cred = FakeCredenciais()
    p = await service.cadastrar(_ctx(banco, cred), _novo())
    assert p.id in banco and p.id in cred.contas


async def test_commit_que_falha_remove_as_credenciais_criadas():
    banco: dict = {}
    cred = FakeCredenciais()
    with pytest.raises(ConnectionError):
        await service.cadastrar(_ctx(banco, cred, falhar_commit=True), _novo())
    assert banco == {} and cred.contas == {} and cred.confirmadas == []


async def test_credenciais_sao_confirmadas_depois_do_commit_do_perfil():
    banco: dict = {}
    cred = FakeCredenciais()
    p = await service.cadastrar(_ctx(banco, cred), _novo())
    assert cred.confirmadas == [p.id]


async def test_confirmacao_perdida_nao_desfaz_o_cadastro():
    class AuthSemConfirmar(FakeCredenciais):
        async def confirmar(self, usuario_id: uuid.UUID) -> None:
            raise errors.ServicoIndisponivel("auth não respondeu")

    banco: dict = {}
    cred = AuthSemConfirmar()
    p = await service.cadastrar(_ctx(banco, cred), _novo())
    # The profile and the (pending) login stay: auth's reconciliation confirms it.
    assert p.id in banco and p.id in cred.contas and cred.removidas == []


async def test_recusa_do_auth_nao_grava_o_perfil_nem_pede_remocao():
    banco: dict = {}
    cred = FakeCredenciais(recusa=CredencialEmUso("email", "E-mail já cadastrado"))
    with pytest.raises(CredencialEmUso):
        await service.cadastrar(_ctx(banco, cred), _novo())
    assert banco == {} and cred.removidas == []


async def test_cpf_invalido_nao_chega_ao_auth():
    banco: dict = {}
    cred = FakeCredenciais()
    with pytest.raises(errors.DadosInvalidos) as exc:
        await service.cadastrar(_ctx(banco, cred), _novo(cpf="52998224724"))
    assert exc.value.erros[0].campo == "cpf" and exc.value.erros[0].mensagem == "CPF inválido"
    assert banco == {} and cred.contas == {}


async def test_resposta_perdida_do_auth_remove_a_conta_que_ele_possa_ter_criado():
    banco: dict = {}
    cred = FakeCredenciais(perde_resposta=True)
    with pytest.raises(errors.ServicoIndisponivel):
        await service.cadastrar(_ctx(banco, cred), _novo())
    assert banco == {} and cred.contas == {}
