"""How a review is signed and what a reply and a report must say."""

from __future__ import annotations

import pytest

from libs import errors
from services.consulta.domain.avaliacoes import (
    motivo_da_denuncia,
    nome_publico,
    texto_da_resposta,
)


@pytest.mark.parametrize(
    ("nome", "publico"),
    [
        ("João Lima", "João L."),
        ("Maria Clara Dias", "Maria D."),
        ("ana  de souza", "ana S."),
        ("Cícero", "Cícero"),
        ("   ", "Paciente"),
    ],
)
def test_assinatura_e_primeiro_nome_e_inicial_do_ultimo(nome, publico):
    assert nome_publico(nome) == publico


def test_resposta_e_denuncia_dizem_algo_no_tamanho_certo():
    assert texto_da_resposta("  Obrigada!  ") == "Obrigada!"
    for ruim in ("", "   ", "x" * 1001):
        with pytest.raises(errors.DadosInvalidos):
            texto_da_resposta(ruim)
    assert motivo_da_denuncia(" Dados de outra pessoa ") == "Dados de outra pessoa"
    for ruim in ("curto", " " * 20, "x" * 1001):
        with pytest.raises(errors.DadosInvalidos):
            motivo_da_denuncia(ruim)
