"""The health record with the prontuario service in the aws profile (S3 + DynamoDB on moto's
server), through the public API.

The stack here is a second gateway holding only prontuario, in the aws profile, with its own
database (its access-log chain is keyed by its own audit key, so it must not share the chain of
the main stack's prontuario); it reaches auth, medico and paciente of the main stack, whose
tokens it verifies. The browser's part is played with httpx straight against moto: the
multipart POST (``campos`` then ``file``) and the GET of the presigned download.

What moto proves and what it does not: it stores what the presigned POST sends and serves the
presigned GET, honouring the response overrides; it applies NOTHING of the POST policy (type,
exact length, expiry, signature). So here the upload of other bytes than declared is accepted
by the "bucket", and what is tested is that our confirmation step catches it. That S3 refuses
such a POST in the first place rests on the signed policy, checked in the storage contract
tests, not on anything run here.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
import uuid
import zipfile
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from gateway.app import Gateway, GatewaySettings
from libs import aws
from libs.app import set_endpoints
from libs.migrations import upgrade
from libs.postgres import drop_database, ensure_database
from libs.service_client import Endpoint
from libs.settings import Settings
from libs.testing.contas import registrar_medico
from libs.testing.stack import client_for
from services.prontuario.adapters.armazenamento_s3 import S3DocumentStorage
from services.prontuario.app import create_app
from services.prontuario.comandos import verify_audit
from services.prontuario.domain.documento import Documento
from services.prontuario.settings import ProntuarioSettings
from services.prontuario.tests.api.conftest import (
    PDF,
    PNG,
    compartilhar,
    confirmar,
    consulta_atendida,
    pedir,
)


@pytest.fixture(scope="module")
def banco_aws(postgres_server: Any) -> Iterator[str]:
    """A database of its own for the aws prontuario (its access log has its own chain)."""
    nome = f"healthmed_test_prontuario_aws_{os.getpid()}"
    url = ensure_database(postgres_server.uri(), nome, drop=True)
    upgrade("prontuario", url)
    yield url
    drop_database(postgres_server.uri(), nome)


@pytest.fixture(scope="module")
def aws_settings(
    stack_settings: dict[str, Any], banco_aws: str, recursos_aws: Any, test_data_dir: Any
) -> ProntuarioSettings:
    local = Settings(data_dir=test_data_dir)  # the main stack's secrets, given explicitly
    return ProntuarioSettings(
        **{
            **stack_settings,
            "profile": "aws",
            "database_url": banco_aws,
            "aws_endpoint_url": recursos_aws.endpoint,
            "documentos_bucket": recursos_aws.bucket,
            "prontuario_tabela": recursos_aws.tabela,
            "documentos_kms": recursos_aws.chave_kms,
            "prontuario_chave_auditoria": "chave-de-auditoria-do-teste-aws",
            # Signed documents with a KMS key per doctor (the profile's default is none yet).
            "prontuario_assinatura": "kms",
            # The main stack's auth issues the tokens (Cognito is auth's own aws test).
            "identidade_provedor": "local",
            "service_token": local.secret("service_token"),
            "chave_hash": local.secret("chave_hash"),
            "chave_dados": local.secret("chave_dados"),
        }
    )


@pytest.fixture(scope="module")
async def gateway_aws(gateway: Gateway, aws_settings: ProntuarioSettings) -> AsyncIterator[Gateway]:
    """A gateway in the aws profile with only prontuario, which reaches the main stack."""
    app = create_app(aws_settings)
    gw = Gateway(GatewaySettings(**aws_settings.model_dump()), {"prontuario": app})
    endpoints = {
        nome: Endpoint(f"http://{nome}.interno", httpx.ASGITransport(app=outro))
        for nome, outro in gateway.apps.items()
        if nome != "prontuario"
    }
    endpoints["prontuario"] = Endpoint("http://prontuario.interno", httpx.ASGITransport(app=app))
    set_endpoints(app, endpoints)
    async with gw.lifespan():
        yield gw


@pytest.fixture
async def api_aws(gateway_aws: Gateway) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(gateway_aws) as client:
        yield client


@pytest.fixture(scope="module")
def dynamodb(recursos_aws: Any) -> Any:
    return aws.client(Settings(aws_endpoint_url=recursos_aws.endpoint), "dynamodb")


@pytest.fixture(scope="module")
def s3(recursos_aws: Any) -> Any:
    return aws.s3_client(Settings(aws_endpoint_url=recursos_aws.endpoint))


async def _enviar(upload: dict[str, Any], dados: bytes, tipo: str) -> httpx.Response:
    """What the browser does with a presigned POST: the fields, then the file, to S3."""
    async with httpx.AsyncClient(timeout=30) as http:
        return await http.post(
            upload["url"], data=upload["campos"], files={"file": ("arquivo", dados, tipo)}
        )


async def test_jornada_do_prontuario_no_perfil_aws(
    api_aws, paciente, medico, recursos_aws, dynamodb, aws_settings
):
    r = await pedir(api_aws, paciente, tamanho=len(PDF))
    assert r.status_code == 201, r.text
    envio = r.json()
    upload = envio["upload"]
    assert set(upload) == {"url", "metodo", "campos", "cabecalhos", "expira_em"}
    assert upload["metodo"] == "POST" and upload["cabecalhos"] == {}
    assert upload["url"].startswith(recursos_aws.endpoint)
    # The POST writes a draft; the document is read from its own key once confirmed.
    assert upload["campos"]["key"] == f"envios/{paciente['id']}/{envio['documento']['id']}"
    doc_id = envio["documento"]["id"]

    r = await confirmar(api_aws, paciente, doc_id)
    assert r.status_code == 409  # nothing sent yet

    r = await _enviar(upload, PDF, "application/pdf")
    assert r.status_code == 204, r.text
    r = await confirmar(api_aws, paciente, doc_id)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "disponivel"
    assert r.json()["sha256"] == hashlib.sha256(PDF).hexdigest()

    # Without a share the doctor is refused; with one, the bytes come back from S3.
    r = await api_aws.get(f"/prontuario/{paciente['id']}", headers=medico["headers"])
    assert r.status_code == 403
    r = await compartilhar(api_aws, paciente, medico, documentos=[doc_id], duracao_horas=1)
    assert r.status_code == 201, r.text
    share_id = r.json()["id"]

    r = await api_aws.get(f"/prontuario/{paciente['id']}", headers=medico["headers"])
    assert r.status_code == 200
    assert [d["id"] for d in r.json()["documentos"]] == [doc_id]
    r = await api_aws.get("/prontuario/compartilhados", headers=medico["headers"])
    assert paciente["id"] in [c["paciente"]["id"] for c in r.json()["compartilhados"]]
    r = await api_aws.get(
        f"/prontuario/{paciente['id']}/documentos/{doc_id}", headers=medico["headers"]
    )
    assert r.status_code == 200, r.text
    download = r.json()["download"]
    async with httpx.AsyncClient(timeout=30) as http:
        baixado = await http.get(download["url"])
    assert baixado.status_code == 200 and baixado.content == PDF
    assert baixado.headers["content-disposition"].startswith("attachment;")

    # The metadata is in DynamoDB (the layout of the Terraform table), not in PostgreSQL.
    itens = dynamodb.query(
        TableName=recursos_aws.tabela,
        KeyConditionExpression="paciente_id = :p",
        ExpressionAttributeValues={":p": {"S": paciente["id"]}},
        ConsistentRead=True,
    )["Items"]
    assert {i["documento_id"]["S"] for i in itens} == {f"doc#{doc_id}", f"share#{share_id}"}

    # Revocation works at once; the log (PostgreSQL) tells the whole story.
    r = await api_aws.delete(
        f"/prontuario/{paciente['id']}/compartilhamentos/{share_id}", headers=paciente["headers"]
    )
    assert r.status_code == 204
    r = await api_aws.get(
        f"/prontuario/{paciente['id']}/documentos/{doc_id}", headers=medico["headers"]
    )
    assert r.status_code == 403
    r = await api_aws.get(f"/prontuario/{paciente['id']}/acessos", headers=paciente["headers"])
    acoes = [a["acao"] for a in r.json()["acessos"]]
    assert acoes == ["revogacao", "link_download", "listagem", "compartilhamento"]
    # ... in the patient's own chain, numbered 1 to 4 and whole.
    integridade = await verify_audit.verificar(aws_settings)
    assert integridade.quebra is None
    assert integridade.cabecas[uuid.UUID(paciente["id"])][0] == 4

    # The LGPD export reads the files back from S3 and the metadata from DynamoDB.
    r = await api_aws.get(f"/prontuario/{paciente['id']}/exportacao", headers=paciente["headers"])
    assert r.status_code == 200, r.text
    z = zipfile.ZipFile(io.BytesIO(r.content))
    assert [z.read(n) for n in z.namelist() if n.startswith("arquivos/")] == [PDF]
    (share,) = json.loads(z.read("compartilhamentos.json"))
    assert share["id"] == share_id and share["revogado_em"] is not None


@pytest.mark.parametrize(
    ("enviado", "motivo"),
    [(PNG + b"\x00" * (len(PDF) - len(PNG)), "tipo declarado"), (PDF + b"extra", "bytes")],
    ids=["outro-tipo", "outro-tamanho"],
)
async def test_envio_diferente_do_declarado_e_pego_na_confirmacao(
    api_aws, paciente, recursos_aws, s3, enviado, motivo
):
    r = await pedir(api_aws, paciente, tamanho=len(PDF))
    envio = r.json()
    # moto takes it (real S3 would refuse it by the policy: we do not claim that here).
    r = await _enviar(envio["upload"], enviado, "application/pdf")
    assert r.status_code == 204
    r = await confirmar(api_aws, paciente, envio["documento"]["id"])
    assert r.status_code == 409, r.text
    assert motivo in r.json()["detail"]
    # The wrong bytes are gone, nothing reached the final key, the document stays pending.
    with pytest.raises(s3.exceptions.ClientError):
        s3.head_object(Bucket=recursos_aws.bucket, Key=envio["upload"]["campos"]["key"])
    final = f"{paciente['id']}/{envio['documento']['id']}"
    assert _versoes(s3, recursos_aws.bucket, final) == []
    r = await api_aws.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    (doc,) = [d for d in r.json()["documentos"] if d["id"] == envio["documento"]["id"]]
    assert doc["status"] == "pendente"


async def test_troca_do_rascunho_antes_da_confirmacao_e_pega_pelo_sha256_do_navegador(
    api_aws, paciente, recursos_aws, s3
):
    r = await pedir(api_aws, paciente, tamanho=len(PDF))
    envio = r.json()
    upload, doc_id = envio["upload"], envio["documento"]["id"]
    rascunho, final = upload["campos"]["key"], f"{paciente['id']}/{doc_id}"
    assert (await _enviar(upload, PDF, "application/pdf")).status_code == 204
    # The attack before confirmation: the same presigned POST, other bytes of the same length
    # and type, over the patient's draft (size and type magic cannot tell them apart).
    inicio = b"%PDF-1.7\n% substituto\n"
    outro = inicio + b"9" * (len(PDF) - len(inicio))
    assert len(outro) == len(PDF) and outro != PDF
    assert (await _enviar(upload, outro, "application/pdf")).status_code == 204
    # The app confirms with the hash its browser computed of the patient's file.
    r = await confirmar(api_aws, paciente, doc_id, {"sha256": hashlib.sha256(PDF).hexdigest()})
    assert r.status_code == 409, r.text
    assert "navegador" in r.json()["detail"]
    # Nothing became available: the swapped draft is gone, the final key was never written.
    with pytest.raises(s3.exceptions.ClientError):
        s3.head_object(Bucket=recursos_aws.bucket, Key=rascunho)
    assert _versoes(s3, recursos_aws.bucket, final) == []
    r = await api_aws.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    (doc,) = [d for d in r.json()["documentos"] if d["id"] == doc_id]
    assert doc["status"] == "pendente" and doc["sha256"] is None


def _versoes(s3: Any, bucket: str, chave: str) -> list[dict[str, Any]]:
    """Every version (and delete marker) of exactly ``chave``."""
    resposta = s3.list_object_versions(Bucket=bucket, Prefix=chave)
    return [
        v
        for v in [*resposta.get("Versions", []), *resposta.get("DeleteMarkers", [])]
        if v["Key"] == chave
    ]


def _item_do_documento(dynamodb: Any, recursos_aws: Any, paciente_id: str, doc_id: str) -> Any:
    chave = {"paciente_id": {"S": paciente_id}, "documento_id": {"S": f"doc#{doc_id}"}}
    return dynamodb.get_item(TableName=recursos_aws.tabela, Key=chave, ConsistentRead=True)["Item"]


async def _baixar_pelo_link(api_aws, paciente, doc_id: str) -> tuple[str, bytes]:
    r = await api_aws.get(
        f"/prontuario/{paciente['id']}/documentos/{doc_id}", headers=paciente["headers"]
    )
    assert r.status_code == 200, r.text
    url = r.json()["download"]["url"]
    async with httpx.AsyncClient(timeout=30) as http:
        baixado = await http.get(url)
    assert baixado.status_code == 200, baixado.text
    return url, baixado.content


async def _exportados(api_aws, paciente) -> tuple[dict[str, bytes], list[dict[str, Any]]]:
    r = await api_aws.get(f"/prontuario/{paciente['id']}/exportacao", headers=paciente["headers"])
    assert r.status_code == 200, r.text
    z = zipfile.ZipFile(io.BytesIO(r.content))
    arquivos = {n: z.read(n) for n in z.namelist() if n.startswith("arquivos/")}
    return arquivos, json.loads(z.read("documentos.json"))


async def test_post_pre_assinado_reusado_apos_a_confirmacao_nao_troca_o_documento(
    api_aws, paciente, recursos_aws, s3, dynamodb
):
    r = await pedir(api_aws, paciente, tamanho=len(PDF))
    envio = r.json()
    upload, doc_id = envio["upload"], envio["documento"]["id"]
    rascunho, final = upload["campos"]["key"], f"{paciente['id']}/{doc_id}"
    assert rascunho != final
    assert (await _enviar(upload, PDF, "application/pdf")).status_code == 204
    r = await confirmar(api_aws, paciente, doc_id)
    assert r.status_code == 200, r.text
    sha_confirmado = r.json()["sha256"]
    assert sha_confirmado == hashlib.sha256(PDF).hexdigest()
    # Confirmation copied the checked version to the final key, recorded the copy's version
    # and deleted the draft.
    (conferida,) = _versoes(s3, recursos_aws.bucket, final)
    assert _item_do_documento(dynamodb, recursos_aws, paciente["id"], doc_id)["versao_objeto"] == {
        "S": conferida["VersionId"]
    }
    with pytest.raises(s3.exceptions.ClientError):
        s3.head_object(Bucket=recursos_aws.bucket, Key=rascunho)

    # The attack: the same presigned POST (still valid), other bytes of the same length and
    # type. moto takes it, as S3 would (the policy holds), but it can only write the draft.
    inicio = b"%PDF-1.7\n% substituto\n"
    outro = inicio + b"9" * (len(PDF) - len(inicio))
    assert len(outro) == len(PDF) and outro != PDF
    assert (await _enviar(upload, outro, "application/pdf")).status_code == 204
    assert s3.get_object(Bucket=recursos_aws.bucket, Key=rascunho)["Body"].read() == outro
    # The final key still has exactly one version, the confirmed one, still the current one:
    # the expiry of noncurrent versions can never take it away.
    assert _versoes(s3, recursos_aws.bucket, final) == [conferida]
    assert conferida["IsLatest"]
    assert s3.get_object(Bucket=recursos_aws.bucket, Key=final)["Body"].read() == PDF

    # The link and the export serve the confirmed bytes, whose hash still matches.
    url, baixado = await _baixar_pelo_link(api_aws, paciente, doc_id)
    assert urlsplit(url).path.endswith(f"/{final}")
    assert parse_qs(urlsplit(url).query)["versionId"] == [conferida["VersionId"]]
    assert baixado == PDF
    arquivos, documentos = await _exportados(api_aws, paciente)
    (exportado,) = [v for n, v in arquivos.items() if f"/{doc_id}-" in n]
    assert exportado == PDF
    (meta,) = [d for d in documentos if d["id"] == doc_id]
    assert meta["sha256"] == sha_confirmado == hashlib.sha256(exportado).hexdigest()

    # Confirming again changes nothing: the new draft is never copied.
    r = await confirmar(api_aws, paciente, doc_id)
    assert r.status_code == 200 and r.json()["sha256"] == sha_confirmado
    assert _item_do_documento(dynamodb, recursos_aws, paciente["id"], doc_id)["versao_objeto"] == {
        "S": conferida["VersionId"]
    }
    assert _versoes(s3, recursos_aws.bucket, final) == [conferida]


def _storage(aws_settings: ProntuarioSettings, recursos_aws: Any) -> S3DocumentStorage:
    """The S3 adapter as the service's process builds it (another process, here)."""
    return S3DocumentStorage(
        aws.s3_client(aws_settings),
        bucket=recursos_aws.bucket,
        chave_kms=recursos_aws.chave_kms,
        max_bytes=aws_settings.prontuario_max_bytes,
    )


