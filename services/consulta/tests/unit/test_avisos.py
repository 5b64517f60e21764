"""Who is told what about an appointment, without a database."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import pytest

from services.consulta.domain import notificacoes
from services.consulta.domain.consulta import Consulta, Status
from services.consulta.domain.notificacoes import Evento, da_mudanca, lembretes
from services.consulta.tests.unit.fabrica import nova_consulta

INICIO = datetime(2026, 12, 2, 14, 0, tzinfo=UTC)  # 10:00 in Manaus


def _consulta(status: Status, **over) -> Consulta:
    return nova_consulta(
        status, inicio=INICIO, **{"medico_uf": "AM", "medico_fuso": "America/Manaus", **over}
    )


def test_pedido_avisa_o_medico_no_horario_dele():
    (aviso,) = da_mudanca(_consulta(Status.PENDENTE))
    assert (aviso.evento, aviso.papel) == (Evento.SOLICITADA, "medico")
    assert "02/12/2026 às 10:00 (horário de Manaus)" in aviso.corpo


def test_aceite_e_recusa_avisam_o_paciente():
    (aceite,) = da_mudanca(_consulta(Status.CONFIRMADA))
    (recusa,) = da_mudanca(_consulta(Status.RECUSADA, justificativa="Férias"))
    assert (aceite.evento, aceite.papel) == (Evento.CONFIRMADA, "paciente")
    assert (recusa.evento, recusa.papel) == (Evento.RECUSADA, "paciente")
    assert "Motivo: Férias" in recusa.corpo


def test_cancelamento_avisa_quem_nao_cancelou():
    pelo_paciente = _consulta(Status.CANCELADA, cancelada_por="paciente", justificativa="Viagem")
    pelo_medico = _consulta(Status.CANCELADA, cancelada_por="medico", justificativa="Congresso")
    (a,) = da_mudanca(pelo_paciente)
    (b,) = da_mudanca(pelo_medico)
    assert (a.papel, a.usuario_id) == ("medico", pelo_paciente.medico_id)
    assert (b.papel, b.usuario_id) == ("paciente", pelo_medico.paciente_id)


def test_lembrete_vai_aos_dois_com_chaves_distintas():
    consulta = _consulta(Status.CONFIRMADA)
    avisos = lembretes(consulta, Evento.LEMBRETE_1H)
    assert {a.papel for a in avisos} == {"medico", "paciente"}
    assert len({a.chave for a in avisos}) == 2
    assert all(a.chave.startswith(f"lembrete_1h:{consulta.id}:") for a in avisos)


def _linha_por_caractere(texto: str) -> str:
    """The definition, one character at a time (what the fast path must equal)."""
    limpo = "".join(
        " " if unicodedata.category(c)[0] == "C" or unicodedata.category(c) in ("Zl", "Zp") else c
        for c in texto
    )
    return " ".join(limpo.split())


@pytest.mark.parametrize(
    "texto",
    [
        "Dra. Ana de Souza",
        "  espaços   sobrando  ",
        "Zoë 🙂 Ñandú",
        "nbsp\u00a0fino\u2009ideográfico\u3000",
        "linha\nnova\r\ttab",
        "separadores\u2028de\u2029parágrafo",
        "invisível\u200bzero\u200ejunção\ufeff",
        "controle\x00\x1b[31m\x7f\x85",
        "combinação e\u0301 \u0303",
        "",
    ],
)
def test_linha_rapida_e_a_definicao_por_caractere(texto: str) -> None:
    assert notificacoes._linha(texto) == _linha_por_caractere(texto)


@pytest.mark.parametrize(
    ("nome", "confirmada", "recusada"),
    [
        ("Dra. Ana Souza", "confirmada pela médica", "A médica não pôde aceitar"),
        ("Dr. João Lima", "confirmada pelo médico", "O médico não pôde aceitar"),
        ("dra ana", "confirmada pela médica", "A médica não pôde aceitar"),
        ("Ana Souza", "confirmada pelo(a) médico(a)", "O(a) médico(a) não pôde aceitar"),
    ],
)
def test_o_medico_ou_a_medica_pelo_titulo_escolhido(nome, confirmada, recusada):
    (aceite,) = da_mudanca(_consulta(Status.CONFIRMADA, medico_nome=nome))
    (recusa,) = da_mudanca(_consulta(Status.RECUSADA, medico_nome=nome))
    assert confirmada in aceite.corpo
    assert recusada in recusa.corpo
