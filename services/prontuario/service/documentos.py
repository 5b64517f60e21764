"""Use cases of the record's documents: the patient's upload in three steps (ask for a signed
URL, send the bytes, confirm them), the listing, short-lived download links and the bytes
behind a local link. A doctor reaches only the confirmed documents an active share covers."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from libs import errors
from libs.tokens import Usuario
from services.prontuario.domain import compartilhamento as regras
from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import (
    Categoria,
    Documento,
    chave_objeto,
    nome_para_baixar,
    validar_pedido,
)
from services.prontuario.domain.erros import (
    ArquivoNaoConfere,
    DocumentoNaoEncontrado,
    DocumentoPendente,
    LinkInvalido,
    SemCompartilhamento,
)
from services.prontuario.ports import PedidoEnvio, UnitOfWork
from services.prontuario.service.contexto import (
    Prontuario,
    exigir_aberto,
    exigir_paciente,
    registro_de_acesso,
)


@dataclass(frozen=True)
class Envio:
    """A pending document and where to send its bytes."""

    documento: Documento
    upload: PedidoEnvio


@dataclass(frozen=True)
class Download:
    """A document and its short-lived link."""

    documento: Documento
    url: str
    expira_em: datetime


@dataclass(frozen=True)
class Arquivo:
    """The bytes behind a download link."""

    nome: str
    tipo_conteudo: str
    dados: bytes


def _segundos(momento: datetime) -> datetime:
    """Rounded down to whole seconds: what a signed URL can carry."""
    return momento.replace(microsecond=0)


async def pedir_envio(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    nome: str,
    categoria: Categoria,
    tipo_conteudo: str,
    tamanho: int,
) -> Envio:
    """Step one of an upload: check type and size, record a pending document, sign a URL."""
    exigir_paciente(usuario, paciente_id)
    tipo = validar_pedido(
        tipo_conteudo=tipo_conteudo, tamanho=tamanho, max_bytes=ctx.settings.prontuario_max_bytes
    )
    agora = ctx.relogio()
    documento_id = uuid.uuid4()
    documento = Documento(
        id=documento_id,
        paciente_id=paciente_id,
        nome=nome,
        categoria=categoria,
        tipo_conteudo=tipo,
        tamanho=tamanho,
        status="pendente",
        criado_em=agora,
        enviado_por=usuario.id,
        chave_objeto=chave_objeto(paciente_id, documento_id),
    )
    expira_em = _segundos(agora + timedelta(seconds=ctx.settings.prontuario_envio_ttl_segundos))
    async with ctx.uow() as uow:
        await exigir_aberto(uow, paciente_id)
    upload = await ctx.storage.preparar_envio(documento=documento, expira_em=expira_em)
    async with ctx.uow() as uow:
        await uow.registros.adicionar_documento(documento)
        await uow.commit()
    return Envio(documento, upload)


async def confirmar(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    documento_id: uuid.UUID,
    sha256: str | None = None,
) -> Documento:
    """Step three: the bytes received in the draft must exist, have the declared size and
    type (and, when the patient's browser sent ``sha256``, be exactly the file it uploaded);
    then exactly the version checked becomes the document (copied to its final key by
    the storage) and is recorded. A mismatch discards the draft (the patient may send again
    while the URL lives) and answers 409.

    Safe to retry after a crash: if an earlier attempt copied and died before its commit, the
    storage describes that copy instead of writing again; if the draft is gone meanwhile
    (expired), the final key is read, which only this step ever writes (checked again here)."""
    exigir_paciente(usuario, paciente_id)
    async with ctx.uow() as uow:
        documento = await uow.registros.documento(paciente_id, documento_id)
        if documento is None:
            raise DocumentoNaoEncontrado()
        if documento.disponivel:
            return documento
        rascunho = ctx.storage.chave_envio(documento)
        enviado = await ctx.storage.inspecionar(rascunho)
        if enviado is None:
            # No draft: a copy made by an attempt that died before its commit (the draft then
            # expired), or a document asked for before drafts existed, whose upload went to
            # the final key. Nothing there: the 409 "nothing was sent".
            objeto = await ctx.storage.inspecionar(documento.chave_objeto)
        else:
            try:
                documento.conferir(enviado, sha256_enviado=sha256)
            except ArquivoNaoConfere:
                await ctx.storage.remover(rascunho)
                raise
            objeto = await ctx.storage.efetivar(documento=documento, enviado=enviado)
        documento.confirmar(objeto, sha256_enviado=sha256)
        await uow.registros.salvar_documento(documento)
        await uow.commit()
    # Only after the commit: until then a retry may still need the draft.
    await ctx.storage.descartar_envio(documento)
    return documento


async def receber_envio(
    ctx: Prontuario, *, token: str, tipo_conteudo: str | None, corpo: AsyncIterator[bytes]
) -> None:
    """Step two on local storage: the bytes arrive at this service's signed upload URL."""
    receber = getattr(ctx.storage, "receber", None)
    if receber is None:
        raise errors.NaoEncontrado("Recurso não encontrado")
    await receber(token, tipo_conteudo=tipo_conteudo, corpo=corpo)


async def alcance_do_medico(
    uow: UnitOfWork, medico_id: uuid.UUID, paciente_id: uuid.UUID, agora: datetime
) -> list[Compartilhamento]:
    """The doctor's active shares of this record (403 without one)."""
    ativos = [
        c
        for c in await uow.registros.compartilhamentos_com(medico_id, paciente_id)
        if c.ativo(agora)
    ]
    if not ativos:
        raise SemCompartilhamento()
    return ativos


async def listar(
    ctx: Prontuario, *, usuario: Usuario, paciente_id: uuid.UUID, ip: str
) -> list[Documento]:
    """The patient sees every document (but one another left pending); a doctor only the
    confirmed ones an active share covers (403 without one)."""
    agora = ctx.relogio()
    async with ctx.uow() as uow:
        if usuario.papel == "medico":
            ativos = await alcance_do_medico(uow, usuario.id, paciente_id, agora)
            alcance = regras.documentos_alcancados(ativos, agora)
            documentos = [
                d
                for d in await uow.registros.documentos(paciente_id)
                if d.disponivel and (alcance is None or d.id in alcance)
            ]
        else:
            exigir_paciente(usuario, paciente_id)
            # Their own uploads in progress, and what is ready: a document someone else left
            # pending (a prescription whose issuing failed) was never given to them.
            documentos = [
                d
                for d in await uow.registros.documentos(paciente_id)
                if d.disponivel or d.enviado_por == usuario.id
            ]
        await uow.acessos.registrar(registro_de_acesso(usuario, paciente_id, "listagem", ip))
        await uow.commit()
        return documentos


async def link_download(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    documento_id: uuid.UUID,
    ip: str,
) -> Download:
    """A download link that lives at most the configured minutes (≤ 5) and, for a doctor,
    never past the end of the share that grants it."""
    agora = ctx.relogio()
    fim = agora + timedelta(seconds=ctx.settings.prontuario_download_ttl_segundos)
    compartilhamento_id: uuid.UUID | None = None
    async with ctx.uow() as uow:
        if usuario.papel == "medico":
            ativos = await alcance_do_medico(uow, usuario.id, paciente_id, agora)
            documento = await uow.registros.documento(paciente_id, documento_id)
            if documento is None or not documento.disponivel:
                raise DocumentoNaoEncontrado()
            cobrindo = [c for c in ativos if c.cobre(documento_id)]
            if not cobrindo:
                raise SemCompartilhamento()
            melhor = max(cobrindo, key=lambda c: c.expira_em)
            compartilhamento_id = melhor.id
            fim = min(fim, melhor.expira_em)
        else:
            exigir_paciente(usuario, paciente_id)
            documento = await uow.registros.documento(paciente_id, documento_id)
            if documento is None:
                raise DocumentoNaoEncontrado()
            if not documento.disponivel:
                raise DocumentoPendente()
        expira_em = _segundos(fim)
        url = await ctx.storage.preparar_download(
            documento=documento, expira_em=expira_em, compartilhamento_id=compartilhamento_id
        )
        await uow.acessos.registrar(
            registro_de_acesso(
                usuario,
                paciente_id,
                "link_download",
                ip,
                documento_id=documento_id,
                compartilhamento_id=compartilhamento_id,
            )
        )
        await uow.commit()
        return Download(documento, url, expira_em)


async def baixar(ctx: Prontuario, *, token: str) -> Arquivo:
    """The bytes behind a local download URL. A doctor's link also needs its share to be
    still active right now: revocation cuts even a link already handed out."""
    link_de_download = getattr(ctx.storage, "link_de_download", None)
    if link_de_download is None:
        raise errors.NaoEncontrado("Recurso não encontrado")
    link = link_de_download(token)
    if link.compartilhamento_id is not None:
        async with ctx.uow() as uow:
            c = await uow.registros.compartilhamento(link.paciente_id, link.compartilhamento_id)
        if c is None or not c.ativo(ctx.relogio()) or not c.cobre(link.documento_id):
            raise LinkInvalido("O compartilhamento que dava acesso a este documento terminou")
    dados = await ctx.storage.ler(link.chave)
    return Arquivo(nome_para_baixar(link.nome, link.tipo_conteudo), link.tipo_conteudo, dados)