async def _morre_entre_copia_e_commit(
    aws_settings: ProntuarioSettings, recursos_aws: Any, paciente: Any, envio: Any
) -> str:
    """What a confirmation that died after the copy and before the commit leaves: the draft
    checked and copied to the final key, nothing recorded. Answers the copy's version."""
    d = envio["documento"]
    documento = Documento(
        id=uuid.UUID(d["id"]),
        paciente_id=uuid.UUID(paciente["id"]),
        nome=d["nome"],
        categoria=d["categoria"],
        tipo_conteudo=d["tipo_conteudo"],
        tamanho=d["tamanho"],
        status="pendente",
        criado_em=datetime.now(UTC),
        enviado_por=uuid.UUID(paciente["id"]),
        chave_objeto=f"{paciente['id']}/{d['id']}",
    )
    storage = _storage(aws_settings, recursos_aws)
    enviado = documento.conferir(await storage.inspecionar(storage.chave_envio(documento)))
    copia = await storage.efetivar(documento=documento, enviado=enviado)
    assert copia.versao is not None
    return copia.versao


@pytest.mark.parametrize("rascunho_expirou", [False, True], ids=["com-rascunho", "sem-rascunho"])
async def test_confirmacao_repetida_apos_morrer_entre_copia_e_commit_confirma_uma_vez(
    api_aws, paciente, recursos_aws, s3, dynamodb, aws_settings, rascunho_expirou
):
    r = await pedir(api_aws, paciente, tamanho=len(PDF))
    envio = r.json()
    upload, doc_id = envio["upload"], envio["documento"]["id"]
    rascunho, final = upload["campos"]["key"], f"{paciente['id']}/{doc_id}"
    assert (await _enviar(upload, PDF, "application/pdf")).status_code == 204
    copia = await _morre_entre_copia_e_commit(aws_settings, recursos_aws, paciente, envio)
    item = _item_do_documento(dynamodb, recursos_aws, paciente["id"], doc_id)
    assert item["status"] == {"S": "pendente"} and "versao_objeto" not in item
    if rascunho_expirou:  # a day later, the lifecycle rule
        s3.delete_object(Bucket=recursos_aws.bucket, Key=rascunho)

    r = await confirmar(api_aws, paciente, doc_id)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "disponivel"
    assert r.json()["sha256"] == hashlib.sha256(PDF).hexdigest()
    # The copy already made is the document: no second copy, its version recorded.
    (unica,) = _versoes(s3, recursos_aws.bucket, final)
    assert unica["VersionId"] == copia
    item = _item_do_documento(dynamodb, recursos_aws, paciente["id"], doc_id)
    assert item["versao_objeto"] == {"S": copia}
    with pytest.raises(s3.exceptions.ClientError):
        s3.head_object(Bucket=recursos_aws.bucket, Key=rascunho)
    r = await api_aws.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    assert [d["status"] for d in r.json()["documentos"] if d["id"] == doc_id] == ["disponivel"]
    _, baixado = await _baixar_pelo_link(api_aws, paciente, doc_id)
    assert baixado == PDF


