"""What FHIR clients send, read back into the JSON API's terms: the ``Appointment`` of a booking
or a cancellation (only what the JSON API takes: the slot, the reason), and the FHIR search
values ``start`` and ``near``. Pure code, no HTTP; a bad value is a ``libs.errors`` refusal."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from libs import errors
from services.medico.fhir.domain.recursos import validado


def _recurso_do_cliente(corpo: bytes, esperado: str) -> dict[str, Any]:
    """A resource a client sent, parsed and validated (400 when it is not one)."""
    try:
        dados = json.loads(corpo)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise errors.RequisicaoInvalida("O corpo não é JSON válido") from None
    if not isinstance(dados, dict) or dados.get("resourceType") != esperado:
        raise errors.RequisicaoInvalida(f"O corpo deve ser um recurso {esperado}")
    try:
        return validado(dados)
    except ValidationError as exc:
        falhas = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or esperado}: {e['msg']}" for e in exc.errors()
        )
        raise errors.RequisicaoInvalida(f"{esperado} inválido: {falhas}") from None


def _id_da_referencia(ref: Mapping[str, Any] | None, tipo: str) -> uuid.UUID | None:
    """The id in ``Tipo/<id>`` (relative or absolute), or None when it is not that type."""
    texto = str((ref or {}).get("reference") or "")
    partes = texto.rstrip("/").split("/")
    if len(partes) < 2 or partes[-2] != tipo:
        return None
    try:
        return uuid.UUID(partes[-1])
    except ValueError:
        return None


def pedido_de_consulta(corpo: bytes, paciente_id: uuid.UUID) -> uuid.UUID:
    """The slot a client's new ``Appointment`` books (the JSON API's ``horario_id``).

    Exactly one ``Slot`` reference; a ``Patient`` participant, when named, is the caller
    (a patient books for themselves, as in ``POST /consultas``). Everything else the JSON
    API sets itself: the doctor and the times come from the slot, the status is ``pending``
    until the doctor accepts.
    """
    recurso = _recurso_do_cliente(corpo, "Appointment")
    slots = recurso.get("slot") or []
    if len(slots) != 1:
        raise errors.DadosInvalidos.campo("slot", "Informe exatamente um horário (Slot)")
    horario_id = _id_da_referencia(slots[0], "Slot")
    if horario_id is None:
        raise errors.DadosInvalidos.campo("slot", "Referência de horário inválida (Slot/<id>)")
    for participante in recurso.get("participant", []):
        ator = participante.get("actor") or {}
        nomeia_paciente = "Patient/" in str(ator.get("reference") or "")
        if nomeia_paciente and _id_da_referencia(ator, "Patient") != paciente_id:
            raise errors.DadosInvalidos.campo(
                "participant", "O paciente da consulta é quem está conectado"
            )
    return horario_id


def cancelamento(corpo: bytes, consulta_id: uuid.UUID) -> str:
    """The reason of a cancellation sent as the FHIR update of an ``Appointment``.

    The only change accepted is ``status`` to ``cancelled`` with ``cancelationReason.text``
    (the JSON API's ``justificativa``); the id in the body is the one in the path.
    """
    recurso = _recurso_do_cliente(corpo, "Appointment")
    if recurso.get("id") != str(consulta_id):
        raise errors.RequisicaoInvalida("O id do recurso difere do id no endereço")
    if recurso.get("status") != "cancelled":
        raise errors.DadosInvalidos.campo(
            "status",
            "Só o cancelamento é aceito: status cancelled com cancelationReason.text",
        )
    motivo = str((recurso.get("cancelationReason") or {}).get("text") or "").strip()
    if not motivo:
        raise errors.DadosInvalidos.campo(
            "cancelationReason", "Informe o motivo do cancelamento em cancelationReason.text"
        )
    return motivo


def _dia_ou_momento(valor: str) -> date:
    """A FHIR date search value: a day (``AAAA-MM-DD``) or a moment with an offset."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", valor):
            return date.fromisoformat(valor)
        momento = datetime.fromisoformat(valor)
    except ValueError:
        raise errors.RequisicaoInvalida(f"Data inválida em start: {valor}") from None
    if momento.utcoffset() is None:
        raise errors.RequisicaoInvalida(f"start precisa de fuso horário: {valor}")
    return momento


def intervalo(valores: list[str]) -> tuple[str | None, str | None]:
    """``start`` search values (``ge``/``gt``/``le``/``lt``/``eq``) as the agenda's de and ate.

    A day is a whole day in the doctor's time zone, as in the JSON API; ``gt`` and ``lt`` of a
    day leave that day out.
    """
    de = ate = None
    for valor in valores:
        prefixo, resto = (valor[:2], valor[2:]) if valor[:2].isalpha() else ("eq", valor)
        if prefixo not in ("eq", "ge", "gt", "le", "lt"):
            raise errors.RequisicaoInvalida(f"Prefixo não suportado em start: {prefixo}")
        momento = _dia_ou_momento(resto)
        dia = not isinstance(momento, datetime)
        if prefixo in ("eq", "ge", "gt"):
            de = (momento + timedelta(days=1) if dia and prefixo == "gt" else momento).isoformat()
        if prefixo in ("eq", "le", "lt"):
            ate = (momento - timedelta(days=1) if dia and prefixo == "lt" else momento).isoformat()
    return de, ate


def perto(valor: str | None) -> tuple[float | None, float | None, float | None]:
    """``near=lat|lon|distância|km`` (Location.near's syntax) as lat, lon and radius."""
    if valor is None:
        return None, None, None
    partes = valor.split("|")
    unidade = partes[3] if len(partes) > 3 else "km"
    try:
        if len(partes) not in (2, 3, 4) or unidade not in ("km", ""):
            raise ValueError(valor)
        lat, lon = float(partes[0]), float(partes[1])
        raio = float(partes[2]) if len(partes) > 2 and partes[2] else None
    except ValueError:
        raise errors.RequisicaoInvalida("near deve ser lat|lon|distância|km") from None
    return lat, lon, raio
