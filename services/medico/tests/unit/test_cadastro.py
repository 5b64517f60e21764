"""The registration use case with fake ports: nothing is left half-created."""

from __future__ import annotations

import uuid

import pytest

from libs import errors
from libs.testing.credenciais import FakeCredenciais, SagaDeCadastro, UowEmMemoria
from libs.testing.data import SENHA, novo_crm
from services.medico import service
from services.medico.adapters.validador_crm import ValidadorFormatoCrm


class FakeEspecialidades:
    async def desconhecidas(self, slugs):
        return [s for s in slugs if s not in {"cardiologia", "pediatria"}]


def _uow(banco, falhar_commit=False):
    return UowEmMemoria(banco, "medicos", falhar_commit, especialidades=FakeEspecialidades())


def _ctx(banco, credenciais, falhar_commit=False):
    return service.Medicos(
        uow=lambda: _uow(banco, falhar_commit),  # type: ignore[return-value]
        uow_leitura=lambda: _uow(banco),  # type: ignore[return-value]
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


class TestSagaDeCadastro(SagaDeCadastro):
    async def cadastrar(self, banco, credenciais, *, falhar_commit=False) -> uuid.UUID:
        medico = await service.cadastrar(_ctx(banco, credenciais, falhar_commit), _novo())
        return medico.id


async def test_uf_e_guardada_em_maiusculas():
    banco: dict = {}
    m = await service.cadastrar(_ctx(banco, FakeCredenciais()), _novo(uf="sp"))
    assert banco[m.id].uf == "SP"


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
