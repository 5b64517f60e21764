"""Delivery of queued e-mails: the adapters of the ``Entrega`` port, and the background loop.

The outbox table is written in the same transaction as the change that causes the e-mail; a
dispatcher (``service.fila_de_emails.despachar``, run by :class:`Despachante`) then hands each
one to a delivery adapter. Locally, delivery is the dev inbox (``GET /api/dev/emails``): the
e-mail is marked delivered and nothing leaves the machine.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from libs import aws
from libs.laco import LacoDeFundo

_log = logging.getLogger("healthmed.auth.mail")
AGRUPAR_SEGUNDOS = 0.05


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


class Despachante:
    """Runs ``despachar`` (one pass over the outbox) when woken, and every few seconds as a
    safety net."""

    def __init__(self, despachar: Callable[[], Awaitable[object]], intervalo: float = 5.0):
        self._laco = LacoDeFundo(
            "despachante-emails",
            despachar,
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
