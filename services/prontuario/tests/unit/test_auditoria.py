"""The HMAC chain of the access log: intact, altered, deleted, reordered, forged."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

from services.prontuario.domain.auditoria import (
    MAC_INICIAL,
    NovoAcesso,
    encadear,
    verificar_cadeia,
)

CHAVE = b"k" * 32
T0 = datetime(2026, 12, 1, 12, 0, 0, 123456, tzinfo=UTC)


def _cadeia(n: int, chave: bytes = CHAVE):
    entradas, anterior = [], MAC_INICIAL
    paciente = uuid.uuid4()
    for i in range(1, n + 1):
        novo = NovoAcesso(
            paciente_id=paciente,
            usuario_id=uuid.uuid4(),
            papel="medico" if i % 2 else "paciente",
            acao="listagem",
            ip="10.0.0.1",
            documento_id=uuid.uuid4() if i % 3 == 0 else None,
        )
        e = encadear(
            chave,
            novo,
            seq=i,
            id=uuid.uuid4(),
            quando=T0 + timedelta(seconds=i),
            mac_anterior=anterior,
        )
        entradas.append(e)
        anterior = e.mac
    return entradas


def test_cadeia_intacta():
    assert verificar_cadeia(CHAVE, _cadeia(6)) is None
    assert verificar_cadeia(CHAVE, []) is None


def test_conteudo_alterado_quebra_na_propria_entrada():
    e = _cadeia(5)
    e[2] = dataclasses.replace(e[2], ip="203.0.113.9")
    quebra = verificar_cadeia(CHAVE, e)
    assert quebra is not None and quebra.seq == 3 and "alterado" in quebra.motivo


def test_horario_alterado_quebra():
    e = _cadeia(3)
    e[0] = dataclasses.replace(e[0], quando=e[0].quando + timedelta(microseconds=1))
    assert verificar_cadeia(CHAVE, e).seq == 1


def test_entrada_apagada_e_detectada():
    e = _cadeia(5)
    del e[1]
    quebra = verificar_cadeia(CHAVE, e)
    assert quebra is not None and quebra.seq == 2


def test_entrada_apagada_e_renumerada_quebra_o_elo():
    e = _cadeia(4)
    removida = e.pop(1)
    e[1] = dataclasses.replace(e[1], seq=removida.seq)
    assert verificar_cadeia(CHAVE, e).seq == 2


def test_cadeia_forjada_sem_a_chave_nao_passa():
    forjada = _cadeia(3, chave=b"x" * 32)
    assert verificar_cadeia(CHAVE, forjada).seq == 1


def test_mesmo_horario_em_outro_fuso_da_o_mesmo_mac():
    e = _cadeia(2)
    outro_fuso = dataclasses.replace(
        e[0], quando=e[0].quando.astimezone(datetime.now().astimezone().tzinfo)
    )
    assert verificar_cadeia(CHAVE, [outro_fuso, e[1]]) is None
