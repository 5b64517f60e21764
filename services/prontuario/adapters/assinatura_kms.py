"""PAdES signatures whose private keys live in AWS KMS: one asymmetric key per doctor
(``ECC_NIST_P256``, ``SIGN_VERIFY``), found by the alias ``alias/healthmed/medico/{id}`` and
created on the doctor's first document. The key never leaves KMS: pyHanko asks this signer for
the raw signature of the CMS signed attributes, and ``kms:Sign`` makes it.

The certificate binding the KMS public key to the doctor is issued by the product's *test*
authority (the same as the local profile's, "NÃO ICP-Brasil"): enough for dev and qa. In
production an AWS Private CA issues it, or an ICP-Brasil certificate replaces the whole signer
(docs/architecture.md, "Documentos assinados").

``MessageType="RAW"`` (KMS hashes the signed attributes itself, at most 4096 bytes; they are a
few hundred): the same result as sending the digest, and what moto implements faithfully.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from asn1crypto import algos
from asn1crypto import x509 as asn1_x509
from botocore.exceptions import BotoCoreError, ClientError
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.sign import signers

from libs import aws, errors
from services.prontuario.adapters.assinatura_teste import (
    AutoridadeDeTeste,
    assinar_pades,
    cadeia,
    nome_no_certificado,
)
from services.prontuario.domain.receituario import Signatario

_log = logging.getLogger("healthmed.prontuario.assinatura")
# A placeholder as long as the longest DER ECDSA P-256 signature (pyHanko's dry run sizes the
# signature's room in the PDF with it).
_TAMANHO_MAXIMO_ECDSA = 72


def alias_do_medico(medico_id: uuid.UUID) -> str:
    """The KMS alias of a doctor's signing key."""
    return f"alias/healthmed/medico/{medico_id}"


def _codigo(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


class _SignerKms(signers.Signer):
    """A pyHanko signer whose raw signatures come from ``kms:Sign``."""

    def __init__(
        self,
        kms: Any,
        chave: str,
        certificado: asn1_x509.Certificate,
        autoridade: AutoridadeDeTeste,
    ) -> None:
        super().__init__(
            signing_cert=certificado,
            cert_registry=cadeia(autoridade),
            signature_mechanism=algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
        )
        self._kms = kms
        self._chave = chave

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        """The DER ECDSA signature of ``data`` (SHA-256), made inside KMS."""
        if dry_run:
            return bytes(_TAMANHO_MAXIMO_ECDSA)
        try:
            resposta = await aws.call(
                self._kms.sign,
                KeyId=self._chave,
                Message=data,
                MessageType="RAW",
                SigningAlgorithm="ECDSA_SHA_256",
            )
        except (BotoCoreError, ClientError) as exc:
            _log.error("kms:Sign falhou: %s", exc)
            raise errors.ServicoIndisponivel("O serviço de assinatura não respondeu") from exc
        assinatura: bytes = resposta["Signature"]
        return assinatura


class AssinadorKms:
    """The ``AssinadorDePdf`` port with per-doctor keys in KMS (see the module docstring)."""

    qualificada = False  # the certificate comes from the test authority

    def __init__(self, kms: Any, autoridade: AutoridadeDeTeste) -> None:
        self._kms = kms
        self._autoridade = autoridade
        self._publicas: dict[uuid.UUID, ec.EllipticCurvePublicKey] = {}

    def raiz_pem(self) -> bytes:
        """The authority that certifies the KMS keys."""
        return self._autoridade.raiz_pem()

    async def _chave_publica(self, medico_id: uuid.UUID) -> ec.EllipticCurvePublicKey:
        """The doctor's KMS public key, creating the key on first use. Two first documents
        at once: both create a key, one alias wins, the loser's key is scheduled for deletion."""
        if medico_id in self._publicas:
            return self._publicas[medico_id]
        alias = alias_do_medico(medico_id)
        try:
            try:
                resposta = await aws.call(self._kms.get_public_key, KeyId=alias)
            except ClientError as exc:
                if _codigo(exc) != "NotFoundException":
                    raise
                await self._criar(medico_id, alias)
                resposta = await aws.call(self._kms.get_public_key, KeyId=alias)
        except (BotoCoreError, ClientError) as exc:
            _log.error("chave KMS do médico %s indisponível: %s", medico_id, exc)
            raise errors.ServicoIndisponivel("O serviço de assinatura não respondeu") from exc
        publica = serialization.load_der_public_key(resposta["PublicKey"])
        if not isinstance(publica, ec.EllipticCurvePublicKey):
            raise errors.ServicoIndisponivel("A chave de assinatura do médico não é ECDSA")
        self._publicas[medico_id] = publica
        return publica

    async def _criar(self, medico_id: uuid.UUID, alias: str) -> None:
        criada = await aws.call(
            self._kms.create_key,
            KeySpec="ECC_NIST_P256",
            KeyUsage="SIGN_VERIFY",
            Description=f"HealthMed: assinatura de documentos do médico {medico_id}",
            Tags=[{"TagKey": "healthmed:medico", "TagValue": str(medico_id)}],
        )
        chave_id = criada["KeyMetadata"]["KeyId"]
        try:
            await aws.call(self._kms.create_alias, AliasName=alias, TargetKeyId=chave_id)
        except ClientError as exc:
            if _codigo(exc) != "AlreadyExistsException":
                raise
            # Another copy of the service created the doctor's key first: use that one.
            await aws.call(self._kms.schedule_key_deletion, KeyId=chave_id, PendingWindowInDays=7)

    async def assinar(self, pdf: bytes, *, signatario: Signatario, motivo: str) -> bytes:
        """The PDF signed PAdES by the doctor's KMS key."""
        publica = await self._chave_publica(signatario.id)
        cn = nome_no_certificado(signatario)
        certificado = self._autoridade.certificar(publica, cn, f"kms/{signatario.id}/{cn}")
        signer = _SignerKms(
            self._kms,
            alias_do_medico(signatario.id),
            asn1_x509.Certificate.load(certificado.public_bytes(serialization.Encoding.DER)),
            self._autoridade,
        )
        return await assinar_pades(pdf, signer, signatario, motivo)
