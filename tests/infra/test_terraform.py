"""The Terraform under ``infra/terraform`` holds the properties that matter, checked without AWS
and without the terraform binary: every file parses (python-hcl2) and the security, availability
and routing properties are asserted on the parsed configuration."""

from __future__ import annotations

import base64
import fnmatch
import json
import os
import re
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import hcl2
import pytest
from hcl2 import SerializationOptions

from gateway.routing import TABLE_PATH, RoutingTable
from libs import runner
from libs.settings import SERVICES
from services.prontuario.adapters.armazenamento_s3 import PREFIXO_ENVIOS

ROOT = Path(__file__).resolve().parents[2]
TF = ROOT / "infra" / "terraform"
MODULES = TF / "modules"
ENVS = ("dev", "qa", "prod")
TF_FILES = sorted(TF.rglob("*.tf"))
ROOTS = sorted({p.parent for p in TF_FILES})
_OPTS = SerializationOptions(strip_string_quotes=True, explicit_blocks=False, with_comments=False)


@cache
def parse(path: Path) -> dict[str, Any]:
    """One .tf file as python-hcl2 reads it."""
    with path.open() as f:
        return dict(hcl2.load(f, serialization_options=_OPTS))


@dataclass(frozen=True)
class Resource:
    module: str  # directory name: "data", "stack", "prod"...
    kind: str
    name: str
    body: dict[str, Any]


def blocks(path: Path, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """Labelled top-level blocks of one kind (variable, output, module) in one file."""
    return [(name, body) for item in parse(path).get(kind, []) for name, body in item.items()]


@cache
def resources() -> tuple[Resource, ...]:
    found = []
    for path in TF_FILES:
        for item in parse(path).get("resource", []):
            for kind, named in item.items():
                for name, body in named.items():
                    found.append(Resource(path.parent.name, kind, name, body))
    return tuple(found)


def of(kind: str, module: str | None = None) -> list[Resource]:
    return [r for r in resources() if r.kind == kind and (module is None or r.module == module)]


def one(kind: str, module: str, name: str = "this") -> Resource:
    (found,) = [r for r in of(kind, module) if r.name == name]
    return found


def block(body: dict[str, Any], name: str) -> dict[str, Any]:
    """The single nested block ``name`` of a body."""
    value = body[name]
    return value[0] if isinstance(value, list) else value


def module_call(root: str, name: str) -> dict[str, Any]:
    """The arguments of ``module "<name>"`` in the stack or in an environment."""
    directory = TF / "envs" / root if root in ENVS else TF / root
    for path in directory.glob("*.tf"):
        for label, body in blocks(path, "module"):
            if label == name:
                return body
    raise AssertionError(f"module {name} not called in {root}")


# ---------------------------------------------------------------------------- shape


@pytest.mark.parametrize("path", TF_FILES, ids=lambda p: str(p.relative_to(TF)))
def test_todo_arquivo_terraform_e_hcl_valido(path: Path):
    assert isinstance(parse(path), dict)


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: str(p.relative_to(TF)))
def test_cada_modulo_tem_main_variables_outputs_versions(root: Path):
    assert {"main.tf", "variables.tf", "outputs.tf", "versions.tf"} <= {
        p.name for p in root.glob("*.tf")
    }


def test_os_modulos_pedidos_existem():
    expected = {
        "bucket",
        "network",
        "database",
        "data",
        "identity",
        "cluster",
        "ecs_service",
        "edge",
        "observability",
        "pipeline",
        "kms",
    }
    assert expected <= {p.name for p in MODULES.iterdir() if p.is_dir()}
    assert {p.name for p in (TF / "envs").iterdir()} >= set(ENVS)


def test_toda_variavel_tem_descricao_e_tipo_e_toda_saida_tem_descricao():
    faltando = []
    for path in TF_FILES:
        for name, body in blocks(path, "variable"):
            if not body.get("description") or "type" not in body:
                faltando.append(f"{path.relative_to(TF)}: variable {name}")
        # Terraform outputs have no type; their value's type is what the expression yields.
        for name, body in blocks(path, "output"):
            if not body.get("description"):
                faltando.append(f"{path.relative_to(TF)}: output {name}")
    assert faltando == []


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: str(p.relative_to(TF)))
def test_versoes_de_terraform_e_provedores_fixadas(root: Path):
    (terraform,) = parse(root / "versions.tf")["terraform"]
    assert re.search(r"<|~>", terraform["required_version"]), "Terraform sem teto de versão"
    providers = {k: v for item in terraform["required_providers"] for k, v in item.items()}
    assert "aws" in providers
    for name, spec in providers.items():
        assert spec["source"].startswith("hashicorp/"), name
        assert re.search(r"<|~>", spec["version"]), f"{name} sem teto de versão"


@pytest.mark.parametrize("env", ENVS)
def test_estado_remoto_em_s3_cifrado_com_trava(env: str):
    (terraform,) = parse(TF / "envs" / env / "versions.tf")["terraform"]
    s3 = block(terraform, "backend")["s3"]
    assert s3["encrypt"] is True and s3["use_lockfile"] is True
    assert env in s3["key"]


# ---------------------------------------------------------------------------- storage


# Every bucket is a call of modules/bucket, which alone declares the bucket's resources: what a
# bucket always has is asserted once, on that module; what a bucket chooses (key, logging,
# lifecycle, extra policy statements) is asserted on each call's arguments.
BUCKET_MODULE = MODULES / "bucket"
_BUCKET_KINDS = (
    "aws_s3_bucket",
    "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_ownership_controls",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_versioning",
    "aws_s3_bucket_logging",
    "aws_s3_bucket_lifecycle_configuration",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_acl",
)


@dataclass(frozen=True)
class Bucket:
    module: str  # directory of the caller: "data", "edge"...
    name: str  # label of the module call
    call: dict[str, Any]


def bucket_calls() -> list[Bucket]:
    """Every ``module "<name>" { source = ".../bucket" }`` anywhere under infra/terraform."""
    return [
        Bucket(root.name, label, body)
        for root in ROOTS
        for path in sorted(root.glob("*.tf"))
        for label, body in blocks(path, "module")
        if _module_dir(root, body["source"]) == BUCKET_MODULE
    ]


def bucket_call(module: str, name: str) -> Bucket:
    (found,) = [b for b in bucket_calls() if (b.module, b.name) == (module, name)]
    return found


