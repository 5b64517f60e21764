"""In-memory fakes of the agenda's ports (``services/consulta/ports.py``), for use-case tests
without PostgreSQL. They keep the rules the database keeps (no overlapping slots, one active
appointment per slot, no overlap for a patient, one rating per appointment, conditional status
changes) and the unit of work's all-or-nothing: what a transaction wrote without committing is
gone when it ends. The API tests run the same use cases against the real adapters."""

from __future__ import annotations

import copy
import dataclasses
import uuid
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from services.consulta.domain.agenda import Horario, Intervalo, StatusHorario
from services.consulta.domain.avaliacoes import AvaliacaoPublica
from services.consulta.domain.bloqueio import PeriodoBloqueado
from services.consulta.domain.calendario import Assinatura, JanelaDaAssinatura
from services.consulta.domain.consulta import (
    ATIVOS,
    Avaliacao,
    Comparecimento,
    Consulta,
    Mudanca,
    Papel,
    Status,
)
from services.consulta.domain.erros import (
    ConsultaJaAvaliada,
    ConsultaSobreposta,
    HorarioIndisponivel,
    HorarioSobreposto,
)
from services.consulta.domain.espera import PedidoDeAviso
from services.consulta.domain.notificacoes import (
    Email,
    Evento,
    Notificacao,
    NotificacaoPendente,
)
from services.consulta.domain.pessoas import Medico, Paciente


@dataclasses.dataclass
class Banco:
    """What the fake unit of work commits to."""

    horarios: dict[uuid.UUID, Horario] = dataclasses.field(default_factory=dict)
    consultas: dict[uuid.UUID, Consulta] = dataclasses.field(default_factory=dict)
    avaliacoes: dict[uuid.UUID, Avaliacao] = dataclasses.field(default_factory=dict)
    # (medico_id, tipo, carga), in order; ``adiados``: doctors whose items wait (backoff).
    saida: list[tuple[uuid.UUID, str, dict[str, Any]]] = dataclasses.field(default_factory=list)
    adiados: set[uuid.UUID] = dataclasses.field(default_factory=set)
    proximos: dict[uuid.UUID, tuple[datetime | None, datetime | None]] = dataclasses.field(
        default_factory=dict
    )
    # chave -> (notification, address once sent); ``notificacoes_adiadas``: ids in backoff.
    notificacoes: dict[str, tuple[Notificacao, uuid.UUID, str | None]] = dataclasses.field(
        default_factory=dict
    )
    notificacoes_adiadas: set[uuid.UUID] = dataclasses.field(default_factory=set)
    pedidos: dict[uuid.UUID, PedidoDeAviso] = dataclasses.field(default_factory=dict)
    consumidos: set[uuid.UUID] = dataclasses.field(default_factory=set)
    bloqueios: dict[uuid.UUID, PeriodoBloqueado] = dataclasses.field(default_factory=dict)
    medicos: dict[uuid.UUID, tuple[Medico, int]] = dataclasses.field(default_factory=dict)
    pacientes: dict[uuid.UUID, tuple[Paciente, int]] = dataclasses.field(default_factory=dict)
    assinaturas: dict[uuid.UUID, tuple[Assinatura, str]] = dataclasses.field(default_factory=dict)

    def ativa_do_horario(self, horario_id: uuid.UUID) -> Consulta | None:
        """The pending or confirmed appointment holding a slot, if any."""
        return next(
            (
                c
                for c in self.consultas.values()
                if c.horario_id == horario_id and c.status in ATIVOS
            ),
            None,
        )

    def com_status(self, horario: Horario) -> Horario:
        """The slot as the doctor sees it (who holds it)."""
        consulta = self.ativa_do_horario(horario.id)
        if consulta is None:
            return dataclasses.replace(horario, status=StatusHorario.LIVRE, consulta_id=None)
        status = (
            StatusHorario.RESERVADO
            if consulta.status is Status.PENDENTE
            else StatusHorario.CONFIRMADO
        )
        return dataclasses.replace(horario, status=status, consulta_id=consulta.id)

    def notificacoes_de(self, usuario_id: uuid.UUID) -> list[Notificacao]:
        """The notices queued for one person, in order."""
        return [n for n, dono, _ in self.notificacoes.values() if dono == usuario_id]


