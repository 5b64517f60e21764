"""An e-mail another service hands to auth's outbox."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class EmailDeFora:
    """An e-mail another service wants sent; its ``id`` makes a retried call one e-mail."""

    id: uuid.UUID
    para: str
    assunto: str
    corpo: str
