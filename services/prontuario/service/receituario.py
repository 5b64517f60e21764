"""Use cases of signed documents: the consultation's doctor issues a prescription or a
certificate; anyone checks a verification code.

Issuing: the consultation is checked with its owner (as for notes); the PDF is generated,
signed (PAdES) by the doctor's certificate and written once to the document storage, then, in
one transaction, recorded as a document of the patient's record (``enviado_por`` the doctor),
registered under its verification code and logged (``emissao``). The bytes go first: a crash
between the two leaves an unreferenced object, never a record entry without its PDF.

The patient downloads it as any document of the record (``GET /prontuario/{id}/documentos/
{doc}``); another doctor only through a share, as any document.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from libs import errors
from libs.tokens import Usuario
from services.prontuario.domain.documento import PDF, Documento, chave_objeto
from services.prontuario.domain.erros import CodigoNaoEncontrado
from services.prontuario.domain.receituario import (
    Atestado,
    Cabecalho,
    DocumentoAssinado,
    Receita,
    Signatario,
    TipoDocumento,
    codigo_valido,
    novo_codigo,
)
from services.prontuario.ports import AssinadorDePdf, GeradorDePdf
from services.prontuario.service.contexto import Prontuario, exigir_aberto, registro_de_acesso
from services.prontuario.service.evolucoes import consulta_do_medico


@dataclass(frozen=True)
class Emitido:
    """A document just issued: the record's document, its register entry, a download link."""

    documento: Documento
    registro: DocumentoAssinado
    url: str
    expira_em: datetime


def url_de_verificacao(ctx: Prontuario, codigo: str) -> str:
    """The public page that checks a code (the web app's, same origin as the API)."""
    return f"{ctx.settings.origin}/verificar/{codigo}"


async def _texto(
    ctx: Prontuario, medico_id: uuid.UUID, paciente_id: uuid.UUID
) -> tuple[Signatario, str]:
    medico = await ctx.diretorio.medico(medico_id)
    paciente = await ctx.diretorio.paciente(paciente_id)
    if medico is None or paciente is None:
        raise errors.ServicoIndisponivel("Não foi possível ler os dados do médico ou do paciente")
    signatario = Signatario(
        id=medico_id, nome=str(medico["nome"]), crm=str(medico["crm"]), uf=str(medico["uf"])
    )
    return signatario, str(paciente["nome"])


async def emitir(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    consulta_id: uuid.UUID,
    conteudo: Receita | Atestado,
    ip: str,
) -> Emitido:
    """Issue a signed prescription or certificate for the consultation (its doctor only)."""
    assinador = _assinador(ctx)
    pdf = _gerador(ctx)
    consulta = await consulta_do_medico(
        ctx, medico=usuario, paciente_id=paciente_id, consulta_id=consulta_id
    )
    async with ctx.uow() as uow:
        await exigir_aberto(uow, paciente_id)
    signatario, paciente_nome = await _texto(ctx, usuario.id, paciente_id)
    agora = ctx.relogio()
    codigo = novo_codigo()
    cabecalho = Cabecalho(
        signatario=signatario,
        paciente_nome=paciente_nome,
        emitido_em=agora.astimezone(consulta.inicio.tzinfo),
        consulta_em=consulta.inicio,
        codigo=codigo,
        url_verificacao=url_de_verificacao(ctx, codigo),
        certificado_de_teste=not assinador.qualificada,
    )
    tipo: TipoDocumento
    if isinstance(conteudo, Receita):
        tipo, nome, sem_assinatura = "receita", "Receita", pdf.receita(conteudo, cabecalho)
    else:
        tipo, nome, sem_assinatura = "atestado", "Atestado", pdf.atestado(conteudo, cabecalho)
    assinado = await assinador.assinar(
        sem_assinatura, signatario=signatario, motivo=f"{nome} emitido em teleconsulta"
    )
    documento_id = uuid.uuid4()
    documento = Documento(
        id=documento_id,
        paciente_id=paciente_id,
        nome=f"{nome} {cabecalho.emitido_em:%d-%m-%Y} {codigo}.pdf",
        categoria=tipo,
        tipo_conteudo=PDF,
        tamanho=len(assinado),
        status="pendente",
        criado_em=agora,
        enviado_por=usuario.id,
        chave_objeto=chave_objeto(paciente_id, documento_id),
    )
    # The row first, as for an upload: the bytes written below are never without an index. A
    # failure after this leaves a pending document (hidden from the lists, kept by the export
    # and by closing the account), never an object nobody can find.
    async with ctx.uow() as uow:
        await uow.registros.adicionar_documento(documento)
        await uow.commit()
    documento.confirmar(await ctx.storage.gravar(documento.chave_objeto, assinado))
    registro = DocumentoAssinado(
        codigo=codigo,
        documento_id=documento_id,
        paciente_id=paciente_id,
        consulta_id=consulta_id,
        tipo=tipo,
        medico=signatario,
        sha256=hashlib.sha256(assinado).hexdigest(),
        emitido_em=agora,
    )
    expira_em = (agora + _ttl(ctx)).replace(microsecond=0)
    url = await ctx.storage.preparar_download(documento=documento, expira_em=expira_em)
    async with ctx.uow() as uow:
        await uow.registros.salvar_documento(documento)
        await uow.assinados.adicionar(registro)
        await uow.acessos.registrar(
            registro_de_acesso(usuario, paciente_id, "emissao", ip, documento_id=documento_id)
        )
        await uow.commit()
    return Emitido(documento, registro, url, expira_em)


def _assinador(ctx: Prontuario) -> AssinadorDePdf:
    if ctx.assinador is None:
        raise errors.ServicoIndisponivel(
            "A assinatura de documentos não está configurada neste ambiente"
        )
    return ctx.assinador


def _gerador(ctx: Prontuario) -> GeradorDePdf:
    # ``create_app`` always sets one; only a context built without it (an operator's command)
    # lacks it, and then issuing is as unavailable as without a signer.
    if ctx.pdf is None:
        raise errors.ServicoIndisponivel(
            "A emissão de documentos não está configurada neste ambiente"
        )
    return ctx.pdf


def _ttl(ctx: Prontuario) -> timedelta:
    return timedelta(seconds=ctx.settings.prontuario_download_ttl_segundos)


async def verificar(ctx: Prontuario, *, codigo: str) -> DocumentoAssinado:
    """The issued document a code names (404 for any other code, malformed ones included)."""
    codigo = codigo.strip().upper()
    if not codigo_valido(codigo):
        raise CodigoNaoEncontrado()
    async with ctx.uow() as uow:
        registro = await uow.assinados.por_codigo(codigo)
    if registro is None:
        raise CodigoNaoEncontrado()
    return registro


async def conferir_copia(
    ctx: Prontuario, *, codigo: str, pdf: bytes
) -> tuple[DocumentoAssinado, bool]:
    """Whether a PDF someone holds is, byte for byte, the one issued under ``codigo``."""
    registro = await verificar(ctx, codigo=codigo)
    return registro, hashlib.sha256(pdf).hexdigest() == registro.sha256
