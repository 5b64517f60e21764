"""Settings of the prontuario service.

Two secrets belong to this service: the master key that wraps each document's own key (local
storage) and the key of the access log's HMAC chain. Unset in the ``local`` profile, each is
derived (HKDF, a label per use) from ``HEALTHMED_CHAVE_DADOS``, which the local profile
generates on first run; in any other profile the audit key must be given.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import Field, SecretStr, model_validator

from libs.settings import ConfigurationError, Settings

MIB = 1024 * 1024


def _derive(master: bytes, label: str) -> bytes:
    """A 32-byte key for one purpose, derived from ``master`` (HKDF-SHA256)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label.encode()).derive(master)


class ProntuarioSettings(Settings):
    """Limits of the health record and where its documents live."""

    # Secrets it uses (the keys of documents and of the access log derive from the data key);
    # required outside the local profile.
    segredos_exigidos: ClassVar[tuple[str, ...]] = ("service_token", "chave_dados")

    prontuario_max_bytes: int = Field(default=25 * MIB, ge=1, le=1024 * MIB)
    # How long an upload URL accepts the bytes.
    prontuario_envio_ttl_segundos: int = Field(default=900, ge=30, le=3600)
    # Download links live at most 5 minutes (a security requirement, not only a default).
    prontuario_download_ttl_segundos: int = Field(default=300, ge=1, le=300)
    prontuario_max_compartilhamento_dias: int = Field(default=30, ge=1, le=30)
    # local: encrypted files under <data_dir>/prontuario, metadata in PostgreSQL;
    # aws: S3 (SSE-KMS, presigned URLs) + DynamoDB. None: the profile's natural choice.
    prontuario_armazenamento: Literal["local", "aws"] | None = None
    prontuario_dir: Path | None = None
    prontuario_chave_mestra: SecretStr | None = None  # base64 or any string: HKDF'd to 32 bytes
    prontuario_chave_auditoria: SecretStr | None = None
    # Who signs prescriptions and certificates: "teste", the product's own test authority
    # (NOT ICP-Brasil; keys derived from the data key); "kms", a KMS key per doctor certified
    # by that authority (needs the task's KMS permissions, docs/architecture.md); "nenhuma":
    # issuing answers 503. None: "teste", except "nenhuma" in the aws profile until its task
    # role may create and use the doctors' keys.
    prontuario_assinatura: Literal["teste", "kms", "nenhuma"] | None = None
    # The aws adapters (names shared with infra/terraform/stack/main.tf and docs/operations.md):
    # the documents bucket, the record metadata table, and the KMS key every object is
    # written with (the bucket policy refuses a PUT/POST under any other key).
    documentos_bucket: str | None = None
    prontuario_tabela: str | None = None
    documentos_kms: str | None = None

    @model_validator(mode="after")
    def _recursos_aws(self) -> ProntuarioSettings:
        # At start-up, not at the first upload: a task missing one of these never turns ready.
        if self.armazenamento == "aws":
            faltando = [
                f"HEALTHMED_{nome.upper()}"
                for nome in ("documentos_bucket", "prontuario_tabela", "documentos_kms")
                if not getattr(self, nome)
            ]
            if faltando:
                raise ConfigurationError(
                    "missing required setting(s) for the aws document storage: "
                    + ", ".join(faltando)
                )
        return self

    @model_validator(mode="after")
    def _chave_auditoria_fora_do_local(self) -> ProntuarioSettings:
        if self.profile != "local" and self.prontuario_chave_auditoria is None:
            raise ConfigurationError(
                f"missing required secret for profile {self.profile}: "
                "HEALTHMED_PRONTUARIO_CHAVE_AUDITORIA"
            )
        return self

    @property
    def armazenamento(self) -> Literal["local", "aws"]:
        """Which storage adapter runs: the setting, or the profile's natural choice."""
        if self.prontuario_armazenamento is not None:
            return self.prontuario_armazenamento
        return "aws" if self.profile == "aws" else "local"

    def documentos_dir(self) -> Path:
        """Where the local adapter keeps the encrypted files."""
        return self.prontuario_dir or self.data_dir / "prontuario"

    def chave_mestra(self) -> bytes:
        """The 32-byte key that wraps every document key (local storage)."""
        if self.prontuario_chave_mestra is not None:
            raw = self.prontuario_chave_mestra.get_secret_value().encode()
            return _derive(raw, "healthmed/prontuario/chave-mestra")
        if self.profile != "local":
            raise ConfigurationError(
                "HEALTHMED_PRONTUARIO_CHAVE_MESTRA is required for local document storage "
                f"in profile {self.profile}"
            )
        return _derive(self.data_key(), "healthmed/prontuario/chave-mestra")

    def chave_auditoria(self) -> bytes:
        """The key of the access log's HMAC chain."""
        if self.prontuario_chave_auditoria is not None:
            raw = self.prontuario_chave_auditoria.get_secret_value().encode()
            return _derive(raw, "healthmed/prontuario/auditoria")
        return _derive(self.data_key(), "healthmed/prontuario/auditoria")

    @property
    def assinatura(self) -> Literal["teste", "kms", "nenhuma"]:
        """Which signer runs: the setting, or the profile's natural choice."""
        if self.prontuario_assinatura is not None:
            return self.prontuario_assinatura
        return "nenhuma" if self.profile == "aws" else "teste"

    def segredo_ac_de_teste(self) -> bytes:
        """What the test authority's and the doctors' test keys derive from."""
        return _derive(self.data_key(), "healthmed/prontuario/ac-de-teste")

    def chave_urls(self) -> bytes:
        """The key that signs the local upload and download URLs."""
        return _derive(self.chave_mestra(), "healthmed/prontuario/urls")