async def test_documento_confirmado_antes_das_versoes_ainda_baixa_pela_chave(
    api_aws, paciente, recursos_aws, dynamodb
):
    r = await pedir(api_aws, paciente, tamanho=len(PDF))
    envio = r.json()
    doc_id = envio["documento"]["id"]
    assert (await _enviar(envio["upload"], PDF, "application/pdf")).status_code == 204
    assert (await confirmar(api_aws, paciente, doc_id)).status_code == 200
    # What an item written before this change looks like: no versao_objeto.
    dynamodb.update_item(
        TableName=recursos_aws.tabela,
        Key={"paciente_id": {"S": paciente["id"]}, "documento_id": {"S": f"doc#{doc_id}"}},
        UpdateExpression="REMOVE versao_objeto",
    )
    assert "versao_objeto" not in _item_do_documento(dynamodb, recursos_aws, paciente["id"], doc_id)
    url, baixado = await _baixar_pelo_link(api_aws, paciente, doc_id)
    assert "versionId" not in parse_qs(urlsplit(url).query)
    assert baixado == PDF
    arquivos, _ = await _exportados(api_aws, paciente)
    assert [v for n, v in arquivos.items() if f"/{doc_id}-" in n] == [PDF]


async def test_perfil_aws_sem_rota_de_arquivos_local_e_pronto(api_aws, gateway_aws):
    r = await api_aws.put(f"/prontuario/arquivos/{uuid.uuid4()}", content=b"x")
    assert r.status_code == 404
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=gateway_aws.apps["prontuario"]), base_url="http://p"
    ) as http:
        r = await http.get("/readyz")
    assert r.status_code == 200, r.text


