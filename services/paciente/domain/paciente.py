"""The patient profile and who may read or change it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from libs import errors
from libs.campos import Endereco, Localizacao
from services.paciente.domain.erros import AcessoNegado


@dataclass
class Paciente:
    """A patient; ``cpf`` holds digits only."""

    id: uuid.UUID
    nome: str
    email: str
    cpf: str
    telefone: str | None = None
    data_nascimento: date | None = None
    endereco: Endereco | None = None
    localizacao: Localizacao | None = None
    # Set when the patient closed the account (LGPD art. 18): the profile is then anonymised.
    encerrada_em: datetime | None = None
    campos_alterados: set[str] = field(default_factory=set, compare=False, repr=False)

    def alterar(self, **valores: object) -> None:
        """Apply a partial update (CPF and password are not changeable here)."""
        for nome, valor in valores.items():
            if nome in ("id", "cpf", "encerrada_em", "campos_alterados") or not hasattr(self, nome):
                raise ValueError(f"campo não alterável: {nome}")
            if getattr(self, nome) != valor:
                setattr(self, nome, valor)
                self.campos_alterados.add(nome)

    @property
    def encerrada(self) -> bool:
        """Whether the patient closed the account."""
        return self.encerrada_em is not None

    def anonimizar(self, agora: datetime) -> None:
        """Close the account (LGPD art. 18, VI): nothing that identifies the person stays in
        the profile. The name becomes :data:`NOME_ENCERRADA`; e-mail and CPF are emptied (the
        repository stores NULL, so no lookup by either finds it, and both may register a new
        account); phone, birth date, address and location are cleared. The id stays: the
        appointments and the health record kept by law (Lei 13.787/2018) point to it.
        Idempotent: a second call keeps the first ``encerrada_em``."""
        self.nome = NOME_ENCERRADA
        self.email = ""
        self.cpf = ""
        self.telefone = None
        self.data_nascimento = None
        self.endereco = None
        self.localizacao = None
        if self.encerrada_em is None:
            self.encerrada_em = agora


# What an anonymised profile is called, wherever its name is asked for.
NOME_ENCERRADA = "Paciente (conta encerrada)"
# What the patient types to confirm closing the account (it cannot be undone).
CONFIRMACAO_ENCERRAMENTO = "ENCERRAR"


def exigir_confirmacao_de_encerramento(confirmacao: str) -> None:
    """Closing the account is irreversible: the patient must type exactly ``ENCERRAR``."""
    if confirmacao != CONFIRMACAO_ENCERRAMENTO:
        raise errors.DadosInvalidos.campo(
            "confirmacao",
            f"Digite {CONFIRMACAO_ENCERRAMENTO} (em maiúsculas) para confirmar o encerramento",
        )


def exigir_proprio_paciente(*, usuario_id: uuid.UUID, papel: str, paciente_id: uuid.UUID) -> None:
    """Only the patient themself reaches their profile (doctors and other patients: 403)."""
    if papel != "paciente" or usuario_id != paciente_id:
        raise AcessoNegado()
