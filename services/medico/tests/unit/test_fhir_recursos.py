"""The FHIR facade's translation, without I/O: JSON answers to resources, client resources and
search values to the JSON API's terms (issue 20 §3)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from libs import errors
from services.medico.fhir.domain import pedidos, recursos

MEDICO = {"id": str(uuid.uuid4()), "nome": "Dra. Ana", "crm": "123456", "uf": "rj"}
PACIENTE = {"id": str(uuid.uuid4()), "nome": "Bia"}


def _consulta(status: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "status": status,
        "medico": MEDICO,
        "paciente": PACIENTE,
        "horario_id": str(uuid.uuid4()),
        "inicio": "2026-12-08T10:00:00-03:00",
        "fim": "2026-12-08T10:30:00-03:00",
        "justificativa": None,
        "criada_em": "2026-12-01T09:00:00-03:00",
        "atualizada_em": "2026-12-01T09:00:00-03:00",
        **extra,
    }


@pytest.mark.parametrize(
    ("status", "fhir", "medico"),
    [
        ("pendente", "pending", "needs-action"),
        ("confirmada", "booked", "accepted"),
        ("realizada", "fulfilled", "accepted"),
        ("cancelada", "cancelled", "accepted"),
        ("recusada", "cancelled", "declined"),
        ("nao_compareceu", "noshow", "accepted"),
        ("medico_ausente", "noshow", "accepted"),
    ],
)
def test_cada_situacao_da_consulta_tem_um_status_fhir(status, fhir, medico):
    appointment = recursos.consulta(_consulta(status))
    assert appointment["status"] == fhir
    assert appointment["participant"][0]["status"] == medico
    assert ("cancelationReason" in appointment) == (fhir == "cancelled")


def test_recusa_e_cancelamento_pelo_medico_sao_do_profissional_e_do_paciente_do_paciente():
    motivo = lambda c: recursos.consulta(c)["cancelationReason"]  # noqa: E731
    assert motivo(_consulta("recusada"))["coding"][0]["code"] == "prov"
    pelo_medico = motivo(_consulta("cancelada", cancelada_por="medico", justificativa="Viagem"))
    assert pelo_medico["coding"][0]["code"] == "prov" and pelo_medico["text"] == "Viagem"
    assert motivo(_consulta("cancelada", cancelada_por="paciente"))["coding"][0]["code"] == "pat"


def test_crm_e_identificador_do_conselho_da_uf():
    praticante = recursos.praticante(
        {**MEDICO, "especialidades": [], "telefone": None, "endereco": None}
    )
    (crm,) = praticante["identifier"]
    assert crm["system"] == "https://portal.cfm.org.br/crm/RJ" and crm["value"] == "123456"
    assert crm["assigner"]["display"] == "CRM-RJ"


def _corpo(**campos: Any) -> bytes:
    base: dict[str, Any] = {
        "resourceType": "Appointment",
        "status": "proposed",
        "participant": [{"status": "accepted", "type": [{"text": "paciente"}]}],
    }
    return json.dumps({**base, **campos}).encode()


def test_pedido_de_consulta_le_um_slot_e_so_o_proprio_paciente():
    eu, horario = uuid.uuid4(), uuid.uuid4()
    assert pedidos.pedido_de_consulta(_corpo(slot=[{"reference": f"Slot/{horario}"}]), eu) == (
        horario
    )
    absoluto = [{"reference": f"https://x.example/api/fhir/Slot/{horario}"}]
    assert pedidos.pedido_de_consulta(_corpo(slot=absoluto), eu) == horario
    with pytest.raises(errors.DadosInvalidos):
        pedidos.pedido_de_consulta(_corpo(), eu)
    with pytest.raises(errors.DadosInvalidos):
        pedidos.pedido_de_consulta(_corpo(slot=[{"reference": "Practitioner/1"}]), eu)
    outro = [{"actor": {"reference": f"Patient/{uuid.uuid4()}"}, "status": "accepted"}]
    slot = [{"reference": f"Slot/{horario}"}]
    with pytest.raises(errors.DadosInvalidos):
        pedidos.pedido_de_consulta(_corpo(slot=slot, participant=outro), eu)
    with pytest.raises(errors.RequisicaoInvalida):  # FHIR: participant.status is required
        pedidos.pedido_de_consulta(_corpo(slot=slot, participant=[{"type": []}]), eu)


@pytest.mark.parametrize(
    ("valores", "esperado"),
    [
        (["2026-12-08"], ("2026-12-08", "2026-12-08")),
        (["ge2026-12-08", "lt2026-12-10"], ("2026-12-08", "2026-12-09")),
        (["gt2026-12-08"], ("2026-12-09", None)),
        (["le2026-12-08T12:00:00-03:00"], (None, "2026-12-08T12:00:00-03:00")),
    ],
)
def test_start_vira_de_e_ate_da_agenda(valores, esperado):
    assert pedidos.intervalo(valores) == esperado


@pytest.mark.parametrize("valor", ["sa2026-12-08", "ge2026-12-08T12:00:00", "amanhã"])
def test_start_invalido_e_requisicao_invalida(valor):
    with pytest.raises(errors.RequisicaoInvalida):
        pedidos.intervalo([valor])


def test_near_e_lat_lon_distancia_em_km():
    assert pedidos.perto("-23.5|-46.6|10|km") == (-23.5, -46.6, 10.0)
    assert pedidos.perto("-23.5|-46.6") == (-23.5, -46.6, None)
    for ruim in ("-23.5", "a|b", "-23.5|-46.6|10|mi"):
        with pytest.raises(errors.RequisicaoInvalida):
            pedidos.perto(ruim)
