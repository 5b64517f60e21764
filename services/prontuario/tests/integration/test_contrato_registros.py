"""The contract of the ``RecordRepository`` port (documents and shares), against PostgreSQL
(the DynamoDB adapter will add its own parameter to ``repositorio``)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from services.prontuario.domain.compartilhamento import Compartilhamento
from services.prontuario.domain.documento import Documento, chave_objeto


@pytest.fixture(params=["postgres"])
def unidade(request, uow_factory):
    """A unit-of-work factory whose ``registros`` is each metadata adapter."""
    return uow_factory


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
    async with unidade() as uow:
        await uow.registros.salvar_documento(d1)
        await uow.commit()
    async with unidade() as uow:
        lido = await uow.registros.documento(pid, d1.id)
        todos = await uow.registros.documentos(pid)
        de_outro = await uow.registros.documento(uuid.uuid4(), d1.id)
    assert lido == d1
    assert [d.id for d in todos] == [d1.id, d2.id]
    assert de_outro is None


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
