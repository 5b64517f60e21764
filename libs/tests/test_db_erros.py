"""Classification of PostgreSQL errors by SQLSTATE (what the services map to 409 or rerun)."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError

from libs import db


class _ErroDoDriver(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def _erro(sqlstate: str, classe: type[DBAPIError] = DBAPIError) -> DBAPIError:
    return classe("insert ...", {}, _ErroDoDriver(sqlstate))


def test_conflito_concorrente_pode_ser_repetido():
    assert db.is_retryable(_erro("40P01"))  # deadlock detected
    assert db.is_retryable(_erro("40001"))  # serialization failure


def test_violacoes_de_regra_nao_sao_repetidas():
    for sqlstate in ("23505", "23P01", "23514", "42P01"):
        assert not db.is_retryable(_erro(sqlstate, IntegrityError))
    assert db.is_exclusion_violation(_erro("23P01", IntegrityError))
    assert db.is_unique_violation(_erro("23505", IntegrityError))


async def test_repetindo_roda_de_novo_so_o_que_um_concorrente_abortou():
    chamadas: list[int] = []

    async def duas_vezes_em_deadlock() -> str:
        chamadas.append(1)
        if len(chamadas) < 3:
            raise _erro("40P01")
        return "feito"

    assert await db.repetindo(duas_vezes_em_deadlock) == "feito"
    assert len(chamadas) == 3

    async def conflito_de_regra() -> None:
        chamadas.append(1)
        raise _erro("23P01", IntegrityError)

    chamadas.clear()
    with pytest.raises(IntegrityError):
        await db.repetindo(conflito_de_regra)
    assert len(chamadas) == 1  # a rule's refusal is the answer: never rerun

    async def sempre_em_deadlock() -> None:
        chamadas.append(1)
        raise _erro("40P01")

    chamadas.clear()
    with pytest.raises(DBAPIError) as erro:
        await db.repetindo(sempre_em_deadlock, tentativas=2)
    assert db.is_retryable(erro.value)
    assert len(chamadas) == 2


class _Violacao(Exception):
    def __init__(self, restricao: str) -> None:
        super().__init__(restricao)
        self.sqlstate = "23505"
        self.constraint_name = restricao


class _Regra(Exception):
    """A domain refusal the repository raises for one constraint."""


def test_traduzindo_troca_a_restricao_nomeada_pelo_erro_da_regra():
    with pytest.raises(_Regra) as erro, db.traduzindo(uq_um=_Regra):
        raise IntegrityError("insert ...", {}, _Violacao("uq_um"))
    assert isinstance(erro.value.__cause__, IntegrityError)  # the cause stays for the logs


def test_traduzindo_deixa_passar_outra_restricao_e_outros_erros():
    with pytest.raises(IntegrityError), db.traduzindo(uq_um=_Regra):
        raise IntegrityError("insert ...", {}, _Violacao("uq_outro"))
    with pytest.raises(DBAPIError) as erro, db.traduzindo(uq_um=_Regra):
        raise _erro("40P01")  # a deadlock is rerun by db.repetindo, never translated
    assert not isinstance(erro.value, _Regra)