async def test_compartilhamentos_concorrentes_no_perfil_aws_mantem_a_cadeia_do_paciente(
    api, api_aws, paciente, aws_settings
):
    """Shares write DynamoDB while the patient's chain head is locked: twelve at once still
    give one chain numbered 1 to 12 (and the log says so through the API)."""
    medicos = [await registrar_medico(api) for _ in range(3)]
    respostas = await asyncio.gather(
        *(compartilhar(api_aws, paciente, medicos[i % 3]) for i in range(12))
    )
    assert [r.status_code for r in respostas] == [201] * 12
    integridade = await verify_audit.verificar(aws_settings)
    assert integridade.quebra is None
    assert integridade.cabecas[uuid.UUID(paciente["id"])][0] == 12
    r = await api_aws.get(f"/prontuario/{paciente['id']}/acessos", headers=paciente["headers"])
    assert [a["acao"] for a in r.json()["acessos"]] == ["compartilhamento"] * 12


async def test_receita_no_perfil_aws_assinada_pela_chave_kms_do_medico_no_s3(
    api, api_aws, gateway_aws, paciente, medico, recursos_aws, s3, banco
):
    consulta = await consulta_atendida(api, banco, medico, paciente, ordem=3)

    r = await api_aws.post(
        f"/prontuario/{paciente['id']}/receitas",
        json={
            "consulta_id": consulta["id"],
            "itens": [
                {
                    "medicamento": "Dipirona",
                    "dose": "1 g",
                    "posologia": "6/6 h",
                    "duracao": "2 dias",
                }
            ],
        },
        headers=medico["headers"],
    )

    assert r.status_code == 201, r.text
    emitido = r.json()
    assert emitido["download"]["url"].startswith(recursos_aws.endpoint)  # a presigned S3 GET
    async with httpx.AsyncClient(timeout=30) as http:
        pdf = (await http.get(emitido["download"]["url"])).content
    assinador = gateway_aws.apps["prontuario"].state.prontuario.assinador
    _, _, raiz = pem.unarmor(assinador.raiz_pem())
    (assinatura,) = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    status = await async_validate_pdf_signature(
        assinatura, ValidationContext(trust_roots=[asn1_x509.Certificate.load(raiz)])
    )
    assert status.bottom_line
    objeto = s3.head_object(
        Bucket=recursos_aws.bucket, Key=f"{paciente['id']}/{emitido['documento']['id']}"
    )
    assert objeto["ServerSideEncryption"] == "aws:kms"
    r = await api_aws.get(f"/verificar/{emitido['codigo']}")
    assert r.status_code == 200 and r.json()["sha256"] == hashlib.sha256(pdf).hexdigest()
    r = await api_aws.get(f"/prontuario/{paciente['id']}", headers=paciente["headers"])
    assert [d["id"] for d in r.json()["documentos"]] == [emitido["documento"]["id"]]
