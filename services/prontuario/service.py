"""Use cases of the health record: each runs in one unit of work and speaks to ports.

Authorization lives here, checked on every call: the patient reaches their own record; a doctor
reaches only what an active share covers, read again from the database at each request.
Every listing, download link, share, revocation and export is appended to the access log in the
same transaction as the act it records.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import uuid
import zipfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from libs import errors
from libs.tokens import Usuario
from services.prontuario.domain import compartilhamento as regras
from services.prontuario.domain.auditoria import (
    MAC_INICIAL,
    Acao,
    Acesso,
    Cabeca,
    NovoAcesso,
    Quebra,
    conferir_cabeca,
    verificar_cadeia,
)
from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import (
    EXTENSOES,
    Categoria,
    Documento,
    chave_objeto,
    nome_para_baixar,
    validar_pedido,
)
from services.prontuario.domain.erros import (
    ArquivoNaoConfere,
    CompartilhamentoNaoEncontrado,
    DocumentoNaoEncontrado,
    DocumentoPendente,
    LinkInvalido,
    MedicoNaoEncontrado,
    NaoEOPaciente,
    ProntuarioEncerrado,
    SemCompartilhamento,
)
from services.prontuario.domain.evolucao import Evolucao
from services.prontuario.ports import (
    AccessLog,
    AssinadorDePdf,
    Diretorio,
    DocumentStorage,
    PedidoEnvio,
    UnitOfWork,
)
from services.prontuario.settings import ProntuarioSettings

_log = logging.getLogger("healthmed.prontuario")
UowFactory = Callable[[], UnitOfWork]


def _agora() -> datetime:
    return datetime.now(UTC)


@dataclass
class Prontuario:
    """Everything the use cases need: settings, the unit of work, the ports, a clock."""

    settings: ProntuarioSettings
    uow: UowFactory
    storage: DocumentStorage
    diretorio: Diretorio
    relogio: Callable[[], datetime] = field(default=_agora)
    # Signs prescriptions and certificates; ``None`` where no signing key is configured.
    assinador: AssinadorDePdf | None = None


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
class AcessoComNome:
    """An access log entry with the name of who acted (``None`` if it could not be resolved)."""

    acesso: Acesso
    nome: str | None


@dataclass(frozen=True)
class Compartilhado:
    """A share seen by the doctor it was granted to."""

    compartilhamento: Compartilhamento
    paciente_nome: str | None


@dataclass(frozen=True)
class Arquivo:
    """The bytes behind a download link."""

    nome: str
    tipo_conteudo: str
    dados: bytes


def exigir_paciente(usuario: Usuario, paciente_id: uuid.UUID) -> None:
    """Only the record's own patient (403 for anyone else)."""
    if usuario.papel != "paciente" or usuario.id != paciente_id:
        raise NaoEOPaciente()


def registro_de_acesso(
    usuario: Usuario,
    paciente_id: uuid.UUID,
    acao: Acao,
    ip: str,
    *,
    documento_id: uuid.UUID | None = None,
    compartilhamento_id: uuid.UUID | None = None,
) -> NovoAcesso:
    """The access-log entry of ``usuario``'s act on the record."""
    return NovoAcesso(
        paciente_id=paciente_id,
        usuario_id=usuario.id,
        papel=usuario.papel,
        acao=acao,
        ip=ip,
        documento_id=documento_id,
        compartilhamento_id=compartilhamento_id,
    )


async def exigir_aberto(uow: UnitOfWork, paciente_id: uuid.UUID) -> None:
    """A closed account's record takes no new document and no new share."""
    if await uow.encerramentos.encerrado(paciente_id):
        raise ProntuarioEncerrado()


def _segundos(momento: datetime) -> datetime:
    """Rounded down to whole seconds: what a signed URL can carry."""
    return momento.replace(microsecond=0)


# -- documents ---------------------------------------------------------------------------------
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
    """The patient sees every document; a doctor only the confirmed ones an active share
    covers (403 without one)."""
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
            documentos = await uow.registros.documentos(paciente_id)
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


