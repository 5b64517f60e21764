"""Data of the load test: doctors and slots (as ``bench.busca`` makes them), every doctor's
login, and patients with their logins, straight into the services' schemas.

Every account shares one password (``SENHA``) and one Argon2id hash computed once: hashing
200,000 passwords would take longer than the test. CPFs are valid and unique, encrypted and
keyed-hashed with the data directory's own keys, so the running product reads them as its own.
"""

from __future__ import annotations

import csv
import time
import uuid
from pathlib import Path

import asyncpg
from argon2 import PasswordHasher

from bench.busca import gerar as gerar_medicos
from libs.crypto import FieldCipher, keyed_hash
from libs.settings import Settings
from libs.testing.data import cpf_digits

SENHA = "Carga#Teste2026"


async def gerar(url: str, data_dir: Path, *, medicos: int, por_medico: int, pacientes: int) -> None:
    """Fill every schema the load test touches (idempotent) and write the samples it reads."""
    await gerar_medicos(url, medicos, por_medico)
    settings = Settings(data_dir=data_dir)
    conn = await asyncpg.connect(url)
    try:
        senha_hash = PasswordHasher().hash(SENHA)
        inicio = time.perf_counter()
        await conn.execute(
            """
            insert into auth.usuarios (id, papel, email, crm, senha_hash)
            select id, 'medico', email, crm || '/' || uf, $1 from medico.medicos
            on conflict do nothing
            """,
            senha_hash,
        )
        print(f"logins dos médicos em {time.perf_counter() - inicio:.1f}s")
        existentes = await conn.fetchval("select count(*) from paciente.pacientes")
        if existentes < pacientes:
            inicio = time.perf_counter()
            cifra = FieldCipher.from_settings(settings)
            perfis, logins = [], []
            for n in range(existentes + 1, pacientes + 1):
                cpf = cpf_digits(f"{100_000_000 + n:09d}")
                pid = uuid.uuid4()
                email = f"paciente.{n}@carga.healthmed.dev"
                cpf_hash = keyed_hash(settings, cpf)
                cpf_cifrado = cifra.encrypt(cpf, campo="paciente.cpf")
                perfis.append((pid, f"Paciente Carga {n}", email, cpf_cifrado, cpf_hash))
                logins.append((pid, "paciente", email, cpf_hash, senha_hash))
            await conn.copy_records_to_table(
                "pacientes",
                schema_name="paciente",
                records=perfis,
                columns=["id", "nome", "email", "cpf_cifrado", "cpf_hash"],
            )
            await conn.copy_records_to_table(
                "usuarios",
                schema_name="auth",
                records=logins,
                columns=["id", "papel", "email", "cpf_hash", "senha_hash"],
            )
            print(f"{pacientes - existentes} pacientes em {time.perf_counter() - inicio:.1f}s")
        await conn.execute("vacuum analyze auth.usuarios")
        await conn.execute("vacuum analyze paciente.pacientes")
        await _amostras(conn, data_dir)
    finally:
        await conn.close()


async def _amostras(conn: asyncpg.Connection, data_dir: Path) -> None:
    """Who the simulated people are: doctors near the big cities, patients, popular slots."""
    medicos = await conn.fetch(
        "select id, crm, uf, lat, lon from medico.medicos order by random() limit 2000"
    )
    with (data_dir / "medicos.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        for m in medicos:
            writer.writerow([m["id"], m["crm"], m["uf"], m["lat"], m["lon"]])
    # Slots everybody wants: the next free ones of a handful of doctors.
    populares = await conn.fetch(
        """
        select h.id from consulta.horarios h
        where h.medico_id in (select id from medico.medicos order by crm limit 5)
          and h.inicio > now() + interval '1 day'
        order by h.inicio limit 40
        """
    )
    (data_dir / "populares.txt").write_text("\n".join(str(r["id"]) for r in populares))
    total = await conn.fetchval("select count(*) from paciente.pacientes")
    (data_dir / "pacientes.txt").write_text(str(total))
