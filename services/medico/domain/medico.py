"""The doctor profile, its limits, and who may change it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from libs.brasil import titulo_medico
from libs.campos import Endereco, Localizacao
from services.medico.domain.erros import AcessoNegado, invalido

FUSO_PADRAO = "America/Sao_Paulo"
ANTECEDENCIA_PADRAO = 120
ANTECEDENCIA_MAXIMA = 7 * 24 * 60  # one week, in minutes
NOTA_MINIMA, NOTA_MAXIMA = 1, 5
# The titles a doctor may choose (issue 19); None is "no title".
TRATAMENTOS = ("Dr.", "Dra.")
# A name typed with its title already ("Dra. Helena Costa") is not given a second one.


@dataclass
class Medico:
    """A doctor; ``crm`` holds digits only and ``especialidades`` slugs."""

    id: uuid.UUID
    nome: str
    crm: str
    uf: str
    email: str
    especialidades: list[str]
    telefone: str | None = None
    bio: str | None = None
    endereco: Endereco | None = None
    localizacao: Localizacao | None = None
    valor_consulta: Decimal | None = None
    fuso_horario: str = FUSO_PADRAO
    antecedencia_minima_minutos: int = ANTECEDENCIA_PADRAO
    avaliacao_media: float | None = None
    total_avaliacoes: int = 0
    proximo_horario: datetime | None = None
    tratamento: str | None = None
    campos_alterados: set[str] = field(default_factory=set, compare=False, repr=False)

    _FIXOS = frozenset(
        {"id", "crm", "uf", "avaliacao_media", "total_avaliacoes", "proximo_horario"}
    )

    def __post_init__(self) -> None:
        validar_fuso(self.fuso_horario)
        validar_antecedencia(self.antecedencia_minima_minutos)
        self.especialidades = normalizar_especialidades(self.especialidades)
        validar_tratamento(self.tratamento)

    @property
    def nome_exibido(self) -> str:
        """The name as patients, messages and other services show it: with the title the
        doctor chose ("Dra. Aline Gomes"), unless the name was typed with one already."""
        if self.tratamento and titulo_medico(self.nome) is None:
            return f"{self.tratamento} {self.nome}"
        return self.nome

    def proximo_horario_vigente(self, agora: datetime) -> datetime | None:
        """The next free slot, or None once that moment has passed without a newer one."""
        if self.proximo_horario is not None and self.proximo_horario > agora:
            return self.proximo_horario
        return None

    def alterar(self, **valores: object) -> None:
        """Apply a partial update; CRM, UF and what other services maintain are not editable."""
        for nome, valor in valores.items():
            if nome in self._FIXOS or nome == "campos_alterados" or not hasattr(self, nome):
                raise ValueError(f"campo não alterável: {nome}")
            if nome == "fuso_horario":
                validar_fuso(str(valor))
            elif nome == "antecedencia_minima_minutos":
                validar_antecedencia(int(str(valor)))
            elif nome == "tratamento":
                validar_tratamento(valor if valor is None else str(valor))
            elif nome == "especialidades":
                valor = normalizar_especialidades(list(valor))  # type: ignore[call-overload]
            if getattr(self, nome) != valor:
                setattr(self, nome, valor)
                self.campos_alterados.add(nome)


def validar_fuso(nome: str) -> None:
    """The time zone must be an IANA name known to the system (``America/Manaus``)."""
    try:
        ZoneInfo(nome)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise invalido("fuso_horario", "Fuso horário desconhecido (use um nome IANA)") from exc


def validar_tratamento(tratamento: str | None) -> None:
    """Dr., Dra. or none (None)."""
    if tratamento is not None and tratamento not in TRATAMENTOS:
        raise invalido("tratamento", "Tratamento inválido; aceitos: Dr., Dra. ou nenhum")


def validar_antecedencia(minutos: int) -> None:
    """How close to the start a patient may still book: 0 to one week."""
    if not 0 <= minutos <= ANTECEDENCIA_MAXIMA:
        raise invalido(
            "antecedencia_minima_minutos", f"Deve estar entre 0 e {ANTECEDENCIA_MAXIMA} minutos"
        )


def normalizar_especialidades(slugs: list[str]) -> list[str]:
    """At least one specialty; repeated ones count once (order kept)."""
    unicas = list(dict.fromkeys(s.strip().lower() for s in slugs))
    if not unicas:
        raise invalido("especialidades", "Informe ao menos uma especialidade")
    return unicas


def validar_nota(nota: int) -> None:
    """A rating is a whole number from 1 to 5."""
    if not NOTA_MINIMA <= nota <= NOTA_MAXIMA:
        raise invalido("nota", f"A nota vai de {NOTA_MINIMA} a {NOTA_MAXIMA}")


def exigir_proprio_medico(*, usuario_id: uuid.UUID, papel: str, medico_id: uuid.UUID) -> None:
    """Only the doctor themself changes their profile (patients and other doctors: 403)."""
    if papel != "medico" or usuario_id != medico_id:
        raise AcessoNegado()
