"""Settings of the paciente service."""

from __future__ import annotations

from typing import ClassVar

from libs.settings import Settings


class PacienteSettings(Settings):
    """The patient service needs only the common settings (keys for CPF, phone, address).

    Slot for an external CPF validation service (e.g. Receita Federal through a bureau): add
    ``validador_cpf_url`` here and choose its adapter in ``app.create_app``; unset (the
    default), CPFs are checked by their check digits only.
    """

    # Secrets it uses (the CPF hash and the encrypted columns); required outside the local profile.
    segredos_exigidos: ClassVar[tuple[str, ...]] = ("service_token", "chave_hash", "chave_dados")
