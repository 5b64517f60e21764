"""The contract of the ``DocumentStorage`` port. Every adapter runs the same tests: the
fixture ``adaptador`` gives the storage plus how a client sends to and reads from its signed
URLs: the local adapter directly, the S3 adapter against moto's server (a real multipart POST
and a real GET over HTTP).

moto applies nothing of a presigned POST's policy (type, length, expiry, signature): the two
tests of refused uploads run where the refusal can really happen (locally); for S3 what can be
checked here is the signed policy itself, and that confirmation catches the mismatch (the
API tests)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from botocore.exceptions import ClientError

from libs import aws, errors
from libs.settings import Settings
from services.prontuario.adapters.armazenamento_local import (
    ROTA_ARQUIVOS,
    ArquivoCorrompido,
    AssinadorDeLinks,
    LocalDocumentStorage,
)
from services.prontuario.adapters.armazenamento_s3 import S3DocumentStorage
from services.prontuario.domain.documento import (
    BYTES_INICIAIS,
    Documento,
    ObjetoArmazenado,
    chave_objeto,
)

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"\n%%EOF\n"


@dataclass
class Adaptador:
    storage: Any
    enviar: Any  # async (PedidoEnvio, bytes, tipo) -> None
    baixar: Any  # async (url) -> bytes
    aplica_a_politica: bool = True  # whether refusing a wrong upload can be observed here


def _token(url: str) -> str:
    return url.split(ROTA_ARQUIVOS, 1)[1]


async def _partes(dados: bytes, tamanho: int = 65536) -> AsyncIterator[bytes]:
    for i in range(0, len(dados), tamanho):
        yield dados[i : i + tamanho]


def _local(raiz: Path) -> Adaptador:
    storage = LocalDocumentStorage(
        raiz,
        chave_mestra=b"m" * 32,
        assinador=AssinadorDeLinks(b"u" * 32),
        base_url="http://127.0.0.1:8000/api",
    )

    async def enviar(pedido: Any, dados: bytes, tipo: str | None = None) -> None:
        tipo = tipo or pedido.cabecalhos["Content-Type"]
        await storage.receber(_token(pedido.url), tipo_conteudo=tipo, corpo=_partes(dados))

    async def baixar(url: str) -> bytes:
        link = storage.link_de_download(_token(url))
        return bytes(await storage.ler(link.chave))

    return Adaptador(storage, enviar, baixar)


def _s3(recursos: Any, max_bytes: int = 25 * 1024 * 1024) -> Adaptador:
    settings = Settings(profile="local", aws_endpoint_url=recursos.endpoint)
    storage = S3DocumentStorage(
        aws.s3_client(settings),
        bucket=recursos.bucket,
        chave_kms=recursos.chave_kms,
        max_bytes=max_bytes,
    )

    async def enviar(pedido: Any, dados: bytes, tipo: str | None = None) -> None:
        # What a browser does: the signed fields first, then the file.
        assert pedido.metodo == "POST"
        arquivo = ("documento", dados, tipo or pedido.campos["Content-Type"])
        async with httpx.AsyncClient(timeout=30) as http:
            r = await http.post(pedido.url, data=pedido.campos, files={"file": arquivo})
        if r.status_code == 400 and b"EntityTooLarge" in r.content:
            raise errors.MuitoGrande(r.text)
        if r.status_code == 403:
            raise errors.TipoNaoSuportado(r.text)
        assert r.status_code == 204, r.text

    async def baixar(url: str) -> bytes:
        async with httpx.AsyncClient(timeout=30) as http:
            r = await http.get(url)
        assert r.status_code == 200, r.text
        return r.content

    return Adaptador(storage, enviar, baixar, aplica_a_politica=False)


@pytest.fixture(params=["local", "s3"])
def adaptador(request: pytest.FixtureRequest, tmp_path: Path) -> Adaptador:
    """Each storage adapter, ready to use."""
    if request.param == "local":
        return _local(tmp_path / "prontuario")
    if request.param == "s3":
        return _s3(request.getfixturevalue("recursos_aws"))
    raise AssertionError(request.param)


def _documento(tipo: str = "application/pdf", tamanho: int = len(PDF)) -> Documento:
    pid, did = uuid.uuid4(), uuid.uuid4()
    return Documento(
        id=did,
        paciente_id=pid,
        nome="laudo.pdf",
        categoria="laudo",
        tipo_conteudo=tipo,
        tamanho=tamanho,
        status="pendente",
        criado_em=datetime.now(UTC),
        enviado_por=pid,
        chave_objeto=chave_objeto(pid, did),
    )


def _daqui(minutos: int = 5) -> datetime:
    return (datetime.now(UTC) + timedelta(minutes=minutos)).replace(microsecond=0)


async def _enviado(a: Adaptador, doc: Documento, dados: bytes = PDF) -> Any:
    """Upload through the signed request; answers the request (it stays valid)."""
    pedido = await a.storage.preparar_envio(documento=doc, expira_em=_daqui())
    await a.enviar(pedido, dados)
    return pedido


async def _confirmado(a: Adaptador, doc: Documento) -> ObjetoArmazenado:
    """What the confirmation use case does with the storage: inspect the draft, check it,
    make it the document, record it, drop the draft."""
    enviado = doc.conferir(await a.storage.inspecionar(a.storage.chave_envio(doc)))
    final = await a.storage.efetivar(documento=doc, enviado=enviado)
    doc.confirmar(final)
    await a.storage.descartar_envio(doc)
    return final


async def test_envio_assinado_guarda_e_inspecao_descreve(adaptador: Adaptador):
    doc = _documento()
    pedido = await adaptador.storage.preparar_envio(documento=doc, expira_em=_daqui())
    assert pedido.metodo in ("PUT", "POST") and pedido.url.startswith("http")
    await adaptador.enviar(pedido, PDF)
    objeto = await adaptador.storage.inspecionar(adaptador.storage.chave_envio(doc))
    assert objeto is not None
    assert objeto.tamanho == len(PDF)
    assert objeto.inicio == PDF[:BYTES_INICIAIS]
    assert objeto.sha256 == hashlib.sha256(PDF).hexdigest()


async def test_nada_enviado_inspecao_e_none(adaptador: Adaptador):
    assert await adaptador.storage.inspecionar(_documento().chave_objeto) is None


async def test_link_de_download_devolve_os_mesmos_bytes(adaptador: Adaptador):
    doc = _documento()
    await _enviado(adaptador, doc)
    await _confirmado(adaptador, doc)
    url = await adaptador.storage.preparar_download(documento=doc, expira_em=_daqui(1))
    assert await adaptador.baixar(url) == PDF
    assert await adaptador.storage.ler(doc.chave_objeto) == PDF


async def test_efetivar_faz_do_envio_conferido_o_documento_na_chave_final(adaptador: Adaptador):
    doc = _documento()
    await _enviado(adaptador, doc)
    final = await _confirmado(adaptador, doc)
    assert final.sha256 == hashlib.sha256(PDF).hexdigest() == doc.sha256
    assert doc.versao_objeto == final.versao
    assert await adaptador.storage.ler(doc.chave_objeto, versao=doc.versao_objeto) == PDF
    descrito = await adaptador.storage.inspecionar(doc.chave_objeto)
    assert descrito is not None and descrito.sha256 == doc.sha256
    assert descrito.versao == doc.versao_objeto


async def test_efetivar_de_novo_descreve_a_mesma_copia_sem_escrever(adaptador: Adaptador):
    # A confirmation retried after dying between the copy and its commit.
    doc = _documento()
    await _enviado(adaptador, doc)
    enviado = doc.conferir(await adaptador.storage.inspecionar(adaptador.storage.chave_envio(doc)))
    primeira = await adaptador.storage.efetivar(documento=doc, enviado=enviado)
    segunda = await adaptador.storage.efetivar(documento=doc, enviado=enviado)
    assert segunda == primeira
    assert await adaptador.storage.ler(doc.chave_objeto, versao=segunda.versao) == PDF


async def test_descartar_envio_nunca_apaga_o_documento(adaptador: Adaptador):
    doc = _documento()
    await _enviado(adaptador, doc)
    await _confirmado(adaptador, doc)
    await adaptador.storage.descartar_envio(doc)  # again: nothing there, no error
    assert await adaptador.storage.ler(doc.chave_objeto, versao=doc.versao_objeto) == PDF
    if adaptador.storage.chave_envio(doc) != doc.chave_objeto:
        assert await adaptador.storage.inspecionar(adaptador.storage.chave_envio(doc)) is None


async def test_bytes_conferidos_sao_os_servidos_mesmo_com_novo_envio_na_mesma_url(
    adaptador: Adaptador,
):
    # The upload URL lives on after confirmation: whoever holds it tries other bytes of the
    # same length and type. Locally the file is written once (refused); on S3 the POST lands
    # in the draft only, which nothing reads any more.
    doc = _documento()
    pedido = await _enviado(adaptador, doc)
    await _confirmado(adaptador, doc)
    outro = b"%PDF-9.9" + PDF[8:][::-1]
    assert len(outro) == len(PDF) and outro != PDF
    if isinstance(adaptador.storage, LocalDocumentStorage):
        with pytest.raises(errors.Conflito):
            await adaptador.enviar(pedido, outro)
    else:
        await adaptador.enviar(pedido, outro)  # S3 takes it: the policy still holds
    url = await adaptador.storage.preparar_download(documento=doc, expira_em=_daqui(1))
    assert await adaptador.baixar(url) == PDF
    assert await adaptador.storage.ler(doc.chave_objeto, versao=doc.versao_objeto) == PDF
    assert await adaptador.storage.ler(doc.chave_objeto) == PDF  # the final key: untouched
    assert doc.sha256 == hashlib.sha256(PDF).hexdigest()


async def test_remover_apaga_e_pode_repetir(adaptador: Adaptador):
    doc = _documento()
    await adaptador.enviar(
        await adaptador.storage.preparar_envio(documento=doc, expira_em=_daqui()), PDF
    )
    rascunho = adaptador.storage.chave_envio(doc)
    await adaptador.storage.remover(rascunho)
    assert await adaptador.storage.inspecionar(rascunho) is None
    await adaptador.storage.remover(rascunho)


def _so_onde_a_politica_vale(adaptador: Adaptador) -> None:
    if not adaptador.aplica_a_politica:
        pytest.skip("moto não aplica a política do POST; ver test_s3_politica_do_post_*")


async def test_envio_maior_que_o_declarado_e_recusado(adaptador: Adaptador):
    _so_onde_a_politica_vale(adaptador)
    doc = _documento(tamanho=10)
    pedido = await adaptador.storage.preparar_envio(documento=doc, expira_em=_daqui())
    with pytest.raises(errors.MuitoGrande):
        await adaptador.enviar(pedido, PDF[:11])
    assert await adaptador.storage.inspecionar(adaptador.storage.chave_envio(doc)) is None


async def test_envio_com_outro_tipo_e_recusado(adaptador: Adaptador):
    _so_onde_a_politica_vale(adaptador)
    doc = _documento()
    pedido = await adaptador.storage.preparar_envio(documento=doc, expira_em=_daqui())
    with pytest.raises(errors.TipoNaoSuportado):
        await adaptador.enviar(pedido, PDF, "text/html")
    assert await adaptador.storage.inspecionar(adaptador.storage.chave_envio(doc)) is None


def _arquivos_em_disco(raiz: Path) -> list[bytes]:
    return [p.read_bytes() for p in sorted(raiz.rglob("*.hmd"))]


# -- what only the local adapter promises (S3 gives the same through SSE-KMS and versioning) --
async def test_local_arquivo_em_disco_e_cifrado_com_chave_propria(tmp_path: Path):
    a = _local(tmp_path)
    d1, d2 = _documento(), _documento()
    for d in (d1, d2):
        await a.enviar(await a.storage.preparar_envio(documento=d, expira_em=_daqui()), PDF)
    em_disco = _arquivos_em_disco(tmp_path)
    assert len(em_disco) == 2
    for bruto in em_disco:
        assert b"%PDF" not in bruto and PDF[100:200] not in bruto
    # Same plaintext, different document keys and nonces: nothing in common but the header.
    assert em_disco[0][4:] != em_disco[1][4:]


async def test_local_arquivo_trocado_de_lugar_nao_abre(tmp_path: Path):
    a = _local(tmp_path)
    d1, d2 = _documento(), _documento()
    for d in (d1, d2):
        await a.enviar(await a.storage.preparar_envio(documento=d, expira_em=_daqui()), PDF)
    p1, p2 = (tmp_path / f"{d.chave_objeto}.hmd" for d in (d1, d2))
    p2.write_bytes(p1.read_bytes())
    with pytest.raises(ArquivoCorrompido):
        await a.storage.ler(d2.chave_objeto)


async def test_local_outra_chave_mestra_nao_abre(tmp_path: Path):
    a = _local(tmp_path)
    d = _documento()
    await a.enviar(await a.storage.preparar_envio(documento=d, expira_em=_daqui()), PDF)
    outra = LocalDocumentStorage(
        tmp_path, chave_mestra=b"n" * 32, assinador=AssinadorDeLinks(b"u" * 32), base_url=""
    )
    with pytest.raises(ArquivoCorrompido):
        await outra.ler(d.chave_objeto)


async def test_local_arquivo_gravado_uma_vez_so(tmp_path: Path):
    a = _local(tmp_path)
    d = _documento()
    pedido = await a.storage.preparar_envio(documento=d, expira_em=_daqui())
    await a.enviar(pedido, PDF)
    with pytest.raises(errors.Conflito):
        await a.enviar(pedido, b"%PDF-substituto" + PDF[15:])
    assert await a.storage.ler(d.chave_objeto) == PDF


async def test_pronto_so_quando_acessivel(
    adaptador: Adaptador, tmp_path: Path, request: pytest.FixtureRequest
):
    await adaptador.storage.pronto()
    if isinstance(adaptador.storage, LocalDocumentStorage):
        (tmp_path / "ocupado").write_bytes(b"")  # a file where the directory would be
        inacessivel = _local(tmp_path / "ocupado" / "prontuario")
    else:
        recursos = request.getfixturevalue("recursos_aws")
        inacessivel = _s3(dataclasses.replace(recursos, bucket=f"sem-bucket-{uuid.uuid4().hex}"))
    with pytest.raises((OSError, errors.ServicoIndisponivel)):
        await inacessivel.storage.pronto()


# -- what only the S3 adapter promises -------------------------------------------------------
def _politica(pedido: Any) -> dict[str, Any]:
    politica: dict[str, Any] = json.loads(base64.b64decode(pedido.campos["policy"]))
    return politica


async def test_s3_politica_do_post_fixa_chave_tipo_tamanho_exato_e_chave_kms(recursos_aws):
    a = _s3(recursos_aws)
    doc = _documento(tipo="image/png", tamanho=4321)
    expira_em = _daqui(15)
    pedido = await a.storage.preparar_envio(documento=doc, expira_em=expira_em)
    assert pedido.metodo == "POST" and pedido.cabecalhos == {}
    assert pedido.url.rstrip("/").endswith(recursos_aws.bucket)
    # The draft, never the key that is read once the document is confirmed.
    assert pedido.campos["key"] == f"envios/{doc.chave_objeto}" == a.storage.chave_envio(doc)
    assert pedido.campos["key"] != doc.chave_objeto
    assert pedido.campos["Content-Type"] == "image/png"
    politica = _politica(pedido)
    condicoes = politica["conditions"]
    assert {"bucket": recursos_aws.bucket} in condicoes
    assert {"key": f"envios/{doc.chave_objeto}"} in condicoes  # exact, not a starts-with
    assert {"key": doc.chave_objeto} not in condicoes
    assert {"Content-Type": "image/png"} in condicoes
    assert ["content-length-range", 4321, 4321] in condicoes
    assert {"x-amz-server-side-encryption": "aws:kms"} in condicoes
    assert {"x-amz-server-side-encryption-aws-kms-key-id": recursos_aws.chave_kms} in condicoes
    assert not [c for c in condicoes if isinstance(c, list) and c[0] == "starts-with"]
    fim = datetime.fromisoformat(politica["expiration"].replace("Z", "+00:00"))
    assert expira_em - timedelta(seconds=5) <= fim <= expira_em


async def test_s3_rascunho_e_copia_ficam_cifrados_com_a_chave_do_prontuario(recursos_aws):
    a = _s3(recursos_aws)
    doc = _documento()
    await _enviado(a, doc)
    s3 = aws.s3_client(Settings(profile="local", aws_endpoint_url=recursos_aws.endpoint))
    rascunho = await aws.call(
        s3.head_object, Bucket=recursos_aws.bucket, Key=a.storage.chave_envio(doc)
    )
    await _confirmado(a, doc)
    final = await aws.call(
        s3.head_object,
        Bucket=recursos_aws.bucket,
        Key=doc.chave_objeto,
        VersionId=doc.versao_objeto,
    )
    for cabeca in (rascunho, final):
        assert cabeca["ServerSideEncryption"] == "aws:kms"
        assert cabeca["SSEKMSKeyId"] == recursos_aws.chave_kms
        assert cabeca["ContentType"] == "application/pdf"
    assert final["Metadata"] == {"sha256": hashlib.sha256(PDF).hexdigest()}


async def test_s3_link_de_download_expira_no_prazo_dado_e_baixa_como_anexo(recursos_aws):
    a = _s3(recursos_aws)
    doc = _documento()
    doc.nome = "laudo de março.pdf"
    await _enviado(a, doc)
    await _confirmado(a, doc)
    expira_em = (datetime.now(UTC) + timedelta(seconds=90)).replace(microsecond=0)
    url = await a.storage.preparar_download(documento=doc, expira_em=expira_em)
    q = parse_qs(urlsplit(url).query)
    assinado_em = datetime.strptime(q["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    fim = assinado_em + timedelta(seconds=int(q["X-Amz-Expires"][0]))
    assert expira_em - timedelta(seconds=3) <= fim <= expira_em  # never past what was given
    async with httpx.AsyncClient(timeout=30) as http:
        r = await http.get(url)
    assert r.status_code == 200 and r.content == PDF
    assert r.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''laudo%20de%20mar%C3%A7o.pdf"
    )
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["cache-control"] == "no-store"


async def test_s3_objeto_maior_que_qualquer_documento_nao_e_lido_inteiro(recursos_aws):
    a = _s3(recursos_aws, max_bytes=len(PDF) - 1)
    doc = _documento()
    await _enviado(a, doc)
    objeto = await a.storage.inspecionar(a.storage.chave_envio(doc))
    assert objeto is not None and objeto.tamanho == len(PDF) and objeto.sha256 == ""
    assert objeto.inicio == PDF[:BYTES_INICIAIS]
    doc_declarado = _documento(tamanho=len(PDF) - 1)
    with pytest.raises(errors.Conflito):
        doc_declarado.confirmar(objeto)  # rejected on size: the empty hash is never kept


def _s3_cliente(recursos: Any) -> Any:
    return aws.s3_client(Settings(profile="local", aws_endpoint_url=recursos.endpoint))


def _versoes(s3: Any, bucket: str, chave: str) -> list[dict[str, Any]]:
    """Every version (and delete marker) of exactly ``chave``."""
    resposta = s3.list_object_versions(Bucket=bucket, Prefix=chave)
    return [
        v
        for v in [*resposta.get("Versions", []), *resposta.get("DeleteMarkers", [])]
        if v["Key"] == chave
    ]


async def test_s3_inspecao_descreve_a_versao_corrente_e_o_download_a_fixa(recursos_aws):
    a = _s3(recursos_aws)
    doc = _documento()
    pedido = await _enviado(a, doc)
    s3 = _s3_cliente(recursos_aws)
    rascunho = a.storage.chave_envio(doc)
    cabeca = await aws.call(s3.head_object, Bucket=recursos_aws.bucket, Key=rascunho)
    objeto = await a.storage.inspecionar(rascunho)
    assert objeto is not None and objeto.versao == cabeca["VersionId"]
    final = await _confirmado(a, doc)
    (unica,) = _versoes(s3, recursos_aws.bucket, doc.chave_objeto)
    assert final.versao == doc.versao_objeto == unica["VersionId"] and unica["IsLatest"]
    url = await a.storage.preparar_download(documento=doc, expira_em=_daqui(1))
    assert parse_qs(urlsplit(url).query)["versionId"] == [doc.versao_objeto]
    # The same POST again: it writes the draft only. The final key keeps its one version,
    # which stays the current one (so the expiry of noncurrent versions never reaches it).
    outro = b"%PDF-9.9" + PDF[8:][::-1]
    await a.enviar(pedido, outro)
    assert s3.get_object(Bucket=recursos_aws.bucket, Key=rascunho)["Body"].read() == outro
    assert _versoes(s3, recursos_aws.bucket, doc.chave_objeto) == [unica]
    assert await a.baixar(url) == PDF
    assert await a.storage.ler(doc.chave_objeto, versao=doc.versao_objeto) == PDF
    assert await a.storage.ler(doc.chave_objeto) == PDF


async def test_s3_copia_e_da_versao_conferida_mesmo_com_novo_post_antes_dela(recursos_aws):
    # Other bytes POSTed to the draft between the check and the copy never reach the
    # document: the copy asks for the version that was checked.
    a = _s3(recursos_aws)
    doc = _documento()
    pedido = await _enviado(a, doc)
    enviado = doc.conferir(await a.storage.inspecionar(a.storage.chave_envio(doc)))
    await a.enviar(pedido, b"%PDF-9.9" + PDF[8:][::-1])
    final = await a.storage.efetivar(documento=doc, enviado=enviado)
    assert await a.storage.ler(doc.chave_objeto, versao=final.versao) == PDF
    assert await a.storage.ler(doc.chave_objeto) == PDF


async def test_s3_efetivar_de_novo_deixa_uma_versao_so_na_chave_final(recursos_aws):
    a = _s3(recursos_aws)
    doc = _documento()
    await _enviado(a, doc)
    enviado = doc.conferir(await a.storage.inspecionar(a.storage.chave_envio(doc)))
    primeira = await a.storage.efetivar(documento=doc, enviado=enviado)
    segunda = await a.storage.efetivar(documento=doc, enviado=enviado)
    (unica,) = _versoes(_s3_cliente(recursos_aws), recursos_aws.bucket, doc.chave_objeto)
    assert primeira.versao == segunda.versao == unica["VersionId"]


async def test_s3_descartar_envio_apaga_o_rascunho(recursos_aws):
    a = _s3(recursos_aws)
    doc = _documento()
    await _enviado(a, doc)
    await _confirmado(a, doc)
    s3 = _s3_cliente(recursos_aws)
    with pytest.raises(s3.exceptions.ClientError):
        s3.head_object(Bucket=recursos_aws.bucket, Key=a.storage.chave_envio(doc))


async def test_s3_documento_sem_versao_registrada_baixa_pela_chave(recursos_aws):
    # Confirmed before versions were kept (and before drafts): its upload went to the final
    # key itself, and no version was recorded.
    a = _s3(recursos_aws)
    doc = _documento()
    s3 = _s3_cliente(recursos_aws)
    s3.put_object(Bucket=recursos_aws.bucket, Key=doc.chave_objeto, Body=PDF)
    assert doc.versao_objeto is None
    url = await a.storage.preparar_download(documento=doc, expira_em=_daqui(1))
    assert "versionId" not in parse_qs(urlsplit(url).query)
    assert await a.baixar(url) == PDF
    assert await a.storage.ler(doc.chave_objeto) == PDF


class _OutroEscreveDepoisDoHead:
    """boto3's S3 client, with another writer acting on the key right after HEAD answers
    (the race the inspection must survive); every other call goes straight through."""

    def __init__(self, s3: Any, depois: Any) -> None:
        self._s3, self._depois = s3, depois

    def __getattr__(self, nome: str) -> Any:
        return getattr(self._s3, nome)

    def head_object(self, **kwargs: Any) -> Any:
        resposta = self._s3.head_object(**kwargs)
        self._depois(resposta)
        return resposta


def _s3_com_corrida(recursos: Any, bucket: str, depois: Any) -> S3DocumentStorage:
    return S3DocumentStorage(
        _OutroEscreveDepoisDoHead(_s3_cliente(recursos), depois),
        bucket=bucket,
        chave_kms=recursos.chave_kms,
        max_bytes=25 * 1024 * 1024,
    )


async def test_s3_versao_escrita_entre_head_e_get_nao_entra_no_que_se_confere(recursos_aws):
    s3 = _s3_cliente(recursos_aws)
    doc = _documento()
    outro = b"%PDF-9.9" + PDF[8:][::-1]
    s3.put_object(Bucket=recursos_aws.bucket, Key=doc.chave_objeto, Body=PDF)
    storage = _s3_com_corrida(
        recursos_aws,
        recursos_aws.bucket,
        lambda _: s3.put_object(Bucket=recursos_aws.bucket, Key=doc.chave_objeto, Body=outro),
    )
    objeto = await storage.inspecionar(doc.chave_objeto)
    # Size, first bytes, hash and version all of the version HEAD saw, none of the newer one.
    assert objeto is not None and objeto.sha256 == hashlib.sha256(PDF).hexdigest()
    assert objeto.inicio == PDF[:BYTES_INICIAIS]
    atual = s3.head_object(Bucket=recursos_aws.bucket, Key=doc.chave_objeto)["VersionId"]
    assert objeto.versao is not None and objeto.versao != atual


async def test_s3_versao_apagada_entre_head_e_get_e_conflito(recursos_aws):
    s3 = _s3_cliente(recursos_aws)
    doc = _documento()
    s3.put_object(Bucket=recursos_aws.bucket, Key=doc.chave_objeto, Body=PDF)
    storage = _s3_com_corrida(
        recursos_aws,
        recursos_aws.bucket,
        lambda cabeca: s3.delete_object(
            Bucket=recursos_aws.bucket, Key=doc.chave_objeto, VersionId=cabeca["VersionId"]
        ),
    )
    with pytest.raises(errors.Conflito):
        await storage.inspecionar(doc.chave_objeto)


async def test_s3_sem_versionamento_escrita_entre_head_e_get_e_conflito(recursos_aws):
    # A bucket without versioning (not production's): nothing to pin, so IfMatch on the
    # HEAD's ETag is what keeps the three answers about one object, and a change is a 409.
    s3 = _s3_cliente(recursos_aws)
    bucket = f"healthmed-sem-versoes-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "sa-east-1"})
    doc = _documento()
    s3.put_object(Bucket=bucket, Key=doc.chave_objeto, Body=PDF)
    sem_corrida = _s3_com_corrida(recursos_aws, bucket, lambda _: None)
    objeto = await sem_corrida.inspecionar(doc.chave_objeto)
    assert objeto is not None and objeto.versao is None
    com_corrida = _s3_com_corrida(
        recursos_aws,
        bucket,
        lambda _: s3.put_object(Bucket=bucket, Key=doc.chave_objeto, Body=PDF[::-1]),
    )
    with pytest.raises(errors.Conflito):
        await com_corrida.inspecionar(doc.chave_objeto)


class _OutraConfirmacaoCopiaPrimeiro:
    """boto3's S3 client where another confirmation of the same document copies the draft to
    the final key right after this one's HEAD found nothing there; and ``copy_object`` with
    ``IfNoneMatch="*"`` refused (412) on an existing key, as S3 does (moto ignores that
    header on copies)."""

    def __init__(self, s3: Any, bucket: str, final: str, outra: Any) -> None:
        self._s3, self._bucket, self._final, self._outra = s3, bucket, final, outra
        self.recusadas = 0

    def __getattr__(self, nome: str) -> Any:
        return getattr(self._s3, nome)

    def head_object(self, **kwargs: Any) -> Any:
        try:
            return self._s3.head_object(**kwargs)
        except self._s3.exceptions.ClientError:
            if kwargs["Key"] == self._final and self._outra is not None:
                outra, self._outra = self._outra, None
                outra()
            raise

    def copy_object(self, **kwargs: Any) -> Any:
        if kwargs.get("IfNoneMatch") == "*" and _versoes(self._s3, self._bucket, kwargs["Key"]):
            self.recusadas += 1
            raise ClientError(
                {
                    "Error": {
                        "Code": "PreconditionFailed",
                        "Message": "At least one of the pre-conditions you specified did not hold",
                    }
                },
                "CopyObject",
            )
        return self._s3.copy_object(**kwargs)


async def test_s3_confirmacoes_simultaneas_deixam_uma_copia_e_a_mesma_versao(recursos_aws):
    a = _s3(recursos_aws)
    doc = _documento()
    await _enviado(a, doc)
    enviado = doc.conferir(await a.storage.inspecionar(a.storage.chave_envio(doc)))
    s3 = _s3_cliente(recursos_aws)
    outra: dict[str, Any] = {}

    def outra_confirmacao() -> None:
        outra["resposta"] = s3.copy_object(
            Bucket=recursos_aws.bucket,
            Key=doc.chave_objeto,
            CopySource={
                "Bucket": recursos_aws.bucket,
                "Key": a.storage.chave_envio(doc),
                "VersionId": enviado.versao,
            },
        )

    cliente = _OutraConfirmacaoCopiaPrimeiro(
        s3, recursos_aws.bucket, doc.chave_objeto, outra_confirmacao
    )
    storage = S3DocumentStorage(
        cliente, bucket=recursos_aws.bucket, chave_kms=recursos_aws.chave_kms, max_bytes=len(PDF)
    )
    final = await storage.efetivar(documento=doc, enviado=enviado)
    assert cliente.recusadas == 1
    (unica,) = _versoes(s3, recursos_aws.bucket, doc.chave_objeto)
    assert final.versao == unica["VersionId"] == outra["resposta"]["VersionId"]
    assert final.sha256 == enviado.sha256


async def test_gravar_guarda_uma_vez_e_o_link_serve_os_mesmos_bytes(adaptador: Adaptador):
    # A signed PDF made by the service itself (receita, atestado): no upload, written once.
    doc = _documento()
    objeto = await adaptador.storage.gravar(doc.chave_objeto, PDF)
    doc.confirmar(objeto)
    assert objeto.sha256 == hashlib.sha256(PDF).hexdigest() == doc.sha256
    url = await adaptador.storage.preparar_download(documento=doc, expira_em=_daqui(1))
    assert await adaptador.baixar(url) == PDF
    assert await adaptador.storage.ler(doc.chave_objeto, versao=doc.versao_objeto) == PDF
    with pytest.raises(FileExistsError):
        await adaptador.storage.gravar(doc.chave_objeto, PDF + b"\n%outro")
    assert await adaptador.storage.ler(doc.chave_objeto) == PDF
