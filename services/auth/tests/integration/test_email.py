"""E-mail delivery: the outbox with the SES adapter against moto's server."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from libs import aws
from libs.db import create_engine, session_factory
from libs.migrations import upgrade
from libs.postgres import drop_database, ensure_database
from services.auth.adapters.mail import CaixaLocal, SesEntrega
from services.auth.adapters.uow import AuthUnitOfWork
from services.auth.service.fila_de_emails import despachar
from services.auth.settings import AuthSettings

REMETENTE = "nao-responda@healthmed.dev"


@pytest.fixture
def outbox_url(postgres_server):
    """An auth schema of its own: the running stack's dispatcher cannot take these e-mails."""
    name = f"healthmed_test_outbox_{os.getpid()}"
    url = ensure_database(postgres_server.uri(), name, drop=True)
    upgrade("auth", url)
    yield url
    drop_database(postgres_server.uri(), name)


@pytest.fixture
async def uow_isolado(outbox_url, test_data_dir) -> AsyncIterator:
    engine = create_engine(
        AuthSettings(database_url=outbox_url, data_dir=test_data_dir), schema="auth"
    )
    sessions = session_factory(engine)
    yield lambda: AuthUnitOfWork(sessions)
    await engine.dispose()


@pytest.fixture
def ses(moto_endpoint, test_data_dir):
    settings = AuthSettings(aws_endpoint_url=moto_endpoint, data_dir=test_data_dir)
    return aws.client(settings, "ses")


async def _pendentes(uow_factory) -> int:
    async with uow_factory() as uow:
        return int(
            (
                await uow.session.execute(
                    text("select count(*) from emails where enviado_em is null")
                )
            ).scalar_one()
        )


async def test_ses_entrega_o_email(ses):
    ses.verify_email_identity(EmailAddress=REMETENTE)
    before = ses.get_send_quota()["SentLast24Hours"]
    await SesEntrega(ses, REMETENTE).entregar("ana@exemplo.com.br", "Assunto", "Corpo")
    assert ses.get_send_quota()["SentLast24Hours"] == before + 1


async def test_falha_do_mailer_mantem_o_email_na_caixa_de_saida_e_entrega_depois(uow_isolado, ses):
    remetente = "outro-remetente@healthmed.dev"  # not verified yet: SES rejects the message
    async with uow_isolado() as uow:
        await uow.emails.add("ana@exemplo.com.br", "Redefinição de senha", "link")
        await uow.commit()
    entrega = SesEntrega(ses, remetente)

    assert await despachar(uow_isolado, entrega) == 0
    assert await _pendentes(uow_isolado) == 1

    ses.verify_email_identity(EmailAddress=remetente)
    assert await despachar(uow_isolado, entrega) == 1
    assert await _pendentes(uow_isolado) == 0
    assert await despachar(uow_isolado, entrega) == 0  # never sent twice


@pytest.fixture(params=["caixa", "ses"])
def entrega(request, ses):
    """Both adapters of the delivery port (the contract below runs against each)."""
    if request.param == "caixa":
        return CaixaLocal()
    ses.verify_email_identity(EmailAddress=REMETENTE)
    return SesEntrega(ses, REMETENTE)


async def test_contrato_entrega_o_que_esta_na_caixa_uma_vez_so(uow_isolado, entrega):
    async with uow_isolado() as uow:
        await uow.emails.add("ana@exemplo.com.br", "Consulta confirmada", "Até lá.")
        await uow.emails.add("bruno@exemplo.com.br", "Consulta cancelada", "Motivo: agenda.")
        await uow.commit()
    assert await despachar(uow_isolado, entrega) == 2
    assert await _pendentes(uow_isolado) == 0
    assert await despachar(uow_isolado, entrega) == 0
    async with uow_isolado() as uow:
        enviados = await uow.emails.listar(None)
    assert {e.assunto for e in enviados} == {"Consulta confirmada", "Consulta cancelada"}
    assert all(e.enviado_em is not None for e in enviados)
