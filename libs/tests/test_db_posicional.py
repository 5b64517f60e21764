"""The statement text the direct driver path sends, and the rows it answers."""

from __future__ import annotations

import pytest

from libs import db


def test_parametros_nomeados_viram_posicionais_na_ordem_e_um_repetido_reusa_o_numero() -> None:
    sql, args = db.posicional(
        "select :b, :a::int, (x like :b)::int from t where y = cast(:c as text) and h = '12:30'",
        {"a": 1, "b": "x", "c": "z"},
    )
    assert (
        sql
        == "select $1, $2::int, (x like $1)::int from t where y = cast($3 as text) and h = '12:30'"
    )
    assert args == ["x", 1, "z"]


def test_parametro_sem_valor_e_um_erro_claro() -> None:
    with pytest.raises(KeyError):
        db.posicional("select :falta", {})


class _Registro(dict):  # what the mapper needs of an asyncpg.Record: items()
    pass


def test_linha_le_colunas_por_atributo_e_falta_de_coluna_e_attribute_error() -> None:
    linha = db.Linha(_Registro(id=7, nome="Ana"))  # type: ignore[arg-type]
    assert (linha.id, linha.nome) == (7, "Ana")
    assert getattr(linha, "nota", None) is None
    with pytest.raises(AttributeError):
        _ = linha.nota
