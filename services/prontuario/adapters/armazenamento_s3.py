"""Document storage on S3 (the aws profile): the browser sends and fetches the bytes straight
from the bucket through presigned requests; this service never carries them.

Layout: an upload lands in a *draft*, ``envios/<paciente>/<documento>`` (:data:`PREFIXO_ENVIOS`);
the confirmed document lives at ``<paciente>/<documento>`` (``Documento.chave_objeto``), which
only confirmation writes, by a server-side copy. A lifecycle rule expires drafts after a day.

- Upload: a presigned POST whose policy pins the draft key, the content type, the exact length
  (``content-length-range`` [n, n]) and SSE-KMS under our key (the bucket policy refuses any
  other key, and the bucket's default encryption uses the same one). S3 enforces that policy;
  the confirmation step checks size, type and SHA-256 again anyway, because the policy is only
  as good as the bucket that honours it (moto, in the tests, honours none of it).
- Inspection: HEAD (size, ETag, VersionId), a ranged GET of the first bytes (the type check),
  and a streamed GET for the SHA-256; both GETs ask for the HEAD's ``VersionId`` and carry
  ``IfMatch`` with its ETag, so the three answers describe one and the same version even if
  someone writes over the key meanwhile.
- Promotion (:meth:`S3DocumentStorage.efetivar`): ``CopyObject`` of exactly the draft version
  that was checked (``CopySource`` with its ``VersionId``) to the final key, SSE-KMS under our
  key, ``IfNoneMatch="*"`` so the final key is written once; its ``VersionId`` is what
  confirmation records. S3 cannot make a presigned POST single-use: until it expires, whoever
  holds it may POST other bytes (same length and type), but only to the draft, which nothing
  reads after confirmation. So the confirmed object never gets a second version, and the 90-day
  expiry of noncurrent versions can never take a confirmed document away.
- Pinned reads: downloads and the export ask for the recorded version
  (``Documento.versao_objeto``); documents confirmed before versions were recorded (their
  upload went to the final key itself, whose POSTs have long expired) are read by key.
- Download: a presigned GET of that version that ends at the ``expira_em`` the use case
  computed (at most 5 minutes, never past the share's end), answered as an attachment with our
  content type. Unlike the local adapter's link, S3 cannot ask us whether the share is still
  active at the moment of the GET: a link handed out before a revocation keeps working until
  it expires.

boto3 is synchronous: every call runs in a worker thread through :func:`libs.aws.call`.
"""

from __future__ import annotations

import hashlib
import logging
import math
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from botocore.exceptions import BotoCoreError, ClientError

from libs import aws, errors
from services.prontuario.domain.documento import (
    BYTES_INICIAIS,
    Documento,
    ObjetoArmazenado,
    nome_para_baixar,
)
from services.prontuario.ports import PedidoEnvio

_log = logging.getLogger("healthmed.prontuario.s3")
# Where uploads land before confirmation (the Terraform lifecycle rule expires this prefix).
PREFIXO_ENVIOS = "envios/"
_BLOCO = 1024 * 1024  # how much of the body is hashed per read


def _segundos_ate(expira_em: datetime) -> int:
    """Whole seconds from now to ``expira_em``, rounded down (a URL never outlives it), at
    least 1 (S3 refuses 0)."""
    return max(1, math.floor((expira_em - datetime.now(UTC)).total_seconds()))


