"""What every use case of identity shares: the context (:class:`Identidade`), the clock, token
digests and the throttling of attempts."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from libs import crypto, errors
from services.auth.domain.identificador import Identificador
from services.auth.ports import (
    Perfis,
    ProvedorIdentidade,
    RecuperacaoExterna,
    Reserva,
    UnitOfWork,
)
from services.auth.settings import AuthSettings

UowFactory = Callable[[], UnitOfWork]


async def _nada(_revogadas: list[uuid.UUID]) -> None:
    """No listener of revocations in this process: nothing to wait for."""


@dataclass
class Identidade:
    """Everything the use cases need besides the unit of work."""

    settings: AuthSettings
    uow: UowFactory
    provedor: ProvedorIdentidade
    # None: the service e-mails its own single-use reset links (the built-in provider).
    recuperacao: RecuperacaoExterna | None = None
    on_email: Callable[[], None] = lambda: None
    # The profile services, asked by the reconciliation of pending registrations.
    perfis: Perfis | None = None
    # Waits (bounded) until this process has heard the announcement of these revoked sessions,
    # so a logout answers once every service's session cache can know (libs.revogacoes).
    revogacoes_ouvidas: Callable[[list[uuid.UUID]], Awaitable[object]] = _nada

    def cpf_hash(self, cpf_digits: str) -> str:
        """Keyed hash of a CPF: lookups without storing the CPF in clear."""
        return crypto.keyed_hash(self.settings, cpf_digits)


def digest(token: str) -> str:
    """What is stored of a token: its SHA-256, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def agora() -> datetime:
    """Now, in UTC."""
    return datetime.now(UTC)


def chave_conta(ident: Identificador) -> str:
    """The throttling key of an account as typed (the same whether or not it exists)."""
    return "conta:" + digest(f"{ident.tipo}:{ident.valor}")[:32]


async def contar_tentativa(ctx: Identidade, limites: dict[str, int], janela: timedelta) -> Reserva:
    """Count an attempt under each key before it is checked, in its own short transaction
    (locked per key): 429 if a key already holds its limit in the window. Checked and counted
    atomically, so concurrent guesses cannot all read "below the limit" (issue 15 §4)."""
    async with ctx.uow() as uow:
        reserva = await uow.tentativas.reservar(limites, agora() - janela)
        await uow.commit()
    if reserva.mais_antiga is not None:
        retry = (reserva.mais_antiga + janela - agora()).total_seconds()
        raise errors.LimiteExcedido(int(retry) + 1)
    return reserva
