"""All SQL of the paciente service; sensitive columns are encrypted and decrypted here."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from libs import db, perfis_publicados
from libs.campos import Endereco, Localizacao
from libs.crypto import FieldCipher
from services.paciente.adapters.tables import eventos_perfil, pacientes
from services.paciente.domain.erros import DadoEmUso
from services.paciente.domain.paciente import Paciente

_CONFLITOS = {
    "uq_pacientes_cpf_hash": ("cpf", "CPF já cadastrado"),
    "uq_pacientes_email": ("email", "E-mail já cadastrado"),
}


def _conflito(exc: IntegrityError) -> DadoEmUso:
    """The domain error of a unique constraint the write violated, by the constraint's name."""
    campo, msg = _CONFLITOS.get(db.constraint_name(exc) or "", ("paciente", "Já cadastrado"))
    return DadoEmUso(campo, msg)


class PacienteRepository:
    """Patient profiles."""

    def __init__(
        self, session: AsyncSession, cipher: FieldCipher, cpf_hash: Callable[[str], str]
    ) -> None:
        self.session = session
        self._cipher = cipher
        self._cpf_hash = cpf_hash

    def _cifrar(self, valor: str | None, campo: str) -> str | None:
        return None if valor is None else self._cipher.encrypt(valor, campo=campo)

    def _decifrar(self, valor: str | None, campo: str) -> str | None:
        return None if valor is None else self._cipher.decrypt(valor, campo=campo)

    def _colunas(self, p: Paciente) -> dict[str, Any]:
        endereco = json.dumps(asdict(p.endereco)) if p.endereco else None
        localizacao = json.dumps(asdict(p.localizacao)) if p.localizacao else None
        return {
            "nome": p.nome,
            "email": p.email,
            "telefone_cifrado": self._cifrar(p.telefone, "paciente.telefone"),
            "data_nascimento": p.data_nascimento,
            "endereco_cifrado": self._cifrar(endereco, "paciente.endereco"),
            "localizacao_cifrada": self._cifrar(localizacao, "paciente.localizacao"),
        }

    def _paciente(self, row: Any) -> Paciente:
        endereco = self._decifrar(row.endereco_cifrado, "paciente.endereco")
        localizacao = self._decifrar(row.localizacao_cifrada, "paciente.localizacao")
        return Paciente(
            id=row.id,
            nome=row.nome,
            email=row.email or "",
            cpf=self._decifrar(row.cpf_cifrado, "paciente.cpf") or "",
            telefone=self._decifrar(row.telefone_cifrado, "paciente.telefone"),
            data_nascimento=row.data_nascimento,
            endereco=Endereco(**json.loads(endereco)) if endereco else None,
            localizacao=Localizacao(**json.loads(localizacao)) if localizacao else None,
            encerrada_em=row.encerrada_em,
        )

    async def _publicar(self, p: Paciente) -> None:
        """What the consulta service keeps of a patient (a closed account: anonymised)."""
        carga = {"nome": p.nome, "email": p.email or None, "encerrada": p.encerrada}
        await perfis_publicados.publicar(self.session, eventos_perfil, p.id, carga)

    async def _flush(self) -> None:
        """Send pending writes now, so a duplicate CPF or e-mail is known before anything else."""
        try:
            await self.session.flush()
        except IntegrityError as exc:
            raise _conflito(exc) from exc

    async def add(self, paciente: Paciente) -> None:
        """Insert a profile; a taken CPF or e-mail raises :class:`DadoEmUso`."""
        try:
            await self.session.execute(
                insert(pacientes).values(
                    id=paciente.id,
                    cpf_cifrado=self._cifrar(paciente.cpf, "paciente.cpf"),
                    cpf_hash=self._cpf_hash(paciente.cpf),
                    **self._colunas(paciente),
                )
            )
        except IntegrityError as exc:
            raise _conflito(exc) from exc
        await self._flush()
        await self._publicar(paciente)

    async def get(self, paciente_id: uuid.UUID, *, for_update: bool = False) -> Paciente | None:
        """By id (optionally locked for a change)."""
        query = select(pacientes).where(pacientes.c.id == paciente_id)
        if for_update:
            query = query.with_for_update()
        row = (await self.session.execute(query)).first()
        return self._paciente(row) if row else None

    async def save(self, paciente: Paciente) -> None:
        """Write back a changed profile; a taken e-mail raises :class:`DadoEmUso`."""
        try:
            await self.session.execute(
                update(pacientes)
                .where(pacientes.c.id == paciente.id)
                .values(atualizado_em=func.now(), **self._colunas(paciente))
            )
        except IntegrityError as exc:
            raise _conflito(exc) from exc
        await self._flush()
        await self._publicar(paciente)

    async def encerrar(self, paciente: Paciente) -> None:
        """Write an anonymised profile (``Paciente.anonimizar``): e-mail, CPF and its hash
        become NULL, so no lookup finds them and the unique indexes let a new account use
        them; every other personal column is emptied."""
        assert paciente.encerrada_em is not None
        await self.session.execute(
            update(pacientes)
            .where(pacientes.c.id == paciente.id)
            .values(
                nome=paciente.nome,
                email=None,
                cpf_cifrado=None,
                cpf_hash=None,
                telefone_cifrado=None,
                data_nascimento=None,
                endereco_cifrado=None,
                localizacao_cifrada=None,
                encerrada_em=paciente.encerrada_em,
                atualizado_em=func.now(),
            )
        )
        await self._publicar(paciente)
