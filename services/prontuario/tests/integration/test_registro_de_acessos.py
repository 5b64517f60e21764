"""The access log in PostgreSQL: one chain per patient appended under that patient's head,
append-only, and every kind of tampering detected (and named: which patient, which entry)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime

import asyncpg
import pytest

from libs.db import async_url
from services.prontuario.comandos import verify_audit
from services.prontuario.domain import auditoria
from services.prontuario.domain.auditoria import NovoAcesso
from services.prontuario.service import integridade

# What the code before the per-patient chains took to append to the legacy chain.
_LOCK_CADEIA_ANTIGA = 0x70726F6E


def _pg(url: str) -> str:
    return async_url(url).replace("postgresql+asyncpg://", "postgresql://")


def _novo(paciente_id: uuid.UUID, acao: str = "listagem") -> NovoAcesso:
    return NovoAcesso(
        paciente_id=paciente_id,
        usuario_id=uuid.uuid4(),
        papel="medico",
        acao=acao,  # type: ignore[arg-type]
        ip="198.51.100.7",
        documento_id=uuid.uuid4(),
    )


async def _registrar(uow_factory, novo: NovoAcesso):
    async with uow_factory() as uow:
        entrada = await uow.acessos.registrar(novo)
        await uow.commit()
        return entrada


def _chave(uow_factory) -> bytes:
    return uow_factory()._chave_auditoria


async def _conexao(database_url: str) -> asyncpg.Connection:
    return await asyncpg.connect(_pg(database_url))


async def _sem_gatilhos(database_url: str) -> asyncpg.Connection:
    """A superuser's session with the triggers switched off: what the chain must still catch."""
    conn = await _conexao(database_url)
    await conn.execute("set session_replication_role = replica")
    return conn


async def _reinserir(conn: asyncpg.Connection, tabela: str, linha: asyncpg.Record) -> None:
    cols = list(linha.keys())
    await conn.execute(
        f"insert into prontuario.{tabela} ({', '.join(cols)}) values "  # noqa: S608
        f"({', '.join(f'${i + 1}' for i in range(len(cols)))})",
        *linha.values(),
    )


async def _quebras(settings, **kw) -> dict[uuid.UUID | None, auditoria.Quebra]:
    resultado = await verify_audit.verificar(settings, **kw)
    return {q.paciente_id: q for q in resultado.quebras}


async def test_entradas_encadeadas_por_paciente_e_do_paciente_mais_recente_primeiro(uow_factory):
    pid, outro = uuid.uuid4(), uuid.uuid4()
    a = await _registrar(uow_factory, _novo(pid))
    x = await _registrar(uow_factory, _novo(outro))
    b = await _registrar(uow_factory, _novo(pid, "link_download"))
    assert (a.seq, b.seq, x.seq) == (1, 2, 1)  # each patient's chain numbers its own entries
    assert b.mac_anterior == a.mac and a.mac_anterior == x.mac_anterior == auditoria.MAC_INICIAL
    async with uow_factory() as uow:
        lidas = await uow.acessos.do_paciente(pid)
    assert [e.id for e in lidas] == [b.id, a.id]
    assert lidas[1] == a  # what reads back is exactly what was chained
    resultado = await integridade.verificar_integridade(uow_factory, _chave(uow_factory), pagina=2)
    assert resultado.quebra is None
    assert resultado.cabecas[pid] == (2, b.mac) and resultado.cabecas[outro] == (1, x.mac)


async def test_registros_concorrentes_do_mesmo_paciente_numeram_a_cadeia_sem_buracos(uow_factory):
    pid = uuid.uuid4()
    entradas = await asyncio.gather(*(_registrar(uow_factory, _novo(pid)) for _ in range(12)))
    assert sorted(e.seq for e in entradas) == list(range(1, 13))
    resultado = await integridade.verificar_integridade(uow_factory, _chave(uow_factory), pagina=3)
    assert resultado.quebra is None and resultado.cabecas[pid][0] == 12


async def test_pacientes_diferentes_nao_esperam_a_mesma_trava(uow_factory):
    a, b = uuid.uuid4(), uuid.uuid4()
    await _registrar(uow_factory, _novo(a))
    segura = uow_factory()
    async with segura:
        # An append of patient a, not committed yet: it holds a's head until it commits.
        primeira = await segura.acessos.registrar(_novo(a))
        # Another patient's append does not wait for it (with one lock for the whole log it
        # would, until the timeout fails the test).
        de_b = await asyncio.wait_for(_registrar(uow_factory, _novo(b)), timeout=10)
        assert de_b.seq == 1
        # The same patient's next append does wait: that is what keeps its chain whole.
        mesma = asyncio.create_task(_registrar(uow_factory, _novo(a)))
        feitas, _ = await asyncio.wait({mesma}, timeout=0.5)
        assert not feitas
        await segura.commit()
    seguinte = await asyncio.wait_for(mesma, timeout=10)
    assert (primeira.seq, seguinte.seq) == (2, 3) and seguinte.mac_anterior == primeira.mac


