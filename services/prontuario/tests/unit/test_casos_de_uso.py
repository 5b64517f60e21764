"""The use cases with in-memory fakes of every port: authorization, atomicity, time."""

from __future__ import annotations

import base64
import io
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from libs import errors
from libs.tokens import Usuario
from services.prontuario.service import (
    acessos,
    compartilhamentos,
    contexto,
    documentos,
    exportacao,
    integridade,
)
from services.prontuario.settings import ProntuarioSettings
from services.prontuario.tests.unit.fakes import (
    Banco,
    FakeDiretorio,
    FakeStorage,
    FakeUnitOfWork,
)

PDF = b"%PDF-1.4\n" + b"x" * 100


class Relogio:
    def __init__(self) -> None:
        self.agora = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.agora


class Cenario:
    def __init__(self) -> None:
        self.banco = Banco()
        self.relogio = Relogio()
        self.storage = FakeStorage()
        self.diretorio = FakeDiretorio()
        settings = ProntuarioSettings(
            profile="local",
            service_token="t" * 20,
            chave_hash="h" * 20,
            chave_dados=base64.b64encode(b"d" * 32).decode(),
        )
        self.ctx = contexto.Prontuario(
            settings=settings,
            uow=lambda: FakeUnitOfWork(self.banco, self.relogio),
            storage=self.storage,
            diretorio=self.diretorio,
            relogio=self.relogio,
        )
        self.paciente = Usuario(uuid.uuid4(), "paciente", uuid.uuid4())
        self.medico = Usuario(uuid.uuid4(), "medico", uuid.uuid4())
        self.diretorio.medicos[self.medico.id] = {"id": str(self.medico.id), "nome": "Dra. A"}
        self.diretorio.pacientes[self.paciente.id] = {"id": str(self.paciente.id), "nome": "P"}

    async def documento(self, dados: bytes = PDF) -> uuid.UUID:
        documento = await _pedido(self, dados)
        self.storage.objetos[self.storage.chave_envio(documento)] = dados
        doc = await documentos.confirmar(
            self.ctx,
            usuario=self.paciente,
            paciente_id=self.paciente.id,
            documento_id=documento.id,
        )
        return doc.id

    async def compartilhar(self, **kw):
        base = {"documentos": None, "expira_em": None, "duracao_horas": 1.0}
        return await compartilhamentos.compartilhar(
            self.ctx,
            usuario=self.paciente,
            paciente_id=self.paciente.id,
            medico_id=self.medico.id,
            ip="10.0.0.1",
            **{**base, **kw},
        )


@pytest.fixture
def c() -> Cenario:
    return Cenario()


async def test_pedido_recusado_nao_grava_nada(c: Cenario):
    with pytest.raises(errors.TipoNaoSuportado):
        await documentos.pedir_envio(
            c.ctx,
            usuario=c.paciente,
            paciente_id=c.paciente.id,
            nome="x",
            categoria="exame",
            tipo_conteudo="text/html",
            tamanho=10,
        )
    assert c.banco.documentos == {}


async def test_bytes_errados_sao_descartados_e_o_documento_segue_pendente(c: Cenario):
    envio = await documentos.pedir_envio(
        c.ctx,
        usuario=c.paciente,
        paciente_id=c.paciente.id,
        nome="x.pdf",
        categoria="exame",
        tipo_conteudo="application/pdf",
        tamanho=5,
    )
    rascunho = c.storage.chave_envio(envio.documento)
    c.storage.objetos[rascunho] = b"hello"
    with pytest.raises(errors.Conflito):
        await documentos.confirmar(
            c.ctx, usuario=c.paciente, paciente_id=c.paciente.id, documento_id=envio.documento.id
        )
    assert rascunho not in c.storage.objetos
    assert envio.documento.chave_objeto not in c.storage.objetos  # nothing was copied
    assert c.banco.documentos[envio.documento.id].status == "pendente"


async def test_bytes_gravados_depois_da_confirmacao_nao_saem_no_link_nem_na_exportacao(
    c: Cenario,
):
    doc_id = await c.documento(PDF)
    doc = c.banco.documentos[doc_id]
    assert doc.versao_objeto is not None
    # Someone posts other bytes of the same size to the key (a leaked S3 presigned POST).
    c.storage.objetos[doc.chave_objeto] = b"%PDF-9.9\n" + b"y" * (len(PDF) - 9)
    download = await documentos.link_download(
        c.ctx, usuario=c.paciente, paciente_id=c.paciente.id, documento_id=doc_id, ip="1.1.1.1"
    )
    assert download.url.endswith(f"&v={doc.versao_objeto}")
    zipado = await exportacao.exportar(c.ctx, usuario=c.paciente, paciente_id=c.paciente.id, ip="x")
    with zipfile.ZipFile(io.BytesIO(zipado)) as z:
        (arquivo,) = [n for n in z.namelist() if n.startswith("arquivos/")]
        assert z.read(arquivo) == PDF


