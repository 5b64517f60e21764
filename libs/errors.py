"""Errors every service raises, and their one mapping to RFC 9457 problem+json.

Hierarchy (plain Python, so a domain may subclass it without importing a framework)::

    HealthMedError                 500
    ├── RequisicaoInvalida         400
    ├── NaoAutenticado             401
    ├── Proibido                   403
    ├── NaoEncontrado              404
    ├── Conflito                   409
    ├── MuitoGrande                413
    ├── TipoNaoSuportado           415
    ├── DadosInvalidos             422 (with ``erros``: field and message)
    ├── LimiteExcedido             429 (with ``retry_after``)
    └── ServicoIndisponivel        503
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErroCampo:
    """One invalid field and why."""

    campo: str
    mensagem: str


class HealthMedError(Exception):
    """Base of every error that becomes a problem+json answer."""

    status = 500
    slug = "erro-interno"
    titulo = "Erro interno"

    def __init__(self, detalhe: str | None = None) -> None:
        self.detalhe = detalhe or self.titulo
        super().__init__(self.detalhe)


class RequisicaoInvalida(HealthMedError):
    status, slug, titulo = 400, "requisicao-invalida", "Requisição inválida"


class NaoAutenticado(HealthMedError):
    status, slug, titulo = 401, "nao-autenticado", "Não autenticado"


class Proibido(HealthMedError):
    status, slug, titulo = 403, "proibido", "Acesso negado"


class NaoEncontrado(HealthMedError):
    status, slug, titulo = 404, "nao-encontrado", "Não encontrado"


class Conflito(HealthMedError):
    status, slug, titulo = 409, "conflito", "Conflito"


class EmUso(Conflito):
    """An identifier (CRM + UF, CPF, e-mail) another account already holds; ``campo`` names it
    (each service's domain names its own subclass)."""

    def __init__(self, campo: str, mensagem: str) -> None:
        self.campo = campo
        super().__init__(mensagem)


class MuitoGrande(HealthMedError):
    status, slug, titulo = 413, "muito-grande", "Conteúdo grande demais"


class TipoNaoSuportado(HealthMedError):
    status, slug, titulo = 415, "tipo-nao-suportado", "Tipo de conteúdo não suportado"


class DadosInvalidos(HealthMedError):
    status, slug, titulo = 422, "dados-invalidos", "Dados inválidos"

    def __init__(self, erros: list[ErroCampo], detalhe: str | None = None) -> None:
        self.erros = erros
        super().__init__(detalhe or "; ".join(f"{e.campo}: {e.mensagem}" for e in erros))

    @classmethod
    def campo(cls, campo: str, mensagem: str) -> DadosInvalidos:
        """A validation error on a single field."""
        return cls([ErroCampo(campo, mensagem)])


class LimiteExcedido(HealthMedError):
    status, slug, titulo = 429, "limite-excedido", "Muitas tentativas"

    def __init__(self, retry_after: int, detalhe: str | None = None) -> None:
        self.retry_after = max(1, int(retry_after))
        super().__init__(detalhe or "Muitas tentativas. Tente novamente mais tarde.")


# What a person reads when a dependency is down: never which service or host it was (that
# goes to the log).
INDISPONIVEL = "Serviço temporariamente indisponível; tente novamente em instantes."


class ServicoIndisponivel(HealthMedError):
    status, slug, titulo = 503, "servico-indisponivel", "Serviço indisponível"

    def __init__(self, detalhe: str | None = None) -> None:
        super().__init__(detalhe or INDISPONIVEL)
