"""The delivery scripts run for real against stand-ins of the ``aws`` and ``docker`` commands
(executables first on PATH that answer as the AWS CLI does and record every call): what the
script does with each answer is the behaviour under test, not its text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "infra" / "scripts"
BASH = shutil.which("bash") or "/bin/bash"

# One stand-in for both commands: it appends its argv to calls.jsonl and answers from the
# scenario in cenario.json (the number of RUNNING polls, the images already in ECR).
_STAND_IN = """#!{python}
import json, os, sys
from pathlib import Path
here = Path(os.environ["STAND_IN_DIR"])
name, args = Path(sys.argv[0]).name, sys.argv[1:]
with (here / "calls.jsonl").open("a") as f:
    f.write(json.dumps([name, *args]) + "\\n")
cenario = json.loads((here / "cenario.json").read_text())
def arg(flag):
    return args[args.index(flag) + 1]
if name == "docker":
    if args[0] == "login":  # --password-stdin: read the password as docker does (else the
        sys.stdin.read()    # writer of the pipe may hit a closed pipe, a race)
    if args[0] == "push":  # the registry now has the tag
        repo = args[1].split("/", 1)[1].rsplit(":", 1)[0]
        cenario["no_ecr"][repo] = "sha256:novo"
        (here / "cenario.json").write_text(json.dumps(cenario))
    sys.exit(0)
if args[:2] == ["ecr", "get-login-password"]:
    print("senha")
elif args[:2] == ["ecr", "describe-images"]:
    digest = cenario["no_ecr"].get(arg("--repository-name"))
    if digest is None:
        print("ImageNotFoundException", file=sys.stderr)
        sys.exit(254)
    print(digest)
elif args[:2] == ["ecs", "describe-services"]:
    print(json.dumps({{"taskDefinition": "arn:td/antiga:1", "networkConfiguration": {{}}}}))
elif args[:2] == ["ecs", "describe-task-definition"]:
    print(json.dumps({{"family": "f", "containerDefinitions": [{{"image": "velha"}}]}}))
elif args[:2] == ["ecs", "register-task-definition"]:
    print("arn:td/nova:2")
elif args[:2] == ["ecs", "run-task"]:
    print("arn:task/migracao")
elif args[:2] == ["ecs", "describe-tasks"] and "lastStatus" in arg("--query"):
    polls = here / "polls"
    n = int(polls.read_text()) if polls.exists() else 0
    polls.write_text(str(n + 1))
    print("STOPPED" if n >= cenario["polls_rodando"] else "RUNNING")
elif args[:2] == ["ecs", "describe-tasks"]:
    print(cenario.get("saida", "0"))
else:
    print("chamada inesperada: " + " ".join(args), file=sys.stderr)
    sys.exit(2)