async def test_alterar_ou_apagar_entradas_e_cabecas_e_recusado_pelo_banco(
    uow_factory, database_url
):
    pid = uuid.uuid4()
    await _registrar(uow_factory, _novo(pid))
    entrada = await _registrar(uow_factory, _novo(pid))
    conn = await _conexao(database_url)
    try:
        for sql in (
            "update prontuario.acessos_por_paciente set ip = '1.1.1.1' "
            "where paciente_id = $1 and seq = $2",
            "update prontuario.acessos_por_paciente set paciente_id = gen_random_uuid() "
            "where paciente_id = $1 and seq = $2",
            "delete from prontuario.acessos_por_paciente where paciente_id = $1 and seq = $2",
            "delete from prontuario.acessos_cabecas where paciente_id = $1 and $2 > 0",
        ):
            with pytest.raises(asyncpg.PostgresError, match="somente de inclusão"):
                await conn.execute(sql, pid, entrada.seq)
        for tabela in ("acessos", "acessos_por_paciente", "acessos_cabecas"):
            with pytest.raises(asyncpg.PostgresError, match="somente de inclusão"):
                await conn.execute(f"truncate prontuario.{tabela}")
        # The head only moves one entry forward, onto an entry that is there.
        for sql, args in (
            (
                "update prontuario.acessos_cabecas set seq = 1, mac = $2 where paciente_id = $1",
                (pid, entrada.mac_anterior),
            ),
            (
                "update prontuario.acessos_cabecas set seq = 3, mac = $2 where paciente_id = $1",
                (pid, "a" * 64),
            ),
            (
                "insert into prontuario.acessos_cabecas values ($1, 2, $2)",
                (uuid.uuid4(), entrada.mac),
            ),
        ):
            with pytest.raises(asyncpg.PostgresError, match="só avança"):
                await conn.execute(sql, *args)
    finally:
        await conn.close()


async def test_entrada_alterada_apagada_ou_movida_e_detectada_com_paciente_e_entrada(
    uow_factory, database_url, prontuario_settings
):
    pid, outro = uuid.uuid4(), uuid.uuid4()
    alvo = await _registrar(uow_factory, _novo(pid))
    await _registrar(uow_factory, _novo(pid))
    do_outro = await _registrar(uow_factory, _novo(outro))
    conn = await _sem_gatilhos(database_url)
    try:
        # Altered: its own MAC breaks; the report names the patient and the entry.
        await conn.execute(
            "update prontuario.acessos_por_paciente set ip = '203.0.113.66' "
            "where paciente_id = $1 and seq = $2",
            pid,
            1,
        )
        resultado = await verify_audit.verificar(prontuario_settings)
        quebra = resultado.quebra
        assert quebra is not None and (quebra.paciente_id, quebra.seq) == (pid, 1)
        assert "alterado" in quebra.motivo and len(resultado.quebras) == 1
        texto = verify_audit.relatorio(resultado)
        assert f"QUEBRADO: paciente {pid}: falha na entrada 1" in texto
        assert await _cli(database_url, prontuario_settings) == 1
        await conn.execute(
            "update prontuario.acessos_por_paciente set ip = $3 "
            "where paciente_id = $1 and seq = $2",
            pid,
            1,
            alvo.ip,
        )
        assert (await verify_audit.verificar(prontuario_settings)).quebra is None

        # Deleted in the middle: the gap is reported.
        linha = await conn.fetchrow(
            "select * from prontuario.acessos_por_paciente where paciente_id = $1 and seq = $2",
            pid,
            1,
        )
        await conn.execute(
            "delete from prontuario.acessos_por_paciente where paciente_id = $1 and seq = $2",
            pid,
            1,
        )
        try:
            quebra = (await _quebras(prontuario_settings))[pid]
            assert quebra.seq == 1 and "ausente" in quebra.motivo
        finally:
            await _reinserir(conn, "acessos_por_paciente", linha)

        # Moved to the other patient's chain as its next entry, linked to its last one: the
        # MAC (which covers the patient and the number) breaks there, and the first chain is
        # one entry short of its head.
        movida = await conn.fetchrow(
            "select * from prontuario.acessos_por_paciente where paciente_id = $1 and seq = 2", pid
        )
        await conn.execute(
            "update prontuario.acessos_por_paciente set paciente_id = $3, seq = 2, "
            "mac_anterior = $4 where paciente_id = $1 and seq = $2",
            pid,
            2,
            outro,
            do_outro.mac,
        )
        try:
            quebras = await _quebras(prontuario_settings)
            assert quebras[outro].seq == 2 and "alterado" in quebras[outro].motivo
            assert quebras[pid].seq == 2 and "apagadas" in quebras[pid].motivo
        finally:
            await conn.execute(
                "update prontuario.acessos_por_paciente set paciente_id = $1, seq = 2, "
                "mac_anterior = $4 where paciente_id = $3 and seq = $2",
                pid,
                2,
                outro,
                movida["mac_anterior"],
            )
    finally:
        await conn.close()
    assert (await verify_audit.verificar(prontuario_settings)).quebra is None
    assert await _cli(database_url, prontuario_settings) == 0