def _codigo(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _ja_existe(exc: ClientError) -> bool:
    """A conditional write refused because the key already holds an object (412), or another
    conditional write on it was in flight (409: retry)."""
    return _codigo(exc) in ("PreconditionFailed", "412", "ConditionalRequestConflict", "409")


def _ausente(exc: ClientError) -> bool:
    return _codigo(exc) in ("404", "NoSuchKey", "NotFound", "NoSuchVersion")


def _da_versao(versao: str | None) -> dict[str, str]:
    """The ``VersionId`` parameter of a read pinned to ``versao`` (none: read by key)."""
    return {"VersionId": versao} if versao else {}


class S3DocumentStorage:
    """The ``DocumentStorage`` port on S3 (see the module docstring)."""

    def __init__(self, s3: Any, *, bucket: str, chave_kms: str, max_bytes: int) -> None:
        self._s3 = s3
        self._bucket = bucket
        self._chave_kms = chave_kms
        # Nothing larger than this can be a document: such an object is described but never
        # hashed (confirmation rejects it on size), so a policy S3 failed to apply cannot make
        # this service read gigabytes.
        self._max_bytes = max_bytes

    def chave_envio(self, documento: Documento) -> str:
        """The draft the presigned POST writes to: never the final key."""
        return f"{PREFIXO_ENVIOS}{documento.chave_objeto}"

    async def preparar_envio(self, *, documento: Documento, expira_em: datetime) -> PedidoEnvio:
        """A presigned POST pinned to this document's draft key, type, exact size and our KMS
        key."""
        campos = {
            "Content-Type": documento.tipo_conteudo,
            "x-amz-server-side-encryption": "aws:kms",
            "x-amz-server-side-encryption-aws-kms-key-id": self._chave_kms,
        }
        condicoes: list[Any] = [
            {"Content-Type": documento.tipo_conteudo},
            ["content-length-range", documento.tamanho, documento.tamanho],
            {"x-amz-server-side-encryption": "aws:kms"},
            {"x-amz-server-side-encryption-aws-kms-key-id": self._chave_kms},
        ]
        # boto3 adds the {"bucket": ...} and {"key": <exact key>} conditions itself.
        assinado = await self._chamar(
            self._s3.generate_presigned_post,
            Bucket=self._bucket,
            Key=self.chave_envio(documento),
            Fields=campos,
            Conditions=condicoes,
            ExpiresIn=_segundos_ate(expira_em),
        )
        return PedidoEnvio(
            url=str(assinado["url"]),
            metodo="POST",
            expira_em=expira_em,
            campos={str(k): str(v) for k, v in assinado["fields"].items()},
        )

    async def inspecionar(self, chave: str) -> ObjetoArmazenado | None:
        """Size and version (HEAD), first bytes (ranged GET) and SHA-256 (streamed GET) of
        that one version."""
        try:
            cabeca = await aws.call(self._s3.head_object, Bucket=self._bucket, Key=chave)
        except ClientError as exc:
            if _ausente(exc):
                return None
            raise self._indisponivel(exc) from exc
        except BotoCoreError as exc:
            raise self._indisponivel(exc) from exc
        tamanho = int(cabeca["ContentLength"])
        etag = str(cabeca["ETag"])
        versao: str | None = cabeca.get("VersionId")
        if not versao:
            # An unversioned bucket: nothing to pin, reads go by key (production's is versioned).
            _log.warning(
                "bucket %s sem versionamento: %s será lido pela chave", self._bucket, chave
            )
            versao = None
        inicio = b""
        if tamanho > 0:
            parte = await self._get(chave, etag, versao, Range=f"bytes=0-{BYTES_INICIAIS - 1}")
            inicio = await aws.call(parte["Body"].read)
        sha256 = ""  # never recorded: an object this large fails confirmation on its size
        if tamanho <= self._max_bytes:
            sha256 = await aws.call(self._sha256, await self._get(chave, etag, versao))
        return ObjetoArmazenado(tamanho=tamanho, inicio=inicio, sha256=sha256, versao=versao)

    async def _get(self, chave: str, etag: str, versao: str | None, **extra: Any) -> dict[str, Any]:
        """A GET of the version the HEAD described (``IfMatch`` its ETag as well: without a
        version, that is what keeps the answers about one object)."""
        try:
            resposta: dict[str, Any] = await aws.call(
                self._s3.get_object,
                Bucket=self._bucket,
                Key=chave,
                IfMatch=etag,
                **_da_versao(versao),
                **extra,
            )
        except ClientError as exc:
            if _codigo(exc) in ("PreconditionFailed", "412") or _ausente(exc):
                raise errors.Conflito(
                    "O arquivo mudou durante a verificação; confirme o envio de novo"
                ) from exc
            raise self._indisponivel(exc) from exc
        except BotoCoreError as exc:
            raise self._indisponivel(exc) from exc
        return resposta

    @staticmethod
    def _sha256(resposta: dict[str, Any]) -> str:
        """Hash the body as it streams in (runs in a worker thread)."""
        h = hashlib.sha256()
        corpo = resposta["Body"]
        try:
            for bloco in corpo.iter_chunks(_BLOCO):
                h.update(bloco)
        finally:
            corpo.close()
        return h.hexdigest()

    async def efetivar(
        self, *, documento: Documento, enviado: ObjetoArmazenado
    ) -> ObjetoArmazenado:
        """Copy the checked draft version to the final key, server side, and describe the copy
        (the draft's size, first bytes and hash; the copy's own version).

        The final key is written once (``IfNoneMatch="*"``). When it already holds an object,
        that object was put there by an earlier confirmation of this document (the final key
        is written by nothing else) that died before its commit or ran alongside: it is
        described (inspected again, hash included) and nothing is copied, so a retried
        confirmation leaves one version and records that one."""
        final = documento.chave_objeto
        anterior = await self.inspecionar(final)
        if anterior is not None:
            return anterior
        origem = {
            "Bucket": self._bucket,
            "Key": self.chave_envio(documento),
            **_da_versao(enviado.versao),
        }
        try:
            copia: dict[str, Any] = await aws.call(
                self._s3.copy_object,
                Bucket=self._bucket,
                Key=final,
                CopySource=origem,
                IfNoneMatch="*",
                MetadataDirective="REPLACE",
                ContentType=documento.tipo_conteudo,
                # For audits of the bucket alone; reads never trust it (they pin the version).
                Metadata={"sha256": enviado.sha256},
                ServerSideEncryption="aws:kms",
                SSEKMSKeyId=self._chave_kms,
            )
        except ClientError as exc:
            if _ja_existe(exc):
                # Another confirmation of this document copied first: its copy is the one.
                outra = await self.inspecionar(final)
                if outra is not None:
                    return outra
                raise errors.Conflito("O documento está sendo confirmado; tente de novo") from exc
            if _ausente(exc):
                raise errors.Conflito(
                    "O arquivo mudou durante a verificação; confirme o envio de novo"
                ) from exc
            raise self._indisponivel(exc) from exc
        except BotoCoreError as exc:
            raise self._indisponivel(exc) from exc
        versao: str | None = copia.get("VersionId") or None
        return replace(enviado, versao=versao)

    async def descartar_envio(self, documento: Documento) -> None:
        """Delete the draft once the confirmation is recorded. Best effort: a failure is
        logged, and the lifecycle rule expires the draft prefix anyway."""
        try:
            await aws.call(
                self._s3.delete_object, Bucket=self._bucket, Key=self.chave_envio(documento)
            )
        except (BotoCoreError, ClientError) as exc:
            _log.warning("rascunho %s não foi apagado: %s", self.chave_envio(documento), exc)

    async def preparar_download(
        self,
        *,
        documento: Documento,
        expira_em: datetime,
        compartilhamento_id: uuid.UUID | None = None,
    ) -> str:
        """A presigned GET of the confirmed version until ``expira_em`` (rounded down to the
        second), served as an attachment named after the document. ``compartilhamento_id``
        cannot travel in an S3 URL: the share was checked when the link was made (see the
        module docstring)."""
        nome = quote(nome_para_baixar(documento.nome, documento.tipo_conteudo), safe="")
        url: str = await self._chamar(
            self._s3.generate_presigned_url,
            "get_object",
            Params={
                "Bucket": self._bucket,
                "Key": documento.chave_objeto,
                **_da_versao(documento.versao_objeto),
                "ResponseContentDisposition": f"attachment; filename*=UTF-8''{nome}",
                "ResponseContentType": documento.tipo_conteudo,
                "ResponseCacheControl": "no-store",
            },
            ExpiresIn=_segundos_ate(expira_em),
        )
        return url

    async def gravar(self, chave: str, dados: bytes) -> ObjetoArmazenado:
        """Put bytes this service made (a signed PDF) at a new key, once (``IfNoneMatch``),
        under the documents' KMS key; the bucket policy allows a document key no other write."""
        try:
            resposta: dict[str, Any] = await aws.call(
                self._s3.put_object,
                Bucket=self._bucket,
                Key=chave,
                Body=dados,
                IfNoneMatch="*",
                ContentType="application/pdf",
                Metadata={"sha256": hashlib.sha256(dados).hexdigest()},
                ServerSideEncryption="aws:kms",
                SSEKMSKeyId=self._chave_kms,
            )
        except ClientError as exc:
            if _ja_existe(exc):
                raise FileExistsError(chave) from exc
            raise self._indisponivel(exc) from exc
        except BotoCoreError as exc:
            raise self._indisponivel(exc) from exc
        return ObjetoArmazenado(
            tamanho=len(dados),
            inicio=dados[:BYTES_INICIAIS],
            sha256=hashlib.sha256(dados).hexdigest(),
            versao=resposta.get("VersionId") or None,
        )

    async def ler(self, chave: str, *, versao: str | None = None) -> bytes:
        """The bytes of a stored object (the patient's export), of ``versao`` when given."""
        try:
            resposta = await aws.call(
                self._s3.get_object, Bucket=self._bucket, Key=chave, **_da_versao(versao)
            )
            dados: bytes = await aws.call(resposta["Body"].read)
        except ClientError as exc:
            if _ausente(exc):
                raise FileNotFoundError(chave) from exc
            raise self._indisponivel(exc) from exc
        except BotoCoreError as exc:
            raise self._indisponivel(exc) from exc
        return dados

    async def remover(self, chave: str) -> None:
        """Delete the object (S3 answers 204 whether or not it existed): a draft whose bytes
        did not match. The bucket is versioned: the bytes stay as a noncurrent version until
        the lifecycle rule expires them (a day, for drafts)."""
        await self._chamar(self._s3.delete_object, Bucket=self._bucket, Key=chave)

    async def pronto(self) -> None:
        """The bucket exists and this task may reach it."""
        await self._chamar(self._s3.head_bucket, Bucket=self._bucket)

    async def _chamar(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        try:
            return await aws.call(fn, *args, **kwargs)
        except (BotoCoreError, ClientError) as exc:
            raise self._indisponivel(exc) from exc

    def _indisponivel(self, exc: Exception) -> errors.ServicoIndisponivel:
        _log.error("S3 falhou (%s): %s", type(exc).__name__, exc)
        return errors.ServicoIndisponivel("O armazenamento de documentos não respondeu")
