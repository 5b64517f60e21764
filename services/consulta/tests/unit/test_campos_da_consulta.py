"""The listing and the booking answer an appointment's fields as plain values, serialized
without the response model (libs.respostas, issue 14): the bytes must be the model's, for every
shape an appointment takes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from libs.respostas import resposta_json
from services.consulta.domain.consulta import Avaliacao, Consulta, Status
from services.consulta.schemas.consultas import ConsultaOut, ConsultasOut
from services.consulta.tests.unit.fabrica import nova_consulta

AGORA = datetime(2026, 12, 6, 15, 4, 5, 123456, tzinfo=UTC)


def _formas() -> list[Consulta]:
    inicio = AGORA + timedelta(days=2)
    passada = AGORA - timedelta(days=3)
    id_ = uuid.uuid4()
    return [
        nova_consulta(Status.PENDENTE, inicio=inicio),
        nova_consulta(Status.PENDENTE, inicio=inicio, criada_em=AGORA, atualizada_em=AGORA),
        nova_consulta(
            Status.CANCELADA,
            inicio=inicio,
            justificativa="Imprevisto: viagem\nde trabalho",
            cancelada_por="paciente",
            cancelada_em=AGORA,
            remarcada_para=uuid.uuid4(),
        ),
        nova_consulta(
            Status.CONFIRMADA,
            inicio=passada,  # shown as realizada once it ended
            id=id_,
            avaliacao=Avaliacao(id_, 5, "Ótima consulta", AGORA),
            remarcada_de=uuid.uuid4(),
        ),
        nova_consulta(
            Status.CONFIRMADA,
            inicio=passada,
            id=id_,
            avaliacao=Avaliacao(id_, 3, None, None),
        ),
        nova_consulta(Status.RECUSADA, inicio=inicio, justificativa="Agenda cheia"),
        # A doctor in UTC (written "Z" by the model) and one across the date line.
        nova_consulta(Status.PENDENTE, inicio=inicio, medico_fuso="UTC", criada_em=AGORA),
        nova_consulta(
            Status.PENDENTE,
            inicio=inicio.replace(microsecond=0),
            medico_fuso="Pacific/Kiritimati",
            horario_id=None,
            medico_nome='Dr. "Aspas" \\ Barra',
            paciente_nome="Zoë 🙂",
        ),
    ]


@pytest.mark.parametrize("consulta", _formas(), ids=lambda c: f"{c.status.value}-{c.medico_fuso}")
def test_campos_sao_os_bytes_do_modelo(consulta: Consulta) -> None:
    campos = ConsultaOut.campos(consulta, AGORA)
    assert list(campos) == list(ConsultaOut.model_fields)
    modelo = ConsultaOut.model_validate(campos)
    assert resposta_json(campos).body == modelo.model_dump_json().encode()


def test_a_pagina_inteira_sao_os_bytes_do_modelo() -> None:
    pagina = {
        "itens": [ConsultaOut.campos(c, AGORA) for c in _formas()],
        "total": 42,
        "pagina": 3,
        "por_pagina": 8,
    }
    assert list(pagina) == list(ConsultasOut.model_fields)
    resposta = resposta_json(pagina, status_code=200)
    assert resposta.media_type == "application/json"
    assert resposta.body == ConsultasOut.model_validate(pagina).model_dump_json().encode()
