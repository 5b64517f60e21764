"""Classification of PostgreSQL errors by SQLSTATE (what the services map to 409 or rerun)."""

from __future__ import annotations

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