async def test_ultima_entrada_apagada_e_revelada_pela_cabeca_e_pela_ancora(
    uow_factory, database_url, prontuario_settings, tmp_path
):
    pid = uuid.uuid4()
    primeira = await _registrar(uow_factory, _novo(pid))
    ultima = await _registrar(uow_factory, _novo(pid))
    arquivo = tmp_path / "ancora.txt"
    assert await _cli(database_url, prontuario_settings, "--gravar-ancora", str(arquivo)) == 0
    assert f"{pid} 2:{ultima.mac}" in arquivo.read_text()
    conn = await _sem_gatilhos(database_url)
    try:
        linha = await conn.fetchrow(
            "select * from prontuario.acessos_por_paciente where paciente_id = $1 and seq = 2", pid
        )
        await conn.execute(
            "delete from prontuario.acessos_por_paciente where paciente_id = $1 and seq = 2", pid
        )
        try:
            # The head still points at the deleted entry.
            quebra = (await _quebras(prontuario_settings))[pid]
            assert quebra.seq == 2 and "apagadas" in quebra.motivo
            # Rolled back with it, the chain looks whole again; the anchor kept outside does not.
            await conn.execute(
                "update prontuario.acessos_cabecas set seq = 1, mac = $2 where paciente_id = $1",
                pid,
                primeira.mac,
            )
            assert pid not in await _quebras(prontuario_settings)
            ancoras = verify_audit._ancora(str(arquivo)).pacientes
            quebra = (await _quebras(prontuario_settings, ancoras=ancoras))[pid]
            assert quebra.seq == 2 and "apagadas" in quebra.motivo
            assert await _cli(database_url, prontuario_settings, "--ancora", str(arquivo)) == 1
        finally:
            await _reinserir(conn, "acessos_por_paciente", linha)
            await conn.execute(
                "update prontuario.acessos_cabecas set seq = 2, mac = $2 where paciente_id = $1",
                pid,
                ultima.mac,
            )
    finally:
        await conn.close()
    assert await _cli(database_url, prontuario_settings, "--ancora", str(arquivo)) == 0


async def test_entrada_forjada_sem_a_chave_e_detectada(
    uow_factory, database_url, prontuario_settings
):
    pid = uuid.uuid4()
    ultima = await _registrar(uow_factory, _novo(pid))
    falsa = auditoria.encadear(
        b"x" * 32,
        _novo(pid),
        seq=2,
        id=uuid.uuid4(),
        quando=datetime.now(UTC),
        mac_anterior=ultima.mac,
    )
    conn = await _sem_gatilhos(database_url)
    try:
        await conn.execute(
            "insert into prontuario.acessos_por_paciente (paciente_id, seq, id, quando, "
            "usuario_id, papel, acao, ip, mac_anterior, mac) "
            "values ($1, 2, $2, $3, $4, 'medico', 'listagem', $5, $6, $7)",
            pid,
            falsa.id,
            falsa.quando,
            falsa.usuario_id,
            falsa.ip,
            falsa.mac_anterior,
            falsa.mac,
        )
        await conn.execute(
            "update prontuario.acessos_cabecas set seq = 2, mac = $2 where paciente_id = $1",
            pid,
            falsa.mac,
        )
        try:
            quebra = (await _quebras(prontuario_settings))[pid]
            assert quebra.seq == 2 and "alterado" in quebra.motivo
        finally:
            # Only the test's superuser session may take the forgery back out.
            await conn.execute(
                "delete from prontuario.acessos_por_paciente where paciente_id = $1 and seq = 2",
                pid,
            )
            await conn.execute(
                "update prontuario.acessos_cabecas set seq = 1, mac = $2 where paciente_id = $1",
                pid,
                ultima.mac,
            )
    finally:
        await conn.close()
    assert (await verify_audit.verificar(prontuario_settings)).quebra is None


