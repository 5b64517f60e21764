"""The iCalendar file of an appointment (RFC 5545), without a database."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from services.consulta.domain.calendario import (
    Calendario,
    calendario,
    dobrar,
    escapar,
    nome_do_arquivo,
    sequencia,
)
from services.consulta.domain.consulta import Consulta, Status
from services.consulta.tests.unit.fabrica import nova_consulta

INICIO = datetime(2026, 12, 2, 2, 30, tzinfo=UTC)  # 23:30 of 01/12 in São Paulo
AGORA = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
ORIGEM = "https://healthmed.example"


def _consulta(status: Status = Status.CONFIRMADA, **over) -> Consulta:
    campos = {
        "id": uuid.UUID("6f1c1c3e-4a6b-4c7e-9d1a-0b2c3d4e5f60"),
        "medico_nome": "Dra. Ana Souza",
        "paciente_nome": "João Carlos da Silva",
        "criada_em": AGORA - timedelta(days=1),
        "atualizada_em": AGORA - timedelta(days=1),
    }
    return nova_consulta(status, inicio=INICIO, **{**campos, **over})


def desdobrar(conteudo: str) -> list[str]:
    """The content lines, unfolded (RFC 5545 3.1: CRLF followed by one space is removed)."""
    return conteudo.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")


def propriedades(conteudo: str) -> dict[str, list[str]]:
    """Every property of the file (name without parameters -> its values, in order)."""
    lidas: dict[str, list[str]] = {}
    for linha in desdobrar(conteudo):
        nome, _, valor = linha.partition(":")
        lidas.setdefault(nome.split(";")[0], []).append(valor)
    return lidas


def _evento(c: Calendario) -> dict[str, str]:
    """The VEVENT's own properties (the alarm's are left out)."""
    linhas = desdobrar(c.conteudo)
    dentro = linhas[linhas.index("BEGIN:VEVENT") + 1 : linhas.index("END:VEVENT")]
    if "BEGIN:VALARM" in dentro:
        dentro = dentro[: dentro.index("BEGIN:VALARM")] + dentro[dentro.index("END:VALARM") + 1 :]
    return dict(linha.split(":", 1) for linha in dentro)


def test_arquivo_tem_calendario_evento_e_linhas_crlf():
    c = calendario(_consulta(), papel="paciente", agora=AGORA, origem=ORIGEM)
    assert c.conteudo.endswith("\r\n")
    assert "\n" not in c.conteudo.replace("\r\n", "")
    assert "\r" not in c.conteudo.replace("\r\n", "")
    linhas = desdobrar(c.conteudo)
    assert linhas[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//HealthMed//Agenda de consultas//PT-BR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    assert linhas[-2:] == ["END:VEVENT", "END:VCALENDAR"]
    assert linhas.count("BEGIN:VEVENT") == 1
    evento = _evento(c)
    assert evento["UID"] == "6f1c1c3e-4a6b-4c7e-9d1a-0b2c3d4e5f60@healthmed"
    assert evento["CLASS"] == "PRIVATE"


def test_horarios_em_utc():
    c = calendario(_consulta(), papel="paciente", agora=AGORA, origem=ORIGEM)
    evento = _evento(c)
    assert evento["DTSTART"] == "20261202T023000Z"
    assert evento["DTEND"] == "20261202T030000Z"
    assert evento["DTSTAMP"] == "20261128T120000Z"


def test_nome_do_arquivo_usa_a_data_no_relogio_do_medico():
    assert nome_do_arquivo(_consulta()) == "consulta-2026-12-01.ics"
    em_manaus = _consulta(medico_fuso="America/Manaus")
    assert nome_do_arquivo(em_manaus) == "consulta-2026-12-01.ics"
    assert nome_do_arquivo(_consulta(medico_fuso="UTC")) == "consulta-2026-12-02.ics"


def test_paciente_ve_o_nome_do_medico_e_medico_so_o_primeiro_nome_do_paciente():
    do_paciente = calendario(_consulta(), papel="paciente", agora=AGORA, origem=ORIGEM)
    do_medico = calendario(_consulta(), papel="medico", agora=AGORA, origem=ORIGEM)
    assert _evento(do_paciente)["SUMMARY"] == "Consulta com Dra. Ana Souza"
    assert _evento(do_medico)["SUMMARY"] == "Consulta — João"
    assert "Silva" not in do_medico.conteudo and "Carlos" not in do_medico.conteudo


def test_nada_alem_do_necessario_vai_para_o_calendario():
    c = _consulta(Status.CANCELADA, justificativa="Estou com suspeita de dengue")
    for papel in ("paciente", "medico"):
        conteudo = calendario(c, papel=papel, agora=AGORA, origem=ORIGEM).conteudo
        assert "dengue" not in conteudo
        assert "123456" not in conteudo  # no CRM either: the name is enough
        assert "@" not in conteudo.replace("@healthmed", "")


def test_sala_e_pagina_de_consultas_no_app():
    evento = _evento(calendario(_consulta(), papel="paciente", agora=AGORA, origem=ORIGEM + "/"))
    assert evento["LOCATION"] == f"{ORIGEM}/sala/6f1c1c3e-4a6b-4c7e-9d1a-0b2c3d4e5f60"
    assert evento["URL"] == f"{ORIGEM}/consultas"
    assert f"Sala: {ORIGEM}/sala/" in evento["DESCRIPTION"]


@pytest.mark.parametrize(
    ("status", "fim", "esperado", "alarme"),
    [
        (Status.PENDENTE, None, "TENTATIVE", True),
        (Status.CONFIRMADA, None, "CONFIRMED", True),
        (Status.CONFIRMADA, AGORA - timedelta(hours=1), "CONFIRMED", False),  # realizada
        (Status.CANCELADA, None, "CANCELLED", False),
        (Status.RECUSADA, None, "CANCELLED", False),
    ],
)
def test_status_e_alarme_so_enquanto_ativa(status, fim, esperado, alarme):
    c = _consulta(status)
    if fim is not None:
        c = replace(c, inicio=fim - timedelta(minutes=30), fim=fim)
    arquivo = calendario(c, papel="paciente", agora=AGORA, origem=ORIGEM)
    assert _evento(arquivo)["STATUS"] == esperado
    linhas = desdobrar(arquivo.conteudo)
    assert ("BEGIN:VALARM" in linhas) is alarme
    if alarme:
        alarme_linhas = linhas[linhas.index("BEGIN:VALARM") : linhas.index("END:VALARM") + 1]
        assert "ACTION:DISPLAY" in alarme_linhas
        assert "TRIGGER:-PT1H" in alarme_linhas
        assert any(x.startswith("DESCRIPTION:") for x in alarme_linhas)


def test_sequencia_cresce_a_cada_mudanca_mesmo_no_mesmo_segundo():
    criada = AGORA - timedelta(days=1)
    pedido = _consulta(Status.PENDENTE, criada_em=criada, atualizada_em=criada)
    aceita = replace(pedido, status=Status.CONFIRMADA, atualizada_em=criada + timedelta(hours=2))
    cancelada = replace(aceita, status=Status.CANCELADA)  # in the same second as the acceptance
    valores = [sequencia(c, AGORA) for c in (pedido, aceita, cancelada)]
    assert valores[0] == 0
    assert valores[0] < valores[1] < valores[2]
    # Passing the end is not a change: a realizada keeps its confirmed sequence.
    depois = AGORA + timedelta(days=30)
    assert sequencia(aceita, depois) == valores[1]


def test_escapar_texto():
    assert escapar("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    assert escapar("linha\r\noutra\rfim") == "linha\\noutra\\nfim"
    assert escapar("sem\x00controle\x07s\x7f") == "semcontroles"
    assert escapar("Dr. Zé: ok") == "Dr. Zé: ok"  # colons are not escaped in TEXT


def test_nome_com_virgula_e_ponto_e_virgula_e_escapado_no_resumo():
    c = _consulta(medico_nome="Souza, Ana; Dra.")
    linhas = desdobrar(calendario(c, papel="paciente", agora=AGORA, origem=ORIGEM).conteudo)
    assert "SUMMARY:Consulta com Souza\\, Ana\\; Dra." in linhas


def test_dobrar_em_75_octetos_sem_partir_caractere_acentuado():
    # 'SUMMARY:Consulta com ' is 21 octets; 'é' is 2 octets in UTF-8. 53 'a' bring the line to
    # 74 octets, so the 'é' (octets 75 and 76) must go whole to the next line.
    linha = "SUMMARY:Consulta com " + "a" * 53 + "é" + "ção" * 40
    dobrada = dobrar(linha)
    fisicas = dobrada.split("\r\n")
    assert len(fisicas) > 2
    assert fisicas[0] == "SUMMARY:Consulta com " + "a" * 53
    assert len(fisicas[0].encode()) == 74
    assert fisicas[1].startswith(" é")
    for fisica in fisicas:
        assert len(fisica.encode()) <= 75
    for continuacao in fisicas[1:]:
        assert continuacao.startswith(" ") and not continuacao.startswith("  ")
    assert dobrada.replace("\r\n ", "") == linha


def test_dobrar_exatamente_75_octetos_nao_dobra():
    linha = "X" * 75
    assert dobrar(linha) == linha
    assert dobrar(linha + "Y") == "X" * 75 + "\r\n Y"


def test_arquivo_com_nome_longo_e_acentuado_tem_linhas_curtas_e_volta_igual():
    nome = "Dra. Maria da Conceição Albuquerque Magalhães Gonçalves de Araújo Éboli"
    c = calendario(_consulta(medico_nome=nome), papel="paciente", agora=AGORA, origem=ORIGEM)
    for fisica in c.conteudo.encode().split(b"\r\n"):
        assert len(fisica) <= 75
        fisica.decode()  # each physical line is valid UTF-8 on its own: no character split
    assert propriedades(c.conteudo)["SUMMARY"] == [f"Consulta com {nome}"]
