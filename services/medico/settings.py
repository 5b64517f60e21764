"""Settings of the medico service."""

from __future__ import annotations

from typing import ClassVar

from libs.settings import Settings


class MedicoSettings(Settings):
    """The doctor service needs only the common settings today.

    Slot for the CFM register (``portal.cfm.org.br`` lookup of an active CRM): add
    ``validador_crm_url`` here and choose its adapter in ``app.create_app``; unset (the
    default), CRMs are checked by format only.
    """

    # Secrets it uses (no lookup by CPF, no encrypted column); required outside the local profile.
    segredos_exigidos: ClassVar[tuple[str, ...]] = ("service_token",)