"""


def _run(tmp_path: Path, script: str, *args: str, cenario: dict[str, object], **env: str):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name in ("aws", "docker"):
        stand_in = bin_dir / name
        stand_in.write_text(_STAND_IN.format(python=sys.executable))
        stand_in.chmod(0o755)
    (tmp_path / "cenario.json").write_text(json.dumps(cenario))
    result = subprocess.run(  # noqa: S603 - our script, our stand-ins
        [BASH, str(SCRIPTS / script), *args],
        cwd=tmp_path,
        env={
            **os.environ,
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "STAND_IN_DIR": str(tmp_path),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    calls_file = tmp_path / "calls.jsonl"
    calls = (
        [json.loads(line) for line in calls_file.read_text().splitlines()]
        if calls_file.exists()
        else []
    )
    return result, calls


def _imagens(tmp_path: Path) -> Path:
    pasta = tmp_path / "imagens"
    pasta.mkdir()
    (pasta / "imagedefinitions-auth.json").write_text(
        json.dumps([{"name": "auth", "imageUri": "registro/healthmed/auth@sha256:abc"}])
    )
    return pasta


def test_migracao_espera_alem_dos_10_minutos_do_waiter_da_cli(tmp_path: Path):
    # 150 polls RUNNING: more than the CLI waiter's 100 before it gives up.
    result, calls = _run(
        tmp_path,
        "ecs-migrate.sh",
        "healthmed-dev",
        str(_imagens(tmp_path)),
        cenario={"polls_rodando": 150, "no_ecr": {}},
        MIGRACAO_INTERVALO_SEGUNDOS="0",
    )
    assert result.returncode == 0, result.stderr
    assert not any(c[1:3] == ["ecs", "wait"] for c in calls)
    polls = [c for c in calls if c[1:3] == ["ecs", "describe-tasks"] and "lastStatus" in c[-3]]
    assert len(polls) == 151
    run_task = next(c for c in calls if c[1:3] == ["ecs", "run-task"])
    assert "arn:td/nova:2" in run_task


def test_migracao_falha_quando_o_prazo_proprio_acaba(tmp_path: Path):
    result, _ = _run(
        tmp_path,
        "ecs-migrate.sh",
        "healthmed-dev",
        str(_imagens(tmp_path)),
        cenario={"polls_rodando": 10**9, "no_ecr": {}},
        MIGRACAO_PRAZO_SEGUNDOS="1",
        MIGRACAO_INTERVALO_SEGUNDOS="0.2",
    )
    assert result.returncode != 0
    assert "ainda em RUNNING" in result.stderr


def test_migracao_com_saida_diferente_de_zero_para_o_deploy(tmp_path: Path):
    result, _ = _run(
        tmp_path,
        "ecs-migrate.sh",
        "healthmed-dev",
        str(_imagens(tmp_path)),
        cenario={"polls_rodando": 0, "no_ecr": {}, "saida": "1"},
        MIGRACAO_INTERVALO_SEGUNDOS="0",
    )
    assert result.returncode == 1
    assert "migração de auth falhou" in result.stderr


_ECR = {
    "ECR_REGISTRY": "123.dkr.ecr.sa-east-1.amazonaws.com",
    "ECR_PREFIX": "healthmed",
    "AWS_REGION": "sa-east-1",
}


def test_imagens_ja_no_ecr_nao_sao_reconstruidas_e_sao_implantadas_pelo_digest(tmp_path: Path):
    """The operator's bootstrap pushed this commit's images: with immutable tags, the pipeline's
    run of the same commit must reuse them, not fail on the push."""
    no_ecr = {
        f"healthmed/{s}": f"sha256:{s}"
        for s in ("auth", "medico", "paciente", "consulta", "prontuario")
    }
    result, calls = _run(tmp_path, "build-images.sh", "abc123", cenario={"no_ecr": no_ecr}, **_ECR)
    assert result.returncode == 0, result.stderr
    assert not [c for c in calls if c[0] == "docker" and c[1] in ("build", "push")]
    (definicao,) = json.loads((tmp_path / "imagedefinitions-consulta.json").read_text())
    assert definicao == {
        "name": "consulta",
        "imageUri": "123.dkr.ecr.sa-east-1.amazonaws.com/healthmed/consulta@sha256:consulta",
    }


def test_imagens_novas_sao_construidas_para_linux_amd64_e_enviadas(tmp_path: Path):
    result, calls = _run(tmp_path, "build-images.sh", "abc123", cenario={"no_ecr": {}}, **_ECR)
    assert result.returncode == 0, result.stderr
    builds = [c for c in calls if c[0] == "docker" and c[1] == "build"]
    assert len(builds) == 5
    for build in builds:
        assert build[build.index("--platform") + 1] == "linux/amd64"
    pushes = [c[2] for c in calls if c[0] == "docker" and c[1] == "push"]
    assert "123.dkr.ecr.sa-east-1.amazonaws.com/healthmed/auth:abc123" in pushes
    (definicao,) = json.loads((tmp_path / "imagedefinitions-auth.json").read_text())
    assert definicao["imageUri"].endswith("/healthmed/auth@sha256:novo")
