"""PAdES signatures with the product's own *test* certificate authority (local and compose
profiles), through pyHanko.

The authority and every doctor's certificate are labelled "NÃO ICP-Brasil" in their names: they
prove that the signing path works end to end (a PDF reader, or pyHanko with this authority as
trust root, validates the signature and sees any altered byte), never a qualified signature.

Keys are *derived*, not stored: the authority's and each doctor's EC P-256 key come from the
installation's data key (HKDF, one label per doctor), and the certificates are rebuilt the
same (same names, serials, validity) by every process and replica. So there is nothing to keep
in sync between copies of the service and nothing to back up; the price is that whoever holds
the data key can sign as any doctor, which is acceptable only for a test authority. The aws
profile keeps each doctor's key in KMS instead (docs/architecture.md, "Documentos assinados").
"""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import UTC, datetime
from functools import lru_cache

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from services.prontuario.domain.receituario import Signatario

NOME_AC = "HealthMed AC de TESTE - NÃO ICP-Brasil"
ORGANIZACAO = "HealthMed - certificados de TESTE, NÃO ICP-Brasil"
_INICIO = datetime(2025, 1, 1, tzinfo=UTC)
_FIM = datetime(2045, 1, 1, tzinfo=UTC)
_ORDEM_P256 = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def _chave(segredo: bytes, rotulo: str) -> ec.EllipticCurvePrivateKey:
    bruto = HKDF(algorithm=hashes.SHA256(), length=48, salt=None, info=rotulo.encode()).derive(
        segredo
    )
    return ec.derive_private_key(int.from_bytes(bruto) % (_ORDEM_P256 - 1) + 1, ec.SECP256R1())


def _nome(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BR"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZACAO),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _uso(*, assinar_certificados: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not assinar_certificados,
        content_commitment=not assinar_certificados,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=assinar_certificados,
        crl_sign=assinar_certificados,
        encipher_only=False,
        decipher_only=False,
    )


def _serial(rotulo: str) -> int:
    return int.from_bytes(hashlib.sha256(rotulo.encode()).digest()[:16]) >> 1 or 1


class AutoridadeDeTeste:
    """The ``AssinadorDePdf`` port with the test authority (see the module docstring)."""

    def __init__(self, segredo: bytes) -> None:
        self._segredo = segredo
        self._chave_ac = _chave(segredo, "healthmed/ac-de-teste/raiz")
        self._ac = (
            x509.CertificateBuilder()
            .subject_name(_nome(NOME_AC))
            .issuer_name(_nome(NOME_AC))
            .public_key(self._chave_ac.public_key())
            .serial_number(_serial("raiz"))
            .not_valid_before(_INICIO)
            .not_valid_after(_FIM)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_uso(assinar_certificados=True), critical=True)
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(self._chave_ac.public_key()),
                critical=False,
            )
            .sign(self._chave_ac, hashes.SHA256())
        )
        self._certificado = lru_cache(maxsize=1024)(self._emitir)

    @property
    def qualificada(self) -> bool:
        """Never: this authority is for tests and development."""
        return False

    def raiz_pem(self) -> bytes:
        """The authority's certificate (PEM): the trust root that validates its signatures."""
        return self._ac.public_bytes(serialization.Encoding.PEM)

    def certificar(
        self, chave_publica: ec.EllipticCurvePublicKey, cn: str, rotulo: str
    ) -> x509.Certificate:
        """A signing certificate for ``chave_publica`` (a doctor's: derived here, or kept in
        KMS by :class:`~services.prontuario.adapters.assinatura_kms.AssinadorKms`), issued by
        this authority; the same inputs give the same certificate."""
        return (
            x509.CertificateBuilder()
            .subject_name(_nome(cn))
            .issuer_name(self._ac.subject)
            .public_key(chave_publica)
            .serial_number(_serial(rotulo))
            .not_valid_before(_INICIO)
            .not_valid_after(_FIM)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_uso(assinar_certificados=False), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._chave_ac.public_key()),
                critical=False,
            )
            .sign(self._chave_ac, hashes.SHA256())
        )

    def raiz_asn1(self) -> asn1_x509.Certificate:
        """The authority's certificate as pyHanko takes it."""
        return asn1_x509.Certificate.load(self._ac.public_bytes(serialization.Encoding.DER))

    def _emitir(
        self, medico_id: uuid.UUID, cn: str
    ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        chave = _chave(self._segredo, f"healthmed/ac-de-teste/medico/{medico_id}")
        return chave, self.certificar(chave.public_key(), cn, f"{medico_id}/{cn}")

    def _signer(self, signatario: Signatario) -> signers.SimpleSigner:
        chave, certificado = self._certificado(signatario.id, nome_no_certificado(signatario))
        der = serialization.Encoding.DER
        return signers.SimpleSigner(
            signing_cert=asn1_x509.Certificate.load(certificado.public_bytes(der)),
            signing_key=asn1_keys.PrivateKeyInfo.load(
                chave.private_bytes(
                    der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
                )
            ),
            cert_registry=cadeia(self),
        )

    async def assinar(self, pdf: bytes, *, signatario: Signatario, motivo: str) -> bytes:
        """The PDF signed PAdES by the doctor's test certificate, the authority embedded."""
        return await assinar_pades(pdf, self._signer(signatario), signatario, motivo)


def nome_no_certificado(signatario: Signatario) -> str:
    """The certificate's common name: the doctor, their CRM, and that it is a test one."""
    return f"{signatario.nome} (CRM {signatario.crm}/{signatario.uf}) - TESTE"[:64]


def cadeia(autoridade: AutoridadeDeTeste) -> SimpleCertificateStore:
    """The chain embedded in each signature, so a validator needs only the root it trusts."""
    loja: SimpleCertificateStore = SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
        [autoridade.raiz_asn1()]
    )
    return loja


async def assinar_pades(
    pdf: bytes, signer: signers.Signer, signatario: Signatario, motivo: str
) -> bytes:
    """Sign ``pdf`` PAdES (B-B) with ``signer``, whatever holds its key."""
    metadados = signers.PdfSignatureMetadata(
        field_name="AssinaturaDoMedico",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=motivo,
        location="HealthMed (teleconsulta)",
        name=signatario.nome,
    )
    saida = await signers.async_sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)), metadados, signer=signer
    )
    assinado: bytes = saida.getvalue()
    return assinado