# -- sharing -----------------------------------------------------------------------------------
async def compartilhar(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    medico_id: uuid.UUID,
    documentos: list[uuid.UUID] | None,
    expira_em: datetime | None,
    duracao_horas: float | None,
    ip: str,
) -> Compartilhamento:
    """Grant a doctor the whole record (``documentos`` absent) or the listed documents, for
    at most the configured days."""
    exigir_paciente(usuario, paciente_id)
    agora = ctx.relogio()
    fim = regras.prazo(
        agora=agora,
        expira_em=expira_em,
        duracao_horas=duracao_horas,
        max_dias=ctx.settings.prontuario_max_compartilhamento_dias,
    )
    if documentos is not None and not documentos:
        raise errors.DadosInvalidos.campo(
            "documentos", "Liste ao menos um documento, ou omita para compartilhar tudo"
        )
    if await ctx.diretorio.medico(medico_id) is None:
        raise MedicoNaoEncontrado()
    async with ctx.uow() as uow:
        await exigir_aberto(uow, paciente_id)
        if documentos is not None:
            existentes = {d.id for d in await uow.registros.documentos(paciente_id)}
            faltando = [d for d in documentos if d not in existentes]
            if faltando:
                raise errors.DadosInvalidos.campo(
                    "documentos", f"Documento não encontrado no prontuário: {faltando[0]}"
                )
        novo = Compartilhamento(
            id=uuid.uuid4(),
            paciente_id=paciente_id,
            medico_id=medico_id,
            documentos=frozenset(documentos) if documentos is not None else None,
            expira_em=fim,
            criado_em=agora,
        )
        await uow.registros.adicionar_compartilhamento(novo)
        await uow.acessos.registrar(
            registro_de_acesso(
                usuario, paciente_id, "compartilhamento", ip, compartilhamento_id=novo.id
            )
        )
        await uow.commit()
        return novo


async def compartilhamentos(
    ctx: Prontuario, *, usuario: Usuario, paciente_id: uuid.UUID
) -> list[Compartilhamento]:
    """Every share the patient granted, newest first."""
    exigir_paciente(usuario, paciente_id)
    async with ctx.uow() as uow:
        return await uow.registros.compartilhamentos(paciente_id)


async def revogar(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    compartilhamento_id: uuid.UUID,
    ip: str,
) -> None:
    """End a share now (revoking twice changes nothing)."""
    exigir_paciente(usuario, paciente_id)
    async with ctx.uow() as uow:
        c = await uow.registros.compartilhamento(paciente_id, compartilhamento_id)
        if c is None:
            raise CompartilhamentoNaoEncontrado()
        if c.revogar(ctx.relogio()):
            await uow.registros.salvar_compartilhamento(c)
            await uow.acessos.registrar(
                registro_de_acesso(usuario, paciente_id, "revogacao", ip, compartilhamento_id=c.id)
            )
            await uow.commit()


@dataclass(frozen=True)
class Encerramento:
    """What closing the patient's account did to the record."""

    compartilhamentos_revogados: int


async def encerrar(ctx: Prontuario, *, paciente_id: uuid.UUID, ip: str) -> Encerramento:
    """The patient closed the account (asked by the paciente service): every live share is
    revoked now (each revocation logged as the patient's), the record is marked closed (no
    new documents or shares) and the closing is appended to the patient's access-log chain.
    The documents stay stored and encrypted for the legal retention period (20 years), out of
    the API's reach (docs/operations.md). One transaction; idempotent: a second call revokes
    nothing and logs nothing."""
    agora = ctx.relogio()
    revogados = 0

    def pelo_paciente(acao: Acao, compartilhamento_id: uuid.UUID | None = None) -> NovoAcesso:
        # The patient's own act, asked through the paciente service with the patient's IP.
        return NovoAcesso(
            paciente_id=paciente_id,
            usuario_id=paciente_id,
            papel="paciente",
            acao=acao,
            ip=ip,
            compartilhamento_id=compartilhamento_id,
        )

    async with ctx.uow() as uow:
        for c in await uow.registros.compartilhamentos(paciente_id):
            # Expired ones grant nothing already: only live shares are revoked (and counted).
            if c.ativo(agora) and c.revogar(agora):
                await uow.registros.salvar_compartilhamento(c)
                await uow.acessos.registrar(pelo_paciente("revogacao", c.id))
                revogados += 1
        if await uow.encerramentos.registrar(paciente_id, agora):
            await uow.acessos.registrar(pelo_paciente("encerramento"))
        await uow.commit()
    return Encerramento(compartilhamentos_revogados=revogados)


async def compartilhados(ctx: Prontuario, *, medico: Usuario) -> list[Compartilhado]:
    """The records shared with the calling doctor right now, with their expiry."""
    agora = ctx.relogio()
    async with ctx.uow() as uow:
        ativos = [c for c in await uow.registros.compartilhamentos_com(medico.id) if c.ativo(agora)]
    nomes = await _nomes(ctx, {(c.paciente_id, "paciente") for c in ativos})
    return [Compartilhado(c, nomes.get(c.paciente_id)) for c in ativos]


