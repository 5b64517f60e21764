"""Images and the compose profile, checked statically (no Docker engine on this machine):
one parametrized service Dockerfile, pinned bases, non-root, health checks; a compose file
whose services, health checks and settings match the repository's; and an nginx gateway whose
routes are generated from the routing table and kept in sync with it."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from gateway.routing import TABLE_PATH, RoutingTable
from libs import runner
from libs.settings import SERVICES

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "docker"
COMPOSE = ROOT / "compose.yaml"
DOCKERFILES = sorted(DOCKER.glob("*.Dockerfile"))


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, DOCKER / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load(COMPOSE.read_text()))


# ---------------------------------------------------------------------------- Dockerfiles


def _from_images(text: str) -> list[str]:
    args = dict(re.findall(r"^ARG (\w+)=(\S+)$", text, re.M))
    images = []
    for ref in re.findall(r"^FROM (\S+)", text, re.M):
        match = re.fullmatch(r"\$\{(\w+)\}", ref)
        images.append(args[match.group(1)] if match else ref)
    return images


@pytest.mark.parametrize("path", DOCKERFILES, ids=lambda p: p.name)
def test_imagens_base_fixadas_nunca_latest(path: Path):
    images = _from_images(path.read_text())
    assert images
    for image in images:
        if image in ("uv", "build"):  # an earlier stage of the same file
            continue
        assert "@sha256:" in image or re.search(r":[\w.-]*\d[\w.-]*$", image), image
        assert not image.endswith(":latest"), image
        # CodeBuild pulls without Docker Hub's anonymous limits only from AWS's own registries.
        assert image.startswith("public.ecr.aws/"), image


@pytest.mark.parametrize("path", DOCKERFILES, ids=lambda p: p.name)
def test_nada_vem_do_docker_hub_nem_do_ghcr(path: Path):
    text = path.read_text()
    assert not re.search(r"^# *syntax=", text, re.M)  # that frontend image comes from Docker Hub
    instrucoes = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert "ghcr.io" not in instrucoes
    assert "docker.io" not in instrucoes


@pytest.mark.parametrize("path", DOCKERFILES, ids=lambda p: p.name)
def test_estagio_final_sem_root_e_com_healthcheck(path: Path):
    final = path.read_text().split("\nFROM ")[-1]
    user = re.findall(r"^USER (\S+)", final, re.M)
    assert user and user[-1].split(":")[0] not in ("root", "0"), path.name
    assert re.search(r"^HEALTHCHECK .*\n?.*/healthz", final, re.M), path.name


def test_um_so_dockerfile_para_os_cinco_servicos():
    text = (DOCKER / "service.Dockerfile").read_text()
    assert re.search(r"^ARG SERVICE$", text, re.M)
    assert "uv sync --frozen --no-dev" in text
    assert "COPY services/${SERVICE}/ services/${SERVICE}/" in text
    assert "libs.runner" in text
    # Never a copy per service.
    assert [p.name for p in DOCKERFILES] == ["service.Dockerfile", "web.Dockerfile"]


# ---------------------------------------------------------------------------- compose


def test_compose_tem_postgres_os_cinco_servicos_e_o_gateway():
    services = compose()["services"]
    assert set(SERVICES) | {"postgres", "gateway"} <= set(services)
    assert set(services) - set(SERVICES) <= {"postgres", "gateway", "minio"}


def test_todo_servico_do_compose_tem_healthcheck_e_politica_de_reinicio():
    for name, svc in compose()["services"].items():
        assert svc.get("healthcheck", {}).get("test"), name
        assert svc.get("restart") in ("unless-stopped", "always", "on-failure"), name


def test_nenhuma_imagem_latest_ou_sem_tag():
    for name, svc in compose()["services"].items():
        image = svc["image"]
        assert re.search(r":[^/]+$", image), (name, image)
        assert not image.endswith(":latest"), (name, image)


def test_servicos_rodam_do_mesmo_dockerfile_no_perfil_compose_sem_root():
    services = compose()["services"]
    for name in SERVICES:
        svc = services[name]
        assert svc["build"]["dockerfile"] == "docker/service.Dockerfile", name
        assert svc["build"]["args"] == {"SERVICE": name}
        assert svc["command"][-1].endswith(f"python -m libs.runner {name}"), name
        assert f"libs.runner {name} --migrar" in svc["command"][-1]
        env = svc["environment"]
        assert env["HEALTHMED_PROFILE"] == "compose"
        assert env["HEALTHMED_DATABASE_URL"].startswith("postgresql://")
        assert set(json.loads(env["HEALTHMED_SERVICE_URLS"])) == set(SERVICES)
        for secret in ("SERVICE_TOKEN", "CHAVE_HASH", "CHAVE_DADOS"):
            assert ":?" in env[f"HEALTHMED_{secret}"], f"{name}: {secret} sem valor obrigatório"
        assert svc["user"] == "10001:10001" and svc["read_only"] is True
        assert svc["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_gateway_espera_todos_os_servicos_saudaveis():
    gateway = compose()["services"]["gateway"]
    assert gateway["build"]["dockerfile"] == "docker/web.Dockerfile"
    assert {k: v["condition"] for k, v in gateway["depends_on"].items()} == dict.fromkeys(
        SERVICES, "service_healthy"
    )


def test_gerar_env_cobre_todo_segredo_exigido_pelo_compose():
    required = set(re.findall(r"\$\{(\w+):\?", COMPOSE.read_text()))
    generated = set(re.findall(r"^(\w+)=", _module("gerar_env").render(), re.M))
    assert required <= generated


# ---------------------------------------------------------------------------- nginx


def test_configuracao_do_nginx_esta_em_dia_com_a_tabela_de_roteamento():
    # The script itself, as a developer runs it.
    result = subprocess.run(  # noqa: S603 - our interpreter, our script
        [sys.executable, str(DOCKER / "gen_nginx.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _nginx_regexes(conf: str) -> list[tuple[str, str, str]]:
    """(kind, pattern, upstream) of every /api location, in file order."""
    found = []
    for kind, pattern, body in re.findall(r"location (=|~) (\S+) \{\n(.*?)\n    \}", conf, re.S):
        upstream = re.search(r"proxy_pass http://(\w+);", body)
        if upstream:
            found.append((kind, pattern, upstream.group(1)))
    return found


def _nginx_route(locations: list[tuple[str, str, str]], path: str) -> str | None:
    for kind, pattern, upstream in locations:  # exact matches win, then regexes in order
        if kind == "=" and pattern == path:
            return upstream
    for kind, pattern, upstream in locations:
        if kind == "~" and re.search(pattern, path):
            return upstream
    return None


def test_nginx_leva_cada_rota_do_perfil_compose_ao_servico_da_tabela():
    conf = (DOCKER / "nginx" / "healthmed.conf").read_text()
    locations = _nginx_regexes(conf)
    table = RoutingTable.load("compose")
    for rota in table.rotas:
        concrete = re.sub(r"\{\w+\}", "x1", rota.caminho)
        assert _nginx_route(locations, "/api" + concrete) == rota.servico, rota
    # Rows of other profiles only (e.g. the local outbox) are not exposed.
    data = json.loads(TABLE_PATH.read_text())
    hidden = [r for r in data["rotas"] if r.get("perfis") and "compose" not in r["perfis"]]
    for row in hidden:
        concrete = re.sub(r"\{\w+\}", "x1", row["caminho"])
        assert _nginx_route(locations, "/api" + concrete) is None, row


def test_corpo_maior_permitido_so_onde_a_tabela_diz():
    gen = _module("gen_nginx")
    conf = gen.render()
    bodies = {int(n) for n in re.findall(r"client_max_body_size (\d+);", conf)}
    expected = {gen.DEFAULT_MAX_BODY} | {
        r.max_corpo for r in RoutingTable.load("compose").rotas if r.max_corpo
    }
    assert bodies == expected


def test_gerador_recusa_caminho_com_metodos_em_servicos_diferentes(tmp_path):
    table = tmp_path / "rotas.json"
    rows = [
        {"metodo": "GET", "caminho": "/x", "servico": "auth"},
        {"metodo": "POST", "caminho": "/x", "servico": "medico"},
    ]
    table.write_text(json.dumps({"rotas": rows}))
    with pytest.raises(ValueError, match="serviços diferentes"):
        _module("gen_nginx").render(table)


@pytest.mark.parametrize("service", SERVICES)
def test_imagem_de_cada_servico_so_precisa_de_libs_e_do_proprio_servico(service, tmp_path):
    """What docker/service.Dockerfile copies (libs/ without libs/testing, services/<service>/
    without tests) is enough to build the app through libs.runner."""
    ignore = shutil.ignore_patterns("tests", "testing", "__pycache__")
    shutil.copytree(ROOT / "libs", tmp_path / "libs", ignore=ignore)
    (tmp_path / "services").mkdir()
    shutil.copy(ROOT / "services" / "__init__.py", tmp_path / "services" / "__init__.py")
    shutil.copytree(ROOT / "services" / service, tmp_path / "services" / service, ignore=ignore)
    code = (
        "import sys; from libs import runner; factory, cls = runner.load(sys.argv[1]);"
        "app = runner.build(sys.argv[1], cls(database_url='postgresql://x@localhost/x',"
        " data_dir=sys.argv[2]));"
        "mods = [m for m in sys.modules if m.startswith(('gateway', 'libs.testing'))"
        " or (m.startswith('services.') and m.split('.')[1] != sys.argv[1])];"
        "assert not mods, mods; print('ok')"
    )
    result = subprocess.run(  # noqa: S603 - our interpreter, our code
        [sys.executable, "-c", code, service, str(tmp_path / "data")],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]


def _interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}, with ``env`` as the .env file."""

    def one(match: re.Match[str]) -> str:
        name, op, arg = match.group(1), match.group(2), match.group(3)
        if name in env:
            return env[name]
        if op == ":-":
            return arg
        raise AssertionError(f"{name} sem valor: {arg}")

    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", one, value)


