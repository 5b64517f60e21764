"""Use cases that copy a whole record out as one zip: the patient's LGPD export (art. 18) and,
for a closed account, the operator's copy for a legal request (``comandos.copia_legal``)."""

from __future__ import annotations

import asyncio
import io
import json
import uuid
import zipfile
from typing import Any

from libs import errors
from libs.tokens import Usuario
from services.prontuario.domain.auditoria import Acesso, NovoAcesso
from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import EXTENSOES, Documento
from services.prontuario.domain.evolucao import Evolucao
from services.prontuario.service.acessos import acessos
from services.prontuario.service.contexto import Prontuario, exigir_paciente, registro_de_acesso


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


async def copia_legal(
    ctx: Prontuario, *, paciente_id: uuid.UUID, pedido: str, operador: str
) -> bytes:
    """The record of a closed account as one zip, for a legal request (a court order, the
    patient's own request under LGPD art. 18 after closing): documents (decrypted, the version
    checked at confirmation), their metadata, the shares and the whole access log. Never
    through the API: an operator runs ``python -m services.prontuario.comandos.copia_legal`` (see
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
