"""In-memory fakes of the ports, for use-case tests without I/O (the real adapters pass the
same contract tests in ``tests/integration``)."""

from __future__ import annotations

import copy
import hashlib
import uuid
from datetime import datetime
from types import TracebackType
from typing import Any, Self

from services.prontuario.domain import auditoria
from services.prontuario.domain.auditoria import Acesso, NovoAcesso
from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import BYTES_INICIAIS, Documento, ObjetoArmazenado
from services.prontuario.domain.erros import EvolucaoAssinada
from services.prontuario.domain.evolucao import Adendo, Evolucao
from services.prontuario.domain.receituario import DocumentoAssinado
from services.prontuario.ports import ConsultaResumida, PedidoEnvio


class Banco:
    """What the fake unit of work commits to."""

    def __init__(self) -> None:
        self.documentos: dict[uuid.UUID, Documento] = {}
        self.compartilhamentos: dict[uuid.UUID, Compartilhamento] = {}
        self.acessos: list[Acesso] = []
        self.encerrados: dict[uuid.UUID, datetime] = {}
        self.evolucoes: dict[uuid.UUID, Evolucao] = {}
        self.assinados: dict[str, DocumentoAssinado] = {}


class FakeRegistros:
    def __init__(self, dados: Banco) -> None:
        self.d = dados

    async def adicionar_documento(self, documento: Documento) -> None:
        self.d.documentos[documento.id] = copy.copy(documento)

    async def documento(self, paciente_id: uuid.UUID, documento_id: uuid.UUID) -> Documento | None:
        d = self.d.documentos.get(documento_id)
        return copy.copy(d) if d and d.paciente_id == paciente_id else None

    async def documentos(self, paciente_id: uuid.UUID) -> list[Documento]:
        return [copy.copy(d) for d in self.d.documentos.values() if d.paciente_id == paciente_id]

    async def salvar_documento(self, documento: Documento) -> None:
        self.d.documentos[documento.id] = copy.copy(documento)

    async def adicionar_compartilhamento(self, c: Compartilhamento) -> None:
        self.d.compartilhamentos[c.id] = copy.copy(c)

    async def compartilhamento(
        self, paciente_id: uuid.UUID, cid: uuid.UUID
    ) -> Compartilhamento | None:
        c = self.d.compartilhamentos.get(cid)
        return copy.copy(c) if c and c.paciente_id == paciente_id else None

    async def compartilhamentos(self, paciente_id: uuid.UUID) -> list[Compartilhamento]:
        return [
            copy.copy(c) for c in self.d.compartilhamentos.values() if c.paciente_id == paciente_id
        ]

    async def compartilhamentos_com(
        self, medico_id: uuid.UUID, paciente_id: uuid.UUID | None = None
    ) -> list[Compartilhamento]:
        return [
            copy.copy(c)
            for c in self.d.compartilhamentos.values()
            if c.medico_id == medico_id and paciente_id in (None, c.paciente_id)
        ]

    async def salvar_compartilhamento(self, c: Compartilhamento) -> None:
        self.d.compartilhamentos[c.id] = copy.copy(c)


