"""Request and response bodies of the consulta service.

Times come in with an offset (a naive time is a 422) and go out in the doctor's time zone,
with its offset: ``2026-12-01T10:00:00-04:00`` for a doctor in Manaus is the same instant as
``2026-12-01T11:00:00-03:00`` for a patient in São Paulo.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from libs.campos import SemControle
from services.consulta.domain.agenda import Horario, PeriodoBloqueado
from services.consulta.domain.consulta import Avaliacao, Consulta, zona
from services.consulta.domain.espera import PedidoDeAviso


class HorarioIn(BaseModel):
    """One slot, or a window split into slots, optionally repeated weekly."""

    model_config = ConfigDict(extra="forbid")

    inicio: AwareDatetime
    fim: AwareDatetime
    duracao_minutos: int | None = Field(
        default=None,
        ge=10,
        le=1440,
        description="Divide a janela em horários consecutivos desta duração (a sobra é ignorada).",
    )
    repetir_semanas: int | None = Field(
        default=None,
        ge=1,
        le=12,
        description="Repete no mesmo dia da semana e hora (no fuso do médico) por mais N semanas.",
    )


class HorarioEdicaoIn(BaseModel):
    """New times of a free slot."""

    model_config = ConfigDict(extra="forbid")

    inicio: AwareDatetime
    fim: AwareDatetime


class HorarioOut(BaseModel):
    id: uuid.UUID
    inicio: datetime
    fim: datetime
    status: Literal["livre", "reservado", "confirmado"]
    consulta_id: uuid.UUID | None = None

    @classmethod
    def from_domain(cls, horario: Horario, fuso: ZoneInfo) -> HorarioOut:
        """A slot shown in the doctor's time zone."""
        return cls(
            id=horario.id,
            inicio=horario.inicio.astimezone(fuso),
            fim=horario.fim.astimezone(fuso),
            status=horario.status.value,
            consulta_id=horario.consulta_id,
        )


class HorariosOut(BaseModel):
    horarios: list[HorarioOut]


class HorariosCriadosOut(HorariosOut):
    ignorados_por_bloqueio: int = Field(
        default=0,
        description="Horários de uma repetição semanal não criados por começarem num período "
        "bloqueado (extensão).",
    )


class BloqueioIn(BaseModel):
    """A period whose free slots the doctor removes at once (holiday, congress)."""

    model_config = ConfigDict(extra="forbid")

    de: AwareDatetime = Field(description="Início do período (incluído), com fuso.")
    ate: AwareDatetime = Field(description="Fim do período (excluído), com fuso.")
    simular: bool = Field(
        default=False, description="Só responde o que aconteceria; nada é alterado."
    )


class PeriodoBloqueadoOut(BaseModel):
    id: uuid.UUID
    de: datetime
    ate: datetime

    @classmethod
    def from_domain(cls, bloqueio: PeriodoBloqueado, fuso: ZoneInfo) -> PeriodoBloqueadoOut:
        """A blocked period shown in the doctor's time zone."""
        return cls(
            id=bloqueio.id, de=bloqueio.de.astimezone(fuso), ate=bloqueio.ate.astimezone(fuso)
        )


class BloqueioOut(BaseModel):
    removidos: int = Field(description="Horários livres removidos (ou que seriam, ao simular).")
    mantidos: list[HorarioOut] = Field(
        description="Horários do período com consulta ativa: não são tocados."
    )
    bloqueio: PeriodoBloqueadoOut | None = Field(
        default=None,
        description="O período guardado (nenhum horário volta a ser aberto nele); nulo ao simular.",
    )


class PeriodoBloqueadoItemOut(PeriodoBloqueadoOut):
    criado_em: datetime

    @classmethod
    def from_domain(cls, bloqueio: PeriodoBloqueado, fuso: ZoneInfo) -> PeriodoBloqueadoItemOut:
        """A stored block as listed, in the doctor's time zone."""
        assert bloqueio.criado_em is not None  # always read back from the table
        return cls(
            id=bloqueio.id,
            de=bloqueio.de.astimezone(fuso),
            ate=bloqueio.ate.astimezone(fuso),
            criado_em=bloqueio.criado_em,
        )


class BloqueiosOut(BaseModel):
    itens: list[PeriodoBloqueadoItemOut]


class HorarioLivreOut(BaseModel):
    id: uuid.UUID
    inicio: datetime
    fim: datetime

    @classmethod
    def from_domain(cls, horario: Horario, fuso: ZoneInfo) -> HorarioLivreOut:
        """A free slot shown in the doctor's time zone."""
        return cls(
            id=horario.id, inicio=horario.inicio.astimezone(fuso), fim=horario.fim.astimezone(fuso)
        )


class AgendaOut(BaseModel):
    horarios: list[HorarioLivreOut]
    fuso_horario: str = Field(description="O fuso do médico, em que os horários são mostrados.")


class ConsultaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    horario_id: uuid.UUID


# Free text of several lines (line breaks allowed), without other control characters: the
# e-mails quote it line by line (domain/avisos.py).
Justificativa = Annotated[str, SemControle]


class RecusaIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    justificativa: Justificativa | None = Field(default=None, max_length=1000)


class CancelamentoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    justificativa: Justificativa | None = Field(default=None, max_length=1000)


class RemarcacaoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    horario_id: uuid.UUID = Field(description="O novo horário, livre, do mesmo médico.")
    justificativa: Justificativa | None = Field(
        default=None,
        max_length=1000,
        description=(
            "Opcional (se vier, pelo menos 10 caracteres, como no cancelamento); sem ela, "
            "a consulta antiga diz para quando foi remarcada."
        ),
    )


class AvaliacaoIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nota: int = Field(ge=1, le=5)
    comentario: str | None = Field(default=None, max_length=2000)