def _variables_do_bucket() -> dict[str, dict[str, Any]]:
    return _declared(BUCKET_MODULE, "variable")


def _data_document(module: str, ref: str) -> dict[str, Any]:
    """The aws_iam_policy_document that ``${data.aws_iam_policy_document.<x>[0]?.json}`` names."""
    match = re.fullmatch(r"\$\{data\.aws_iam_policy_document\.(\w+)(\[0\])?\.json\}", ref)
    assert match, ref
    for path in (MODULES / module).glob("*.tf"):
        for item in parse(path).get("data", []):
            doc = item.get("aws_iam_policy_document", {}).get(match.group(1))
            if doc is not None:
                return dict(doc)
    raise AssertionError(f"policy document {match.group(1)} not found in {module}")


def _caller_statements(bucket: Bucket) -> list[dict[str, Any]]:
    """The statements a caller adds to its bucket's policy (merged by the module)."""
    return [
        s
        for ref in bucket.call.get("policy_documents", [])
        for s in _data_document(bucket.module, ref)["statement"]
    ]


def test_todo_bucket_e_uma_chamada_do_modulo_bucket_e_versionado():
    buckets = bucket_calls()
    assert {(b.module, b.name) for b in buckets} >= {
        ("data", "documents"),
        ("data", "logs"),
        ("edge", "web"),
        ("observability", "trail"),
        ("pipeline", "artifacts"),
    }
    # Versioning is on by default and no caller turns it off.
    assert _variables_do_bucket()["versioning"]["default"] is True
    for b in buckets:
        assert b.call.get("versioning", True) is True, f"{b.module}.{b.name} sem versionamento"


def test_nenhum_modulo_alem_de_bucket_declara_recursos_de_bucket():
    # A bucket written by hand elsewhere would not get what modules/bucket guarantees.
    fora = [(r.module, r.kind, r.name) for r in resources() if r.kind in _BUCKET_KINDS]
    assert {m for m, _, _ in fora} == {"bucket"}, fora


def test_modulo_bucket_bloqueia_acesso_publico_e_acls():
    (bucket,) = of("aws_s3_bucket", "bucket")
    assert bucket.name == "this" and "acl" not in bucket.body
    pab = one("aws_s3_bucket_public_access_block", "bucket").body
    assert pab["bucket"] == "${aws_s3_bucket.this.id}"
    for flag in (
        "block_public_acls",
        "block_public_policy",
        "ignore_public_acls",
        "restrict_public_buckets",
    ):
        assert pab[flag] is True, flag
    owner = one("aws_s3_bucket_ownership_controls", "bucket").body
    assert owner["bucket"] == "${aws_s3_bucket.this.id}"
    assert block(owner, "rule")["object_ownership"] == "BucketOwnerEnforced"
    # None of these is optional: no count, no for_each.
    for kind in (
        "aws_s3_bucket",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_lifecycle_configuration",
        "aws_s3_bucket_policy",
    ):
        body = one(kind, "bucket").body
        assert "count" not in body and "for_each" not in body, kind


def test_modulo_bucket_cifra_com_a_chave_do_chamador_e_versiona():
    sse = one("aws_s3_bucket_server_side_encryption_configuration", "bucket").body
    assert sse["bucket"] == "${aws_s3_bucket.this.id}"
    rule = block(sse, "rule")
    default = block(rule, "apply_server_side_encryption_by_default")
    # SSE-KMS with the caller's key; SSE-S3 only where the caller passes null.
    assert default == {
        "sse_algorithm": '${var.kms_key_arn == null ? "AES256" : "aws:kms"}',
        "kms_master_key_id": "${var.kms_key_arn}",
    }
    assert rule["bucket_key_enabled"] == "${var.kms_key_arn != null}"
    # The key has no default: a caller cannot forget it, it can only say null on purpose.
    assert "default" not in _variables_do_bucket()["kms_key_arn"]
    ver = one("aws_s3_bucket_versioning", "bucket").body
    assert ver["bucket"] == "${aws_s3_bucket.this.id}"
    assert block(ver, "versioning_configuration")["status"] == (
        '${var.versioning ? "Enabled" : "Suspended"}'
    )


def test_modulo_bucket_so_aceita_tls_sobre_a_politica_do_chamador():
    policy = one("aws_s3_bucket_policy", "bucket").body
    assert policy["bucket"] == "${aws_s3_bucket.this.id}"
    assert policy["policy"] == "${data.aws_iam_policy_document.this.json}"
    assert policy["depends_on"] == ["${aws_s3_bucket_public_access_block.this}"]
    doc = _data_document("bucket", policy["policy"])
    # The caller's statements are merged into the document that holds the TLS-only deny.
    assert doc["source_policy_documents"] == "${var.policy_documents}"
    (tls,) = [s for s in doc["statement"] if s.get("sid") == "SoTLS"]
    assert tls["effect"] == "Deny" and tls["actions"] == ["s3:*"]
    assert tls["resources"] == ["${aws_s3_bucket.this.arn}", "${aws_s3_bucket.this.arn}/*"]
    assert block(tls, "principals") == {"type": "*", "identifiers": ["*"]}
    assert block(tls, "condition") == {
        "test": "Bool",
        "variable": "aws:SecureTransport",
        "values": ["false"],
    }
    # No caller brings a statement of the same sid (it would stand beside or in place of it),
    # and no caller allows plain HTTP.
    for b in bucket_calls():
        for s in _caller_statements(b):
            assert s.get("sid") != "SoTLS", (b.module, b.name)
            assert "aws:SecureTransport" not in json.dumps(s), (b.module, b.name)


def test_so_o_bucket_de_logs_usa_sse_s3():
    plain = set()
    for b in bucket_calls():
        key = b.call["kms_key_arn"]
        if key is None:
            plain.add((b.module, b.name))
        else:
            assert key.startswith("${var."), (b.module, b.name, key)
    # S3 server access logs and ALB logs can only be delivered to SSE-S3 buckets.
    assert plain == {("data", "logs")}


def test_documentos_sao_cifrados_com_a_chave_do_prontuario():
    assert bucket_call("data", "documents").call["kms_key_arn"] == "${var.kms_key_arn}"
    data = module_call("stack", "data")
    assert data["kms_key_arn"] == "${module.kms_dados.key_arn}"


