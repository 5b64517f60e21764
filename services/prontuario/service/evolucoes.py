"""Use cases of the clinical notes (evoluções): each runs in one unit of work.

Who does what:
- the consultation's doctor drafts, edits and signs its note, and writes addenda once signed;
  the consultation (its doctor, its patient, whether it was accepted or held) is asked of its
  owner, the consulta service, never read from its tables;
- the patient reads the signed notes of their record (a draft is still the doctor's);
- a doctor reads the notes they wrote and, through an active share of the *whole* record
  (the current sharing model: a share of listed documents does not reach notes), the signed
  notes of other doctors;
- every read and every write is appended to the record's HMAC-chained access log, in the same
  transaction (``evolucao_leitura`` / ``evolucao_escrita``, the note's id in ``documento_id``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from libs import errors
from libs.tokens import Usuario
from services.prontuario.domain import compartilhamento as regras
from services.prontuario.domain.auditoria import Acao
from services.prontuario.domain.erros import (
    ConsultaNaoAtendida,
    ConsultaNaoComecou,
    ConsultaNaoEncontrada,
    EvolucaoJaExiste,
    EvolucaoNaoEncontrada,
    NaoEOMedicoDaConsulta,
    SemCompartilhamento,
)
from services.prontuario.domain.evolucao import MAX_CID10, Conteudo, Evolucao, normalizar_cid10
from services.prontuario.ports import ConsultaResumida, UnitOfWork
from services.prontuario.service.contexto import (
    Prontuario,
    exigir_aberto,
    exigir_paciente,
    registro_de_acesso,
)


@dataclass(frozen=True)
class NovoConteudo:
    """The note's fields as the doctor sent them (CID-10 codes not yet checked)."""

    texto: str = ""
    queixa_principal: str = ""
    avaliacao: str = ""
    plano: str = ""
    cid10: tuple[str, ...] = ()

    def validado(self) -> Conteudo:
        """The content with its CID-10 codes checked by format and written the DATASUS way
        (422 naming the first malformed code)."""
        if len(self.cid10) > MAX_CID10:
            raise errors.DadosInvalidos.campo("cid10", f"No máximo {MAX_CID10} códigos CID-10")
        codigos: list[str] = []
        for bruto in self.cid10:
            codigo = normalizar_cid10(bruto)
            if codigo is None:
                raise errors.DadosInvalidos.campo(
                    "cid10",
                    f"Código CID-10 inválido: {bruto!r} (formato: letra e dois dígitos, "
                    "com subcategoria opcional, como J06.9)",
                )
            if codigo not in codigos:
                codigos.append(codigo)
        return Conteudo(
            texto=self.texto,
            queixa_principal=self.queixa_principal,
            avaliacao=self.avaliacao,
            plano=self.plano,
            cid10=tuple(codigos),
        )


async def consulta_do_medico(
    ctx: Prontuario, *, medico: Usuario, paciente_id: uuid.UUID, consulta_id: uuid.UUID
) -> ConsultaResumida:
    """The consultation, as the consulta service says, if ``medico`` is its doctor and
    ``paciente_id`` its patient (404 otherwise), it was accepted or held and its room has
    opened (409 otherwise)."""
    if medico.papel != "medico":
        raise NaoEOMedicoDaConsulta()
    consulta = await ctx.diretorio.consulta(consulta_id, medico.id)
    if consulta is None or consulta.medico_id != medico.id or consulta.paciente_id != paciente_id:
        raise ConsultaNaoEncontrada()
    if not consulta.atendida:
        raise ConsultaNaoAtendida()
    if not consulta.comecou(ctx.relogio()):
        raise ConsultaNaoComecou()
    return consulta


async def redigir(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    consulta_id: uuid.UUID,
    conteudo: NovoConteudo,
    ip: str,
) -> Evolucao:
    """Start the note of a consultation (a draft); one note per consultation (409)."""
    validado = conteudo.validado()
    await consulta_do_medico(ctx, medico=usuario, paciente_id=paciente_id, consulta_id=consulta_id)
    agora = ctx.relogio()
    evolucao = Evolucao(
        id=uuid.uuid4(),
        paciente_id=paciente_id,
        consulta_id=consulta_id,
        medico_id=usuario.id,
        conteudo=validado,
        criada_em=agora,
        atualizada_em=agora,
    )
    async with ctx.uow() as uow:
        await exigir_aberto(uow, paciente_id)
        if not await uow.evolucoes.adicionar(evolucao):
            raise EvolucaoJaExiste()
        await _registrar(uow, usuario, evolucao, "evolucao_escrita", ip)
        await uow.commit()
    return evolucao


async def _do_autor(
    uow: UnitOfWork, usuario: Usuario, paciente_id: uuid.UUID, evolucao_id: uuid.UUID
) -> Evolucao:
    """The note, locked until commit, if ``usuario`` wrote it (404 for anyone else: whether
    another doctor's note exists is not theirs to know)."""
    evolucao = await uow.evolucoes.obter(paciente_id, evolucao_id, bloquear=True)
    if evolucao is None or usuario.papel != "medico" or evolucao.medico_id != usuario.id:
        raise EvolucaoNaoEncontrada()
    return evolucao


