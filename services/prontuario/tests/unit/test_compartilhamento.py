"""Rules of sharing: how long, what it covers, when it is active."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from libs import errors
from services.prontuario.domain.compartilhamento import (
    Compartilhamento,
    documentos_alcancados,
    fim_do_acesso,
    prazo,
)

AGORA = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def _c(docs=None, horas=1.0, revogado=False) -> Compartilhamento:
    return Compartilhamento(
        id=uuid.uuid4(),
        paciente_id=uuid.uuid4(),
        medico_id=uuid.uuid4(),
        documentos=frozenset(docs) if docs is not None else None,
        expira_em=AGORA + timedelta(hours=horas),
        criado_em=AGORA - timedelta(hours=1),
        revogado_em=AGORA if revogado else None,
    )


def test_prazo_por_duracao_ou_data():
    assert prazo(agora=AGORA, expira_em=None, duracao_horas=2, max_dias=30) == AGORA + timedelta(
        hours=2
    )
    fim = AGORA + timedelta(days=30)
    assert prazo(agora=AGORA, expira_em=fim, duracao_horas=None, max_dias=30) == fim


@pytest.mark.parametrize(
    ("expira_em", "duracao"),
    [
        (None, None),
        (AGORA + timedelta(hours=1), 1),
        (AGORA - timedelta(seconds=1), None),
        (AGORA, None),
        (AGORA + timedelta(days=30, seconds=1), None),
        (None, 30 * 24 + 0.01),
        (None, 0),
        (None, -3),
        (None, float("nan")),
        (None, float("inf")),
        (datetime(2026, 12, 2, 12, 0), None),  # no time zone
    ],
)
def test_prazo_passado_longo_demais_ou_ambiguo_e_422(expira_em, duracao):
    with pytest.raises(errors.DadosInvalidos):
        prazo(agora=AGORA, expira_em=expira_em, duracao_horas=duracao, max_dias=30)


def test_ativo_ate_expirar_ou_ser_revogado():
    c = _c(horas=1)
    assert c.ativo(AGORA)
    assert not c.ativo(c.expira_em)  # a share that ended now already denies
    assert c.revogar(AGORA) and not c.ativo(AGORA)
    assert not c.revogar(AGORA + timedelta(minutes=1))  # twice changes nothing
    assert c.revogado_em == AGORA


def test_todo_o_prontuario_cobre_documentos_futuros():
    assert _c().cobre(uuid.uuid4())


def test_documentos_escolhidos_cobrem_so_eles():
    d1, d2 = uuid.uuid4(), uuid.uuid4()
    c = _c(docs=[d1])
    assert c.cobre(d1) and not c.cobre(d2)


def test_alcance_une_os_ativos_e_ignora_os_demais():
    d1, d2, d3 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    shares = [_c(docs=[d1]), _c(docs=[d2]), _c(docs=[d3], revogado=True), _c(docs=[d3], horas=-1)]
    assert documentos_alcancados(shares, AGORA) == frozenset({d1, d2})
    assert documentos_alcancados([*shares, _c()], AGORA) is None
    assert documentos_alcancados([_c(revogado=True)], AGORA) == frozenset()


def test_fim_do_acesso_e_o_mais_tardio_entre_os_que_cobrem():
    d1 = uuid.uuid4()
    curto, longo = _c(docs=[d1], horas=1), _c(horas=5)
    assert fim_do_acesso([curto, longo], d1, AGORA) == longo.expira_em
    assert fim_do_acesso([curto], uuid.uuid4(), AGORA) is None
