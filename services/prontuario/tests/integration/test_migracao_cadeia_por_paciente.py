"""Revision prontuario_0003 over a log that already has entries: they are left as they were
(the legacy chain, still verified), and new entries start one chain per patient."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest

from libs import db
from libs.migrations import upgrade
from libs.postgres import drop_database, ensure_database
from services.prontuario.adapters.uow import ProntuarioUnitOfWork
from services.prontuario.domain import auditoria
from services.prontuario.service import integridade
from services.prontuario.tests.integration.test_registro_de_acessos import _novo, _pg


@pytest.fixture
def banco_antigo(postgres_server: Any) -> Iterator[str]:
    """A database of its own, migrated only up to the revision before per-patient chains."""
    nome = f"healthmed_test_prontuario_0002_{os.getpid()}"
    url = ensure_database(postgres_server.uri(), nome, drop=True)
    upgrade("prontuario", url, "prontuario_0002")
    yield url
    drop_database(postgres_server.uri(), nome)


async def test_entradas_existentes_viram_a_cadeia_antiga_e_novas_comecam_por_paciente(
    banco_antigo, prontuario_settings
):
    chave = prontuario_settings.chave_auditoria()
    pid, outro = uuid.uuid4(), uuid.uuid4()
    conn = await asyncpg.connect(_pg(banco_antigo))
    try:
        anterior, antigas = auditoria.MAC_INICIAL, []
        for seq, paciente in enumerate((pid, outro, pid), start=1):
            e = auditoria.encadear(
                chave,
                _novo(paciente),
                seq=seq,
                id=uuid.uuid4(),
                quando=datetime.now(UTC),
                mac_anterior=anterior,
                legado=True,
            )
            await conn.execute(
                "insert into prontuario.acessos values ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                "$10, $11, $12)",
                e.seq, e.id, e.quando, e.paciente_id, e.usuario_id, e.papel, e.acao, e.ip,
                e.documento_id, e.compartilhamento_id, e.mac_anterior, e.mac,
            )  # fmt: skip
            antigas.append(e)
            anterior = e.mac
        antes = await conn.fetch("select * from prontuario.acessos order by seq")
    finally:
        await conn.close()

    await asyncio.to_thread(upgrade, "prontuario", banco_antigo)

    settings = prontuario_settings.model_copy(update={"database_url": banco_antigo})
    engine = db.create_engine(settings, schema="prontuario")
    try:
        sessions = db.session_factory(engine)

        def uow() -> ProntuarioUnitOfWork:
            return ProntuarioUnitOfWork(sessions, chave)

        resultado = await integridade.verificar_integridade(uow, chave)
        assert resultado.quebra is None and resultado.verificadas == 3
        assert resultado.cabeca == (3, antigas[-1].mac) and resultado.cadeias == 0

        async with uow() as u:
            nova = await u.acessos.registrar(_novo(pid))
            await u.commit()
        assert nova.seq == 1 and nova.mac_anterior == auditoria.MAC_INICIAL
        async with uow() as u:
            lidas = await u.acessos.do_paciente(pid)
        assert [e.id for e in lidas] == [nova.id, antigas[2].id, antigas[0].id]

        resultado = await integridade.verificar_integridade(uow, chave)
        assert resultado.quebra is None and resultado.verificadas == 4
        assert resultado.cabeca == (3, antigas[-1].mac)
        assert resultado.cabecas == {pid: (1, nova.mac)}
    finally:
        await engine.dispose()
    conn = await asyncpg.connect(_pg(banco_antigo))
    try:
        # Not one byte of the old entries changed.
        assert await conn.fetch("select * from prontuario.acessos order by seq") == antes
    finally:
        await conn.close()