class FakeAcessos:
    """One chain per patient, like the real log (which also keeps a legacy chain: empty here)."""

    def __init__(self, dados: Banco, pendentes: list[Acesso], relogio: Any) -> None:
        self.d, self.pendentes, self.relogio = dados, pendentes, relogio

    async def registrar(self, novo: NovoAcesso) -> Acesso:
        cadeia = [e for e in self.d.acessos + self.pendentes if e.paciente_id == novo.paciente_id]
        e = auditoria.encadear(
            b"k" * 32,
            novo,
            seq=len(cadeia) + 1,
            id=uuid.uuid4(),
            quando=self.relogio(),
            mac_anterior=cadeia[-1].mac if cadeia else auditoria.MAC_INICIAL,
        )
        self.pendentes.append(e)
        return e

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[Acesso]:
        return [e for e in reversed(self.d.acessos) if e.paciente_id == paciente_id]

    async def leitura_consistente(self) -> None:
        return None

    async def em_ordem(self, desde: int = 1, limite: int = 1000) -> list[Acesso]:
        return []

    async def por_paciente(
        self, depois: tuple[uuid.UUID, int] | None = None, limite: int = 1000
    ) -> list[Acesso]:
        ordem = sorted(self.d.acessos, key=lambda e: (e.paciente_id, e.seq))
        return [e for e in ordem if depois is None or (e.paciente_id, e.seq) > depois][:limite]

    async def cabecas(
        self, depois: uuid.UUID | None = None, limite: int = 1000
    ) -> list[auditoria.Cabeca]:
        ultimas: dict[uuid.UUID, Acesso] = {}
        for e in self.d.acessos:
            ultimas[e.paciente_id] = e
        return [
            auditoria.Cabeca(paciente_id=p, seq=e.seq, mac=e.mac)
            for p, e in sorted(ultimas.items())
            if depois is None or p > depois
        ][:limite]


class FakeEncerramentos:
    def __init__(self, dados: Banco) -> None:
        self.d = dados

    async def registrar(self, paciente_id: uuid.UUID, quando: datetime) -> bool:
        if paciente_id in self.d.encerrados:
            return False
        self.d.encerrados[paciente_id] = quando
        return True

    async def encerrado(self, paciente_id: uuid.UUID) -> bool:
        return paciente_id in self.d.encerrados


class FakeEvolucoes:
    def __init__(self, dados: Banco) -> None:
        self.d = dados

    async def adicionar(self, evolucao: Evolucao) -> bool:
        if any(e.consulta_id == evolucao.consulta_id for e in self.d.evolucoes.values()):
            return False
        self.d.evolucoes[evolucao.id] = copy.deepcopy(evolucao)
        return True

    async def salvar(self, evolucao: Evolucao) -> None:
        if self.d.evolucoes[evolucao.id].assinada:
            raise EvolucaoAssinada()
        self.d.evolucoes[evolucao.id] = copy.deepcopy(evolucao)

    async def adicionar_adendo(self, adendo: Adendo) -> None:
        self.d.evolucoes[adendo.evolucao_id].adendos.append(adendo)

    async def obter(
        self, paciente_id: uuid.UUID, evolucao_id: uuid.UUID, *, bloquear: bool = False
    ) -> Evolucao | None:
        e = self.d.evolucoes.get(evolucao_id)
        return copy.deepcopy(e) if e and e.paciente_id == paciente_id else None

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[Evolucao]:
        return [copy.deepcopy(e) for e in self.d.evolucoes.values() if e.paciente_id == paciente_id]


class FakeAssinados:
    def __init__(self, dados: Banco) -> None:
        self.d = dados

    async def adicionar(self, registro: DocumentoAssinado) -> None:
        self.d.assinados[registro.codigo] = registro

    async def por_codigo(self, codigo: str) -> DocumentoAssinado | None:
        return self.d.assinados.get(codigo)

    async def do_paciente(self, paciente_id: uuid.UUID) -> list[DocumentoAssinado]:
        return [r for r in self.d.assinados.values() if r.paciente_id == paciente_id]


class FakeUnitOfWork:
    """Writes become visible only on commit, like the real one."""

    def __init__(self, dados: Banco, relogio: Any) -> None:
        self.dados, self.relogio = dados, relogio
        self.commits = 0

    async def __aenter__(self) -> Self:
        self._sombra = copy.deepcopy(self.dados)
        self._pendentes: list[Acesso] = []
        self.registros = FakeRegistros(self._sombra)
        self.acessos = FakeAcessos(self._sombra, self._pendentes, self.relogio)
        self.encerramentos = FakeEncerramentos(self._sombra)
        self.evolucoes = FakeEvolucoes(self._sombra)
        self.assinados = FakeAssinados(self._sombra)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    async def commit(self) -> None:
        self.dados.documentos = self._sombra.documentos
        self.dados.compartilhamentos = self._sombra.compartilhamentos
        self.dados.encerrados = self._sombra.encerrados
        self.dados.evolucoes = self._sombra.evolucoes
        self.dados.assinados = self._sombra.assinados
        self.dados.acessos = [*self._sombra.acessos, *self._pendentes]
        self.commits += 1


