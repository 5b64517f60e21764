"""The booking's statements keep a SQLAlchemy cache key: compiled once per process, not on
every booking (issue 14: a multi-row VALUES inside the INSERT's CTE left it without one, and
compiling it was ~19% of a worker's time under booking load)."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from services.consulta.adapters.repository import ConsultaRepository
from services.consulta.adapters.repository_pessoas import PessoaRepository
from services.consulta.domain import avisos
from services.consulta.domain.consulta import Status
from services.consulta.tests.unit.fabrica import nova_consulta


class _Guardado(Exception):
    pass


class _Sessao:
    """Keeps the statement it is asked to run, and stops there."""

    comando: Any = None

    async def execute(self, comando: Any, *_: Any) -> Any:
        self.comando = comando
        raise _Guardado


def _comando(chamada: Any) -> Any:
    with contextlib.suppress(_Guardado):
        asyncio.run(chamada)
    return sessao.comando


sessao = _Sessao()


def test_insert_da_reserva_com_seu_aviso_tem_chave_de_cache_igual_entre_reservas():
    def comando() -> Any:
        consulta = nova_consulta(Status.PENDENTE, inicio=datetime.now(UTC) + timedelta(days=2))
        repo = ConsultaRepository(sessao)  # type: ignore[arg-type]
        return _comando(repo.adicionar(consulta, avisos.avisos_da_mudanca(consulta)))

    primeira, segunda = comando()._generate_cache_key(), comando()._generate_cache_key()
    assert primeira is not None
    assert primeira == segunda


def test_leitura_da_reserva_tem_chave_de_cache():
    repo = PessoaRepository(sessao)  # type: ignore[arg-type]
    chave = _comando(repo.da_reserva(uuid.uuid4(), uuid.uuid4()))._generate_cache_key()
    assert chave is not None
