"""The auth service's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from libs.db import UnitOfWork
from services.auth.adapters.emails import EmailRepository
from services.auth.adapters.recuperacoes import RecuperacaoRepository
from services.auth.adapters.sessoes import SessaoRepository
from services.auth.adapters.tentativas import TentativaRepository
from services.auth.adapters.trocas_de_email import TrocaDeEmailRepository
from services.auth.adapters.usuarios import UsuarioRepository


class AuthUnitOfWork(UnitOfWork):
    """One transaction over the auth schema."""

    usuarios: UsuarioRepository
    sessoes: SessaoRepository
    recuperacoes: RecuperacaoRepository
    tentativas: TentativaRepository
    trocas_de_email: TrocaDeEmailRepository
    emails: EmailRepository

    def _open(self, session: AsyncSession) -> None:
        self.usuarios = UsuarioRepository(session)
        self.sessoes = SessaoRepository(session)
        self.recuperacoes = RecuperacaoRepository(session)
        self.tentativas = TentativaRepository(session)
        self.trocas_de_email = TrocaDeEmailRepository(session)
        self.emails = EmailRepository(session)
