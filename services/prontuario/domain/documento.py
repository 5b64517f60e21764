"""A document of the health record: what may be stored, and the check at confirmation."""

from __future__ import annotations

import codecs
import re
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from libs import errors
from services.prontuario.domain.erros import ArquivoNaoConfere

Categoria = Literal["exame", "laudo", "receita", "vacina", "atestado", "outro"]
Status = Literal["pendente", "disponivel"]

PDF, JPEG, PNG, TEXTO = "application/pdf", "image/jpeg", "image/png", "text/plain"
# The first bytes each accepted type must start with (text has no magic number; see below).
ASSINATURAS: dict[str, bytes] = {
    PDF: b"%PDF",
    JPEG: b"\xff\xd8\xff",
    PNG: b"\x89PNG\r\n\x1a\n",
}
TIPOS_ACEITOS: tuple[str, ...] = (PDF, JPEG, PNG, TEXTO)
# The extension a file of each accepted type is saved with (downloads and the LGPD export).
EXTENSOES: dict[str, str] = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", TEXTO: ".txt"}
# What the uploader may have typed as an extension at the end of the name (".html", ".exe").
_EXTENSAO_DIGITADA = re.compile(r"\.[0-9A-Za-z]*[A-Za-z][0-9A-Za-z]*$")
# How many leading bytes the storage hands back for the check.
BYTES_INICIAIS = 8192


def normalizar_tipo(tipo_conteudo: str) -> str:
    """``"Application/PDF; charset=x"`` -> ``"application/pdf"``."""
    return tipo_conteudo.split(";", 1)[0].strip().lower()


def nome_para_baixar(nome: str, tipo_conteudo: str) -> str:
    """The name a download is saved under: what the patient typed, with no control or format
    character (a right-to-left override would show ``exame\u202efdp.html`` as
    ``exameLMTH.pdf``; zero-width and line breaks), no path separator or quote, and with the
    extension of the type checked at confirmation instead of any the uploader typed: a file
    checked as PDF is never saved as ``exame.html``."""
    limpo = "".join(
        ch
        for ch in unicodedata.normalize("NFC", nome)
        if unicodedata.category(ch)[0] != "C" and ch not in '/\\"'
    ).strip(" .")
    base = _EXTENSAO_DIGITADA.sub("", limpo).strip(" .") or "documento"
    return base[:150] + EXTENSOES.get(normalizar_tipo(tipo_conteudo), ".bin")


def validar_pedido(*, tipo_conteudo: str, tamanho: int, max_bytes: int) -> str:
    """Check an upload request; answer the normalised type or raise 415/413/422."""
    tipo = normalizar_tipo(tipo_conteudo)
    if tipo not in TIPOS_ACEITOS:
        raise errors.TipoNaoSuportado(
            "Tipo não aceito; envie PDF, JPEG, PNG ou texto simples ("
            + ", ".join(TIPOS_ACEITOS)
            + ")"
        )
    if tamanho > max_bytes:
        raise errors.MuitoGrande(f"O arquivo excede o limite de {max_bytes} bytes")
    if tamanho < 1:
        raise errors.DadosInvalidos.campo("tamanho", "O arquivo não pode estar vazio")
    return tipo


def texto_valido(inicio: bytes, *, completo: bool) -> bool:
    """Plain text: valid UTF-8 and no NUL byte. When ``inicio`` is only the start of the file,
    a character cut at the end is not an error."""
    if b"\x00" in inicio:
        return False
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        decoder.decode(inicio, final=completo)
    except UnicodeDecodeError:
        return False
    return True


def conteudo_confere(tipo: str, inicio: bytes, *, completo: bool) -> bool:
    """Whether the first bytes of a file are what its declared type says."""
    if tipo == TEXTO:
        return texto_valido(inicio, completo=completo)
    assinatura = ASSINATURAS.get(tipo)
    return assinatura is not None and inicio.startswith(assinatura)


@dataclass(frozen=True)
class ObjetoArmazenado:
    """What the storage says about the bytes it holds for a document."""

    tamanho: int
    inicio: bytes  # the first BYTES_INICIAIS bytes (or all, when smaller)
    sha256: str
    # Which version of the object these bytes are (S3's VersionId); ``None`` where the storage
    # keeps one version only (the local files, written once).
    versao: str | None = None


@dataclass
class Documento:
    """One file of a patient's record."""

    id: uuid.UUID
    paciente_id: uuid.UUID
    nome: str
    categoria: Categoria
    tipo_conteudo: str
    tamanho: int
    status: Status
    criado_em: datetime
    enviado_por: uuid.UUID
    chave_objeto: str
    sha256: str | None = None
    # The storage's version of the bytes that were checked (S3's VersionId): every later read
    # asks for that version, so bytes written over the key afterwards are never served.
    # ``None``: a storage without versions, or a document confirmed before versions were kept.
    versao_objeto: str | None = None

    @property
    def disponivel(self) -> bool:
        """Confirmed: its bytes are stored and checked."""
        return self.status == "disponivel"

    def conferir(
        self, objeto: ObjetoArmazenado | None, *, sha256_enviado: str | None = None
    ) -> ObjetoArmazenado:
        """Check received bytes without accepting them: they exist, have the declared size,
        start like the declared type and, when the patient's browser sent the SHA-256 of the
        file it uploaded, are exactly those bytes (answers them); ``ArquivoNaoConfere``
        otherwise."""
        if objeto is None:
            raise ArquivoNaoConfere("Nenhum arquivo foi enviado para este documento")
        if objeto.tamanho != self.tamanho:
            raise ArquivoNaoConfere(
                f"O arquivo enviado tem {objeto.tamanho} bytes; foram declarados {self.tamanho}"
            )
        completo = objeto.tamanho <= len(objeto.inicio)
        if not conteudo_confere(self.tipo_conteudo, objeto.inicio, completo=completo):
            raise ArquivoNaoConfere(
                f"O conteúdo do arquivo não corresponde ao tipo declarado ({self.tipo_conteudo})"
            )
        # Same size and type is not enough: whoever held the upload URL could have swapped the
        # draft's bytes; only the hash the browser computed tells the patient's file apart.
        if sha256_enviado is not None and objeto.sha256 != sha256_enviado:
            raise ArquivoNaoConfere(
                "O arquivo recebido não é o que o seu navegador enviou; envie de novo"
            )
        return objeto

    def confirmar(
        self, objeto: ObjetoArmazenado | None, *, sha256_enviado: str | None = None
    ) -> None:
        """Accept the stored bytes only when they pass :meth:`conferir`; then record their
        SHA-256 and the version they are (of the object that will be read from now on)."""
        objeto = self.conferir(objeto, sha256_enviado=sha256_enviado)
        self.sha256 = objeto.sha256
        self.versao_objeto = objeto.versao
        self.status = "disponivel"


def chave_objeto(paciente_id: uuid.UUID, documento_id: uuid.UUID) -> str:
    """Where a document's bytes live in the storage (one prefix per patient)."""
    return f"{paciente_id}/{documento_id}"