def _sobrepoe(a: Intervalo | Horario, b: Intervalo | Horario) -> bool:
    return a.inicio < b.fim and b.inicio < a.fim


class FakeHorarios:
    def __init__(self, banco: Banco) -> None:
        self.b = banco

    def _sem_sobreposicao(self, medico_id: uuid.UUID, novo: Intervalo, exceto: Any = None) -> None:
        for h in self.b.horarios.values():
            if h.medico_id == medico_id and h.id != exceto and _sobrepoe(h, novo):
                raise HorarioSobreposto()

    async def adicionar(
        self, medico_id: uuid.UUID, intervalos: Sequence[Intervalo]
    ) -> list[Horario]:
        criados = []
        for i in intervalos:
            self._sem_sobreposicao(medico_id, i)
            h = Horario(uuid.uuid4(), medico_id, i.inicio, i.fim)
            self.b.horarios[h.id] = h
            criados.append(h)
        return criados

    async def travar(self, horario_id: uuid.UUID, medico_id: uuid.UUID) -> Horario | None:
        h = self.b.horarios.get(horario_id)
        return self.b.com_status(h) if h and h.medico_id == medico_id else None

    async def para_reservar(self, horario_id: uuid.UUID) -> Horario | None:
        h = self.b.horarios.get(horario_id)
        return self.b.com_status(h) if h else None

    async def get(self, horario_id: uuid.UUID) -> Horario | None:
        return await self.para_reservar(horario_id)

    async def tem_consulta_ativa(self, horario_id: uuid.UUID) -> bool:
        return self.b.ativa_do_horario(horario_id) is not None

    async def alterar(self, horario_id: uuid.UUID, intervalo: Intervalo) -> None:
        h = self.b.horarios[horario_id]
        self._sem_sobreposicao(h.medico_id, intervalo, exceto=horario_id)
        self.b.horarios[horario_id] = dataclasses.replace(
            h, inicio=intervalo.inicio, fim=intervalo.fim
        )

    async def remover(self, horario_id: uuid.UUID) -> None:
        del self.b.horarios[horario_id]

    async def travar_periodo(self, medico_id: uuid.UUID, periodo: Intervalo) -> list[Horario]:
        return await self.do_medico(medico_id, periodo)

    async def remover_varios(self, horario_ids: Sequence[uuid.UUID]) -> int:
        for i in horario_ids:
            del self.b.horarios[i]
        return len(horario_ids)

    async def do_medico(self, medico_id: uuid.UUID, janela: Intervalo) -> list[Horario]:
        return sorted(
            (
                self.b.com_status(h)
                for h in self.b.horarios.values()
                if h.medico_id == medico_id and janela.inicio <= h.inicio < janela.fim
            ),
            key=lambda h: h.inicio,
        )

    async def livres(self, medico_id: uuid.UUID, janela: Intervalo) -> list[Horario]:
        return [
            h for h in await self.do_medico(medico_id, janela) if h.status is StatusHorario.LIVRE
        ]

    async def proximos_livres(
        self, desde: Mapping[uuid.UUID, datetime], *, so_tomados: Collection[uuid.UUID] = ()
    ) -> dict[uuid.UUID, datetime | None]:
        fim = datetime.max.replace(tzinfo=UTC)
        return {
            m: next((h.inicio for h in await self.livres(m, Intervalo(d, fim))), None)
            for m, d in desde.items()
        }


