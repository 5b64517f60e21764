"""The delivery pipeline runs the same test command as everyone: `make test` in GitHub Actions,
in CodeBuild (buildspec.yml) and in .ci/run; images are built only after it passes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def load(path: Path) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text()))


def test_github_actions_roda_make_test_e_depois_as_imagens():
    wf = load(WORKFLOW)
    test = wf["jobs"]["test"]
    assert [s["run"] for s in test["steps"] if "run" in s] == ["make test"]
    images = wf["jobs"]["images"]
    assert images["needs"] == "test"
    assert set(images["strategy"]["matrix"]["image"]) == {
        "auth",
        "medico",
        "paciente",
        "consulta",
        "prontuario",
        "web",
    }


def test_actions_fixadas_por_sha_e_permissoes_minimas():
    wf = load(WORKFLOW)
    assert wf["permissions"] == {"contents": "read"}
    for job in wf["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
                if step["uses"].startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
            # Untrusted values reach shell steps only through the environment.
            assert "${{" not in step.get("run", ""), step


def test_buildspec_roda_exatamente_make_test_e_depois_as_imagens():
    spec = load(ROOT / "buildspec.yml")
    build = "\n".join(spec["phases"]["build"]["commands"])
    testes = build.split("testes)")[1].split(";;")[0]
    assert testes.strip().splitlines()[0].strip() == "make test"
    assert "infra/scripts/build-images.sh" in build.split("imagens)")[1]
    assert "imagedefinitions-*.json" in spec["artifacts"]["files"]


def test_ci_local_roda_o_mesmo_comando():
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")


def test_make_test_inclui_as_verificacoes_de_infra():
    makefile = (ROOT / "Makefile").read_text()
    test_target = re.search(r"^test: (.*)$", makefile, re.M)
    assert test_target and "infra-check" in test_target.group(1).split()
    recipe = makefile.split("\ninfra-check:")[1].split("\n\n")[0]
    for tool in (
        "terraform fmt -check",
        "checkov -d infra/terraform",
        "hadolint",
        "zizmor",
        "shellcheck",
    ):
        assert tool in recipe, tool


def test_scripts_de_entrega_falham_cedo():
    for script in (ROOT / "infra" / "scripts").glob("*.sh"):
        assert "set -euo pipefail" in script.read_text(), script.name
