"""The consulta service's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from libs.db import UnitOfWork
from services.consulta.adapters import (
    repository,
    repository_assinatura,
    repository_bloqueio,
    repository_espera,
    repository_historico,
    repository_pessoas,
    repository_teleconsulta,
)


class ConsultaUnitOfWork(UnitOfWork):
    """One transaction over the consulta schema."""

    horarios: repository.HorarioRepository
    consultas: repository.ConsultaRepository
    avaliacoes: repository.AvaliacaoRepository
    saida: repository.SaidaRepository
    proximos: repository.ProximoHorarioRepository
    notificacoes: repository.NotificacaoRepository
    teleconsulta: repository_teleconsulta.TeleconsultaRepository
    assinaturas: repository_assinatura.AssinaturaRepository
    pedidos_de_aviso: repository_espera.PedidoDeAvisoRepository
    bloqueios: repository_bloqueio.BloqueioRepository
    historico: repository_historico.HistoricoRepository
    pessoas: repository_pessoas.PessoaRepository

    def _open(self, session: AsyncSession) -> None:
        self.horarios = repository.HorarioRepository(session)
        self.consultas = repository.ConsultaRepository(session)
        self.avaliacoes = repository.AvaliacaoRepository(session)
        self.saida = repository.SaidaRepository(session)
        self.proximos = repository.ProximoHorarioRepository(session)
        self.notificacoes = repository.NotificacaoRepository(session)
        self.teleconsulta = repository_teleconsulta.TeleconsultaRepository(session)
        self.assinaturas = repository_assinatura.AssinaturaRepository(session)
        self.pedidos_de_aviso = repository_espera.PedidoDeAvisoRepository(session)
        self.bloqueios = repository_bloqueio.BloqueioRepository(session)
        self.historico = repository_historico.HistoricoRepository(session)
        self.pessoas = repository_pessoas.PessoaRepository(session)
