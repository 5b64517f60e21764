"""The prontuario service app: the one place its adapters are chosen."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from libs import aws
from libs.app import create_service_app
from services.prontuario.adapters import pdf_clinico
from services.prontuario.adapters.armazenamento_local import (
    AssinadorDeLinks,
    LocalDocumentStorage,
)
from services.prontuario.adapters.armazenamento_s3 import S3DocumentStorage
from services.prontuario.adapters.assinatura_kms import AssinadorKms
from services.prontuario.adapters.assinatura_teste import AutoridadeDeTeste
from services.prontuario.adapters.diretorio import DiretorioHttp
from services.prontuario.adapters.registros_dynamo import DynamoRecordRepository
from services.prontuario.adapters.uow import DynamoProntuarioUnitOfWork, ProntuarioUnitOfWork
from services.prontuario.ports import AssinadorDePdf, DocumentStorage, UnitOfWork
from services.prontuario.routes import (
    acessos,
    compartilhamentos,
    documentos,
    encerramento,
    evolucoes,
    exportacao,
    receituario,
)
from services.prontuario.service.contexto import Prontuario
from services.prontuario.settings import ProntuarioSettings


def build_local_storage(settings: ProntuarioSettings) -> LocalDocumentStorage:
    """Encrypted files under the data directory, uploaded and served by this service."""
    return LocalDocumentStorage(
        settings.documentos_dir(),
        chave_mestra=settings.chave_mestra(),
        assinador=AssinadorDeLinks(settings.chave_urls()),
        base_url=f"{settings.origin}/api",
    )


def build_s3_storage(settings: ProntuarioSettings) -> S3DocumentStorage:
    """The documents bucket, reached by clients through presigned POST and GET."""
    assert settings.documentos_bucket and settings.documentos_kms  # checked by the settings
    return S3DocumentStorage(
        aws.s3_client(settings),
        bucket=settings.documentos_bucket,
        chave_kms=settings.documentos_kms,
        max_bytes=settings.prontuario_max_bytes,
    )


async def armazenamento(app: FastAPI) -> None:
    """Readiness: the document storage answers."""
    ctx: Prontuario = app.state.prontuario
    await ctx.storage.pronto()


async def metadados(app: FastAPI) -> None:
    """Readiness: the record table answers (aws only: locally the metadata is in the database,
    which ``/readyz`` checks for every service)."""
    tabela: DynamoRecordRepository | None = app.state.tabela_prontuario
    if tabela is not None:
        await tabela.pronto()


def adaptadores(
    settings: ProntuarioSettings, sessions: async_sessionmaker[AsyncSession]
) -> tuple[DocumentStorage, Callable[[], UnitOfWork], DynamoRecordRepository | None]:
    """The storage, the unit of work and (aws) the record table the settings choose: used by
    the app and by the operator's commands (``copia_legal``)."""
    chave_auditoria = settings.chave_auditoria()
    if settings.armazenamento == "aws":
        # S3 + DynamoDB; the access log stays in PostgreSQL (see DynamoProntuarioUnitOfWork).
        assert settings.prontuario_tabela  # checked by the settings
        tabela = settings.prontuario_tabela
        dynamodb = aws.client(settings, "dynamodb")

        def uow_aws() -> UnitOfWork:
            return DynamoProntuarioUnitOfWork(
                sessions, chave_auditoria, dynamodb=dynamodb, tabela=tabela
            )

        return build_s3_storage(settings), uow_aws, DynamoRecordRepository(dynamodb, tabela)

    def uow_local() -> UnitOfWork:
        return ProntuarioUnitOfWork(sessions, chave_auditoria)

    return build_local_storage(settings), uow_local, None


def assinador(settings: ProntuarioSettings) -> AssinadorDePdf | None:
    """Who signs prescriptions and certificates (``None``: issuing answers 503)."""
    if settings.assinatura == "teste":
        return AutoridadeDeTeste(settings.segredo_ac_de_teste())
    if settings.assinatura == "kms":
        autoridade = AutoridadeDeTeste(settings.segredo_ac_de_teste())
        return AssinadorKms(aws.client(settings, "kms"), autoridade)
    return None


def create_app(settings: ProntuarioSettings | None = None) -> FastAPI:
    """Build the prontuario service for the given settings."""
    settings = settings or ProntuarioSettings()

    @contextlib.asynccontextmanager
    async def setup(app: FastAPI) -> AsyncIterator[None]:
        storage, uow, tabela = adaptadores(settings, app.state.sessions)
        app.state.tabela_prontuario = tabela
        app.state.prontuario = Prontuario(
            settings=settings,
            uow=uow,
            storage=storage,
            diretorio=DiretorioHttp(app.state.client),
            assinador=assinador(settings),
            pdf=pdf_clinico,
        )
        yield

    # The order is the order of matching: a literal path (``/prontuario/compartilhados``)
    # before the documents' ``/prontuario/{paciente_id}``, which would take it for an id.
    routers = [
        compartilhamentos.do_medico,
        documentos.router,
        compartilhamentos.router,
        acessos.router,
        exportacao.router,
        evolucoes.router,
        receituario.router,
        encerramento.internal,
    ]
    if settings.armazenamento == "local":
        routers.insert(0, documentos.arquivos)
    return create_service_app(
        name="prontuario",
        settings=settings,
        routers=routers,
        setup=setup,
        readiness=[armazenamento, metadados],
        description="Prontuário eletrônico: documentos, compartilhamentos e registro de acessos.",
    )