class FakeConsultas:
    def __init__(self, banco: Banco, relogio: Any) -> None:
        self.b = banco
        self.relogio = relogio

    async def adicionar(
        self, consulta: Consulta, notificacoes: Sequence[Notificacao] = ()
    ) -> Consulta | None:
        horario = self.b.horarios.get(consulta.horario_id or uuid.uuid4())
        paciente = self.b.pacientes.get(consulta.paciente_id)
        mudou = horario is None or (horario.medico_id, horario.inicio, horario.fim) != (
            consulta.medico_id,
            consulta.inicio,
            consulta.fim,
        )
        if mudou or paciente is None or paciente[0].encerrada:
            return None  # as the statement's re-check: nothing inserted
        assert consulta.horario_id is not None
        if self.b.ativa_do_horario(consulta.horario_id) is not None:
            raise HorarioIndisponivel()
        for outra in self.b.consultas.values():
            mesma = outra.paciente_id == consulta.paciente_id and outra.status in ATIVOS
            if mesma and _sobrepoe(outra, consulta):  # type: ignore[arg-type]
                raise ConsultaSobreposta()
        agora = self.relogio()
        salva = dataclasses.replace(consulta, criada_em=agora, atualizada_em=agora)
        self.b.consultas[salva.id] = salva
        self.b.saida.append((salva.medico_id, "proximo_horario", {"tomado": True}))
        await FakeNotificacoes(self.b).adicionar(notificacoes)
        return copy.copy(salva)

    async def get(self, consulta_id: uuid.UUID) -> Consulta | None:
        c = self.b.consultas.get(consulta_id)
        if c is None:
            return None
        return dataclasses.replace(c, avaliacao=self.b.avaliacoes.get(consulta_id))

    async def mudar(
        self, consulta_id: uuid.UUID, mudanca: Mudanca, agora: datetime
    ) -> Consulta | None:
        c = self.b.consultas.get(consulta_id)
        if c is None or c.status not in mudanca.de:
            return None
        if mudanca.inicio_apos is not None and c.inicio <= mudanca.inicio_apos:
            return None
        cancelada = mudanca.para is Status.CANCELADA
        nova = dataclasses.replace(
            c,
            status=mudanca.para,
            justificativa=mudanca.justificativa or c.justificativa,
            cancelada_por=mudanca.cancelada_por or c.cancelada_por,
            cancelada_em=agora if cancelada else c.cancelada_em,
            remarcada_para=mudanca.remarcada_para or c.remarcada_para,
            atualizada_em=agora,
        )
        self.b.consultas[consulta_id] = nova
        return copy.copy(nova)

    async def registrar_entrada(
        self, consulta_id: uuid.UUID, papel: Papel, agora: datetime
    ) -> None:
        c = self.b.consultas[consulta_id]
        campo = "medico_entrou_em" if papel == "medico" else "paciente_entrou_em"
        if getattr(c, campo) is None:
            self.b.consultas[consulta_id] = dataclasses.replace(c, **{campo: agora})

    async def encerrar(self, consulta_id: uuid.UUID, agora: datetime) -> Consulta | None:
        c = self.b.consultas.get(consulta_id)
        if c is None or c.status is not Status.CONFIRMADA or c.encerrada_em or c.fim <= agora:
            return None
        self.b.consultas[consulta_id] = dataclasses.replace(c, encerrada_em=agora)
        return copy.copy(self.b.consultas[consulta_id])

    async def corrigir_comparecimento(
        self, consulta_id: uuid.UUID, comparecimento: Comparecimento, agora: datetime
    ) -> Consulta | None:
        c = self.b.consultas.get(consulta_id)
        if c is None or c.status is not Status.CONFIRMADA:
            return None
        self.b.consultas[consulta_id] = dataclasses.replace(c, comparecimento=comparecimento)
        return copy.copy(self.b.consultas[consulta_id])

    async def futuras_ativas_do_paciente(
        self, paciente_id: uuid.UUID, agora: datetime
    ) -> list[Consulta]:
        return [
            copy.copy(c)
            for c in self.b.consultas.values()
            if c.paciente_id == paciente_id and c.status in ATIVOS and c.inicio > agora
        ]

    async def listar(
        self,
        *,
        usuario_id: uuid.UUID,
        papel: Papel,
        status: Status | None,
        agora: datetime,
        pagina: int,
        por_pagina: int,
    ) -> tuple[list[Consulta], int]:
        minhas = [
            c
            for c in self.b.consultas.values()
            if (c.medico_id if papel == "medico" else c.paciente_id) == usuario_id
            and (status is None or c.status_em(agora) is status)
        ]
        minhas.sort(key=lambda c: c.inicio)
        inicio = (pagina - 1) * por_pagina
        return [copy.copy(c) for c in minhas[inicio : inicio + por_pagina]], len(minhas)

    async def da_assinatura(
        self, *, usuario_id: uuid.UUID, papel: Papel, janela: JanelaDaAssinatura
    ) -> list[Consulta]:
        raise NotImplementedError  # the calendar feed is tested through the API