class FakeStorage:
    """A versioned bucket in memory, with drafts as on S3: ``objetos`` is what each key holds
    now; every version ever inspected or copied stays readable by its id (the hash of its
    bytes); ``copias`` counts the writes to each final key."""

    def __init__(self) -> None:
        self.objetos: dict[str, bytes] = {}
        self.versoes: dict[tuple[str, str], bytes] = {}
        self.copias: dict[str, int] = {}

    def chave_envio(self, documento: Documento) -> str:
        return f"envios/{documento.chave_objeto}"

    async def preparar_envio(self, *, documento: Documento, expira_em: datetime) -> PedidoEnvio:
        return PedidoEnvio(
            url=f"fake://put/{self.chave_envio(documento)}", metodo="PUT", expira_em=expira_em
        )

    async def inspecionar(self, chave: str) -> ObjetoArmazenado | None:
        dados = self.objetos.get(chave)
        if dados is None:
            return None
        sha256 = hashlib.sha256(dados).hexdigest()
        versao = f"v-{sha256[:16]}"
        self.versoes[(chave, versao)] = dados
        return ObjetoArmazenado(len(dados), dados[:BYTES_INICIAIS], sha256, versao)

    async def efetivar(
        self, *, documento: Documento, enviado: ObjetoArmazenado
    ) -> ObjetoArmazenado:
        final = documento.chave_objeto
        anterior = await self.inspecionar(final)
        if anterior is not None:
            return anterior
        assert enviado.versao is not None
        self.objetos[final] = self.versoes[(self.chave_envio(documento), enviado.versao)]
        self.copias[final] = self.copias.get(final, 0) + 1
        copia = await self.inspecionar(final)
        assert copia is not None
        return copia

    async def descartar_envio(self, documento: Documento) -> None:
        self.objetos.pop(self.chave_envio(documento), None)

    async def preparar_download(
        self,
        *,
        documento: Documento,
        expira_em: datetime,
        compartilhamento_id: uuid.UUID | None = None,
    ) -> str:
        versao = documento.versao_objeto or ""
        return f"fake://get/{documento.chave_objeto}?ate={int(expira_em.timestamp())}&v={versao}"

    async def gravar(self, chave: str, dados: bytes) -> ObjetoArmazenado:
        if chave in self.objetos:
            raise FileExistsError(chave)
        self.objetos[chave] = dados
        objeto = await self.inspecionar(chave)
        assert objeto is not None
        return objeto

    async def ler(self, chave: str, *, versao: str | None = None) -> bytes:
        if versao is not None:
            return self.versoes[(chave, versao)]
        return self.objetos[chave]

    async def remover(self, chave: str) -> None:
        self.objetos.pop(chave, None)

    async def pronto(self) -> None:
        return None


class FakeDiretorio:
    def __init__(self) -> None:
        self.medicos: dict[uuid.UUID, dict[str, object]] = {}
        self.pacientes: dict[uuid.UUID, dict[str, object]] = {}
        self.agenda: dict[uuid.UUID, ConsultaResumida] = {}

    async def consulta(
        self, consulta_id: uuid.UUID, participante_id: uuid.UUID
    ) -> ConsultaResumida | None:
        c = self.agenda.get(consulta_id)
        return c if c and participante_id in (c.medico_id, c.paciente_id) else None

    async def medico(self, medico_id: uuid.UUID) -> dict[str, object] | None:
        return self.medicos.get(medico_id)

    async def paciente(self, paciente_id: uuid.UUID) -> dict[str, object] | None:
        return self.pacientes.get(paciente_id)

    async def perfil_completo(self, paciente_id: uuid.UUID) -> object | None:
        return self.pacientes.get(paciente_id)

    async def consultas(self, paciente_id: uuid.UUID) -> object | None:
        return None