class AvaliacaoOut(BaseModel):
    consulta_id: uuid.UUID
    nota: int
    comentario: str | None
    criada_em: datetime | None

    @classmethod
    def from_domain(cls, avaliacao: Avaliacao) -> AvaliacaoOut:
        """A rating."""
        return cls(
            consulta_id=avaliacao.consulta_id,
            nota=avaliacao.nota,
            comentario=avaliacao.comentario,
            criada_em=avaliacao.criada_em,
        )


class MedicoResumo(BaseModel):
    id: uuid.UUID
    nome: str
    crm: str
    uf: str


class PacienteResumo(BaseModel):
    id: uuid.UUID
    nome: str


class ConsultaOut(BaseModel):
    id: uuid.UUID
    status: Literal["pendente", "confirmada", "recusada", "cancelada", "realizada"]
    medico: MedicoResumo
    paciente: PacienteResumo
    horario_id: uuid.UUID | None
    inicio: datetime
    fim: datetime
    fuso_horario: str = Field(description="O fuso do médico, em que os horários são mostrados.")
    justificativa: str | None
    cancelada_por: Literal["medico", "paciente"] | None = None
    cancelada_em: datetime | None = None
    criada_em: datetime | None
    atualizada_em: datetime | None
    link: str | None = None
    avaliacao: AvaliacaoOut | None = None
    remarcada_de: uuid.UUID | None = Field(
        default=None, description="A consulta cancelada que esta substituiu ao ser remarcada."
    )
    remarcada_para: uuid.UUID | None = Field(
        default=None, description="A consulta marcada no lugar desta, quando foi remarcada."
    )

    @staticmethod
    def campos(consulta: Consulta, agora: datetime) -> dict[str, Any]:
        """The fields of an appointment as its participants see it at ``agora``, as plain
        values in the model's order: what the hot routes answer without building the model
        (:func:`libs.respostas.resposta_json`; a test holds them to the model's bytes). Ids
        go as text: asyncpg's UUID, a subclass, takes pydantic-core's slow path (~1.3 us each,
        two thirds of a listing page's serialization)."""
        fuso = zona(consulta.medico_fuso)
        avaliacao = consulta.avaliacao
        return {
            "id": str(consulta.id),
            "status": consulta.status_em(agora).value,
            "medico": {
                "id": str(consulta.medico_id),
                "nome": consulta.medico_nome,
                "crm": consulta.medico_crm,
                "uf": consulta.medico_uf,
            },
            "paciente": {"id": str(consulta.paciente_id), "nome": consulta.paciente_nome},
            "horario_id": _texto(consulta.horario_id),
            "inicio": consulta.inicio.astimezone(fuso),
            "fim": consulta.fim.astimezone(fuso),
            "fuso_horario": consulta.medico_fuso,
            "justificativa": consulta.justificativa,
            "cancelada_por": consulta.cancelada_por,
            "cancelada_em": consulta.cancelada_em.astimezone(fuso)
            if consulta.cancelada_em
            else None,
            "criada_em": consulta.criada_em.astimezone(fuso) if consulta.criada_em else None,
            "atualizada_em": consulta.atualizada_em.astimezone(fuso)
            if consulta.atualizada_em
            else None,
            "link": None,
            "avaliacao": {
                "consulta_id": str(avaliacao.consulta_id),
                "nota": avaliacao.nota,
                "comentario": avaliacao.comentario,
                "criada_em": avaliacao.criada_em,
            }
            if avaliacao
            else None,
            "remarcada_de": _texto(consulta.remarcada_de),
            "remarcada_para": _texto(consulta.remarcada_para),
        }

    @classmethod
    def from_domain(cls, consulta: Consulta, agora: datetime) -> ConsultaOut:
        """An appointment as its participants see it at ``agora``."""
        return cls.model_validate(cls.campos(consulta, agora))


def _texto(valor: uuid.UUID | None) -> str | None:
    return None if valor is None else str(valor)


class ConsultasOut(BaseModel):
    itens: list[ConsultaOut]
    total: int
    pagina: int
    por_pagina: int


class AssinaturaCriadaOut(BaseModel):
    """A new calendar subscription: its secret address, shown this once."""

    url: str = Field(
        description="Endereço secreto da agenda (iCalendar), {origem}/api/calendario/{token}.ics: "
        "quem o tiver vê a agenda; é mostrado só agora (guardamos apenas um hash)"
    )
    criada_em: AwareDatetime


class AssinaturaOut(BaseModel):
    """Whether the caller has a live subscription, and since when (never its address)."""

    ativa: bool
    criada_em: AwareDatetime | None = None


class AvisoIn(BaseModel):
    """Be told by e-mail when a slot of the doctor opens before ``ate``."""

    model_config = ConfigDict(extra="forbid")

    ate: AwareDatetime = Field(
        description="Avise se abrir um horário que comece antes deste momento (com fuso; no "
        "futuro, dentro do horizonte de reserva)."
    )


class AvisoOut(BaseModel):
    """An active request to be told when a slot opens (``ate`` in the doctor's time zone)."""

    id: uuid.UUID
    medico_id: uuid.UUID
    ate: datetime
    criado_em: datetime

    @classmethod
    def from_domain(cls, pedido: PedidoDeAviso) -> AvisoOut:
        """A request shown in the doctor's time zone."""
        assert pedido.criado_em is not None  # as stored
        fuso = ZoneInfo(pedido.medico_fuso)
        return cls(
            id=pedido.id,
            medico_id=pedido.medico_id,
            ate=pedido.ate.astimezone(fuso),
            criado_em=pedido.criado_em.astimezone(fuso),
        )


class AvisosOut(BaseModel):
    itens: list[AvisoOut]
