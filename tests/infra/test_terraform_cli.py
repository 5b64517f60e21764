"""Terraform checks the estate itself, offline: for every environment under
``infra/terraform/envs``, ``terraform init -backend=false``, ``terraform validate`` and the mocked
plan (``terraform test``, ``infra/terraform/tests/plano.tftest.hcl``), with the AWS provider taken
from a filesystem mirror (no registry, no account, no credentials).

The static checks (python-hcl2 in test_terraform.py, checkov, fmt) cannot see what only
Terraform and the provider know: an argument value the provider refuses, a ``count`` that
depends on an attribute known only after apply, a reference of the wrong type. These can.

The binary and the mirror are required: a machine without them fails here, naming what is
missing, instead of skipping (a skipped check is a promise, not a proof)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INFRA = ROOT / "infra"
LAMBDA = INFRA / "lambda"
ENVS = ("dev", "qa", "prod")
PROVIDER = "registry.terraform.io/hashicorp/aws"
# Where machine images and `infra/scripts/terraform-offline.sh` put the provider mirror.
MIRROR_CANDIDATES = (
    Path("/opt/tf-plugins"),
    Path("/usr/share/terraform/plugins"),
    Path.home() / ".terraform.d" / "plugins",
    Path.home() / ".local" / "share" / "terraform" / "plugins",
    ROOT / ".venv-terraform" / "plugins",
)

pytestmark = pytest.mark.xdist_group("terraform")


def _terraform() -> str:
    instalado = ROOT / ".venv-terraform" / "bin" / "terraform"
    binary = (
        os.environ.get("HEALTHMED_TERRAFORM")
        or shutil.which("terraform")
        or (str(instalado) if instalado.exists() else None)
    )
    if not binary:
        pytest.fail(
            "terraform não encontrado (nem no PATH nem em .venv-terraform/bin): rode "
            "infra/scripts/terraform-offline.sh (make test o faz) ou aponte HEALTHMED_TERRAFORM"
        )
    return binary


def _mirror() -> Path:
    configured = os.environ.get("HEALTHMED_TERRAFORM_MIRROR")
    candidates = (Path(configured),) if configured else MIRROR_CANDIDATES
    for base in candidates:
        if any((base / PROVIDER).glob("*/*/terraform-provider-aws_*")):
            return base
    pytest.fail(
        f"espelho do provedor AWS não encontrado ({PROVIDER}/<versão>/<plataforma>/"
        f"terraform-provider-aws_*) em: {', '.join(str(c) for c in candidates)}; "
        "crie-o com infra/scripts/terraform-offline.sh ou aponte HEALTHMED_TERRAFORM_MIRROR"
    )


@pytest.fixture(scope="module")
def terraform(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str], Path]:
    """The binary, an offline environment (CLI config with only the mirror) and a copy of infra/
    (and the routing table it reads) with the Lambda zip built: Terraform writes nothing into
    the source tree."""
    binary, mirror = _terraform(), _mirror()
    work = tmp_path_factory.mktemp("terraform")
    config = work / "terraformrc"
    config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path = "{mirror}"\n'
        '    include = ["registry.terraform.io/hashicorp/*"]\n  }\n'
        '  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n'
    )
    subprocess.run([sys.executable, str(LAMBDA / "empacotar.py")], check=True)  # noqa: S603
    copy = work / "infra"
    shutil.copytree(
        INFRA,
        copy,
        symlinks=True,
        ignore=shutil.ignore_patterns(".terraform", ".terraform.lock.hcl", "__pycache__"),
    )
    # The edge module reads the routing table (gateway/rotas.json) beside infra/.
    (work / "gateway").mkdir()
    shutil.copy2(ROOT / "gateway" / "rotas.json", work / "gateway" / "rotas.json")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TF_", "AWS_"))},
        "TF_CLI_CONFIG_FILE": str(config),
        "TF_IN_AUTOMATION": "1",
        "TF_INPUT": "0",
        "CHECKPOINT_DISABLE": "1",
    }
    return binary, env, copy


def _run(terraform: tuple[str, dict[str, str], Path], env_name: str, *args: str) -> str:
    binary, env, copy = terraform
    directory = copy / "terraform" / "envs" / env_name
    result = subprocess.run(  # noqa: S603 - the terraform binary, our arguments
        [binary, *args, "-no-color"],
        cwd=directory,
        env={**env, "TF_DATA_DIR": str(directory / ".terraform")},
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"terraform {' '.join(args)} em envs/{env_name}:\n{output}"
    return output


@pytest.mark.parametrize("env_name", ENVS)
def test_terraform_valida_e_planeja_cada_ambiente_offline(terraform, env_name: str):
    init = _run(terraform, env_name, "init", "-backend=false")
    assert "hashicorp/aws" in init
    assert "Success! The configuration is valid." in _run(terraform, env_name, "validate")
    plano = _run(terraform, env_name, "test")
    assert "1 passed, 0 failed" in plano


def test_o_estado_nao_precisa_de_outro_provedor_que_o_aws():
    """random and archive are not in the mirror: the estate needs the AWS provider alone."""
    fontes = "\n".join(p.read_text() for p in (INFRA / "terraform").rglob("*.tf"))
    proibidos = ('"hashicorp/random"', '"hashicorp/archive"', 'resource "random_', '"archive_file"')
    for proibido in proibidos:
        assert proibido not in fontes


def test_o_zip_da_lambda_e_reproduzivel():
    """The same source gives the same zip (so the same source_code_hash) on every build."""
    script = LAMBDA / "empacotar.py"
    subprocess.run([sys.executable, str(script)], check=True)  # noqa: S603
    zip_path = LAMBDA / "build" / "cognito_mensagem.zip"
    primeiro = zip_path.read_bytes()
    handler = LAMBDA / "cognito_mensagem" / "handler.py"
    os.utime(handler)  # a new mtime changes nothing
    subprocess.run([sys.executable, str(script)], check=True)  # noqa: S603
    assert zip_path.read_bytes() == primeiro
    with zipfile.ZipFile(zip_path) as zf:
        assert zf.namelist() == ["handler.py"]
        assert zf.read("handler.py") == handler.read_bytes()


@pytest.mark.parametrize("versions", sorted((INFRA / "terraform").rglob("versions.tf")), ids=str)
def test_o_provedor_aws_vai_de_5_100_ate_6_x(versions: Path):
    """The machine's mirror has 5.100; operators may run any 6.x: the code must plan on both."""
    assert 'version = ">= 5.100, < 7.0"' in " ".join(versions.read_text().split())
