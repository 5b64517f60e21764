"""The address and location shared by the medico and paciente services: input, domain value,
answer."""

from __future__ import annotations

import pytest
from pydantic import ValidationError, field_validator

from libs.campos import (
    AlteracaoDePerfilIn,
    Endereco,
    EnderecoIn,
    EnderecoOut,
    Localizacao,
    LocalizacaoIn,
    LocalizacaoOut,
    endereco_out,
    localizacao_out,
    nao_vazio,
)


def test_endereco_vira_valor_do_dominio_com_cep_em_digitos_e_uf_maiuscula():
    entrada = EnderecoIn(
        cep="01001-000", logradouro=" Praça da Sé, 1 ", cidade="São Paulo", uf="sp"
    )
    assert entrada.to_domain() == Endereco("01001000", "Praça da Sé, 1", "São Paulo", "SP")


def test_cep_mal_formado_e_recusado():
    with pytest.raises(ValidationError, match="CEP inválido"):
        EnderecoIn(cep="01001-00", logradouro="Rua A", cidade="São Paulo", uf="SP")


def test_localizacao_vira_valor_do_dominio():
    assert LocalizacaoIn(lat=-23.55, lon=-46.63).to_domain() == Localizacao(-23.55, -46.63)


def test_localizacao_fora_dos_limites_e_recusada():
    with pytest.raises(ValidationError):
        LocalizacaoIn(lat=91, lon=0)


def test_respostas_copiam_o_valor_e_none_fica_none():
    endereco = Endereco("01001000", "Praça da Sé, 1", "São Paulo", "SP")
    assert endereco_out(endereco) == EnderecoOut(
        cep="01001000", logradouro="Praça da Sé, 1", cidade="São Paulo", uf="SP"
    )
    assert localizacao_out(Localizacao(1.5, 2.5)) == LocalizacaoOut(lat=1.5, lon=2.5)
    assert endereco_out(None) is None and localizacao_out(None) is None


class _Alteracao(AlteracaoDePerfilIn):
    nome: str | None = None
    telefone: str | None = None
    endereco: EnderecoIn | None = None
    senha_atual: str | None = None

    _obrigatorio = field_validator("nome", mode="before")(nao_vazio)


def test_alteracao_de_perfil_da_so_os_campos_enviados_como_valores_do_dominio():
    alteracao = _Alteracao.model_validate(
        {
            "telefone": None,
            "senha_atual": "x",
            "endereco": {"cep": "01001000", "logradouro": "Rua A", "cidade": "SP", "uf": "SP"},
        }
    )
    assert alteracao.valores() == {
        "telefone": None,
        "endereco": Endereco("01001000", "Rua A", "SP", "SP"),
    }


def test_alteracao_de_perfil_recusa_null_no_campo_obrigatorio_e_campo_desconhecido():
    with pytest.raises(ValidationError, match="Não pode ser vazio"):
        _Alteracao.model_validate({"nome": None})
    with pytest.raises(ValidationError):
        _Alteracao.model_validate({"cpf": "1"})


def test_texto_publico_aceita_linhas_e_recusa_controle_e_marcas_de_direcao() -> None:
    import pytest

    from libs.campos import texto_publico

    assert texto_publico("Ótimo.\nRecomendo.") == "Ótimo.\nRecomendo."
    for ruim in ("Bom\x07", "exe\u202efdp.", "a\u2066b", "\u200fx"):
        with pytest.raises(ValueError):
            texto_publico(ruim)