# -- the access log ----------------------------------------------------------------------------
async def _nomes(ctx: Prontuario, pessoas: set[tuple[uuid.UUID, str]]) -> dict[uuid.UUID, str]:
    """Names from the medico/paciente services; whoever cannot be resolved is left out."""

    async def um(pessoa_id: uuid.UUID, papel: str) -> tuple[uuid.UUID, str | None]:
        try:
            if papel == "medico":
                data = await ctx.diretorio.medico(pessoa_id)
            else:
                data = await ctx.diretorio.paciente(pessoa_id)
        except errors.ServicoIndisponivel:
            return pessoa_id, None
        nome = data.get("nome") if data else None
        return pessoa_id, nome if isinstance(nome, str) else None

    pares = await asyncio.gather(*(um(i, p) for i, p in pessoas))
    return {i: n for i, n in pares if n is not None}


async def acessos(
    ctx: Prontuario, *, usuario: Usuario, paciente_id: uuid.UUID
) -> list[AcessoComNome]:
    """The record's access log, newest first, for the patient only."""
    exigir_paciente(usuario, paciente_id)
    async with ctx.uow() as uow:
        entradas = await uow.acessos.do_paciente(paciente_id)
    nomes = await _nomes(ctx, {(e.usuario_id, e.papel) for e in entradas})
    return [AcessoComNome(e, nomes.get(e.usuario_id)) for e in entradas]


@dataclass(frozen=True)
class Integridade:
    """The result of walking every chain of the access log."""

    verificadas: int  # entries found intact, in all chains
    quebras: list[Quebra]  # the first break of each broken chain (legacy first, then patients)
    cabeca: tuple[int, str] | None  # sequence and MAC of the legacy chain's last entry
    cabecas: dict[uuid.UUID, tuple[int, str]] = field(default_factory=dict)  # per patient
    cadeias: int = 0  # patient chains walked

    @property
    def quebra(self) -> Quebra | None:
        """The first break found, ``None`` when the whole log is intact."""
        return self.quebras[0] if self.quebras else None


Ancora = tuple[int, str]  # (seq, mac) of an entry noted earlier, kept outside the database


async def verificar_integridade(
    uow_factory: UowFactory,
    chave: bytes,
    *,
    ancora: Ancora | None = None,
    ancoras: dict[uuid.UUID, Ancora] | None = None,
    pagina: int = 1000,
) -> Integridade:
    """Walk every chain of the log, in pages and in one snapshot, and report the first break
    of each: the legacy chain over all patients, then each patient's chain against its head.

    A chain cut at its end, together with its head, still verifies: ``ancora`` (the legacy
    chain) and ``ancoras`` (per patient), entries noted earlier outside the database, must
    still be there with the same MAC.
    """
    async with uow_factory() as uow:
        await uow.acessos.leitura_consistente()
        verificadas, quebra, cabeca = await _verificar_legado(uow.acessos, chave, ancora, pagina)
        quebras = [quebra] if quebra is not None else []
        cabecas: dict[uuid.UUID, tuple[int, str]] = {}
        vistos: set[uuid.UUID] = set()
        async for pid, entradas, registrada in _cadeias_com_cabecas(uow.acessos, pagina):
            vistos.add(pid)
            quebra = verificar_cadeia(chave, entradas, paciente_id=pid)
            if quebra is None:
                quebra = conferir_cabeca(pid, entradas[-1] if entradas else None, registrada)
            if quebra is None and ancoras and pid in ancoras:
                quebra = _conferir_ancora(pid, entradas, ancoras[pid])
            if quebra is None:
                verificadas += len(entradas)
                if entradas:
                    cabecas[pid] = (entradas[-1].seq, entradas[-1].mac)
            else:
                verificadas += max(0, min(len(entradas), quebra.seq - 1))
                quebras.append(quebra)
    for pid, (seq, _) in sorted((ancoras or {}).items()):
        if pid not in vistos:
            quebras.append(Quebra(1, f"cadeia apagada: a âncora {seq} não existe mais", pid))
    return Integridade(verificadas, quebras, cabeca, cabecas, len(vistos))


