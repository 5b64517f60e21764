"""The auth service's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from libs.db import UnitOfWork
from services.auth.adapters import repository


class AuthUnitOfWork(UnitOfWork):
    """One transaction over the auth schema."""

    usuarios: repository.UsuarioRepository
    sessoes: repository.SessaoRepository
    recuperacoes: repository.RecuperacaoRepository
    tentativas: repository.TentativaRepository
    trocas_de_email: repository.TrocaDeEmailRepository
    emails: repository.EmailRepository

    def _open(self, session: AsyncSession) -> None:
        self.usuarios = repository.UsuarioRepository(session)
        self.sessoes = repository.SessaoRepository(session)
        self.recuperacoes = repository.RecuperacaoRepository(session)
        self.tentativas = repository.TentativaRepository(session)
        self.trocas_de_email = repository.TrocaDeEmailRepository(session)
        self.emails = repository.EmailRepository(session)