def test_todo_bucket_menos_o_de_logs_registra_acessos():
    logging = one("aws_s3_bucket_logging", "bucket").body
    assert logging["count"] == "${var.access_logs == null ? 0 : 1}"
    assert logging["bucket"] == "${aws_s3_bucket.this.id}"
    assert logging["target_bucket"] == "${var.access_logs.bucket}"
    assert logging["target_prefix"] == "${var.access_logs.prefix}"
    assert "default" not in _variables_do_bucket()["access_logs"]
    sem_logs = set()
    for b in bucket_calls():
        destino = b.call["access_logs"]
        if destino is None:
            sem_logs.add((b.module, b.name))
            continue
        assert destino["bucket"] in ("${var.access_logs_bucket}", "${module.logs.id}"), b.name
        assert destino["prefix"].startswith("s3/") and destino["prefix"].endswith("/"), b.name
    # The access-log bucket itself: logging it into itself would loop.
    assert sem_logs == {("data", "logs")}
    # The logs go where the log bucket lets S3's logging service write.
    (s3_logs,) = [
        s for s in _caller_statements(bucket_call("data", "logs")) if s["sid"] == "LogsDeAcessoDoS3"
    ]
    assert s3_logs["resources"] == ["${module.logs.arn}/s3/*"]


def test_modulo_bucket_aplica_cada_regra_de_ciclo_de_vida_como_foi_pedida():
    lc = one("aws_s3_bucket_lifecycle_configuration", "bucket").body
    assert lc["bucket"] == "${aws_s3_bucket.this.id}"
    # Rules about noncurrent versions need versioning on first.
    assert lc["depends_on"] == ["${aws_s3_bucket_versioning.this}"]
    dyn = block(lc, "dynamic")["rule"]
    assert dyn["for_each"] == "${var.lifecycle_rules}"
    rule = block(dyn, "content")
    assert rule["status"] == "Enabled"
    assert block(rule, "filter") == {"prefix": "${rule.value.prefix}"}
    assert block(rule, "abort_incomplete_multipart_upload") == {
        "days_after_initiation": "${rule.value.abort_multipart_days}"
    }
    nested = {k: v for d in rule["dynamic"] for k, v in d.items()}
    assert nested["transition"]["for_each"] == "${rule.value.transitions}"
    assert block(nested["transition"], "content") == {
        "days": "${transition.value.days}",
        "storage_class": "${transition.value.storage_class}",
    }
    assert "rule.value.expiration_days" in nested["expiration"]["for_each"]
    assert block(nested["expiration"], "content") == {"days": "${expiration.value}"}
    assert "rule.value.noncurrent_days" in nested["noncurrent_version_expiration"]["for_each"]
    assert block(nested["noncurrent_version_expiration"], "content") == {
        "noncurrent_days": "${noncurrent_version_expiration.value}"
    }


def test_todo_bucket_aborta_envios_multipart_incompletos():
    # checkov cannot expand the module's dynamic rules (CKV_AWS_300 is skipped there): the
    # attribute is required by the variable's type, and every caller's rule sets it.
    tipo = _variables_do_bucket()["lifecycle_rules"]["type"]
    assert re.search(r"\babort_multipart_days = number\b", tipo), tipo
    assert (
        "length(var.lifecycle_rules) > 0"
        in block(_variables_do_bucket()["lifecycle_rules"], "validation")["condition"]
    )
    for b in bucket_calls():
        assert b.call["lifecycle_rules"], (b.module, b.name)
        for regra in b.call["lifecycle_rules"]:
            assert isinstance(regra["abort_multipart_days"], int), (b.module, b.name)
            assert 1 <= regra["abort_multipart_days"] <= 7, (b.module, b.name)


def test_documentos_tem_ciclo_de_vida():
    regras = {r["id"]: r for r in bucket_call("data", "documents").call["lifecycle_rules"]}
    geral = regras["documentos"]
    assert "prefix" not in geral  # every object
    assert geral["noncurrent_days"] == "${var.noncurrent_version_days}"
    assert geral["abort_multipart_days"] == 1
    assert geral["transitions"] == [
        {"days": "${var.documents_ia_after_days}", "storage_class": "STANDARD_IA"}
    ]