def _conferir_ancora(pid: uuid.UUID, entradas: list[Acesso], ancora: Ancora) -> Quebra | None:
    seq, mac = ancora
    if len(entradas) < seq:
        return Quebra(
            len(entradas) + 1, f"entradas finais apagadas: a âncora {seq} não existe mais", pid
        )
    if entradas[seq - 1].mac != mac:
        return Quebra(seq, "a entrada não é a da âncora guardada", pid)
    return None


async def _verificar_legado(
    log: AccessLog, chave: bytes, ancora: Ancora | None, pagina: int
) -> tuple[int, Quebra | None, tuple[int, str] | None]:
    """The legacy chain over all patients (entries written before the per-patient chains)."""
    verificadas, seq, anterior = 0, 1, MAC_INICIAL
    cabeca: tuple[int, str] | None = None
    while lote := await log.em_ordem(seq, pagina):
        quebra = verificar_cadeia(chave, lote, mac_inicial=anterior, seq_inicial=seq)
        if quebra is not None:
            return verificadas, quebra, cabeca
        if ancora is not None:
            for e in lote:
                if e.seq == ancora[0] and e.mac != ancora[1]:
                    return (
                        verificadas,
                        Quebra(e.seq, "a entrada não é a da âncora guardada"),
                        cabeca,
                    )
        verificadas += len(lote)
        seq, anterior = lote[-1].seq + 1, lote[-1].mac
        cabeca = (lote[-1].seq, lote[-1].mac)
    if ancora is not None and (cabeca is None or cabeca[0] < ancora[0]):
        fim = cabeca[0] if cabeca else 0
        quebra = Quebra(fim + 1, f"entradas finais apagadas: a âncora {ancora[0]} não existe mais")
        return verificadas, quebra, cabeca
    return verificadas, None, cabeca


async def _cadeias(log: AccessLog, pagina: int) -> AsyncIterator[list[Acesso]]:
    """Each patient's entries in order, one patient at a time, read in pages."""
    atual: list[Acesso] = []
    depois: tuple[uuid.UUID, int] | None = None
    while lote := await log.por_paciente(depois, pagina):
        for e in lote:
            if atual and e.paciente_id != atual[0].paciente_id:
                yield atual
                atual = []
            atual.append(e)
        depois = (lote[-1].paciente_id, lote[-1].seq)
    if atual:
        yield atual


async def _cabecas(log: AccessLog, pagina: int) -> AsyncIterator[Cabeca]:
    depois: uuid.UUID | None = None
    while lote := await log.cabecas(depois, pagina):
        for c in lote:
            yield c
        depois = lote[-1].paciente_id


async def _cadeias_com_cabecas(
    log: AccessLog, pagina: int
) -> AsyncIterator[tuple[uuid.UUID, list[Acesso], Cabeca | None]]:
    """Every patient that has entries or a head, in patient order (PostgreSQL orders UUIDs as
    Python does, byte by byte), with both: a merge of two ordered walks."""
    cabecas = _cabecas(log, pagina)
    cabeca = await anext(cabecas, None)
    async for entradas in _cadeias(log, pagina):
        pid = entradas[0].paciente_id
        while cabeca is not None and cabeca.paciente_id < pid:
            yield cabeca.paciente_id, [], cabeca
            cabeca = await anext(cabecas, None)
        if cabeca is not None and cabeca.paciente_id == pid:
            yield pid, entradas, cabeca
            cabeca = await anext(cabecas, None)
        else:
            yield pid, entradas, None
    while cabeca is not None:
        yield cabeca.paciente_id, [], cabeca
        cabeca = await anext(cabecas, None)


# -- LGPD export -------------------------------------------------------------------------------
def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()


def _documento_dict(d: Documento) -> dict[str, Any]:
    return {
        "id": str(d.id),
        "paciente_id": str(d.paciente_id),
        "nome": d.nome,
        "categoria": d.categoria,
        "tipo_conteudo": d.tipo_conteudo,
        "tamanho": d.tamanho,
        "sha256": d.sha256,
        "status": d.status,
        "criado_em": d.criado_em.isoformat(),
        "enviado_por": str(d.enviado_por),
    }


def _compartilhamento_dict(c: Compartilhamento) -> dict[str, Any]:
    return {
        "id": str(c.id),
        "medico_id": str(c.medico_id),
        # None: the whole record, documents added later included.
        "documentos": sorted(map(str, c.documentos)) if c.documentos is not None else None,
        "expira_em": c.expira_em.isoformat(),
        "criado_em": c.criado_em.isoformat(),
        "revogado_em": c.revogado_em.isoformat() if c.revogado_em else None,
    }