class _ProcessoMorreu(RuntimeError):
    pass


class _MorreNoCommit(FakeUnitOfWork):
    """The process dies at the commit: nothing of the transaction is kept."""

    async def commit(self) -> None:
        raise _ProcessoMorreu()


async def _pedido(c: Cenario, dados: bytes = PDF) -> Any:
    envio = await documentos.pedir_envio(
        c.ctx,
        usuario=c.paciente,
        paciente_id=c.paciente.id,
        nome="laudo.pdf",
        categoria="laudo",
        tipo_conteudo="application/pdf",
        tamanho=len(dados),
    )
    return envio.documento


async def _confirmar(c: Cenario, doc_id: uuid.UUID) -> Any:
    return await documentos.confirmar(
        c.ctx, usuario=c.paciente, paciente_id=c.paciente.id, documento_id=doc_id
    )


async def test_envio_vai_ao_rascunho_e_a_confirmacao_o_copia_e_o_apaga(c: Cenario):
    doc = await _pedido(c)
    rascunho = c.storage.chave_envio(doc)
    assert rascunho != doc.chave_objeto
    c.storage.objetos[rascunho] = PDF
    confirmado = await _confirmar(c, doc.id)
    assert c.storage.objetos[doc.chave_objeto] == PDF
    assert rascunho not in c.storage.objetos
    # The recorded version is the final object's.
    assert await c.storage.ler(doc.chave_objeto, versao=confirmado.versao_objeto) == PDF
    assert c.storage.copias[doc.chave_objeto] == 1


async def test_confirmacao_que_morreu_antes_do_commit_e_repetida_sem_nova_copia(c: Cenario):
    doc = await _pedido(c)
    c.storage.objetos[c.storage.chave_envio(doc)] = PDF
    normal = c.ctx.uow
    c.ctx.uow = lambda: _MorreNoCommit(c.banco, c.relogio)
    with pytest.raises(_ProcessoMorreu):
        await _confirmar(c, doc.id)
    # Copied, not recorded, the draft still there: what a crash between the two leaves.
    assert c.storage.copias[doc.chave_objeto] == 1
    assert c.banco.documentos[doc.id].status == "pendente"
    assert c.storage.chave_envio(doc) in c.storage.objetos
    c.ctx.uow = normal
    confirmado = await _confirmar(c, doc.id)
    assert confirmado.status == "disponivel"
    assert c.storage.copias[doc.chave_objeto] == 1  # the earlier copy was taken as it is
    assert await c.storage.ler(doc.chave_objeto, versao=confirmado.versao_objeto) == PDF
    assert c.storage.chave_envio(doc) not in c.storage.objetos


async def test_confirmacao_repetida_depois_que_o_rascunho_expirou_usa_a_copia(c: Cenario):
    doc = await _pedido(c)
    c.storage.objetos[c.storage.chave_envio(doc)] = PDF
    normal = c.ctx.uow
    c.ctx.uow = lambda: _MorreNoCommit(c.banco, c.relogio)
    with pytest.raises(_ProcessoMorreu):
        await _confirmar(c, doc.id)
    del c.storage.objetos[c.storage.chave_envio(doc)]  # the lifecycle rule, a day later
    c.ctx.uow = normal
    confirmado = await _confirmar(c, doc.id)
    assert confirmado.status == "disponivel"
    assert confirmado.sha256 == c.banco.documentos[doc.id].sha256 is not None
    assert await c.storage.ler(doc.chave_objeto, versao=confirmado.versao_objeto) == PDF


async def test_documento_pedido_antes_dos_rascunhos_confirma_pela_chave_final(c: Cenario):
    # Its presigned POST was signed for the final key, before drafts existed.
    doc = await _pedido(c)
    c.storage.objetos[doc.chave_objeto] = PDF
    confirmado = await _confirmar(c, doc.id)
    assert confirmado.status == "disponivel"
    assert await c.storage.ler(doc.chave_objeto, versao=confirmado.versao_objeto) == PDF
    assert doc.chave_objeto not in c.storage.copias


