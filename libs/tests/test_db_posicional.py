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


class _Registro(dict):  # what linhas() needs of an asyncpg.Record: keys() and the values
    def __iter__(self):  # type: ignore[override]
        return iter(self.values())


def test_linha_le_colunas_por_atributo_e_falta_de_coluna_e_attribute_error() -> None:
    linha, outra = db.linhas([_Registro(id=7, nome="Ana"), _Registro(id=8, nome="Bia")])  # type: ignore[list-item]
    assert (linha.id, linha.nome, outra.id, outra.nome) == (7, "Ana", 8, "Bia")
    assert isinstance(linha, db.Linha)
    assert getattr(linha, "nota", None) is None
    with pytest.raises(AttributeError):
        _ = linha.nota
    assert db.linhas([]) == []


class _Pares:  # a record whose columns may repeat a name, as a join's can
    def __init__(self, *pares: tuple[str, object]) -> None:
        self._pares = pares

    def keys(self) -> list[str]:
        return [k for k, _ in self._pares]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(v for _, v in self._pares)


def test_nome_de_coluna_repetido_le_o_primeiro_e_nome_invalido_nao_quebra() -> None:
    (linha,) = db.linhas([_Pares(("id", 1), ("?column?", 2), ("id", 3))])  # type: ignore[list-item]
    assert (linha.id, tuple(linha)) == (1, (1, 2, 3))
