"""The default CPF validator: the check digits, computed locally."""

from __future__ import annotations

from services.paciente.domain.cpf import cpf_valido


class ValidadorDigitosCpf:
    """Accepts a CPF whose two check digits match (no outside call).

    This is the adapter used unless another is configured; an adapter that asks an external
    validation service would implement the same ``valido`` coroutine (see ``ports.ValidadorCpf``).
    """

    async def valido(self, cpf: str) -> bool:
        """Whether the CPF's check digits are right (and it is not all-equal digits)."""
        return cpf_valido(cpf)