async def _registrar_como_antes(database_url: str, chave: bytes, novo: NovoAcesso):
    """An append of the code before the per-patient chains (still running in old tasks during
    a deploy): the global lock, the last entry of the whole table, the old format."""
    conn = await _conexao(database_url)
    try:
        async with conn.transaction():
            await conn.execute("select pg_advisory_xact_lock($1)", _LOCK_CADEIA_ANTIGA)
            ultimo = await conn.fetchrow(
                "select seq, mac from prontuario.acessos order by seq desc limit 1"
            )
            seq, anterior = (
                (ultimo["seq"] + 1, ultimo["mac"]) if ultimo else (1, auditoria.MAC_INICIAL)
            )
            e = auditoria.encadear(
                chave,
                novo,
                seq=seq,
                id=uuid.uuid4(),
                quando=datetime.now(UTC),
                mac_anterior=anterior,
                legado=True,
            )
            await conn.execute(
                "insert into prontuario.acessos values ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                "$10, $11, $12)",
                e.seq,
                e.id,
                e.quando,
                e.paciente_id,
                e.usuario_id,
                e.papel,
                e.acao,
                e.ip,
                e.documento_id,
                e.compartilhamento_id,
                e.mac_anterior,
                e.mac,
            )
        return e
    finally:
        await conn.close()


async def test_cadeia_antiga_continua_verificada_e_ancorada(
    uow_factory, database_url, prontuario_settings
):
    pid = uuid.uuid4()
    chave = _chave(uow_factory)
    nova = await _registrar(uow_factory, _novo(pid))
    await _registrar_como_antes(database_url, chave, _novo(pid))
    ultima = await _registrar_como_antes(database_url, chave, _novo(pid))
    async with uow_factory() as uow:
        lidas = await uow.acessos.do_paciente(pid)
    assert lidas[0].id == ultima.id and lidas[0].legado and lidas[-1] == nova
    resultado = await verify_audit.verificar(prontuario_settings)
    assert resultado.quebra is None and resultado.cabeca == (ultima.seq, ultima.mac)
    cabeca = resultado.cabeca
    conn = await _conexao(database_url)
    try:
        with pytest.raises(asyncpg.PostgresError, match="somente de inclusão"):
            await conn.execute("delete from prontuario.acessos where seq = $1", ultima.seq)
    finally:
        await conn.close()
    conn = await _sem_gatilhos(database_url)
    try:
        linha = await conn.fetchrow("select * from prontuario.acessos where seq = $1", ultima.seq)
        await conn.execute(
            "update prontuario.acessos set ip = '203.0.113.66' where seq = $1", ultima.seq - 1
        )
        try:
            quebra = (await _quebras(prontuario_settings))[None]
            assert quebra.seq == ultima.seq - 1 and "alterado" in quebra.motivo
            assert "QUEBRADO: cadeia antiga: falha na entrada" in verify_audit.relatorio(
                await verify_audit.verificar(prontuario_settings)
            )
        finally:
            await conn.execute(
                "update prontuario.acessos set ip = $2 where seq = $1", ultima.seq - 1, ultima.ip
            )
        await conn.execute("delete from prontuario.acessos where seq = $1", ultima.seq)
        try:
            # Without an anchor the legacy chain cut at its end still looks whole.
            assert None not in await _quebras(prontuario_settings)
            quebra = (await _quebras(prontuario_settings, ancora=cabeca))[None]
            assert "apagadas" in quebra.motivo
            falsa = (ultima.seq - 1, "0" * 64)
            quebra = (await _quebras(prontuario_settings, ancora=falsa))[None]
            assert quebra.seq == ultima.seq - 1
        finally:
            await _reinserir(conn, "acessos", linha)
    finally:
        await conn.close()
    ancora = f"{cabeca[0]}:{cabeca[1]}"
    assert await _cli(database_url, prontuario_settings, "--ancora", ancora) == 0


async def _cli(database_url: str, settings, *args: str) -> int:
    """``make verify-audit`` as a process, with the service's settings in the environment."""
    env = {
        **os.environ,
        "HEALTHMED_DATABASE_URL": database_url,
        "HEALTHMED_DATA_DIR": str(settings.data_dir),
        "HEALTHMED_PROFILE": "local",
        "PYTHONPATH": os.getcwd(),
    }
    proc = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "services.prontuario.comandos.verify_audit", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ("OK" if proc.returncode == 0 else "QUEBRADO") in proc.stdout, proc.stderr
    return proc.returncode
