"""Local document storage: encrypted files under the data directory, reached through this
service's own signed, expiring URLs (the local counterpart of S3 presigned URLs).

Each file is sealed with AES-256-GCM under a fresh random key; that key is itself sealed
(wrapped) under the master key from settings. Both seals bind the object's key as associated
data, so a file copied over another document's path does not open. Layout of a file::

    b"HMD1" | nonce_chave (12) | chave embrulhada (32 + 16) | nonce_dados (12) | cifrado + tag

Files are written once: the bytes of a confirmed document can never be replaced through a
leaked upload URL.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import os
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from libs import errors
from services.prontuario.domain.documento import (
    BYTES_INICIAIS,
    Documento,
    ObjetoArmazenado,
    normalizar_tipo,
)
from services.prontuario.domain.erros import LinkInvalido
from services.prontuario.ports import PedidoEnvio

MAGIC = b"HMD1"
_CHAVE = re.compile(r"^[0-9a-f-]{36}/[0-9a-f-]{36}$")
_PREFIXO_MAC = b"healthmed/prontuario/url/v1."
ROTA_ARQUIVOS = "/prontuario/arquivos/"


class ArquivoCorrompido(RuntimeError):
    """A stored file that does not open under the master key (altered, moved or foreign)."""


@dataclass(frozen=True)
class Link:
    """What a verified URL token grants."""

    acao: str  # "put" or "get"
    chave: str
    tipo_conteudo: str
    tamanho: int
    expira_em: int  # epoch seconds
    documento_id: uuid.UUID
    paciente_id: uuid.UUID
    nome: str = ""
    compartilhamento_id: uuid.UUID | None = None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(data: str) -> bytes:
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


class AssinadorDeLinks:
    """HMAC-signed tokens carrying document, action, expiry, size and type."""

    def __init__(self, chave: bytes, relogio: Callable[[], float] = time.time) -> None:
        self._chave = chave
        self._relogio = relogio

    def assinar(self, link: Link) -> str:
        """The token of a link (URL-safe, no dots inside its two parts)."""
        payload: dict[str, Any] = {
            "a": link.acao,
            "k": link.chave,
            "t": link.tipo_conteudo,
            "n": link.tamanho,
            "e": link.expira_em,
            "d": str(link.documento_id),
            "p": str(link.paciente_id),
            "nm": link.nome,
            "c": str(link.compartilhamento_id) if link.compartilhamento_id else None,
        }
        corpo = _b64(json.dumps(payload, separators=(",", ":")).encode())
        mac = hmac.new(self._chave, _PREFIXO_MAC + corpo.encode(), hashlib.sha256).digest()
        return f"{corpo}.{_b64(mac)}"

    def verificar(self, token: str, acao: str) -> Link:
        """The link of a genuine, unexpired token for ``acao``; 403 otherwise."""
        corpo, _, mac = token.partition(".")
        try:
            esperado = hmac.new(self._chave, _PREFIXO_MAC + corpo.encode(), hashlib.sha256).digest()
            if not mac or not hmac.compare_digest(_unb64(mac), esperado):
                raise LinkInvalido()
            p = json.loads(_unb64(corpo))
            link = Link(
                acao=p["a"],
                chave=p["k"],
                tipo_conteudo=p["t"],
                tamanho=int(p["n"]),
                expira_em=int(p["e"]),
                documento_id=uuid.UUID(p["d"]),
                paciente_id=uuid.UUID(p["p"]),
                nome=p.get("nm") or "",
                compartilhamento_id=uuid.UUID(p["c"]) if p.get("c") else None,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise LinkInvalido() from exc
        if link.acao != acao:
            raise LinkInvalido()
        if self._relogio() >= link.expira_em:
            raise LinkInvalido("Link expirado; peça um novo")
        return link


class LocalDocumentStorage:
    """The ``DocumentStorage`` port on local disk (see the module docstring)."""

    def __init__(
        self,
        raiz: Path,
        *,
        chave_mestra: bytes,
        assinador: AssinadorDeLinks,
        base_url: str,
    ) -> None:
        self._raiz = raiz
        self._mestra = AESGCM(chave_mestra)
        self.assinador = assinador
        self._base_url = base_url.rstrip("/")

    # -- paths and sealing -------------------------------------------------------------
    def _caminho(self, chave: str) -> Path:
        if not _CHAVE.fullmatch(chave):
            raise ValueError("chave de objeto inválida")
        return self._raiz / f"{chave}.hmd"

    def _selar(self, chave: str, dados: bytes) -> bytes:
        aad = chave.encode()
        chave_doc = AESGCM.generate_key(bit_length=256)
        nonce_k, nonce_d = os.urandom(12), os.urandom(12)
        embrulhada = self._mestra.encrypt(nonce_k, chave_doc, aad)
        cifrado = AESGCM(chave_doc).encrypt(nonce_d, dados, aad)
        return MAGIC + nonce_k + embrulhada + nonce_d + cifrado

    def _abrir(self, chave: str, selado: bytes) -> bytes:
        aad = chave.encode()
        if not selado.startswith(MAGIC) or len(selado) < 4 + 12 + 48 + 12 + 16:
            raise ArquivoCorrompido(chave)
        nonce_k, embrulhada = selado[4:16], selado[16:64]
        nonce_d, cifrado = selado[64:76], selado[76:]
        try:
            chave_doc = self._mestra.decrypt(nonce_k, embrulhada, aad)
            return AESGCM(chave_doc).decrypt(nonce_d, cifrado, aad)
        except InvalidTag as exc:
            raise ArquivoCorrompido(chave) from exc

    def _gravar_uma_vez(self, chave: str, dados: bytes) -> bool:
        destino = self._caminho(chave)
        destino.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = destino.with_name(f".{destino.name}.{uuid.uuid4().hex}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(self._selar(chave, dados))
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(temp, destino)  # atomic, and refuses to replace an existing file
            except FileExistsError:
                return False
            return True
        finally:
            temp.unlink(missing_ok=True)

    def _ler(self, chave: str) -> bytes | None:
        try:
            selado = self._caminho(chave).read_bytes()
        except FileNotFoundError:
            return None
        return self._abrir(chave, selado)

    # -- the port ----------------------------------------------------------------------
    def _url(self, link: Link) -> str:
        return f"{self._base_url}{ROTA_ARQUIVOS}{self.assinador.assinar(link)}"

    async def preparar_envio(self, *, documento: Documento, expira_em: datetime) -> PedidoEnvio:
        """A PUT URL pinned to this document's key, type and size."""
        link = Link(
            acao="put",
            chave=documento.chave_objeto,
            tipo_conteudo=documento.tipo_conteudo,
            tamanho=documento.tamanho,
            expira_em=int(expira_em.timestamp()),
            documento_id=documento.id,
            paciente_id=documento.paciente_id,
        )
        return PedidoEnvio(
            url=self._url(link),
            metodo="PUT",
            expira_em=expira_em,
            cabecalhos={"Content-Type": documento.tipo_conteudo},
        )

    def chave_envio(self, documento: Documento) -> str:
        """The upload is the document's file itself: written once, it needs no draft."""
        return documento.chave_objeto

    async def efetivar(
        self, *, documento: Documento, enviado: ObjetoArmazenado
    ) -> ObjetoArmazenado:
        """Nothing to copy: the checked file already is the document's, and no upload URL can
        write it again."""
        return enviado

    async def descartar_envio(self, documento: Documento) -> None:
        """No draft apart from the document: nothing to drop."""

    async def inspecionar(self, chave: str) -> ObjetoArmazenado | None:
        """Decrypt the stored file and describe it."""

        def run() -> ObjetoArmazenado | None:
            dados = self._ler(chave)
            if dados is None:
                return None
            return ObjetoArmazenado(
                tamanho=len(dados),
                inicio=dados[:BYTES_INICIAIS],
                sha256=hashlib.sha256(dados).hexdigest(),
                versao=None,  # a file is written once: its key names one version only
            )

        return await asyncio.to_thread(run)

    async def gravar(self, chave: str, dados: bytes) -> ObjetoArmazenado:
        """Seal and write bytes this service made (a signed PDF) at a new key, once."""

        def run() -> None:
            if not self._gravar_uma_vez(chave, dados):
                raise FileExistsError(chave)

        await asyncio.to_thread(run)
        return ObjetoArmazenado(
            tamanho=len(dados),
            inicio=dados[:BYTES_INICIAIS],
            sha256=hashlib.sha256(dados).hexdigest(),
        )

    async def preparar_download(
        self,
        *,
        documento: Documento,
        expira_em: datetime,
        compartilhamento_id: uuid.UUID | None = None,
    ) -> str:
        """A GET URL for the document until ``expira_em`` (whole seconds, rounded down)."""
        return self._url(
            Link(
                acao="get",
                chave=documento.chave_objeto,
                tipo_conteudo=documento.tipo_conteudo,
                tamanho=documento.tamanho,
                expira_em=int(expira_em.timestamp()),
                documento_id=documento.id,
                paciente_id=documento.paciente_id,
                nome=documento.nome,
                compartilhamento_id=compartilhamento_id,
            )
        )

    async def ler(self, chave: str, *, versao: str | None = None) -> bytes:
        """The plain bytes of a stored object (``versao`` is always ``None`` here: files are
        written once, so the key is the version)."""
        dados = await asyncio.to_thread(self._ler, chave)
        if dados is None:
            raise FileNotFoundError(chave)
        return dados

    async def remover(self, chave: str) -> None:
        """Delete the object (nothing happens if it is absent)."""
        await asyncio.to_thread(self._caminho(chave).unlink, True)

    async def pronto(self) -> None:
        """The directory exists (created on first use) and this process may write to it."""

        def run() -> None:
            self._raiz.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not os.access(self._raiz, os.W_OK | os.X_OK):
                raise PermissionError(str(self._raiz))

        await asyncio.to_thread(run)

    # -- the endpoints of the signed URLs (local only) --------------------------------------
    async def receber(
        self, token: str, *, tipo_conteudo: str | None, corpo: AsyncIterator[bytes]
    ) -> None:
        """Store the body sent to an upload URL: the signed type, at most the signed size,
        once only."""
        link = self.assinador.verificar(token, "put")
        if normalizar_tipo(tipo_conteudo or "") != link.tipo_conteudo:
            raise errors.TipoNaoSuportado(
                f"Envie o arquivo com Content-Type: {link.tipo_conteudo}, como declarado"
            )
        partes: list[bytes] = []
        recebidos = 0
        async for parte in corpo:
            recebidos += len(parte)
            if recebidos > link.tamanho:
                raise errors.MuitoGrande(f"O arquivo excede os {link.tamanho} bytes declarados")
            partes.append(parte)
        gravado = await asyncio.to_thread(self._gravar_uma_vez, link.chave, b"".join(partes))
        if not gravado:
            raise errors.Conflito("Este documento já recebeu o seu arquivo")

    def link_de_download(self, token: str) -> Link:
        """The grant of a download URL (the use case still checks the share)."""
        return self.assinador.verificar(token, "get")
