"""The calendar subscription (webcal feed): which appointments it carries, how each reads,
and the secret address, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.consulta.domain.calendario import (
    assinatura,
    calendario,
    janela_da_assinatura,
    na_assinatura,
    token_do_arquivo,
    url_da_assinatura,
)
from services.consulta.domain.consulta import Consulta, Status
from services.consulta.tests.unit.fabrica import nova_consulta

AGORA = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
ORIGEM = "https://healthmed.example"
HORIZONTE = timedelta(days=90)
JANELA = janela_da_assinatura(AGORA, HORIZONTE)


def _consulta(
    status: Status = Status.CONFIRMADA,
    *,
    daqui: timedelta = timedelta(days=2),
    alterada_ha: timedelta = timedelta(days=1),
    **over,
) -> Consulta:
    campos = {
        "medico_nome": "Dra. Ana Souza",
        "paciente_nome": "João Carlos da Silva",
        "criada_em": AGORA - alterada_ha - timedelta(hours=1),
        "atualizada_em": AGORA - alterada_ha,
    }
    return nova_consulta(status, inicio=AGORA + daqui, **{**campos, **over})


def _linhas(conteudo: str) -> list[str]:
    assert conteudo.endswith("\r\n")
    return conteudo.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")


def _eventos(conteudo: str) -> list[dict[str, str]]:
    """Each VEVENT's own properties (its alarm's left out), in order."""
    eventos: list[dict[str, str]] = []
    atual: dict[str, str] | None = None
    no_alarme = False
    for linha in _linhas(conteudo):
        if linha == "BEGIN:VEVENT":
            atual = {}
        elif linha == "END:VEVENT":
            assert atual is not None
            eventos.append(atual)
            atual = None
        elif linha in ("BEGIN:VALARM", "END:VALARM"):
            no_alarme = linha == "BEGIN:VALARM"
        elif atual is not None and not no_alarme:
            nome, _, valor = linha.partition(":")
            atual[nome] = valor
    return eventos


def _feed(consultas: list[Consulta], papel="medico") -> str:
    return assinatura(consultas, papel=papel, agora=AGORA, origem=ORIGEM, janela=JANELA)


def test_agenda_assinada_se_nomeia_e_pede_atualizacao_a_cada_15_minutos():
    linhas = _linhas(_feed([]))
    assert linhas[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//HealthMed//Agenda de consultas//PT-BR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert "X-WR-CALNAME:HealthMed" in linhas
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT15M" in linhas
    assert "X-PUBLISHED-TTL:PT15M" in linhas
    assert linhas[-1] == "END:VCALENDAR"
    assert "BEGIN:VEVENT" not in linhas  # an empty agenda is still a valid calendar


def test_cada_consulta_e_o_mesmo_evento_do_arquivo_avulso():
    c = _consulta()
    (evento,) = _eventos(_feed([c], papel="paciente"))
    (avulso,) = _eventos(calendario(c, papel="paciente", agora=AGORA, origem=ORIGEM).conteudo)
    assert evento == avulso
    assert evento["UID"] == f"{c.id}@healthmed"


def test_medico_ve_so_o_primeiro_nome_e_paciente_o_nome_do_medico():
    c = _consulta(Status.CANCELADA, justificativa="Estou com suspeita de dengue")
    do_medico = _feed([c], papel="medico")
    do_paciente = _feed([c], papel="paciente")
    assert _eventos(do_medico)[0]["SUMMARY"] == "Consulta — João"
    assert _eventos(do_paciente)[0]["SUMMARY"] == "Consulta com Dra. Ana Souza"
    for dado in ("Carlos", "Silva", "dengue", "123456"):
        assert dado not in do_medico
    assert "dengue" not in do_paciente and "123456" not in do_paciente


@pytest.mark.parametrize(
    ("status", "daqui", "alterada_ha", "entra"),
    [
        (Status.PENDENTE, timedelta(days=2), timedelta(days=1), True),
        (Status.CONFIRMADA, timedelta(days=2), timedelta(days=60), True),
        # Active ones stay however long ago they changed: a confirmed one that ended (realizada).
        (Status.CONFIRMADA, -timedelta(days=29), timedelta(days=40), True),
        (Status.CONFIRMADA, -timedelta(days=31), timedelta(days=40), False),  # too far back
        (Status.PENDENTE, timedelta(days=89), timedelta(days=1), True),
        (Status.PENDENTE, timedelta(days=91), timedelta(days=1), False),  # past the horizon
        # Cancelled and refused ones only while recent: the subscribed calendar removes them.
        (Status.CANCELADA, timedelta(days=2), timedelta(days=29), True),
        (Status.RECUSADA, timedelta(days=2), timedelta(days=1), True),
        (Status.CANCELADA, timedelta(days=2), timedelta(days=31), False),
        (Status.RECUSADA, timedelta(days=20), timedelta(days=45), False),
    ],
)
def test_quais_consultas_entram_na_assinatura(status, daqui, alterada_ha, entra):
    c = _consulta(status, daqui=daqui, alterada_ha=alterada_ha)
    assert na_assinatura(c, JANELA) is entra
    assert len(_eventos(_feed([c]))) == (1 if entra else 0)


def test_canceladas_e_recusadas_saem_como_cancelled_sem_alarme():
    cancelada = _consulta(Status.CANCELADA)
    recusada = _consulta(Status.RECUSADA, daqui=timedelta(days=3))
    conteudo = _feed([recusada, cancelada])
    assert [e["STATUS"] for e in _eventos(conteudo)] == ["CANCELLED", "CANCELLED"]
    assert "BEGIN:VALARM" not in _linhas(conteudo)


def test_eventos_em_ordem_de_inicio():
    depois = _consulta(daqui=timedelta(days=5))
    antes = _consulta(Status.PENDENTE, daqui=timedelta(days=1))
    passada = _consulta(daqui=-timedelta(days=3))
    uids = [e["UID"] for e in _eventos(_feed([depois, antes, passada]))]
    assert uids == [f"{c.id}@healthmed" for c in (passada, antes, depois)]


def test_endereco_secreto_e_o_token_de_volta():
    token = "Abc_def-123456789012345678901234567890abcde"
    url = url_da_assinatura(ORIGEM + "/", token)
    assert url == f"{ORIGEM}/api/calendario/{token}.ics"
    assert token_do_arquivo(url.rsplit("/", 1)[1]) == token


@pytest.mark.parametrize(
    "arquivo",
    [
        "Abc_def-123456789012345678901234567890abcde",  # no .ics
        "Abc_def-123456789012345678901234567890abcde.json",
        "curto.ics",
        ".ics",
        "Abc_def-1234567890123456789012345678%2Fabcde.ics",
        "Abc def-123456789012345678901234567890abcde.ics",
    ],
)
def test_o_que_nao_pode_ser_um_token_nao_e(arquivo):
    assert token_do_arquivo(arquivo) is None