def _evolucao_dict(e: Evolucao) -> dict[str, Any]:
    """A clinical note with its addenda, as the export and the legal copy write it."""
    c = e.conteudo
    return {
        "id": str(e.id),
        "consulta_id": str(e.consulta_id),
        "medico_id": str(e.medico_id),
        "status": "assinada" if e.assinada else "rascunho",
        "queixa_principal": c.queixa_principal,
        "avaliacao": c.avaliacao,
        "plano": c.plano,
        "cid10": list(c.cid10),
        "texto": c.texto,
        "criada_em": e.criada_em.isoformat(),
        "assinada_em": e.assinada_em.isoformat() if e.assinada_em else None,
        "sha256": e.sha256,
        "adendos": [
            {"texto": a.texto, "assinado_em": a.assinado_em.isoformat(), "sha256": a.sha256}
            for a in e.adendos
        ],
    }


def _acesso_dict(a: Acesso, nome: str | None) -> dict[str, Any]:
    """An access-log entry with its place in the patient's chain (``seq``, ``mac``): whoever
    holds the audit key can check a copy against the chain (``make verify-audit``)."""
    return {
        "seq": a.seq,
        "quando": a.quando.isoformat(),
        "usuario": {"id": str(a.usuario_id), "papel": a.papel, "nome": nome},
        "acao": a.acao,
        "documento_id": str(a.documento_id) if a.documento_id else None,
        "compartilhamento_id": str(a.compartilhamento_id) if a.compartilhamento_id else None,
        "ip": a.ip,
        "mac": a.mac,
    }


def _nome_no_zip(d: Documento) -> str:
    base = "".join(ch if ch.isalnum() or ch in "-_. " else "_" for ch in d.nome).strip() or "doc"
    extensao = EXTENSOES.get(d.tipo_conteudo, ".txt")
    if not base.lower().endswith(extensao):
        base += extensao
    return f"arquivos/{d.id}-{base[:100]}"


def notas_da_exportacao(*, sem_perfil: bool, sem_consultas: bool) -> list[str]:
    """What LEIAME.txt says about a part the archive lacks, in the patient's words (no service
    names: who failed inside is for the log)."""
    notas = []
    if sem_perfil:
        notas.append(
            "perfil.json ausente: não conseguimos ler o seu cadastro agora; peça a exportação de "
            "novo em alguns minutos."
        )
    if sem_consultas:
        notas.append(
            "consultas.json ausente: não conseguimos ler as suas consultas agora; peça a "
            "exportação de novo em alguns minutos."
        )
    return notas


async def exportar(ctx: Prontuario, *, usuario: Usuario, paciente_id: uuid.UUID, ip: str) -> bytes:
    """All the patient's data as one zip: profile and appointments (from their services, when
    they offer an export route), documents' metadata and files (decrypted), shares, and the
    access log (this export included)."""
    exigir_paciente(usuario, paciente_id)
    async with ctx.uow() as uow:
        await uow.acessos.registrar(registro_de_acesso(usuario, paciente_id, "exportacao", ip))
        await uow.commit()
    async with ctx.uow() as uow:
        documentos = await uow.registros.documentos(paciente_id)
        shares = await uow.registros.compartilhamentos(paciente_id)
        # The signed notes: a draft is still its doctor's, not yet part of the record.
        notas = [e for e in await uow.evolucoes.do_paciente(paciente_id) if e.assinada]
    log = await acessos(ctx, usuario=usuario, paciente_id=paciente_id)
    perfil = await ctx.diretorio.perfil_completo(paciente_id)
    consultas = await ctx.diretorio.consultas(paciente_id)
    arquivos: list[tuple[str, bytes]] = []
    for d in documentos:
        if d.disponivel:
            # The version checked at confirmation, not what the key may hold since.
            dados = await ctx.storage.ler(d.chave_objeto, versao=d.versao_objeto)
            arquivos.append((_nome_no_zip(d), dados))
    agora = ctx.relogio()
    avisos = notas_da_exportacao(sem_perfil=perfil is None, sem_consultas=consultas is None)
    partes: dict[str, bytes] = {
        "LEIAME.txt": (
            "Exportação dos seus dados no HealthMed (LGPD, art. 18).\n"
            f"Gerada em {agora.isoformat()}.\n\n"
            "perfil.json: o seu cadastro\n"
            "consultas.json: todas as suas consultas, com médico, horários, situação, "
            "justificativas, avaliações, consentimentos e presença na sala\n"
            "documentos.json: os metadados de cada documento do prontuário\n"
            "arquivos/: os arquivos, decifrados\n"
            "evolucoes.json: as evoluções assinadas pelos médicos nas suas consultas, com os "
            "adendos (receitas e atestados assinados estão em arquivos/)\n"
            "compartilhamentos.json: a quem você deu acesso, a quais documentos e até quando\n"
            "acessos.json: o registro de acessos ao prontuário\n"
            + "".join(f"\n{n}" for n in avisos)
        ).encode(),
        "documentos.json": _json([_documento_dict(d) for d in documentos]),
        "evolucoes.json": _json([_evolucao_dict(e) for e in notas]),
        "compartilhamentos.json": _json([_compartilhamento_dict(c) for c in shares]),
        "acessos.json": _json([_acesso_dict(a.acesso, a.nome) for a in log]),
    }
    if perfil is not None:
        partes["perfil.json"] = _json(perfil)
    if consultas is not None:
        partes["consultas.json"] = _json(consultas)

    return await _zip(partes, arquivos)


