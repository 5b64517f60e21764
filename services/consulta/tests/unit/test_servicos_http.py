"""What a person reads when another service fails: no host, no service name, no status."""

from __future__ import annotations

import httpx
import pytest

from libs import errors
from services.consulta.adapters.servicos import _esperar


def test_falha_de_outro_servico_nao_nomeia_o_servico():
    resposta = httpx.Response(500, request=httpx.Request("GET", "http://medico/internal/medicos/1"))
    with pytest.raises(errors.ServicoIndisponivel) as erro:
        _esperar(resposta, 200)
    assert erro.value.detalhe == errors.INDISPONIVEL
    assert "medico" not in erro.value.detalhe and "500" not in erro.value.detalhe
