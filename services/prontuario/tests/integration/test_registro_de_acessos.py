"""The access log in PostgreSQL: chained appends, append-only, tamper detection."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid

import asyncpg
import pytest

from libs.db import async_url
from services.prontuario import service, verify_audit
from services.prontuario.domain.auditoria import NovoAcesso


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


async def test_entradas_encadeadas_e_do_paciente_mais_recente_primeiro(uow_factory):
    pid = uuid.uuid4()
    a = await _registrar(uow_factory, _novo(pid))
    b = await _registrar(uow_factory, _novo(pid, "link_download"))
    assert b.seq > a.seq
    async with uow_factory() as uow:
        lidas = await uow.acessos.do_paciente(pid)
    assert [e.id for e in lidas] == [b.id, a.id]
    assert lidas[1] == a  # what reads back is exactly what was chained
    resultado = await service.verificar_integridade(uow_factory, _chave(uow_factory))
    assert resultado.quebra is None and resultado.cabeca is not None
    assert resultado.cabeca[0] >= b.seq


def _chave(uow_factory) -> bytes:
    return uow_factory()._chave_auditoria


async def test_registros_concorrentes_nao_quebram_a_cadeia(uow_factory):
    pid = uuid.uuid4()
    await asyncio.gather(*(_registrar(uow_factory, _novo(pid)) for _ in range(8)))
    resultado = await service.verificar_integridade(uow_factory, _chave(uow_factory), pagina=3)
    assert resultado.quebra is None and resultado.verificadas >= 8


async def test_alterar_ou_apagar_uma_entrada_e_recusado_pelo_banco(uow_factory, database_url):
    entrada = await _registrar(uow_factory, _novo(uuid.uuid4()))
    conn = await asyncpg.connect(_pg(database_url))
    try:
        for sql in (
            "update prontuario.acessos set ip = '1.1.1.1' where seq = $1",
            "delete from prontuario.acessos where seq = $1",
        ):
            with pytest.raises(asyncpg.PostgresError, match="somente de inclusão"):
                await conn.execute(sql, entrada.seq)
        with pytest.raises(asyncpg.PostgresError, match="somente de inclusão"):
            await conn.execute("truncate prontuario.acessos")
    finally:
        await conn.close()


async def test_adulteracao_por_superusuario_e_detectada(
    uow_factory, database_url, prontuario_settings
):
    pid = uuid.uuid4()
    alvo = await _registrar(uow_factory, _novo(pid))
    await _registrar(uow_factory, _novo(pid))
    conn = await asyncpg.connect(_pg(database_url))
    try:
        # A superuser can switch triggers off for their session: the chain still tells.
        await conn.execute("set session_replication_role = replica")
        await conn.execute(
            "update prontuario.acessos set ip = '203.0.113.66' where seq = $1", alvo.seq
        )
        resultado = await verify_audit.verificar(prontuario_settings)
        quebra = resultado.quebra
        assert quebra is not None and quebra.seq == alvo.seq
        assert "alterado" in quebra.motivo
        assert "QUEBRADO" in verify_audit.relatorio(resultado)
        assert await _cli(database_url, prontuario_settings) == 1

        # Put it back, then delete the entry: the gap is reported.
        await conn.execute(
            "update prontuario.acessos set ip = $2 where seq = $1", alvo.seq, alvo.ip
        )
        assert (await verify_audit.verificar(prontuario_settings)).quebra is None
        linha = await conn.fetchrow("select * from prontuario.acessos where seq = $1", alvo.seq)
        await conn.execute("delete from prontuario.acessos where seq = $1", alvo.seq)
        try:
            quebra = (await verify_audit.verificar(prontuario_settings)).quebra
            assert quebra is not None and quebra.seq == alvo.seq and "ausente" in quebra.motivo
        finally:
            cols = list(linha.keys())
            await conn.execute(
                f"insert into prontuario.acessos ({', '.join(cols)}) values "  # noqa: S608
                f"({', '.join(f'${i + 1}' for i in range(len(cols)))})",
                *linha.values(),
            )
    finally:
        await conn.execute(
            "update prontuario.acessos set ip = $2 where seq = $1", alvo.seq, alvo.ip
        )
        await conn.close()
    assert (await verify_audit.verificar(prontuario_settings)).quebra is None
    assert await _cli(database_url, prontuario_settings) == 0


async def test_ancora_revela_entradas_apagadas_do_fim(
    uow_factory, database_url, prontuario_settings
):
    pid = uuid.uuid4()
    await _registrar(uow_factory, _novo(pid))
    ultima = await _registrar(uow_factory, _novo(pid))
    cabeca = (await verify_audit.verificar(prontuario_settings)).cabeca
    assert cabeca == (ultima.seq, ultima.mac)
    conn = await asyncpg.connect(_pg(database_url))
    try:
        linha = await conn.fetchrow("select * from prontuario.acessos where seq = $1", ultima.seq)
        await conn.execute("set session_replication_role = replica")
        await conn.execute("delete from prontuario.acessos where seq = $1", ultima.seq)
        try:
            # Without an anchor a chain cut at the end still looks whole; with one, it does not.
            assert (await verify_audit.verificar(prontuario_settings)).quebra is None
            quebra = (await verify_audit.verificar(prontuario_settings, cabeca)).quebra
            assert quebra is not None and "apagadas" in quebra.motivo
            falsa = (ultima.seq - 1, "0" * 64)
            quebra = (await verify_audit.verificar(prontuario_settings, falsa)).quebra
            assert quebra is not None and quebra.seq == ultima.seq - 1
        finally:
            cols = list(linha.keys())
            await conn.execute(
                f"insert into prontuario.acessos ({', '.join(cols)}) values "  # noqa: S608
                f"({', '.join(f'${i + 1}' for i in range(len(cols)))})",
                *linha.values(),
            )
    finally:
        await conn.close()
    assert (await verify_audit.verificar(prontuario_settings, cabeca)).quebra is None
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
        [sys.executable, "-m", "services.prontuario.verify_audit", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ("OK" if proc.returncode == 0 else "QUEBRADO") in proc.stdout, proc.stderr
    return proc.returncode
