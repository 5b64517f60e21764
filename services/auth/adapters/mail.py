"""Delivery of queued e-mails.

The outbox table is written in the same transaction as the change that causes the e-mail; a
dispatcher then hands each one to a delivery adapter. Locally, delivery is the dev inbox
(``GET /api/dev/emails``): the e-mail is marked delivered and nothing leaves the machine.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Protocol

from libs import aws
from libs.laco import LacoDeFundo
from services.auth.adapters.uow import AuthUnitOfWork

_log = logging.getLogger("healthmed.auth.mail")
AGRUPAR_SEGUNDOS = 0.05


class Entrega(Protocol):
    """Delivers one e-mail or raises."""

    async def entregar(self, para: str, assunto: str, corpo: str) -> None: ...


class CaixaLocal:
    """Local profile: the outbox itself is the inbox developers read."""

    async def entregar(self, para: str, assunto: str, corpo: str) -> None:
        _log.info("e-mail '%s' entregue na caixa local", assunto)


class SesEntrega:
    """aws profile: Amazon SES (``SendEmail``), called in a thread."""

    def __init__(self, client: object, remetente: str) -> None:
        self._client = client
        self._remetente = remetente

    async def entregar(self, para: str, assunto: str, corpo: str) -> None:
        await aws.call(
            self._client.send_email,  # type: ignore[attr-defined]
            Source=self._remetente,
            Destination={"ToAddresses": [para]},
            Message={
                "Subject": {"Data": assunto, "Charset": "UTF-8"},
                "Body": {"Text": {"Data": corpo, "Charset": "UTF-8"}},
            },
        )


async def despachar(uow_factory: Callable[[], AuthUnitOfWork], entrega: Entrega) -> int:
    """Send what is pending; return how many were delivered."""
    entregues: list[uuid.UUID] = []
    async with uow_factory() as uow:
        for row in await uow.emails.pending():
            try:
                await entrega.entregar(row.para, row.assunto, row.corpo)
            except Exception:
                _log.warning("falha ao entregar e-mail %s", row.id)
                await uow.emails.mark_failed(row.id)
            else:
                entregues.append(row.id)
        await uow.emails.mark_sent(entregues)
        await uow.commit()
    return len(entregues)


class Despachante:
    """Runs :func:`despachar` when woken, and every few seconds as a safety net."""

    def __init__(
        self, uow_factory: Callable[[], AuthUnitOfWork], entrega: Entrega, intervalo: float = 5.0
    ):
        self._laco = LacoDeFundo(
            "despachante-emails",
            lambda: despachar(uow_factory, entrega),
            intervalo=intervalo,
            log=_log,
            falha="falha no despacho de e-mails",
            # The agenda hands over each pass of its outbox: under load one pass here takes
            # several of them instead of one each (issue 14).
            agrupar=AGRUPAR_SEGUNDOS,
        )

    def acordar(self) -> None:
        """Something was queued: send it now."""
        self._laco.acordar()

    def start(self) -> None:
        """Start the background loop."""
        self._laco.start()

    async def stop(self) -> None:
        """Stop the loop."""
        await self._laco.stop()
