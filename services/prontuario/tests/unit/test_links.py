"""Signed URL tokens of the local storage: genuine, unexpired, for the right action."""

from __future__ import annotations

import uuid

import pytest

from services.prontuario.adapters.armazenamento_local import AssinadorDeLinks, Link
from services.prontuario.domain.erros import LinkInvalido


class Relogio:
    def __init__(self, agora: float) -> None:
        self.agora = agora

    def __call__(self) -> float:
        return self.agora


def _link(acao="get", expira_em=1000) -> Link:
    return Link(
        acao=acao,
        chave=f"{uuid.uuid4()}/{uuid.uuid4()}",
        tipo_conteudo="application/pdf",
        tamanho=10,
        expira_em=expira_em,
        documento_id=uuid.uuid4(),
        paciente_id=uuid.uuid4(),
        nome="laudo.pdf",
        compartilhamento_id=uuid.uuid4(),
    )


def test_token_valido_devolve_o_link():
    assinador = AssinadorDeLinks(b"k" * 32, Relogio(999))
    link = _link()
    assert assinador.verificar(assinador.assinar(link), "get") == link


def test_token_expira_no_segundo_marcado():
    relogio = Relogio(999)
    assinador = AssinadorDeLinks(b"k" * 32, relogio)
    token = assinador.assinar(_link(expira_em=1000))
    relogio.agora = 1000
    with pytest.raises(LinkInvalido, match="expirado"):
        assinador.verificar(token, "get")


def test_token_de_envio_nao_serve_para_baixar():
    assinador = AssinadorDeLinks(b"k" * 32, Relogio(0))
    with pytest.raises(LinkInvalido):
        assinador.verificar(assinador.assinar(_link(acao="put")), "get")


def test_token_alterado_ou_de_outra_chave_e_recusado():
    assinador = AssinadorDeLinks(b"k" * 32, Relogio(0))
    token = assinador.assinar(_link())
    corpo, mac = token.split(".")
    outro = AssinadorDeLinks(b"z" * 32, Relogio(0)).assinar(_link())
    for ruim in (corpo + "A." + mac, corpo, "", "a.b", outro, corpo + "." + mac[:-2]):
        with pytest.raises(LinkInvalido):
            assinador.verificar(ruim, "get")
