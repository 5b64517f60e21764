"""The registration use case with fake ports: nothing is left half-created."""

from __future__ import annotations

import uuid

import pytest

from libs import errors
from libs.testing.credenciais import FakeCredenciais
from libs.testing.data import SENHA, novo_crm
from services.medico import service
from services.medico.adapters.validador_crm import ValidadorFormatoCrm


class FakeMedicos:
    def __init__(self) -> None:
        self.pendentes: dict[uuid.UUID, object] = {}

    async def add(self, medico) -> None:
        self.pendentes[medico.id] = medico


class FakeEspecialidades:
    async def desconhecidas(self, slugs):
        return [s for s in slugs if s not in {"cardiologia", "pediatria"}]


class FakeUow:
    """One transaction in memory: what was added is kept only if commit succeeds."""

    def __init__(self, banco: dict, falhar_commit: bool = False) -> None:
        self.banco = banco
        self.falhar_commit = falhar_commit
        self.medicos = FakeMedicos()
        self.especialidades = FakeEspecialidades()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc) -> None:
        self.medicos.pendentes.clear()  # rollback

    async def commit(self) -> None:
        if self.falhar_commit:
            raise ConnectionError("banco caiu no commit")
        self.banco.update(self.medicos.pendentes)


def _ctx(banco, credenciais, falhar_commit=False):
    return service.Medicos(
        uow=lambda: FakeUow(banco, falhar_commit),  # type: ignore[return-value]
        uow_leitura=lambda: FakeUow(banco),  # type: ignore[return-value]
        credenciais=credenciais,
        validador_crm=ValidadorFormatoCrm(),
    )


def _novo(**over):
    base = {
        "nome": "Dr. A",
        "crm": novo_crm(),
        "uf": "sp",
        "email": "a@exemplo.com",
        "senha": SENHA,
        "especialidades": ["cardiologia"],
    }
    return service.NovoMedico(**{**base, **over})


async def test_cadastro_grava_perfil_e_credenciais():
    banco: dict = {}
    cred = FakeCredenciais()
    m = await service.cadastrar(_ctx(banco, cred), _novo())
    assert m.id in banco and m.id in cred.contas and m.uf == "SP"


async def test_commit_que_falha_remove_as_credenciais_criadas():
    banco: dict = {}
    cred = FakeCredenciais()
    with pytest.raises(ConnectionError):
        await service.cadastrar(_ctx(banco, cred, falhar_commit=True), _novo())
    assert banco == {} and cred.contas == {} and cred.confirmadas == []


async def test_credenciais_sao_confirmadas_depois_do_commit_do_perfil():
    banco: dict = {}
    cred = FakeCredenciais()
    m = await service.cadastrar(_ctx(banco, cred), _novo())
    assert cred.confirmadas == [m.id]


async def test_confirmacao_perdida_nao_desfaz_o_cadastro():
    class AuthSemConfirmar(FakeCredenciais):
        async def confirmar(self, usuario_id: uuid.UUID) -> None:
            raise errors.ServicoIndisponivel("auth não respondeu")

    banco: dict = {}
    cred = AuthSemConfirmar()
    m = await service.cadastrar(_ctx(banco, cred), _novo())
    # The profile and the (pending) login stay: auth's reconciliation confirms it.
    assert m.id in banco and m.id in cred.contas and cred.removidas == []


async def test_especialidade_desconhecida_nao_chega_ao_auth():
    banco: dict = {}
    cred = FakeCredenciais()
    with pytest.raises(errors.DadosInvalidos) as exc:
        await service.cadastrar(_ctx(banco, cred), _novo(especialidades=["astrologia"]))
    assert exc.value.erros[0].campo == "especialidades"
    assert banco == {} and cred.contas == {}


async def test_crm_mal_formado_nao_chega_ao_auth():
    banco: dict = {}
    cred = FakeCredenciais()
    with pytest.raises(errors.DadosInvalidos) as exc:
        await service.cadastrar(_ctx(banco, cred), _novo(crm="12"))
    assert exc.value.erros[0].campo == "crm"
    assert cred.contas == {}


async def test_resposta_perdida_do_auth_remove_a_conta_que_ele_possa_ter_criado():
    banco: dict = {}
    cred = FakeCredenciais(perde_resposta=True)
    with pytest.raises(errors.ServicoIndisponivel):
        await service.cadastrar(_ctx(banco, cred), _novo())
    assert banco == {} and cred.contas == {}
