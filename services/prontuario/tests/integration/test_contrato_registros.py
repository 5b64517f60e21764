"""The contract of the ``RecordRepository`` port (documents and shares): the same tests against
PostgreSQL and against DynamoDB on moto's server; then what only the DynamoDB unit of work
promises about the order of its two stores."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from libs import errors
from services.prontuario.domain.auditoria import NovoAcesso
from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import Documento, chave_objeto


@pytest.fixture(params=["postgres", "dynamodb"])
def unidade(request):
    """A unit-of-work factory whose ``registros`` is each metadata adapter."""
    if request.param == "postgres":
        return request.getfixturevalue("uow_factory")
    return request.getfixturevalue("dynamo_uow_factory")


def _doc(paciente_id: uuid.UUID, quando: datetime, nome: str = "exame.pdf") -> Documento:
    did = uuid.uuid4()
    return Documento(
        id=did,
        paciente_id=paciente_id,
        nome=nome,
        categoria="exame",
        tipo_conteudo="application/pdf",
        tamanho=1234,
        status="pendente",
        criado_em=quando,
        enviado_por=paciente_id,
        chave_objeto=chave_objeto(paciente_id, did),
    )


def _share(paciente_id, medico_id, docs, agora, horas=1.0) -> Compartilhamento:
    return Compartilhamento(
        id=uuid.uuid4(),
        paciente_id=paciente_id,
        medico_id=medico_id,
        documentos=frozenset(docs) if docs is not None else None,
        expira_em=agora + timedelta(hours=horas),
        criado_em=agora,
    )


async def test_documento_guardado_lido_e_confirmado(unidade):
    pid = uuid.uuid4()
    agora = datetime.now(UTC)
    d1, d2 = _doc(pid, agora), _doc(pid, agora + timedelta(seconds=1), "b.pdf")
    async with unidade() as uow:
        await uow.registros.adicionar_documento(d1)
        await uow.registros.adicionar_documento(d2)
        await uow.commit()
    d1.status, d1.sha256 = "disponivel", "f" * 64
    d1.versao_objeto = "3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY.FQ_3"  # an S3 VersionId's alphabet
    async with unidade() as uow:
        await uow.registros.salvar_documento(d1)
        await uow.commit()
    async with unidade() as uow:
        lido = await uow.registros.documento(pid, d1.id)
        todos = await uow.registros.documentos(pid)
        de_outro = await uow.registros.documento(uuid.uuid4(), d1.id)
    assert lido == d1 and lido.versao_objeto == d1.versao_objeto
    assert [d.id for d in todos] == [d1.id, d2.id]
    assert [d.versao_objeto for d in todos] == [d1.versao_objeto, None]
    assert de_outro is None


async def test_documento_confirmado_sem_versao_do_objeto_le_sem_versao(unidade):
    # The local storage has no versions, and documents confirmed before they were recorded
    # have none either: both read back as None (and are read by key).
    pid = uuid.uuid4()
    d = _doc(pid, datetime.now(UTC))
    async with unidade() as uow:
        await uow.registros.adicionar_documento(d)
        await uow.commit()
    d.status, d.sha256 = "disponivel", "e" * 64
    async with unidade() as uow:
        await uow.registros.salvar_documento(d)
        await uow.commit()
    async with unidade() as uow:
        lido = await uow.registros.documento(pid, d.id)
    assert lido == d and lido.disponivel and lido.versao_objeto is None


async def test_sem_commit_nada_fica(unidade):
    pid = uuid.uuid4()
    async with unidade() as uow:
        await uow.registros.adicionar_documento(_doc(pid, datetime.now(UTC)))
    async with unidade() as uow:
        assert await uow.registros.documentos(pid) == []


async def test_compartilhamentos_por_paciente_e_por_medico(unidade):
    pid, outro_pid, mid = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    agora = datetime.now(UTC)
    d = _doc(pid, agora)
    todo = _share(pid, mid, None, agora)
    escolhido = _share(pid, mid, [d.id], agora + timedelta(seconds=1))
    de_outro = _share(outro_pid, mid, None, agora + timedelta(seconds=2))
    async with unidade() as uow:
        await uow.registros.adicionar_documento(d)
        for c in (todo, escolhido, de_outro):
            await uow.registros.adicionar_compartilhamento(c)
        await uow.commit()
    async with unidade() as uow:
        do_paciente = await uow.registros.compartilhamentos(pid)
        com_medico = await uow.registros.compartilhamentos_com(mid)
        com_medico_do_paciente = await uow.registros.compartilhamentos_com(mid, pid)
        um = await uow.registros.compartilhamento(pid, escolhido.id)
        alheio = await uow.registros.compartilhamento(pid, de_outro.id)
    assert do_paciente == [escolhido, todo]
    assert com_medico == [de_outro, escolhido, todo]
    assert com_medico_do_paciente == [escolhido, todo]
    assert um is not None and um.documentos == frozenset({d.id})
    assert alheio is None


async def test_revogacao_persiste(unidade):
    pid, mid = uuid.uuid4(), uuid.uuid4()
    agora = datetime.now(UTC)
    c = _share(pid, mid, None, agora)
    async with unidade() as uow:
        await uow.registros.adicionar_compartilhamento(c)
        await uow.commit()
    c.revogar(agora + timedelta(minutes=1))
    async with unidade() as uow:
        await uow.registros.salvar_compartilhamento(c)
        await uow.commit()
    async with unidade() as uow:
        lido = await uow.registros.compartilhamento(pid, c.id)
    assert lido is not None and lido.revogado_em == c.revogado_em
    assert not lido.ativo(agora + timedelta(minutes=2))


# -- DynamoDB and PostgreSQL in one unit of work: the order of the writes ------------------------
def _entrada(c: Compartilhamento, acao: str) -> NovoAcesso:
    return NovoAcesso(
        paciente_id=c.paciente_id,
        usuario_id=c.paciente_id,
        papel="paciente",
        acao=acao,  # type: ignore[arg-type]
        ip="198.51.100.9",
        compartilhamento_id=c.id,
    )


async def _log(uow_factory, paciente_id):
    async with uow_factory() as uow:
        return await uow.acessos.do_paciente(paciente_id)


async def _lido(uow_factory, c: Compartilhamento):
    async with uow_factory() as uow:
        return await uow.registros.compartilhamento(c.paciente_id, c.id)


async def test_dynamo_recusa_e_o_registro_de_acessos_nao_guarda_o_ato(dynamo_uow_factory):
    agora = datetime.now(UTC)
    c = _share(uuid.uuid4(), uuid.uuid4(), None, agora)
    async with dynamo_uow_factory() as uow:
        await uow.registros.adicionar_compartilhamento(c)
        await uow.commit()
    mesmo_id = dataclasses.replace(c, expira_em=agora + timedelta(days=20))
    with pytest.raises(errors.Conflito):
        async with dynamo_uow_factory() as uow:
            await uow.registros.adicionar_compartilhamento(mesmo_id)
            await uow.acessos.registrar(_entrada(c, "compartilhamento"))
            await uow.commit()
    assert await _lido(dynamo_uow_factory, c) == c  # a new item never replaces one
    assert await _log(dynamo_uow_factory, c.paciente_id) == []


async def test_dynamo_nao_cria_meio_item_ao_salvar_o_que_nao_existe(dynamo_uow_factory):
    c = _share(uuid.uuid4(), uuid.uuid4(), None, datetime.now(UTC))
    c.revogar(datetime.now(UTC))
    with pytest.raises(errors.Conflito):
        async with dynamo_uow_factory() as uow:
            await uow.registros.salvar_compartilhamento(c)
            await uow.commit()
    assert await _lido(dynamo_uow_factory, c) is None


async def test_postgres_falha_no_commit_e_o_dynamodb_e_desfeito(dynamo_uow_factory):
    pid, mid = uuid.uuid4(), uuid.uuid4()
    agora = datetime.now(UTC)
    antigo, novo = _share(pid, mid, None, agora), _share(pid, mid, None, agora)
    async with dynamo_uow_factory() as uow:
        await uow.registros.adicionar_compartilhamento(antigo)
        await uow.commit()
    async with dynamo_uow_factory() as uow:
        # A real failure at PostgreSQL's commit: a deferred constraint checked only then.
        await uow.session.execute(
            text("create temp table falha (id int primary key deferrable initially deferred)")
        )
        await uow.session.execute(text("insert into falha values (1), (1)"))
        revogado = dataclasses.replace(antigo)
        revogado.revogar(agora)
        await uow.registros.salvar_compartilhamento(revogado)
        await uow.registros.adicionar_compartilhamento(novo)
        await uow.acessos.registrar(_entrada(novo, "compartilhamento"))
        with pytest.raises(IntegrityError):
            await uow.commit()
    assert await _lido(dynamo_uow_factory, novo) is None
    assert await _lido(dynamo_uow_factory, antigo) == antigo  # not revoked after all
    assert await _log(dynamo_uow_factory, pid) == []


async def test_desfazer_nao_apaga_o_que_outro_gravou_depois(dynamo_uow_factory):
    agora = datetime.now(UTC)
    c = _share(uuid.uuid4(), uuid.uuid4(), None, agora)
    async with dynamo_uow_factory() as uow:
        await uow.registros.adicionar_compartilhamento(c)
        await uow.commit()
    async with dynamo_uow_factory() as primeiro:
        a = dataclasses.replace(c, expira_em=agora + timedelta(hours=3))
        await primeiro.registros.salvar_compartilhamento(a)
        await primeiro.registros.gravar()
        async with dynamo_uow_factory() as segundo:
            b = dataclasses.replace(c)
            b.revogar(agora + timedelta(minutes=1))
            await segundo.registros.salvar_compartilhamento(b)
            await segundo.commit()
        await primeiro.registros.desfazer()  # finds the second writer's version: leaves it
    assert await _lido(dynamo_uow_factory, c) == b
