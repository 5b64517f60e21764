"""The default CRM validator: the format (4-10 digits and a real UF), no outside call."""

from __future__ import annotations

from services.medico.domain.crm import crm_valido


class ValidadorFormatoCrm:
    """Accepts a well-formed CRM + UF; it does not know whether the council issued it.

    Used unless another adapter is configured; an adapter that asks the CFM register would
    implement the same ``valido`` coroutine (see ``ports.ValidadorCrm``).
    """

    async def valido(self, crm: str, uf: str) -> bool:
        """Whether the CRM and UF are well formed."""
        return crm_valido(crm, uf)