async def test_nada_no_rascunho_nem_na_chave_final_e_409(c: Cenario):
    doc = await _pedido(c)
    with pytest.raises(errors.Conflito, match="Nenhum arquivo"):
        await _confirmar(c, doc.id)
    assert c.banco.documentos[doc.id].status == "pendente"


async def test_envio_reusado_depois_da_confirmacao_so_escreve_no_rascunho(c: Cenario):
    doc_id = await c.documento(PDF)
    doc = c.banco.documentos[doc_id]
    c.storage.objetos[c.storage.chave_envio(doc)] = b"%PDF-9.9\n" + b"y" * (len(PDF) - 9)
    again = await _confirmar(c, doc_id)
    assert again.versao_objeto == doc.versao_objeto and again.sha256 == doc.sha256
    assert c.storage.objetos[doc.chave_objeto] == PDF
    assert c.storage.copias[doc.chave_objeto] == 1


async def test_medico_sem_compartilhamento_e_negado_e_nada_e_registrado(c: Cenario):
    await c.documento()
    with pytest.raises(errors.Proibido):
        await documentos.listar(c.ctx, usuario=c.medico, paciente_id=c.paciente.id, ip="1.1.1.1")
    assert c.banco.acessos == []


async def test_compartilhamento_nega_no_instante_em_que_termina(c: Cenario):
    doc = await c.documento()
    share = await c.compartilhar(duracao_horas=1)
    docs = await documentos.listar(c.ctx, usuario=c.medico, paciente_id=c.paciente.id, ip="x")
    assert [d.id for d in docs] == [doc]
    c.relogio.agora = share.expira_em
    with pytest.raises(errors.Proibido):
        await documentos.listar(c.ctx, usuario=c.medico, paciente_id=c.paciente.id, ip="x")
    with pytest.raises(errors.Proibido):
        await documentos.link_download(
            c.ctx, usuario=c.medico, paciente_id=c.paciente.id, documento_id=doc, ip="x"
        )


async def test_link_do_medico_acaba_com_o_compartilhamento(c: Cenario):
    doc = await c.documento()
    share = await c.compartilhar(duracao_horas=1)
    c.relogio.agora = share.expira_em - timedelta(seconds=90)
    d = await documentos.link_download(
        c.ctx, usuario=c.medico, paciente_id=c.paciente.id, documento_id=doc, ip="x"
    )
    assert d.expira_em == share.expira_em.replace(microsecond=0)
    c.relogio.agora = share.expira_em - timedelta(hours=1)
    d = await documentos.link_download(
        c.ctx, usuario=c.medico, paciente_id=c.paciente.id, documento_id=doc, ip="x"
    )
    assert d.expira_em == (c.relogio.agora + timedelta(minutes=5)).replace(microsecond=0)


async def test_medico_desconhecido_nao_grava_nada(c: Cenario):
    c.diretorio.medicos.clear()
    with pytest.raises(errors.NaoEncontrado):
        await c.compartilhar()
    assert c.banco.compartilhamentos == {} and c.banco.acessos == []


async def test_revogar_duas_vezes_registra_uma(c: Cenario):
    share = await c.compartilhar()
    for _ in range(2):
        await compartilhamentos.revogar(
            c.ctx,
            usuario=c.paciente,
            paciente_id=c.paciente.id,
            compartilhamento_id=share.id,
            ip="x",
        )
    assert [a.acao for a in c.banco.acessos] == ["compartilhamento", "revogacao"]


async def test_acessos_com_nomes_e_sem_quem_nao_se_resolve(c: Cenario):
    await c.compartilhar()
    await documentos.listar(c.ctx, usuario=c.medico, paciente_id=c.paciente.id, ip="x")
    c.diretorio.medicos.clear()
    itens = await acessos.acessos(c.ctx, usuario=c.paciente, paciente_id=c.paciente.id)
    assert [(i.acesso.acao, i.nome) for i in itens] == [
        ("listagem", None),
        ("compartilhamento", "P"),
    ]


async def test_integridade_da_cadeia_dos_fakes(c: Cenario):
    await c.compartilhar()
    await documentos.listar(c.ctx, usuario=c.paciente, paciente_id=c.paciente.id, ip="x")
    r = await integridade.verificar_integridade(c.ctx.uow, b"k" * 32, pagina=1)
    assert r.quebra is None and r.verificadas == 2 and r.cadeias == 1
    assert r.cabecas == {c.paciente.id: (2, c.banco.acessos[-1].mac)}