def _dotenv(text: str) -> dict[str, str]:
    """A .env as compose reads it: NAME=value, or NAME="value" across lines."""
    return {
        name: quoted or plain
        for name, quoted, plain in re.findall(r'^(\w+)=(?:"([^"]*)"|(.*))$', text, re.M)
    }


@pytest.mark.parametrize("service", SERVICES)
def test_servico_aceita_a_configuracao_do_compose_com_o_env_gerado(service, monkeypatch, tmp_path):
    generated = _dotenv(_module("gerar_env").render())
    for name in list(os.environ):
        if name.startswith("HEALTHMED_"):
            monkeypatch.delenv(name)
    for name, value in compose()["services"][service]["environment"].items():
        monkeypatch.setenv(name, _interpolate(str(value), generated))
    monkeypatch.setenv("HEALTHMED_DATA_DIR", str(tmp_path))
    _, cls = runner.load(service)
    settings: Any = cls()  # a missing or malformed secret raises here, naming the variable
    assert settings.profile == "compose"
    assert len(settings.data_key()) == 32
    assert set(settings.service_urls) == set(SERVICES)
    if service == "auth":
        pem = settings.jwt_chave_privada.get_secret_value()
        assert isinstance(
            serialization.load_pem_private_key(pem.encode(), None), ec.EllipticCurvePrivateKey
        )
    if service == "prontuario":
        assert len(settings.chave_mestra()) == 32