def _locals_do_modulo(module: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for path in (MODULES / module).glob("*.tf"):
        for item in parse(path).get("locals", []):
            found.update(item)
    return found


def test_rascunhos_de_envio_expiram_em_um_dia_com_todas_as_versoes():
    # services/prontuario: the presigned POST writes a draft; confirmation copies it.
    prefixo = _locals_do_modulo("data")["documents_draft_prefix"]
    assert prefixo == PREFIXO_ENVIOS
    (regra,) = [
        r
        for r in bucket_call("data", "documents").call["lifecycle_rules"]
        if r.get("prefix") == "${local.documents_draft_prefix}"
    ]
    # The module turns these into expiration, noncurrent_version_expiration and
    # abort_incomplete_multipart_upload of an enabled rule filtered by the prefix
    # (test_modulo_bucket_aplica_cada_regra_de_ciclo_de_vida_como_foi_pedida).
    assert regra["expiration_days"] == 1
    assert regra["noncurrent_days"] == 1
    assert regra["abort_multipart_days"] == 1


def test_chave_de_documento_so_casa_com_documentos_e_so_aceita_escrita_condicional():
    locais = _locals_do_modulo("data")
    uuid_iam = locais["uuid_pattern"]
    assert re.fullmatch(r"\?{8}-\?{4}-\?{4}-\?{4}-\?{12}", uuid_iam)
    assert locais["documents_key_pattern"] == "${local.uuid_pattern}/${local.uuid_pattern}"
    # IAM's ? is any one character: a document's key matches, no draft key does.
    padrao = f"{uuid_iam}/{uuid_iam}"
    final = f"{uuid.uuid4()}/{uuid.uuid4()}"
    assert fnmatch.fnmatchcase(final, padrao)
    assert not fnmatch.fnmatchcase(f"{PREFIXO_ENVIOS}{final}", padrao)
    # The bucket refuses any write to a document's key without If-None-Match (a presigned
    # POST has none); confirmation's CopyObject sends it.
    st = {s["sid"]: s for s in _caller_statements(bucket_call("data", "documents"))}
    nega = st["DocumentoGravadoUmaVez"]
    assert nega["effect"] == "Deny" and nega["actions"] == ["s3:PutObject"]
    assert nega["resources"] == ["${module.documents.arn}/${local.documents_key_pattern}"]
    assert block(nega, "principals") == {"type": "*", "identifiers": ["*"]}
    assert block(nega, "condition") == {
        "test": "Null",
        "variable": "s3:if-none-match",
        "values": ["true"],
    }
    # Every object is written with the record's key, never another one or none.
    chave = st["SoComAChaveDoProntuario"]
    assert chave["effect"] == "Deny" and chave["resources"] == ["${module.documents.arn}/*"]
    assert block(chave, "condition") == {
        "test": "StringNotEqualsIfExists",
        "variable": "s3:x-amz-server-side-encryption-aws-kms-key-id",
        "values": ["${var.kms_key_arn}"],
    }


def test_so_a_distribuicao_le_o_bucket_web():
    (le,) = _caller_statements(bucket_call("edge", "web"))
    assert le["actions"] == ["s3:GetObject"] and le["resources"] == ["${module.web.arn}/*"]
    assert block(le, "principals") == {
        "type": "Service",
        "identifiers": ["cloudfront.amazonaws.com"],
    }
    assert block(le, "condition")["values"] == ["${aws_cloudfront_distribution.this.arn}"]


def _moved() -> list[tuple[str, str, str]]:
    return [
        (root.name, m["from"], m["to"])
        for root in ROOTS
        for path in sorted(root.glob("*.tf"))
        for m in parse(path).get("moved", [])
    ]


def test_buckets_antigos_sao_movidos_para_o_modulo_sem_recriar():
    """Every resource a bucket had before modules/bucket has a moved block to its new address,
    so an existing deployment keeps its buckets (and the objects in them)."""
    antigos = {
        ("data", "documents"): "documents",
        ("data", "logs"): "logs",
        ("edge", "web"): "web",
        ("observability", "trail"): "trail[0]",
        ("pipeline", "artifacts"): "artifacts",
    }
    moved = {(m, frm): to for m, frm, to in _moved()}
    calls = {(b.module, b.name): b for b in bucket_calls()}
    declared = {r.kind for r in resources() if r.module == "bucket"}
    for (module, name), old in antigos.items():
        call = calls[(module, name)]
        indice = "[0]" if "count" in call.call else ""
        kinds = [k for k in _BUCKET_KINDS if k in declared]
        if call.call["access_logs"] is None:
            kinds.remove("aws_s3_bucket_logging")
        for kind in kinds:
            to = moved.get((module, f"${{{kind}.{old}}}"))
            contado = "[0]" if "count" in one(kind, "bucket").body else ""
            assert to == f"${{module.{name}{indice}.{kind}.this{contado}}}", (module, kind, to)
    # Nothing else is moved, and nothing is moved twice.
    assert len(moved) == len(_moved())


def _declaracoes_do_prontuario() -> dict[str, dict[str, Any]]:
    for item in parse(TF / "stack" / "main.tf").get("data", []):
        doc = item.get("aws_iam_policy_document", {}).get("prontuario")
        if doc is not None:
            return {s["sid"]: s for s in doc["statement"]}
    raise AssertionError("aws_iam_policy_document.prontuario not found")


def test_papel_do_prontuario_so_apaga_rascunhos_e_so_copia_para_documentos():
    st = _declaracoes_do_prontuario()
    bucket = "${module.data.documents_bucket_arn}"
    # No statement on every key of the bucket: drafts and documents are apart.
    for s in st.values():
        assert f"{bucket}/*" not in s["resources"], s["sid"]
    rascunhos = st["Rascunhos"]
    assert rascunhos["resources"] == [f"{bucket}/${{module.data.documents_draft_prefix}}*"]
    assert sorted(rascunhos["actions"]) == [
        "s3:DeleteObject",
        "s3:GetObject",
        "s3:GetObjectVersion",
        "s3:PutObject",
    ]
    documentos = st["Documentos"]
    assert documentos["resources"] == [f"{bucket}/${{module.data.documents_key_pattern}}"]
    # CopyObject: GetObjectVersion on the source (draft), PutObject on the destination; reads
    # pin the version; a confirmed document is never deleted by the service.
    assert sorted(documentos["actions"]) == ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
    kms = st["ChaveDosDados"]
    assert sorted(kms["actions"]) == ["kms:Decrypt", "kms:GenerateDataKey"]
    assert kms["resources"] == ["${module.kms_dados.key_arn}"]


def _condicoes(declaracao: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    return {c["variable"]: (c["test"], c["values"]) for c in declaracao.get("condition", [])}


def test_papel_do_prontuario_so_cria_e_usa_chaves_de_assinatura_de_medico():
    """What services/prontuario/adapters/assinatura_kms.py calls, and nothing wider: the stack
    turns KMS signing on (HEALTHMED_PRONTUARIO_ASSINATURA=kms), so the role must allow it."""
    from services.prontuario.adapters import assinatura_kms

    assert (
        _stack_local("service_environment")["prontuario"]["HEALTHMED_PRONTUARIO_ASSINATURA"]
        == "kms"
    )
    st = _declaracoes_do_prontuario()
    tag = "${local.tag_do_medico}"
    assert _stack_local("tag_do_medico") == "healthmed:medico"
    assert assinatura_kms.alias_do_medico(uuid.uuid4()).startswith("alias/healthmed/medico/")

    criar = st["ChavesDeAssinaturaCriar"]
    assert criar["actions"] == ["kms:CreateKey"] and criar["resources"] == ["*"]
    assert _condicoes(criar) == {
        "kms:KeySpec": ("StringEquals", ["ECC_NIST_P256"]),
        "kms:KeyUsage": ("StringEquals", ["SIGN_VERIFY"]),
        f"aws:RequestTag/{tag}": ("Null", ["false"]),
    }
    chaves = "arn:aws:kms:${local.regiao_e_conta}:key/*"
    etiquetar = st["ChavesDeAssinaturaEtiquetar"]
    assert etiquetar["actions"] == ["kms:TagResource"] and etiquetar["resources"] == [chaves]
    assert _condicoes(etiquetar) == {"aws:TagKeys": ("ForAllValues:StringEquals", [tag])}
    nomear = st["ChavesDeAssinaturaNomear"]
    assert nomear["resources"] == ["arn:aws:kms:${local.regiao_e_conta}:alias/healthmed/medico/*"]
    usar = st["ChavesDeAssinaturaUsar"]
    assert usar["resources"] == [chaves]
    assert _condicoes(usar) == {f"aws:ResourceTag/{tag}": ("Null", ["false"])}
    assert sorted(usar["actions"]) == [
        "kms:CreateAlias",
        "kms:DescribeKey",
        "kms:GetPublicKey",
        "kms:ScheduleKeyDeletion",
        "kms:Sign",
    ]
    # Only the signing statements reach beyond the data key; none may decrypt with them.
    for sid, s in st.items():
        if sid.startswith("ChavesDeAssinatura"):
            assert not {"kms:Decrypt", "kms:GenerateDataKey", "kms:*"} & set(s["actions"]), sid


def test_tabelas_dynamodb_com_pitr_kms_e_chaves_do_prontuario():
    tables = {t.name: t.body for t in of("aws_dynamodb_table", "data")}
    assert set(tables) == {"documentos", "reunioes"}
    for name, body in tables.items():
        assert block(body, "point_in_time_recovery")["enabled"] is True, name
        sse = block(body, "server_side_encryption")
        assert sse["enabled"] is True and sse["kms_key_arn"] == "${var.kms_key_arn}", name
        assert body["deletion_protection_enabled"] is True
    docs = tables["documentos"]
    assert (docs["hash_key"], docs["range_key"]) == ("paciente_id", "documento_id")
    gsi = block(docs, "global_secondary_index")
    assert gsi["hash_key"] == "medico_id"
    assert tables["reunioes"]["hash_key"] == "consulta_id"


def test_chaves_kms_giram_e_logs_sao_cifrados():
    key = one("aws_kms_key", "kms")
    assert key.body["enable_key_rotation"] is True
    for group in of("aws_cloudwatch_log_group"):
        assert group.body.get("kms_key_id", "").startswith("${"), f"{group.module}.{group.name}"
        assert "retention_in_days" in group.body, f"{group.module}.{group.name}"


# ---------------------------------------------------------------------------- database


def test_rds_cifrado_privado_protegido_com_backups_e_autenticacao_iam():
    db = one("aws_db_instance", "database").body
    assert db["storage_encrypted"] is True
    assert db["kms_key_id"] == "${var.kms_key_arn}"
    assert db["publicly_accessible"] is False
    assert db["deletion_protection"] is True
    assert db["skip_final_snapshot"] is False
    assert db["iam_database_authentication_enabled"] is True
    assert db["performance_insights_enabled"] is True
    assert db["manage_master_user_password"] is True  # the password never enters the state
    assert db["multi_az"] == "${var.multi_az}"
    assert db["backup_retention_period"] == "${var.backup_retention_days}"
    (retention,) = [
        b
        for n, b in blocks(MODULES / "database" / "variables.tf", "variable")
        if n == "backup_retention_days"
    ]
    assert ">= 7" in block(retention, "validation")["condition"]


def test_rds_exige_tls():
    params = one("aws_db_parameter_group", "database").body["parameter"]
    assert {"name": "rds.force_ssl", "value": "1"} in params


def test_prod_tem_rds_multi_az_com_replica_de_leitura():
    prod = module_call("prod", "stack")
    assert prod["db_multi_az"] is True
    assert prod["db_read_replicas"] >= 2
    stack_db = module_call("stack", "database")
    assert stack_db["multi_az"] == "${var.db_multi_az}"
    assert stack_db["read_replicas"] == "${var.db_read_replicas}"
    assert module_call("qa", "stack")["db_multi_az"] is True


# ---------------------------------------------------------------------------- network


def _ingress_cidrs() -> list[tuple[Resource, str, Any]]:
    found = []
    for r in of("aws_vpc_security_group_ingress_rule"):
        for key in ("cidr_ipv4", "cidr_ipv6"):
            if key in r.body:
                found.append((r, r.body[key], r.body.get("from_port")))
    for r in of("aws_security_group"):
        for rule in r.body.get("ingress", []):
            for cidr in rule.get("cidr_blocks", []) + rule.get("ipv6_cidr_blocks", []):
                found.append((r, cidr, rule.get("from_port")))
    for r in of("aws_security_group_rule"):
        if r.body.get("type") == "ingress":
            for cidr in r.body.get("cidr_blocks", []):
                found.append((r, cidr, r.body.get("from_port")))
    return found


def test_nada_aceita_conexoes_da_internet_exceto_o_alb_em_443():
    open_to_world = [
        (r.module, r.name, port)
        for r, cidr, port in _ingress_cidrs()
        if cidr in ("0.0.0.0/0", "::/0")
        and not (r.module == "cluster" and r.name.startswith("alb") and port == 443)
    ]
    assert open_to_world == []


def test_alb_e_interno_so_https_e_so_recebe_do_vpc_link():
    lb = one("aws_lb", "cluster").body
    assert lb["internal"] is True
    assert lb["drop_invalid_header_fields"] is True
    listeners = of("aws_lb_listener", "cluster")
    assert [(li.body["port"], li.body["protocol"]) for li in listeners] == [(443, "HTTPS")]
    assert listeners[0].body["ssl_policy"].startswith("ELBSecurityPolicy-TLS13")
    ingress = one("aws_vpc_security_group_ingress_rule", "cluster", "alb_https").body
    assert ingress["referenced_security_group_id"] == "${aws_security_group.vpc_link.id}"


def test_vpc_em_tres_zonas_com_as_subnets_da_proposta_e_flow_logs():
    variables = dict(blocks(MODULES / "network" / "variables.tf", "variable"))
    assert variables["cidr"]["default"] == "10.0.0.0/16"
    assert variables["public_subnets"]["default"] == ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
    assert variables["private_subnets"]["default"] == [
        "10.0.10.0/24",
        "10.0.11.0/24",
        "10.0.12.0/24",
    ]
    assert "== 3" in block(variables["azs"], "validation")["condition"]
    flow = one("aws_flow_log", "network").body
    assert flow["traffic_type"] == "ALL"
    assert one("aws_default_security_group", "network").body.keys() == {"vpc_id", "tags"}
    endpoints = dict(blocks(MODULES / "network" / "variables.tf", "variable"))[
        "interface_endpoints"
    ]
    assert {"ecr.api", "ecr.dkr", "logs", "secretsmanager"} <= set(endpoints["default"])


def test_banco_fica_em_subnets_sem_rota_para_fora():
    routes = of("aws_route", "network")
    tables = {r.body["route_table_id"] for r in routes}
    assert not any("aws_route_table.database" in t for t in tables)


# ---------------------------------------------------------------------------- services


def test_um_unico_modulo_ecs_service_instanciado_por_servico():
    call = module_call("stack", "service")
    assert call["source"] == "../modules/ecs_service"
    assert call["for_each"] == "${var.services}"
    for env in ENVS:
        sizes = module_call(env, "stack")["services"]
        assert set(sizes) == set(SERVICES), env


def test_cada_servico_tem_servico_grupo_de_destino_autoscaling_e_alarmes():
    assert one("aws_ecs_service", "ecs_service")
    tg = one("aws_lb_target_group", "ecs_service").body
    assert block(tg, "health_check")["path"] == "/readyz"
    metrics = {
        block(
            block(p.body, "target_tracking_scaling_policy_configuration"),
            "predefined_metric_specification",
        )["predefined_metric_type"]
        for p in of("aws_appautoscaling_policy", "ecs_service")
    }
    assert metrics == {"ECSServiceAverageCPUUtilization", "ALBRequestCountPerTarget"}
    per_service_alarms = [
        a
        for a in of("aws_cloudwatch_metric_alarm", "observability")
        if a.body.get("for_each") == "${var.services}"
    ]
    assert {a.body["metric_name"] for a in per_service_alarms} >= {
        "HTTPCode_Target_5XX_Count",
        "TargetResponseTime",
        "CPUUtilization",
    }
    obs = module_call("stack", "observability")
    assert "module.service" in obs["services"]


def test_servico_com_rollback_automatico_e_em_subnets_privadas():
    svc = one("aws_ecs_service", "ecs_service").body
    breaker = block(svc, "deployment_circuit_breaker")
    assert breaker == {"enable": True, "rollback": True}
    net = block(svc, "network_configuration")
    assert net["assign_public_ip"] is False
    assert block(svc, "service_connect_configuration")["enabled"] is True


def test_tarefa_raiz_somente_leitura_usuario_sem_privilegio_e_healthcheck():
    task = one("aws_ecs_task_definition", "ecs_service").body["container_definitions"]
    assert "readonlyRootFilesystem = true" in task
    assert 'user = "10001:10001"' in task
    assert "/healthz" in task
    assert '"libs.runner", var.name' in task
    assert 'drop = ["ALL"]' in task


def test_imagem_nunca_latest_e_variaveis_validadas():
    variables = dict(blocks(MODULES / "ecs_service" / "variables.tf", "variable"))
    assert "latest" in block(variables["image"], "validation")["condition"]
    for name in ("name", "cpu", "memory", "min_capacity", "environment"):
        assert "validation" in variables[name], name
    stack_vars = dict(blocks(TF / "stack" / "variables.tf", "variable"))
    assert "latest" in block(stack_vars["image_tag"], "validation")["condition"]


def test_segredos_vem_do_secrets_manager_nunca_de_variaveis_de_ambiente():
    for env_block in ("common_environment", "service_environment"):
        text = json.dumps([loc.get(env_block) for loc in _stack_locals()])
        assert "secretsmanager" not in text
        assert not re.search(r"DATABASE_URL|SERVICE_TOKEN|CHAVE_|PRIVADA", text), env_block
    # Which secrets each service gets: test_terraform_primeiro_apply.py (only its own).
    secrets = json.dumps(
        [loc.get(k) for loc in _stack_locals() for k in ("common_secrets", "service_secrets")]
    )
    for name in ("DATABASE_URL", "SERVICE_TOKEN", "CHAVE_HASH", "CHAVE_DADOS"):
        assert f"HEALTHMED_{name}" in secrets


def _stack_locals() -> list[dict[str, Any]]:
    return list(parse(TF / "stack" / "main.tf")["locals"])


def _stack_local(name: str) -> Any:
    (value,) = [loc[name] for loc in _stack_locals() if name in loc]
    return value


# Stand-ins for what Terraform and Secrets Manager fill in at run time, well-formed.
_RUNTIME_VALUES = {
    "HEALTHMED_SERVICE_URLS": json.dumps({s: f"http://{s}:8000" for s in SERVICES}),
    "HEALTHMED_CHAVE_DADOS": base64.b64encode(bytes(32)).decode(),
    "HEALTHMED_DATABASE_URL": "postgresql://healthmed_app:x@db.interno:5432/healthmed?ssl=require",
}


@pytest.mark.parametrize("service", SERVICES)
def test_cada_servico_aceita_o_ambiente_que_o_terraform_entrega(service, monkeypatch, tmp_path):
    names = {
        **_stack_local("common_environment"),
        **_stack_local("common_secrets"),
        **_stack_local("service_environment")[service],
        **_stack_local("service_secrets")[service],
    }
    for name in list(os.environ):
        if name.startswith("HEALTHMED_"):
            monkeypatch.delenv(name)
    for name, value in names.items():
        literal = value if "${" not in str(value) else "valor-do-terraform"
        monkeypatch.setenv(name, _RUNTIME_VALUES.get(name, literal))
    monkeypatch.setenv("HEALTHMED_DATA_DIR", str(tmp_path))
    _, cls = runner.load(service)
    settings = cls()  # a secret the profile requires but the stack does not give raises here
    assert settings.profile == "aws"


def test_prod_roda_ao_menos_uma_tarefa_por_zona_e_dev_e_menor():
    prod = module_call("prod", "stack")["services"]
    dev = module_call("dev", "stack")["services"]
    for name in SERVICES:
        assert prod[name]["min_capacity"] >= 3, name
        assert dev[name]["max_capacity"] <= prod[name]["max_capacity"], name
        assert dev[name]["cpu"] <= prod[name]["cpu"], name


def test_cloudtrail_da_conta_cifrado_validado_e_com_eventos_dos_documentos():
    trail = one("aws_cloudtrail", "observability").body
    assert trail["enable_log_file_validation"] is True
    assert trail["is_multi_region_trail"] is True
    assert trail["kms_key_id"] == "${var.kms_key_arn}"
    selector = block(trail, "event_selector")
    assert block(selector, "data_resource")["values"] == ["${var.documents_bucket_arn}/"]
    assert module_call("prod", "stack")["cloudtrail"] is True
    for env in ("dev", "qa"):
        assert "cloudtrail" not in module_call(env, "stack"), env


# ---------------------------------------------------------------------------- identity


def test_cognito_com_atributos_do_produto_e_cliente_sem_segredo():
    pool = one("aws_cognito_user_pool", "identity").body
    attrs = {s["name"] for s in pool["schema"]}
    assert {"crm", "uf", "cpf_hash", "papel"} <= attrs
    assert pool["deletion_protection"] == "ACTIVE"
    client = one("aws_cognito_user_pool_client", "identity").body
    assert client["generate_secret"] is False
    assert set(client["explicit_auth_flows"]) == {
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
    }
    assert client["prevent_user_existence_errors"] == "ENABLED"


# ---------------------------------------------------------------------------- edge and routing


def test_rotas_do_api_gateway_vem_da_tabela_de_roteamento():
    (loc,) = parse(MODULES / "edge" / "main.tf")["locals"]
    # Read from the file the local gateway reads: path.module/../../../../ is the repository root.
    assert loc["routing_table"] == (
        '${jsondecode(file("${path.module}/../../../../gateway/rotas.json"))}'
    )
    assert (MODULES / "edge" / "../../../../gateway/rotas.json").resolve() == TABLE_PATH
    # The same selection as gateway/routing.py for the aws profile, minus WebSockets.
    assert 'contains(coalescelist(try(r.perfis, []), ["aws"]), "aws")' in loc["rotas"]
    assert 'upper(r.metodo) != "WS"' in loc["rotas"]
    assert '"${upper(r.metodo)} ${r.caminho}" => r' in loc["rotas"]
    route = one("aws_apigatewayv2_route", "edge").body
    assert route["for_each"] == "${local.rotas}"
    assert route["route_key"] == "${upper(each.value.metodo)} ${each.value.caminho}"
    assert (
        route["target"]
        == "integrations/${aws_apigatewayv2_integration.this[each.value.servico].id}"
    )
    integration = one("aws_apigatewayv2_integration", "edge").body
    assert integration["for_each"] == "${local.servicos}"
    assert integration["connection_type"] == "VPC_LINK"


def test_rotas_nao_publicas_passam_pelo_autorizador_jwt_do_cognito():
    route = one("aws_apigatewayv2_route", "edge").body
    assert route["authorization_type"] == '${try(each.value.publica, false) ? "NONE" : "JWT"}'
    assert "aws_apigatewayv2_authorizer.this.id" in route["authorizer_id"]
    authorizer = one("aws_apigatewayv2_authorizer", "edge").body
    assert authorizer["authorizer_type"] == "JWT"
    (jwt,) = authorizer["jwt_configuration"]
    assert jwt["issuer"] == "${var.jwt_issuer}" and jwt["audience"] == ["${var.jwt_audience}"]
    stack = parse(TF / "stack" / "main.tf")
    (call,) = [m["edge"] for m in stack["module"] if "edge" in m]
    assert call["jwt_issuer"] == "${module.identity.issuer}"
    assert call["jwt_audience"] == "${module.identity.client_id}"
    # The public rows are few and known: everything else needs a token at the edge.
    publicas = {f"{r.metodo} {r.caminho}" for r in RoutingTable.load("aws").rotas if r.publica}
    assert "POST /auth/login" in publicas and "POST /consultas" not in publicas
    # The calendar subscription: calendar apps fetch the feed with no token (the secret address
    # is the credential); creating or revoking one needs a session.
    assert "GET /calendario/{arquivo}" in publicas
    assert not {f"{m} /calendario/assinatura" for m in ("GET", "POST", "DELETE")} & publicas


def test_parametros_de_rota_ocupam_um_segmento_inteiro():
    # API Gateway refuses a route key whose path variable shares a segment with literal text
    # ("/calendario/{token}.ics"): the whole segment is the parameter, the service parses it.
    for row in json.loads(TABLE_PATH.read_text())["rotas"]:
        for segmento in row["caminho"].split("/"):
            if "{" in segmento or "}" in segmento:
                assert re.fullmatch(r"\{[A-Za-z_][A-Za-z0-9_]*\+?\}", segmento), row


def _aws_route_keys() -> set[str]:
    """What the Terraform selection yields, computed the way the local gateway selects rows."""
    return {f"{r.metodo} {r.caminho}" for r in RoutingTable.load("aws").rotas if r.metodo != "WS"}


def test_toda_linha_da_tabela_vira_rota_de_um_servico_implantado():
    data = json.loads(TABLE_PATH.read_text())
    keys = _aws_route_keys()
    for row in data["rotas"]:
        perfis = row.get("perfis") or ["aws"]
        expected = "aws" in perfis and row["metodo"].upper() != "WS"
        assert (f"{row['metodo'].upper()} {row['caminho']}" in keys) == expected, row
        assert row["servico"] in SERVICES, row
    sized = set(module_call("prod", "stack")["services"])
    assert {k.split(" ")[0] for k in keys} <= {"GET", "POST", "PUT", "PATCH", "DELETE"}
    assert {r.servico for r in RoutingTable.load("aws").rotas} <= sized


def test_nenhuma_rota_e_copiada_para_o_terraform():
    caminhos = {row["caminho"] for row in json.loads(TABLE_PATH.read_text())["rotas"]}
    copies = [
        (str(path.relative_to(TF)), c)
        for path in TF_FILES
        for c in caminhos
        if re.search(rf'"[A-Z]* ?{re.escape(c)}"', path.read_text())
    ]
    assert copies == []


def test_so_o_cloudfront_chega_aos_servicos():
    dist = one("aws_cloudfront_distribution", "edge").body
    api_origin = next(o for o in dist["origin"] if o["origin_id"] == "api")
    header = block(api_origin, "custom_header")
    assert header["name"] == "x-origin-verify"
    rule = one("aws_lb_listener_rule", "ecs_service").body
    headers = {c["http_header"][0]["http_header_name"] for c in rule["condition"]}
    assert headers == {"x-healthmed-servico", "x-origin-verify"}


def test_cloudfront_com_waf_tls_moderno_e_api_sem_cache():
    dist = one("aws_cloudfront_distribution", "edge").body
    assert dist["web_acl_id"] == "${aws_wafv2_web_acl.this.arn}"
    assert block(dist, "viewer_certificate")["minimum_protocol_version"] == "TLSv1.2_2021"
    api = block(dist, "ordered_cache_behavior")
    assert api["path_pattern"] == "/api/*" and api["target_origin_id"] == "api"
    assert api["cache_policy_id"] == "${data.aws_cloudfront_cache_policy.disabled.id}"
    web = next(o for o in dist["origin"] if o["origin_id"] == "web")
    assert "origin_access_control_id" in web


def test_waf_com_regras_gerenciadas_e_limite_por_ip():
    acl = one("aws_wafv2_web_acl", "edge").body
    assert acl["scope"] == "CLOUDFRONT"
    rate = [r for r in acl["rule"] if "rate_based_statement" in json.dumps(r)]
    assert rate, "sem regra de limite por IP"
    groups = {r["name"] for r in acl["rule"]}
    assert {
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesAmazonIpReputationList",
        "AWSManagedRulesSQLiRuleSet",
    } <= groups


def test_api_gateway_limita_requisicoes():
    stage = one("aws_apigatewayv2_stage", "edge").body
    settings = block(stage, "default_route_settings")
    assert "throttling_rate_limit" in settings and "throttling_burst_limit" in settings
    assert "access_log_settings" in stage


# ---------------------------------------------------------------------------- delivery


def test_pipeline_promove_dev_qa_e_prod_com_aprovacao_manual():
    prod = module_call("prod", "stack")["pipeline"]
    names = [e["name"] for e in prod["environments"]]
    assert names == ["dev", "qa", "prod"]
    assert [e["require_approval"] for e in prod["environments"]] == [False, False, True]
    for env in ("dev", "qa"):
        assert "pipeline" not in module_call(env, "stack")
    build = one("aws_codebuild_project", "pipeline", "build").body
    assert block(build, "source")["buildspec"] == "buildspec.yml"
    repo = one("aws_ecr_repository", "pipeline").body
    assert repo["image_tag_mutability"] == "IMMUTABLE"
    test = one("aws_codebuild_project", "pipeline", "test").body
    assert block(test, "environment").get("privileged_mode") is not True
    pipeline = one("aws_codepipeline", "pipeline").body
    (build_stage,) = [st for st in pipeline["stage"] if st["name"] == "TestesEImagens"]
    order = {a["name"]: a["run_order"] for a in build_stage["action"]}
    assert order["make-test"] < order["imagens"]
    assert pipeline["pipeline_type"] == "V2"


# ---------------------------------------------------------------------------- references
# What `terraform validate` would catch first, checked without the binary: every reference
# points at something declared, and every module call matches the module's variables.

_META_ARGS = {"source", "for_each", "count", "providers", "depends_on", "version"}


def _text(directory: Path) -> str:
    """A directory's configuration, without moved blocks: their old addresses are declared
    nowhere on purpose (test_buckets_antigos_sao_movidos_para_o_modulo_sem_recriar checks them)."""
    text = "\n".join(p.read_text() for p in sorted(directory.glob("*.tf")))
    return re.sub(r"(?ms)^moved \{.*?^\}", "", text)


def _declared(directory: Path, kind: str) -> dict[str, dict[str, Any]]:
    return {n: b for p in sorted(directory.glob("*.tf")) for n, b in blocks(p, kind)}


def _module_dir(caller: Path, source: str) -> Path:
    return (caller / source).resolve()


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: str(p.relative_to(TF)))
def test_toda_referencia_aponta_para_algo_declarado(root: Path):
    text = re.sub(r"(?m)^\s*#.*$", "", _text(root))  # comments may name anything
    variables = set(_declared(root, "variable"))
    assert set(re.findall(r"\bvar\.(\w+)", text)) <= variables
    locals_ = {k for p in root.glob("*.tf") for loc in parse(p).get("locals", []) for k in loc}
    assert set(re.findall(r"\blocal\.(\w+)", text)) <= locals_
    data = {
        (kind, name)
        for p in root.glob("*.tf")
        for item in parse(p).get("data", [])
        for kind, named in item.items()
        for name in named
    }
    assert set(re.findall(r"\bdata\.(\w+)\.(\w+)", text)) <= data
    declared = {(r.kind, r.name) for r in resources() if r.module == root.name}
    used = {
        (kind, name)
        for kind, name in re.findall(r"(?<![.\w])((?:aws|random)_\w+)\.(\w+)", text)
        if not name.startswith(("json", "arn", "id"))  # not an attribute of a data source
    }
    assert used <= declared


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: str(p.relative_to(TF)))
def test_chamadas_de_modulo_batem_com_as_variaveis_e_saidas(root: Path):
    calls = _declared(root, "module")
    text = _text(root)
    for name, call in calls.items():
        target = _module_dir(root, call["source"])
        variables = _declared(target, "variable")
        args = set(call) - _META_ARGS
        assert args <= set(variables), (name, sorted(args - set(variables)))
        required = {v for v, body in variables.items() if "default" not in body}
        assert required <= args, (name, sorted(required - args))
        outputs = set(_declared(target, "output"))
        used = set(re.findall(rf"\bmodule\.{name}(?:\[[^\]]+\])?\.(\w+)", text))
        assert used <= outputs, (name, sorted(used - outputs))


