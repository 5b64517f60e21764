"""CPF check digits."""

from __future__ import annotations

import uuid

import pytest

from libs.testing.data import cpf_digits, novo_cpf
from services.paciente.domain.cpf import cpf_valido, formatar_cpf
from services.paciente.domain.erros import AcessoNegado
from services.paciente.domain.paciente import exigir_proprio_paciente


def test_cpf_conhecido_e_valido_com_ou_sem_pontuacao():
    assert cpf_valido("52998224725")
    assert cpf_valido("529.982.247-25")


def test_digito_verificador_errado_e_invalido():
    assert not cpf_valido("52998224724")
    assert not cpf_valido("52998224715")


@pytest.mark.parametrize("digito", "0123456789")
def test_digitos_todos_iguais_sao_invalidos(digito):
    assert not cpf_valido(digito * 11)


@pytest.mark.parametrize("cpf", ["", "123", "529982247250", "5299822472a", "529/982/247-25"])
def test_tamanho_ou_caracteres_errados_sao_invalidos(cpf):
    assert not cpf_valido(cpf)


def test_cpfs_gerados_com_os_digitos_calculados_sao_validos():
    for _ in range(200):
        assert cpf_valido(novo_cpf())
        assert cpf_valido(novo_cpf(pontuado=True))


def test_resto_dez_vira_digito_zero():
    # 000000001 → first digit rest 10 is mapped to 0 by the rule
    cpf = cpf_digits("100000001")
    assert cpf_valido(cpf)


def test_formatar_cpf():
    assert formatar_cpf("52998224725") == "529.982.247-25"
    assert formatar_cpf("529.982.247-25") == "529.982.247-25"


def test_so_o_proprio_paciente_acessa_o_perfil():
    eu, outro = uuid.uuid4(), uuid.uuid4()
    exigir_proprio_paciente(usuario_id=eu, papel="paciente", paciente_id=eu)
    with pytest.raises(AcessoNegado):
        exigir_proprio_paciente(usuario_id=outro, papel="paciente", paciente_id=eu)
    with pytest.raises(AcessoNegado):
        exigir_proprio_paciente(usuario_id=eu, papel="medico", paciente_id=eu)