async def _zip(partes: dict[str, bytes], arquivos: list[tuple[str, bytes]]) -> bytes:
    """One zip archive of the JSON parts (deflated) and the documents' bytes (stored: PDFs
    and images are compressed already and gain nothing from deflate), built off the loop."""

    def montar() -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for nome, dados in partes.items():
                z.writestr(nome, dados)
            for nome, dados in arquivos:
                z.writestr(nome, dados, compress_type=zipfile.ZIP_STORED)
        return buffer.getvalue()

    return await asyncio.to_thread(montar)


# -- a closed account's record, for a legal request (operator procedure) ------------------------
async def copia_legal(
    ctx: Prontuario, *, paciente_id: uuid.UUID, pedido: str, operador: str
) -> bytes:
    """The record of a closed account as one zip, for a legal request (a court order, the
    patient's own request under LGPD art. 18 after closing): documents (decrypted, the version
    checked at confirmation), their metadata, the shares and the whole access log. Never
    through the API: an operator runs ``python -m services.prontuario.copia_legal`` (see
    docs/operations.md). Only for a closed record (an open one is exported by its patient in
    the app). The copy itself is appended to the patient's chain first (``copia_legal``,
    attributed to the record, as no operator account exists in the product, with the operator
    and the request in the ``ip`` field), so it is never made unrecorded."""
    pedido, operador = pedido.strip(), operador.strip()
    if not pedido or not operador:
        raise errors.DadosInvalidos.campo(
            "pedido", "Informe o pedido (ofício, protocolo) e o operador"
        )
    async with ctx.uow() as uow:
        if not await uow.encerramentos.encerrado(paciente_id):
            raise errors.Conflito(
                "Este procedimento é só para prontuários de contas encerradas; com a conta "
                "ativa, o próprio paciente exporta os dados pelo aplicativo"
            )
        await uow.acessos.registrar(
            NovoAcesso(
                paciente_id=paciente_id,
                usuario_id=paciente_id,
                papel="paciente",
                acao="copia_legal",
                ip=f"operador {operador}; pedido {pedido}"[:200],
            )
        )
        await uow.commit()
    async with ctx.uow() as uow:
        documentos = await uow.registros.documentos(paciente_id)
        shares = await uow.registros.compartilhamentos(paciente_id)
        log = await uow.acessos.do_paciente(paciente_id)
        notas = await uow.evolucoes.do_paciente(paciente_id)  # drafts too, marked as such
    arquivos = [
        (_nome_no_zip(d), await ctx.storage.ler(d.chave_objeto, versao=d.versao_objeto))
        for d in documentos
        if d.disponivel
    ]
    partes: dict[str, bytes] = {
        "LEIAME.txt": (
            f"Cópia do prontuário da conta encerrada {paciente_id} (HealthMed).\n"
            f"Pedido: {pedido}\nOperador: {operador}\nGerada em {ctx.relogio().isoformat()}.\n"
            "Guarda legal: Lei 13.787/2018, art. 6 (20 anos); CFM 1.821/2007.\n"
        ).encode(),
        "documentos.json": _json([_documento_dict(d) for d in documentos]),
        "evolucoes.json": _json([_evolucao_dict(e) for e in notas]),
        "compartilhamentos.json": _json([_compartilhamento_dict(c) for c in shares]),
        # The copy asks no other service: the names of who acted are not resolved.
        "acessos.json": _json([_acesso_dict(a, None) for a in log]),
    }

    return await _zip(partes, arquivos)