def test_nenhuma_variavel_de_modulo_fica_sem_uso():
    for root in ROOTS:
        # A variable's own validation names it; only a use elsewhere counts.
        text = "\n".join(p.read_text() for p in root.glob("*.tf") if p.name != "variables.tf")
        unused = [v for v in _declared(root, "variable") if f"var.{v}" not in text]
        assert unused == [], (str(root.relative_to(TF)), unused)


def test_cognito_aceita_o_que_o_contrato_aceita_e_entrega_o_papel_nos_tokens():
    pool = one("aws_cognito_user_pool", "identity").body
    # The username is the account id (UUID); e-mail as username would refuse it.
    assert "username_attributes" not in pool
    (politica,) = pool["password_policy"]
    assert politica["minimum_length"] == 8  # the API's rule; the auth service adds the rest
    grupos = one("aws_cognito_user_group", "identity", "papel").body
    assert grupos["for_each"] == '${toset(["medico", "paciente"])}'
    stack = (TF / "stack" / "main.tf").read_text()
    for acao in (
        "AdminCreateUser",
        "AdminSetUserPassword",
        "AdminAddUserToGroup",
        "AdminDeleteUser",
    ):
        assert f'"cognito-idp:{acao}"' in stack
    assert "ListUsers" not in stack and "jwt-chave-privada" not in stack


def test_servicos_mantem_conexoes_vivas_mais_tempo_que_o_alb():
    """Otherwise the service closes a kept-alive connection just as the ALB reuses it (resets)."""
    from libs.settings import Settings

    alb = one("aws_lb", "cluster").body
    assert Settings(data_dir=Path("/tmp")).keep_alive_segundos > int(alb["idle_timeout"])
