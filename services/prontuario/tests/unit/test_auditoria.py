"""The HMAC chains of the access log: intact, altered, deleted, reordered, moved, forged, cut."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

from services.prontuario.domain.auditoria import (
    MAC_INICIAL,
    Cabeca,
    NovoAcesso,
    conferir_cabeca,
    encadear,
    verificar_cadeia,
)

CHAVE = b"k" * 32
T0 = datetime(2026, 12, 1, 12, 0, 0, 123456, tzinfo=UTC)
PACIENTE = uuid.UUID("6f1c2a4e-0000-4000-8000-000000000001")


def _cadeia(n: int, chave: bytes = CHAVE, paciente: uuid.UUID = PACIENTE, legado: bool = False):
    entradas, anterior = [], MAC_INICIAL
    for i in range(1, n + 1):
        novo = NovoAcesso(
            paciente_id=paciente if not legado else uuid.uuid4(),
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
            legado=legado,
        )
        entradas.append(e)
        anterior = e.mac
    return entradas


def _verificar(entradas, **kw):
    return verificar_cadeia(CHAVE, entradas, paciente_id=PACIENTE, **kw)


def test_cadeia_intacta():
    assert _verificar(_cadeia(6)) is None
    assert _verificar([]) is None


def test_conteudo_alterado_quebra_na_propria_entrada():
    e = _cadeia(5)
    e[2] = dataclasses.replace(e[2], ip="203.0.113.9")
    quebra = _verificar(e)
    assert quebra is not None and quebra.seq == 3 and "alterado" in quebra.motivo
    assert quebra.paciente_id == PACIENTE


def test_horario_alterado_quebra():
    e = _cadeia(3)
    e[0] = dataclasses.replace(e[0], quando=e[0].quando + timedelta(microseconds=1))
    assert _verificar(e).seq == 1


def test_entrada_apagada_e_detectada():
    e = _cadeia(5)
    del e[1]
    quebra = _verificar(e)
    assert quebra is not None and quebra.seq == 2 and "ausente" in quebra.motivo


def test_entrada_apagada_e_renumerada_quebra_o_elo():
    e = _cadeia(4)
    removida = e.pop(1)
    e[1] = dataclasses.replace(e[1], seq=removida.seq)
    assert _verificar(e).seq == 2


def test_entradas_trocadas_de_lugar_quebram():
    e = _cadeia(4)
    e[1], e[2] = dataclasses.replace(e[2], seq=2), dataclasses.replace(e[1], seq=3)
    assert _verificar(e).seq == 2


def test_entrada_levada_para_outro_paciente_quebra_nas_duas_cadeias():
    origem = _cadeia(3)
    outro = uuid.uuid4()
    destino = _cadeia(2, paciente=outro)
    # Moved with its new owner and the next number of the other chain, link included.
    movida = dataclasses.replace(origem[2], paciente_id=outro, seq=3, mac_anterior=destino[-1].mac)
    quebra = verificar_cadeia(CHAVE, [*destino, movida], paciente_id=outro)
    assert quebra is not None and quebra.seq == 3 and "alterado" in quebra.motivo
    # Its old chain is now one entry short of its head.
    cabeca = Cabeca(PACIENTE, 3, origem[2].mac)
    assert _verificar(origem[:2]) is None
    quebra = conferir_cabeca(PACIENTE, origem[1], cabeca)
    assert quebra is not None and quebra.seq == 3 and "apagadas" in quebra.motivo


def test_entrada_de_outra_cadeia_nao_passa_mesmo_com_mac_valido():
    outra = _cadeia(1, paciente=uuid.uuid4())
    quebra = _verificar(outra)
    assert quebra is not None and "não pertence" in quebra.motivo


def test_cadeia_forjada_sem_a_chave_nao_passa():
    forjada = _cadeia(3, chave=b"x" * 32)
    assert _verificar(forjada).seq == 1


def test_mesmo_horario_em_outro_fuso_da_o_mesmo_mac():
    e = _cadeia(2)
    outro_fuso = dataclasses.replace(
        e[0], quando=e[0].quando.astimezone(datetime.now().astimezone().tzinfo)
    )
    assert _verificar([outro_fuso, e[1]]) is None


def test_cabeca_confere_com_a_ultima_entrada():
    e = _cadeia(3)
    assert conferir_cabeca(PACIENTE, e[-1], Cabeca(PACIENTE, 3, e[-1].mac)) is None
    assert conferir_cabeca(PACIENTE, None, None) is None
    assert conferir_cabeca(PACIENTE, None, Cabeca(PACIENTE, 0, MAC_INICIAL)) is None


def test_ultima_entrada_apagada_e_revelada_pela_cabeca():
    e = _cadeia(3)
    quebra = conferir_cabeca(PACIENTE, e[1], Cabeca(PACIENTE, 3, e[2].mac))
    assert quebra is not None and quebra.seq == 3 and "apagadas" in quebra.motivo
    quebra = conferir_cabeca(PACIENTE, None, Cabeca(PACIENTE, 3, e[2].mac))
    assert quebra is not None and quebra.seq == 1


def test_cabeca_apagada_ou_que_nao_confere_e_detectada():
    e = _cadeia(3)
    assert "não tem cabeça" in conferir_cabeca(PACIENTE, e[-1], None).motivo
    quebra = conferir_cabeca(PACIENTE, e[-1], Cabeca(PACIENTE, 3, "f" * 64))
    assert quebra is not None and "não confere" in quebra.motivo
    quebra = conferir_cabeca(PACIENTE, e[-1], Cabeca(PACIENTE, 2, e[1].mac))
    assert quebra is not None and quebra.seq == 3


def test_cadeia_antiga_verifica_no_formato_antigo_e_nao_se_mistura():
    antiga = _cadeia(4, legado=True)
    assert verificar_cadeia(CHAVE, antiga) is None
    # An entry of one kind never passes for the other: the format is inside the MAC.
    como_nova = [dataclasses.replace(x, legado=False) for x in antiga]
    assert verificar_cadeia(CHAVE, como_nova).seq == 1
    nova = _cadeia(2)
    como_antiga = [dataclasses.replace(x, legado=True) for x in nova]
    assert "alterado" in verificar_cadeia(CHAVE, como_antiga).motivo
