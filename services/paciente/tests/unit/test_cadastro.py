"""The registration use case with fake ports: nothing is left half-created."""

from __future__ import annotations

import uuid

import pytest

from libs import errors
from libs.testing.credenciais import FakeCredenciais, SagaDeCadastro, UowEmMemoria
from libs.testing.data import SENHA, novo_cpf
from services.paciente import service
from services.paciente.adapters.validador_cpf import ValidadorDigitosCpf


def _ctx(banco, credenciais, falhar_commit=False):
    return service.Pacientes(
        uow=lambda: UowEmMemoria(banco, "pacientes", falhar_commit),  # type: ignore[return-value]
        credenciais=credenciais,
        validador_cpf=ValidadorDigitosCpf(),
    )


def _novo(cpf=None):
    return service.NovoPaciente(
        nome="Ana", email="ana@exemplo.com", cpf=cpf or novo_cpf(), senha=SENHA
    )


class TestSagaDeCadastro(SagaDeCadastro):
    async def cadastrar(self, banco, credenciais, *, falhar_commit=False) -> uuid.UUID:
        paciente = await service.cadastrar(_ctx(banco, credenciais, falhar_commit), _novo())
        return paciente.id


async def test_cpf_invalido_nao_chega_ao_auth():
    banco: dict = {}
    cred = FakeCredenciais()
    with pytest.raises(errors.DadosInvalidos) as exc:
        await service.cadastrar(_ctx(banco, cred), _novo(cpf="52998224724"))
    assert exc.value.erros[0].campo == "cpf" and exc.value.erros[0].mensagem == "CPF inválido"
    assert banco == {} and cred.contas == {}
