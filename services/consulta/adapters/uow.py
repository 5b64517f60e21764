"""The consulta service's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from libs.db import UnitOfWork
from services.consulta.adapters import (
    repository_assinatura,
    repository_avaliacoes,
    repository_bloqueio,
    repository_consultas,
    repository_espera,
    repository_historico,
    repository_horarios,
    repository_notificacoes,
    repository_pessoas,
    repository_saida,
    repository_teleconsulta,
)


class ConsultaUnitOfWork(UnitOfWork):
    """One transaction over the consulta schema."""

    horarios: repository_horarios.HorarioRepository
    consultas: repository_consultas.ConsultaRepository
    avaliacoes: repository_avaliacoes.AvaliacaoRepository
    saida: repository_saida.SaidaRepository
    proximos: repository_saida.ProximoHorarioRepository
    notificacoes: repository_notificacoes.NotificacaoRepository
    teleconsulta: repository_teleconsulta.TeleconsultaRepository
    assinaturas: repository_assinatura.AssinaturaRepository
    pedidos_de_aviso: repository_espera.PedidoDeAvisoRepository
    bloqueios: repository_bloqueio.BloqueioRepository
    historico: repository_historico.HistoricoRepository
    pessoas: repository_pessoas.PessoaRepository

    def _open(self, session: AsyncSession) -> None:
        self.horarios = repository_horarios.HorarioRepository(session)
        self.consultas = repository_consultas.ConsultaRepository(session)
        self.avaliacoes = repository_avaliacoes.AvaliacaoRepository(session)
        self.saida = repository_saida.SaidaRepository(session)
        self.proximos = repository_saida.ProximoHorarioRepository(session)
        self.notificacoes = repository_notificacoes.NotificacaoRepository(session)
        self.teleconsulta = repository_teleconsulta.TeleconsultaRepository(session)
        self.assinaturas = repository_assinatura.AssinaturaRepository(session)
        self.pedidos_de_aviso = repository_espera.PedidoDeAvisoRepository(session)
        self.bloqueios = repository_bloqueio.BloqueioRepository(session)
        self.historico = repository_historico.HistoricoRepository(session)
        self.pessoas = repository_pessoas.PessoaRepository(session)