async def _registrar(
    uow: UnitOfWork, usuario: Usuario, evolucao: Evolucao, acao: Acao, ip: str
) -> None:
    await uow.acessos.registrar(
        registro_de_acesso(usuario, evolucao.paciente_id, acao, ip, documento_id=evolucao.id)
    )


async def editar(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    evolucao_id: uuid.UUID,
    conteudo: NovoConteudo,
    ip: str,
) -> Evolucao:
    """Replace the draft's content (409 once signed: corrections are addenda)."""
    validado = conteudo.validado()
    async with ctx.uow() as uow:
        evolucao = await _do_autor(uow, usuario, paciente_id, evolucao_id)
        evolucao.editar(validado, ctx.relogio())
        await uow.evolucoes.salvar(evolucao)
        await _registrar(uow, usuario, evolucao, "evolucao_escrita", ip)
        await uow.commit()
    return evolucao


async def assinar(
    ctx: Prontuario, *, usuario: Usuario, paciente_id: uuid.UUID, evolucao_id: uuid.UUID, ip: str
) -> Evolucao:
    """Sign the note: locked for ever from now on (409 if it already was)."""
    async with ctx.uow() as uow:
        evolucao = await _do_autor(uow, usuario, paciente_id, evolucao_id)
        evolucao.assinar(ctx.relogio())
        await uow.evolucoes.salvar(evolucao)
        await _registrar(uow, usuario, evolucao, "evolucao_escrita", ip)
        await uow.commit()
    return evolucao


async def adendar(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    evolucao_id: uuid.UUID,
    texto: str,
    ip: str,
) -> Evolucao:
    """Append a signed, timestamped addendum to a signed note (409 on a draft)."""
    async with ctx.uow() as uow:
        evolucao = await _do_autor(uow, usuario, paciente_id, evolucao_id)
        adendo = evolucao.adendar(texto=texto, agora=ctx.relogio())
        await uow.evolucoes.adicionar_adendo(adendo)
        await _registrar(uow, usuario, evolucao, "evolucao_escrita", ip)
        await uow.commit()
    return evolucao


async def _legiveis(
    ctx: Prontuario, uow: UnitOfWork, usuario: Usuario, paciente_id: uuid.UUID
) -> list[Evolucao]:
    """The notes of the record that ``usuario`` may read (403 for a doctor with none of their
    own and no active share of the whole record)."""
    notas = await uow.evolucoes.do_paciente(paciente_id)
    if usuario.papel != "medico":
        exigir_paciente(usuario, paciente_id)
        return [n for n in notas if n.assinada]
    agora = ctx.relogio()
    ativos = [
        c
        for c in await uow.registros.compartilhamentos_com(usuario.id, paciente_id)
        if c.ativo(agora)
    ]
    todo_o_registro = bool(ativos) and regras.documentos_alcancados(ativos, agora) is None
    proprias = [n for n in notas if n.medico_id == usuario.id]
    if not proprias and not todo_o_registro:
        raise SemCompartilhamento()
    return [n for n in notas if n.medico_id == usuario.id or (todo_o_registro and n.assinada)]


async def listar(
    ctx: Prontuario,
    *,
    usuario: Usuario,
    paciente_id: uuid.UUID,
    ip: str,
    consulta_id: uuid.UUID | None = None,
) -> list[Evolucao]:
    """The notes the caller may read, oldest first (of one consultation if asked); each
    one read is logged."""
    propria = False
    if usuario.papel == "medico" and consulta_id is not None:
        # The consultation's own doctor asks for its note (the consultation page): no share
        # needed, and none written yet is an empty list, not a 403.
        consulta = await ctx.diretorio.consulta(consulta_id, usuario.id)
        propria = (
            consulta is not None
            and consulta.medico_id == usuario.id
            and consulta.paciente_id == paciente_id
        )
    async with ctx.uow() as uow:
        if propria:
            notas = [
                n
                for n in await uow.evolucoes.do_paciente(paciente_id)
                if n.consulta_id == consulta_id and n.medico_id == usuario.id
            ]
        else:
            notas = [
                n
                for n in await _legiveis(ctx, uow, usuario, paciente_id)
                if consulta_id is None or n.consulta_id == consulta_id
            ]
        for n in notas:
            await _registrar(uow, usuario, n, "evolucao_leitura", ip)
        await uow.commit()
    return notas


async def ver(
    ctx: Prontuario, *, usuario: Usuario, paciente_id: uuid.UUID, evolucao_id: uuid.UUID, ip: str
) -> Evolucao:
    """One note the caller may read (404 otherwise); the read is logged."""
    async with ctx.uow() as uow:
        for n in await _legiveis(ctx, uow, usuario, paciente_id):
            if n.id == evolucao_id:
                await _registrar(uow, usuario, n, "evolucao_leitura", ip)
                await uow.commit()
                return n
    raise EvolucaoNaoEncontrada()