class FakeAvaliacoes:
    def __init__(self, banco: Banco, relogio: Any) -> None:
        self.b = banco
        self.relogio = relogio

    async def adicionar(
        self, consulta_id: uuid.UUID, nota: int, comentario: str | None
    ) -> Avaliacao:
        if consulta_id in self.b.avaliacoes:
            raise ConsultaJaAvaliada()  # the primary key
        avaliacao = Avaliacao(consulta_id, nota, comentario, self.relogio())
        self.b.avaliacoes[consulta_id] = avaliacao
        return avaliacao

    async def do_medico(
        self, medico_id: uuid.UUID, *, pagina: int, por_pagina: int
    ) -> tuple[list[AvaliacaoPublica], int]:
        raise NotImplementedError  # the doctor's page is tested through the API

    async def do_medico_para_mudar(
        self, consulta_id: uuid.UUID, medico_id: uuid.UUID
    ) -> tuple[bool, bool] | None:
        raise NotImplementedError

    async def responder(self, consulta_id: uuid.UUID, texto: str, agora: datetime) -> None:
        raise NotImplementedError

    async def denunciar(self, consulta_id: uuid.UUID, motivo: str, agora: datetime) -> None:
        raise NotImplementedError


class FakeSaida:
    def __init__(self, banco: Banco) -> None:
        self.b = banco

    async def proximo_horario(self, medico_id: uuid.UUID) -> None:
        self.b.saida.append((medico_id, "proximo_horario", {}))

    async def avaliacao(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None:
        self.b.saida.append(
            (medico_id, "avaliacao", {"consulta_id": str(consulta_id), "nota": nota})
        )

    async def tomar(
        self, agora: datetime, *, medicos: Sequence[uuid.UUID] | None = None, limite: int = 100
    ) -> dict[uuid.UUID, list[tuple[str, dict[str, Any]]]]:
        tomados: dict[uuid.UUID, list[tuple[str, dict[str, Any]]]] = {}
        resto = []
        for m, tipo, carga in self.b.saida:
            escolhido = medicos is None or m in medicos
            if escolhido and m not in self.b.adiados and (m in tomados or len(tomados) < limite):
                tomados.setdefault(m, []).append((tipo, carga))
            else:
                resto.append((m, tipo, carga))
        self.b.saida = resto
        return tomados

    async def adiar(self, medico_id: uuid.UUID, agora: datetime) -> None:
        self.b.adiados.add(medico_id)

    async def enfileirar_vencidos(self, agora: datetime) -> int:
        return 0


class FakeProximos:
    def __init__(self, banco: Banco) -> None:
        self.b = banco

    async def guardar(
        self, publicados: Mapping[uuid.UUID, tuple[datetime | None, datetime | None]]
    ) -> None:
        self.b.proximos.update(publicados)

    async def get(self, medico_id: uuid.UUID) -> datetime | None:
        return self.b.proximos.get(medico_id, (None, None))[0]


class FakeNotificacoes:
    def __init__(self, banco: Banco) -> None:
        self.b = banco

    async def adicionar(self, notificacoes: Sequence[Notificacao]) -> None:
        for n in notificacoes:  # the same key twice is one e-mail
            self.b.notificacoes.setdefault(n.chave, (n, n.usuario_id, None))

    async def a_lembrar(
        self, evento: Evento, *, de: datetime, ate: datetime, limite: int = 200
    ) -> list[Consulta]:
        return []

    async def ausencias(self, *, de: datetime, ate: datetime, limite: int = 200) -> list[Consulta]:
        avisadas = {
            n.consulta_id
            for n, _, _ in self.b.notificacoes.values()
            if n.evento in (Evento.NAO_COMPARECEU, Evento.MEDICO_AUSENTE)
        }
        return [
            copy.copy(c)
            for c in self.b.consultas.values()
            if c.status is Status.CONFIRMADA
            and de < c.fim <= ate
            and (c.medico_entrou_em is None or not c.paciente_compareceu)
            and c.id not in avisadas
        ][:limite]

    def _ids(self) -> dict[uuid.UUID, str]:
        return {uuid.uuid5(uuid.NAMESPACE_URL, chave): chave for chave in self.b.notificacoes}

    async def pendentes(self, agora: datetime, limite: int = 50) -> list[NotificacaoPendente]:
        pendentes = []
        for id_, chave in self._ids().items():
            n, dono, enviada = self.b.notificacoes[chave]
            if enviada is None and id_ not in self.b.notificacoes_adiadas:
                pendentes.append(NotificacaoPendente(id_, dono, n.papel, n.assunto, n.corpo, None))
        return pendentes[:limite]

    async def enviadas(self, para: Mapping[uuid.UUID, str], agora: datetime) -> None:
        ids = self._ids()
        for id_, endereco in para.items():
            n, dono, _ = self.b.notificacoes[ids[id_]]
            self.b.notificacoes[ids[id_]] = (n, dono, endereco)

    async def descartar_pendentes_de(self, usuario_id: uuid.UUID) -> int:
        antes = len(self.b.notificacoes)
        self.b.notificacoes = {
            k: v for k, v in self.b.notificacoes.items() if v[1] != usuario_id or v[2] is not None
        }
        return antes - len(self.b.notificacoes)

    async def adiar(self, notificacao_ids: Sequence[uuid.UUID], agora: datetime) -> None:
        self.b.notificacoes_adiadas.update(notificacao_ids)


class FakePedidosDeAviso:
    def __init__(self, banco: Banco) -> None:
        self.b = banco

    def _ativos(self, agora: datetime) -> list[PedidoDeAviso]:
        return [
            p for p in self.b.pedidos.values() if p.id not in self.b.consumidos and p.ate > agora
        ]

    async def salvar(self, pedido: PedidoDeAviso, agora: datetime) -> tuple[PedidoDeAviso, bool]:
        for p in self._ativos(agora):
            if (p.paciente_id, p.medico_id) == (pedido.paciente_id, pedido.medico_id):
                novo = dataclasses.replace(p, ate=pedido.ate)
                self.b.pedidos[p.id] = novo
                return novo, False
        self.b.pedidos[pedido.id] = pedido
        return pedido, True

    async def do_paciente(self, paciente_id: uuid.UUID, agora: datetime) -> list[PedidoDeAviso]:
        return [p for p in self._ativos(agora) if p.paciente_id == paciente_id]

    async def remover(self, pedido_id: uuid.UUID, paciente_id: uuid.UUID) -> bool:
        p = self.b.pedidos.get(pedido_id)
        if p is None or p.paciente_id != paciente_id:
            return False
        del self.b.pedidos[pedido_id]
        return True

    async def remover_do_paciente(self, paciente_id: uuid.UUID) -> int:
        meus = [i for i, p in self.b.pedidos.items() if p.paciente_id == paciente_id]
        for i in meus:
            del self.b.pedidos[i]
        return len(meus)

    async def travar_do_medico(self, medico_id: uuid.UUID, agora: datetime) -> list[PedidoDeAviso]:
        return [p for p in self._ativos(agora) if p.medico_id == medico_id]

    async def consumir(self, pedido_ids: Sequence[uuid.UUID], agora: datetime) -> set[uuid.UUID]:
        novos = set(pedido_ids) - self.b.consumidos
        self.b.consumidos |= novos
        return novos


class FakeBloqueios:
    def __init__(self, banco: Banco, relogio: Any) -> None:
        self.b = banco
        self.relogio = relogio

    async def travar_agenda(self, medico_id: uuid.UUID, *, exclusivo: bool) -> None:
        return None  # one task at a time here: nothing to order

    async def adicionar(self, medico_id: uuid.UUID, periodo: Intervalo) -> PeriodoBloqueado:
        b = PeriodoBloqueado(uuid.uuid4(), medico_id, periodo.inicio, periodo.fim, self.relogio())
        self.b.bloqueios[b.id] = b
        return b

    async def do_medico(self, medico_id: uuid.UUID, desde: datetime) -> list[PeriodoBloqueado]:
        return sorted(
            (b for b in self.b.bloqueios.values() if b.medico_id == medico_id and b.ate > desde),
            key=lambda b: b.de,
        )

    async def remover(self, bloqueio_id: uuid.UUID, medico_id: uuid.UUID) -> bool:
        b = self.b.bloqueios.get(bloqueio_id)
        if b is None or b.medico_id != medico_id:
            return False
        del self.b.bloqueios[bloqueio_id]
        return True


class FakePessoas:
    def __init__(self, banco: Banco) -> None:
        self.b = banco

    async def medico(self, medico_id: uuid.UUID) -> Medico | None:
        return self.b.medicos.get(medico_id, (None, 0))[0]

    async def medicos(self, medico_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Medico]:
        return {m: self.b.medicos[m][0] for m in medico_ids if m in self.b.medicos}

    async def paciente(self, paciente_id: uuid.UUID, *, travar: bool = False) -> Paciente | None:
        return self.b.pacientes.get(paciente_id, (None, 0))[0]

    async def da_reserva(
        self, horario_id: uuid.UUID, paciente_id: uuid.UUID
    ) -> tuple[Horario, Medico, Paciente] | None:
        horario = self.b.horarios.get(horario_id)
        if horario is None:
            return None
        medico = await self.medico(horario.medico_id)
        paciente = await self.paciente(paciente_id)
        if medico is None or paciente is None:
            return None
        return self.b.com_status(horario), medico, paciente

    async def guardar_medico(self, medico: Medico, versao: int) -> None:
        if versao == 0 or versao > self.b.medicos.get(medico.id, (None, -1))[1]:
            self.b.medicos[medico.id] = (medico, versao)

    async def guardar_paciente(self, paciente: Paciente, versao: int) -> None:
        atual = self.b.pacientes.get(paciente.id)
        if atual is None or versao == 0 or versao > atual[1]:
            encerrada = paciente.encerrada or bool(atual and atual[0].encerrada)
            self.b.pacientes[paciente.id] = (
                dataclasses.replace(paciente, encerrada=encerrada),
                versao,
            )

    async def encerrar_paciente(self, paciente_id: uuid.UUID) -> None:
        paciente, versao = self.b.pacientes[paciente_id]
        self.b.pacientes[paciente_id] = (dataclasses.replace(paciente, encerrada=True), versao)


class FakeAssinaturas:
    def __init__(self, banco: Banco, relogio: Any) -> None:
        self.b = banco
        self.relogio = relogio

    async def substituir(self, usuario_id: uuid.UUID, papel: Papel, token_hash: str) -> Assinatura:
        a = Assinatura(usuario_id, papel, self.relogio())
        self.b.assinaturas[usuario_id] = (a, token_hash)  # an older address stops working
        return a

    async def da_pessoa(self, usuario_id: uuid.UUID) -> Assinatura | None:
        return self.b.assinaturas.get(usuario_id, (None, ""))[0]

    async def do_token(self, token_hash: str) -> Assinatura | None:
        return next((a for a, h in self.b.assinaturas.values() if h == token_hash), None)

    async def revogar(self, usuario_id: uuid.UUID) -> None:
        self.b.assinaturas.pop(usuario_id, None)


class SemUso:
    """A port these tests never reach (the history, the room): any call is a test bug."""

    def __getattr__(self, nome: str) -> Any:
        raise NotImplementedError(nome)


class FakeUnitOfWork:
    """One transaction over :class:`Banco`: a copy is worked on and kept only on commit."""

    def __init__(self, banco: Banco, relogio: Any) -> None:
        self.banco = banco
        self.relogio = relogio
        self.commits = 0

    async def __aenter__(self) -> Self:
        self._copia = copy.deepcopy(self.banco)
        b, r = self._copia, self.relogio
        self.horarios = FakeHorarios(b)
        self.consultas = FakeConsultas(b, r)
        self.avaliacoes = FakeAvaliacoes(b, r)
        self.saida = FakeSaida(b)
        self.proximos = FakeProximos(b)
        self.notificacoes = FakeNotificacoes(b)
        self.pedidos_de_aviso = FakePedidosDeAviso(b)
        self.bloqueios = FakeBloqueios(b, r)
        self.pessoas = FakePessoas(b)
        self.assinaturas = FakeAssinaturas(b, r)
        self.historico: Any = SemUso()
        self.teleconsulta: Any = SemUso()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        del self._copia  # uncommitted work is dropped

    async def commit(self) -> None:
        for campo in dataclasses.fields(Banco):
            setattr(self.banco, campo.name, getattr(self._copia, campo.name))
        self.commits += 1


class FakeDiretorio:
    """The medico and paciente services: who they know, and how often they were asked."""

    def __init__(self) -> None:
        self.medicos: dict[uuid.UUID, Medico] = {}
        self.pacientes: dict[uuid.UUID, Paciente] = {}
        self.perguntas: list[uuid.UUID] = []

    async def medico(self, medico_id: uuid.UUID) -> Medico | None:
        self.perguntas.append(medico_id)
        return self.medicos.get(medico_id)

    async def paciente(self, paciente_id: uuid.UUID) -> Paciente | None:
        self.perguntas.append(paciente_id)
        return self.pacientes.get(paciente_id)


class FakePublicacao:
    """The medico service: what it was told; ``falhar`` lists doctors whose call fails."""

    def __init__(self) -> None:
        self.proximos: dict[uuid.UUID, datetime | None] = {}
        self.avaliacoes: list[tuple[uuid.UUID, uuid.UUID, int]] = []
        self.falhar: set[uuid.UUID] = set()

    async def proximos_horarios(self, proximos: Mapping[uuid.UUID, datetime | None]) -> None:
        if self.falhar & set(proximos):
            raise ConnectionError("medico fora do ar")
        self.proximos.update(proximos)

    async def avaliacao(self, medico_id: uuid.UUID, consulta_id: uuid.UUID, nota: int) -> None:
        self.avaliacoes.append((medico_id, consulta_id, nota))


class FakeCorreio:
    """Auth's mail queue: what it took; ``recusar`` lists addresses it refuses (the whole call
    fails when any e-mail of it is refused)."""

    def __init__(self) -> None:
        self.enviados: list[Email] = []
        self.chamadas = 0
        self.recusar: set[str] = set()

    async def enviar(self, emails: Sequence[Email]) -> None:
        self.chamadas += 1
        if any(e.para in self.recusar for e in emails):
            raise ConnectionError("fila recusou")
        self.enviados.extend(emails)
