"""Rules of identity, without a database."""

from __future__ import annotations

import pytest

from libs import errors
from services.auth.domain import identificador
from services.auth.domain.senha import validar_senha


@pytest.mark.parametrize("senha", ["curta", "12345678", "SENHA123", "aaaaaaaaaa", "abababab"])
def test_senha_curta_comum_ou_repetitiva_e_recusada(senha):
    with pytest.raises(errors.DadosInvalidos) as info:
        validar_senha(senha)
    assert info.value.erros[0].campo == "senha"


def test_senha_razoavel_e_aceita():
    validar_senha("Consulta#Marcada7")


def test_senha_enorme_e_recusada():
    with pytest.raises(errors.DadosInvalidos):
        validar_senha("x1" * 100)


def test_identificadores_sao_normalizados():
    assert identificador.por_cpf("123.456.789-09").valor == "12345678909"
    assert identificador.por_email("  Ana@Exemplo.COM ").valor == "ana@exemplo.com"
    crm = identificador.por_crm("12.345", " sp")
    assert crm.valor == "12345/SP" and crm.papel == "medico"
    assert identificador.por_cpf("12345678909").papel == "paciente"
