"""The ports of the paciente service: what its use cases need of the world.

Each has its adapters under ``adapters/`` (chosen in ``app.create_app``): the unit of work and
repository over PostgreSQL (sensitive columns encrypted), the CPF check, the logins kept by the
auth service (:class:`libs.credenciais.CredenciaisPaciente`) and the other services' part of
closing an account.
"""

from __future__ import annotations

import uuid
from typing import Protocol

from libs import portas
from libs.credenciais import Confirmaveis, EmailsDeLogin, Removiveis
from services.paciente.domain.paciente import Paciente


class ValidadorCpf(Protocol):
    """Is this CPF acceptable?

    The default adapter (``adapters.validador_cpf.ValidadorDigitosCpf``) checks the check
    digits only. Slot for an external validation service (a bureau or the Receita Federal's
    CPF status): an adapter implementing ``valido`` that calls it, chosen in
    ``app.create_app`` when its URL is configured; off unless configured.
    """

    async def valido(self, cpf: str) -> bool:
        """Whether the CPF may register."""
        ...


class Credenciais(Removiveis, Confirmaveis, EmailsDeLogin, Protocol):
    """The patients' logins, kept by the identity provider (the auth service).

    A refusal by auth is one of :data:`libs.credenciais.RECUSAS`, and means that nothing was
    created; removing, confirming and changing the e-mail are :mod:`libs.credenciais`'s.
    """

    async def criar(
        self, *, usuario_id: uuid.UUID, email: str, senha: str, cpf: str, ip: str | None = None
    ) -> None:
        """Create the pending login of a patient (e-mail or CPF, and password)."""
        ...

    async def verificar_senha(self, usuario_id: uuid.UUID, senha: str) -> None:
        """Re-authenticate (``SenhaIncorreta`` when the password is wrong)."""
        ...

    async def encerrar(self, usuario_id: uuid.UUID) -> None:
        """End every session and delete the login (the account was closed)."""
        ...


class OutrosServicos(Protocol):
    """The other services' part of closing an account, each idempotent.

    The adapter (``adapters.encerramento.EncerramentoHttp``) calls consulta and prontuario
    on their ``/internal`` routes; anything but success is ``errors.ServicoIndisponivel``."""

    async def encerrar_agenda(self, paciente_id: uuid.UUID) -> int:
        """Cancel the patient's future appointments; how many this call cancelled."""
        ...

    async def encerrar_prontuario(self, paciente_id: uuid.UUID, ip: str) -> int:
        """Revoke every share and close the record; how many shares this call revoked."""
        ...


class PacienteRepository(Protocol):
    """Patient profiles."""

    async def add(self, paciente: Paciente) -> None:
        """Insert a profile (flushed); a taken CPF or e-mail raises ``DadoEmUso``."""
        ...

    async def get(self, paciente_id: uuid.UUID, *, for_update: bool = False) -> Paciente | None:
        """By id (optionally locked for a change)."""
        ...

    async def save(self, paciente: Paciente) -> None:
        """Write back a changed profile (flushed); a taken e-mail raises ``DadoEmUso``."""
        ...

    async def encerrar(self, paciente: Paciente) -> None:
        """Write an anonymised profile (``Paciente.anonimizar``)."""
        ...


class UnitOfWork(portas.UnitOfWork, Protocol):
    """One transaction over the patients' data; leaving it without commit rolls back."""

    @property
    def pacientes(self) -> PacienteRepository:
        """Patient profiles."""
        ...
