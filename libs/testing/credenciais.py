"""An in-memory stand-in for auth's credentials, for use-case tests of registration.

It satisfies the credentials port of the medico and of the paciente service (``criar`` takes
the role's identifier as keywords: ``crm`` and ``uf``, or ``cpf``) and can fail the two ways
that matter to a registration: a refusal (auth created nothing) and a lost answer (auth
created the login, the caller never heard).
"""

from __future__ import annotations

import uuid

from libs import errors


class FakeCredenciais:
    """Logins by user id, with their e-mail; ``removidas`` lists every removal asked for."""

    def __init__(
        self, recusa: errors.HealthMedError | None = None, perde_resposta: bool = False
    ) -> None:
        self.contas: dict[uuid.UUID, str] = {}
        self.removidas: list[uuid.UUID] = []
        self.confirmadas: list[uuid.UUID] = []
        self.recusa = recusa
        self.perde_resposta = perde_resposta

    async def criar(
        self, *, usuario_id: uuid.UUID, email: str, senha: str, **identificador: str
    ) -> None:
        """Create the login; or raise ``recusa`` creating nothing; or create it and raise
        :class:`errors.ServicoIndisponivel` as if the answer had been lost."""
        if self.recusa:
            raise self.recusa
        self.contas[usuario_id] = email
        if self.perde_resposta:
            raise errors.ServicoIndisponivel("auth não respondeu")

    async def remover(self, usuario_id: uuid.UUID) -> None:
        """Remove the login, if there is one."""
        self.removidas.append(usuario_id)
        self.contas.pop(usuario_id, None)

    async def confirmar(self, usuario_id: uuid.UUID) -> None:
        """Confirm the login (after the profile committed)."""
        if usuario_id not in self.contas:
            raise errors.NaoEncontrado("Credenciais não encontradas")
        self.confirmadas.append(usuario_id)

    async def alterar_email(self, usuario_id: uuid.UUID, email: str) -> None:
        """Change the login's e-mail (of a login that exists)."""
        if usuario_id in self.contas:
            self.contas[usuario_id] = email
