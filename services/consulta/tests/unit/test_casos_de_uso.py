"""The agenda's use cases at their ports (``tests/unit/fakes.py``): the rules that span a
transaction (what is written together, what a refusal leaves, what the outboxes carry), in
milliseconds and without PostgreSQL. The API tests drive the same paths end to end."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from libs import errors
from services.consulta.domain.consulta import Consulta, Status
from services.consulta.domain.erros import (
    ConsultaJaAvaliada,
    HorarioIndisponivel,
    HorarioNaoEncontrado,
    HorarioSobreposto,
)
from services.consulta.domain.notificacoes import Evento
from services.consulta.domain.pessoas import Medico, Paciente
from services.consulta.service import (
    bloqueios,
    consultas,
    encerramento,
    espera,
    horarios,
    notificacoes,
    remarcacao,
    saida,
)
from services.consulta.service.contexto import Agenda
from services.consulta.settings import ConsultaSettings
from services.consulta.tests.unit.fakes import (
    Banco,
    FakeCorreio,
    FakeDiretorio,
    FakePublicacao,
    FakeUnitOfWork,
)

AGORA = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
AMANHA = AGORA + timedelta(days=1)
MOTIVO = "Imprevisto no trabalho"


@dataclass
class Mundo:
    agenda: Agenda
    banco: Banco
    diretorio: FakeDiretorio
    publicacao: FakePublicacao
    correio: FakeCorreio

    def medico(self, *, conhecido: bool = True) -> Medico:
        """A doctor the medico service knows (and the agenda's copy too, when ``conhecido``)."""
        m = Medico(uuid.uuid4(), "Ana Souza", "123456", "SP", "America/Sao_Paulo", 60, "a@x.br")
        self.diretorio.medicos[m.id] = m
        if conhecido:
            self.banco.medicos[m.id] = (m, 1)
        return m

    def paciente(self, *, conhecido: bool = True, encerrada: bool = False) -> Paciente:
        """A patient the paciente service knows (and the agenda's copy, when ``conhecido``)."""
        p = Paciente(uuid.uuid4(), "João Lima", f"{uuid.uuid4().hex[:8]}@x.br", encerrada)
        self.diretorio.pacientes[p.id] = p
        if conhecido:
            self.banco.pacientes[p.id] = (p, 1)
        return p

    async def horario(self, medico: Medico, inicio: datetime = AMANHA) -> uuid.UUID:
        """A 30-minute slot of the doctor, published through the use case."""
        criados = await horarios.criar_horarios(
            self.agenda, medico_id=medico.id, inicio=inicio, fim=inicio + timedelta(minutes=30)
        )
        return criados.horarios[0].id

    async def reservar(self, paciente: Paciente, horario_id: uuid.UUID) -> Consulta:
        return await consultas.reservar(self.agenda, paciente_id=paciente.id, horario_id=horario_id)


@pytest.fixture
def mundo(tmp_path: Path) -> Mundo:
    banco = Banco()
    diretorio, publicacao, correio = FakeDiretorio(), FakePublicacao(), FakeCorreio()
    agenda = Agenda(
        settings=ConsultaSettings(data_dir=tmp_path),
        uow=lambda: FakeUnitOfWork(banco, lambda: AGORA),
        diretorio=diretorio,
        publicacao=publicacao,
        correio=correio,
        relogio=lambda: AGORA,
    )
    return Mundo(agenda, banco, diretorio, publicacao, correio)


def _eventos(mundo: Mundo, usuario_id: uuid.UUID) -> list[Evento]:
    return [n.evento for n in mundo.banco.notificacoes_de(usuario_id)]


async def test_reserva_grava_o_pedido_a_saida_e_o_aviso_ao_medico_juntos(mundo):
    medico, paciente = mundo.medico(), mundo.paciente(conhecido=False)
    horario_id = await mundo.horario(medico)
    mundo.banco.saida.clear()

    consulta = await mundo.reservar(paciente, horario_id)

    assert consulta.status is Status.PENDENTE and consulta.horario_id == horario_id
    assert mundo.banco.consultas[consulta.id].paciente_nome == "João Lima"
    # Someone the agenda never saw is asked of the owner once and kept.
    assert mundo.diretorio.perguntas == [paciente.id]
    assert mundo.banco.pacientes[paciente.id] == (paciente, 0)
    # The booking's own outbox item: the next free slot is sought from the last published.
    assert mundo.banco.saida == [(medico.id, "proximo_horario", {"tomado": True})]
    assert _eventos(mundo, medico.id) == [Evento.SOLICITADA]


async def test_horario_tomado_e_recusado_e_nada_muda(mundo):
    medico, primeiro, segundo = mundo.medico(), mundo.paciente(), mundo.paciente()
    horario_id = await mundo.horario(medico)
    await mundo.reservar(primeiro, horario_id)
    antes = copy.deepcopy(mundo.banco)

    with pytest.raises(HorarioIndisponivel):
        await mundo.reservar(segundo, horario_id)

    assert mundo.banco == antes


async def test_conta_encerrada_nao_reserva(mundo):
    medico, paciente = mundo.medico(), mundo.paciente(encerrada=True)
    horario_id = await mundo.horario(medico)

    with pytest.raises(errors.Proibido, match="Conta encerrada"):
        await mundo.reservar(paciente, horario_id)

    assert mundo.banco.consultas == {}


async def test_horario_de_medico_que_ninguem_conhece_e_404(mundo):
    medico, paciente = mundo.medico(), mundo.paciente()
    horario_id = await mundo.horario(medico)
    del mundo.banco.medicos[medico.id], mundo.diretorio.medicos[medico.id]

    with pytest.raises(HorarioNaoEncontrado):
        await mundo.reservar(paciente, horario_id)

    assert mundo.diretorio.perguntas == [medico.id] and mundo.banco.consultas == {}


async def test_cancelar_libera_o_horario_e_avisa_quem_espera_e_nao_quem_cancelou(mundo):
    medico, quem_cancela, quem_espera = mundo.medico(), mundo.paciente(), mundo.paciente()
    horario_id = await mundo.horario(medico)
    consulta = await mundo.reservar(quem_cancela, horario_id)
    for paciente in (quem_cancela, quem_espera):
        await espera.pedir_aviso(
            mundo.agenda, paciente_id=paciente.id, medico_id=medico.id, ate=AMANHA + timedelta(1)
        )
    mundo.banco.saida.clear()

    cancelada = await consultas.cancelar(
        mundo.agenda, usuario_id=quem_cancela.id, consulta_id=consulta.id, justificativa=MOTIVO
    )

    assert cancelada.status is Status.CANCELADA and cancelada.cancelada_por == "paciente"
    assert Evento.HORARIO_ABERTO in _eventos(mundo, quem_espera.id)
    assert Evento.HORARIO_ABERTO not in _eventos(mundo, quem_cancela.id)
    assert Evento.CANCELADA in _eventos(mundo, medico.id)
    # The freed slot may come before the last published: recomputed from scratch.
    assert (medico.id, "proximo_horario", {}) in mundo.banco.saida
    # The waiting patient's request was used up; the canceller's stays.
    restantes = {p.paciente_id for p in mundo.banco.pedidos.values()} - {
        mundo.banco.pedidos[i].paciente_id for i in mundo.banco.consumidos
    }
    assert restantes == {quem_cancela.id}


async def test_remarcar_cancela_a_antiga_liga_as_duas_e_recalcula_do_zero(mundo):
    medico, paciente = mundo.medico(), mundo.paciente()
    antes, depois = await mundo.horario(medico), await mundo.horario(medico, AMANHA + timedelta(1))
    consulta = await mundo.reservar(paciente, antes)
    mundo.banco.saida.clear()

    feita = await remarcacao.remarcar(
        mundo.agenda,
        paciente_id=paciente.id,
        consulta_id=consulta.id,
        horario_id=depois,
        justificativa=MOTIVO,
    )

    assert feita.antiga.status is Status.CANCELADA
    assert feita.antiga.remarcada_para == feita.nova.id
    assert feita.nova.remarcada_de == consulta.id and feita.nova.horario_id == depois
    assert (medico.id, "proximo_horario", {}) in mundo.banco.saida
    assert _eventos(mundo, medico.id) == [Evento.SOLICITADA, Evento.REMARCADA]


async def test_janela_com_uma_sobreposicao_nao_cria_nenhum(mundo):
    medico = mundo.medico()
    await mundo.horario(medico, AMANHA + timedelta(hours=1))
    antes = copy.deepcopy(mundo.banco)

    with pytest.raises(HorarioSobreposto):
        await horarios.criar_horarios(
            mundo.agenda,
            medico_id=medico.id,
            inicio=AMANHA,
            fim=AMANHA + timedelta(hours=2),
            duracao_minutos=30,
        )

    assert mundo.banco == antes


async def test_repeticao_semanal_pula_a_semana_bloqueada_e_conta(mundo):
    medico = mundo.medico()
    ferias = AMANHA + timedelta(weeks=1) - timedelta(hours=2)
    await bloqueios.bloquear_periodo(
        mundo.agenda, medico_id=medico.id, de=ferias, ate=ferias + timedelta(days=1)
    )

    criados = await horarios.criar_horarios(
        mundo.agenda,
        medico_id=medico.id,
        inicio=AMANHA,
        fim=AMANHA + timedelta(minutes=30),
        repetir_semanas=3,
    )

    assert criados.ignorados_por_bloqueio == 1
    assert [h.inicio for h in criados.horarios] == [
        AMANHA,
        AMANHA + timedelta(weeks=2),
        AMANHA + timedelta(weeks=3),
    ]


async def test_avaliacao_uma_vez_e_publicada_pela_saida(mundo):
    medico, paciente = mundo.medico(), mundo.paciente()
    ontem = AGORA - timedelta(days=1)
    realizada = Consulta(
        uuid.uuid4(), None, medico.id, paciente.id, ontem, ontem + timedelta(minutes=30),
        Status.CONFIRMADA, medico_entrou_em=ontem, paciente_entrou_em=ontem,
    )  # fmt: skip
    mundo.banco.consultas[realizada.id] = realizada

    await consultas.avaliar(
        mundo.agenda, paciente_id=paciente.id, consulta_id=realizada.id, nota=5, comentario=None
    )
    with pytest.raises(ConsultaJaAvaliada):
        await consultas.avaliar(
            mundo.agenda, paciente_id=paciente.id, consulta_id=realizada.id, nota=1, comentario=""
        )
    assert await saida.drenar_saida(mundo.agenda) == 1

    assert mundo.publicacao.avaliacoes == [(medico.id, realizada.id, 5)]


async def test_saida_isola_o_medico_cujo_envio_falha(mundo):
    que_falha, outro = mundo.medico(), mundo.medico()
    await mundo.horario(que_falha)
    await mundo.horario(outro, AMANHA + timedelta(hours=3))
    mundo.publicacao.falhar = {que_falha.id}

    assert await saida.drenar_saida(mundo.agenda) == 1

    assert mundo.publicacao.proximos == {outro.id: AMANHA + timedelta(hours=3)}
    assert mundo.banco.adiados == {que_falha.id}
    assert [m for m, _, _ in mundo.banco.saida] == [que_falha.id]  # kept for a later pass


async def test_fila_de_emails_que_recusa_um_leva_os_outros(mundo):
    medico, paciente = mundo.medico(), mundo.paciente()
    consulta = await mundo.reservar(paciente, await mundo.horario(medico))
    await consultas.aceitar(mundo.agenda, medico_id=medico.id, consulta_id=consulta.id)
    mundo.correio.recusar = {paciente.email}

    assert await notificacoes.entregar_notificacoes(mundo.agenda) == 1

    assert [e.para for e in mundo.correio.enviados] == [medico.email]
    assert mundo.correio.chamadas == 3  # all at once, then one by one
    assert len(mundo.banco.notificacoes_adiadas) == 1  # the refused one waits (backoff)
    pendentes = [n for n, _, para in mundo.banco.notificacoes.values() if para is None]
    assert [n.evento for n in pendentes] == [Evento.CONFIRMADA]


async def test_conta_encerrada_cancela_o_futuro_e_apaga_o_resto(mundo):
    medico, paciente = mundo.medico(), mundo.paciente()
    consulta = await mundo.reservar(paciente, await mundo.horario(medico))
    await espera.pedir_aviso(
        mundo.agenda, paciente_id=paciente.id, medico_id=medico.id, ate=AMANHA + timedelta(2)
    )

    assert await encerramento.encerrar_paciente(mundo.agenda, paciente_id=paciente.id) == 1
    assert await encerramento.encerrar_paciente(mundo.agenda, paciente_id=paciente.id) == 0

    cancelada = mundo.banco.consultas[consulta.id]
    assert cancelada.status is Status.CANCELADA and cancelada.cancelada_por == "paciente"
    assert mundo.banco.pacientes[paciente.id][0].encerrada
    assert mundo.banco.pedidos == {}
    assert mundo.banco.notificacoes_de(paciente.id) == []
    assert _eventos(mundo, medico.id) == [Evento.SOLICITADA, Evento.CANCELADA]
