"""The compose gateway for real: the generated nginx configuration, run by an nginx binary, in
front of a real service process. nginx comes from Debian's package, unpacked (not installed)
by ``make infra-check``; without it these tests are skipped."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from libs.settings import SERVICES
from tests.infra.conftest import ROOT, free_port, start_auth

NGINX = ROOT / ".venv-checkov" / "nginx" / "usr" / "sbin" / "nginx"
CONF = ROOT / "docker" / "nginx" / "healthmed.conf"

pytestmark = pytest.mark.skipif(not NGINX.exists(), reason="make infra-check unpacks nginx")


def _main_conf(tmp: Path) -> str:
    return f"""
user root root;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
daemon off;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ text/html html; application/javascript js; }}
    default_type application/octet-stream;
    include {tmp}/healthmed.conf;
}}
"""


def _site_conf(tmp: Path, port: int, auth_port: int) -> str:
    """The committed configuration, with this machine's addresses instead of compose's."""
    text = CONF.read_text()
    closed = free_port()  # every other service: nothing listens there (nginx answers 502)
    for service in SERVICES:
        target = auth_port if service == "auth" else closed
        text = text.replace(f"server {service}:8000;", f"server 127.0.0.1:{target};")
    text = text.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    text = text.replace("/var/log/nginx/access.log", f"{tmp}/access.log")
    return text.replace("root /usr/share/nginx/html;", f"root {tmp}/html;")


@pytest.fixture(scope="module")
def pasta_nginx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """nginx's prefix: its configuration, the web app's files and its logs."""
    return tmp_path_factory.mktemp("nginx")


@pytest.fixture(scope="module")
def nginx(auth_db: str, pasta_nginx: Path) -> Iterator[str]:
    tmp = pasta_nginx
    (tmp / "html" / "assets").mkdir(parents=True)
    (tmp / "html" / "index.html").write_text("<!doctype html><title>HealthMed</title>app")
    (tmp / "html" / "assets" / "app-1a2b.js").write_text("console.log('ok')")
    auth_port, port = free_port(), free_port()
    (tmp / "healthmed.conf").write_text(_site_conf(tmp, port, auth_port))
    (tmp / "nginx.conf").write_text(_main_conf(tmp))
    auth = start_auth(auth_db, tmp / "data", auth_port)
    check = subprocess.run(  # noqa: S603 - the unpacked Debian binary
        [
            str(NGINX),
            "-t",
            "-p",
            str(tmp),
            "-e",
            str(tmp / "error.log"),
            "-c",
            str(tmp / "nginx.conf"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(  # noqa: S603 - the unpacked Debian binary
        [str(NGINX), "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(tmp / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                httpx.get(base + "/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        proc.send_signal(signal.SIGQUIT)  # graceful stop
        proc.wait(timeout=10)
        auth.send_signal(signal.SIGTERM)
        auth.communicate(timeout=20)
        if (tmp / "error.log").exists() and os.environ.get("HEALTHMED_NGINX_LOG"):
            print((tmp / "error.log").read_text())


def test_rota_da_tabela_chega_ao_servico_sem_o_prefixo_api(nginx: str):
    r = httpx.get(nginx + "/api/auth/.well-known/jwks.json")
    assert r.status_code == 200
    assert r.json()["keys"]
    assert r.headers["x-request-id"]  # nginx's $request_id, echoed by the service


def test_corpo_do_post_chega_ao_servico(nginx: str):
    r = httpx.post(nginx + "/api/auth/login", json={"email": "ninguem@example.com", "senha": "x"})
    assert r.status_code in (401, 422), r.text
    assert r.headers["content-type"].startswith("application/problem+json")


def test_metodo_fora_da_tabela_recebe_405(nginx: str):
    assert httpx.delete(nginx + "/api/auth/login").status_code == 405


def test_caminho_fora_da_tabela_recebe_404_problem_json(nginx: str):
    r = httpx.get(nginx + "/api/nao-existe")
    assert r.status_code == 404
    assert r.json()["status"] == 404
    # The local profile's e-mail outbox is not part of the compose gateway.
    assert httpx.get(nginx + "/api/dev/emails").status_code == 404


def test_servico_fora_do_ar_recebe_502(nginx: str):
    assert httpx.get(nginx + "/api/especialidades").status_code == 502


def test_app_web_responde_em_qualquer_rota_do_app(nginx: str):
    for path in ("/", "/medicos/123", "/sala/abc"):
        r = httpx.get(nginx + path)
        assert r.status_code == 200 and "HealthMed" in r.text, path
        assert r.headers["cache-control"] == "no-cache"
    asset = httpx.get(nginx + "/assets/app-1a2b.js")
    assert "immutable" in asset.headers["cache-control"]
    assert httpx.get(nginx + "/assets/nao-existe.js").status_code == 404
    assert httpx.get(nginx + "/healthz").json() == {"status": "ok", "servico": "gateway"}


def test_log_de_acesso_mascara_credenciais_no_caminho(nginx: str, pasta_nginx: Path):
    """A calendar feed's secret address or a signed file link never reaches the access log
    (the services mask them too: libs.observability.caminho_para_log); ids stay."""
    segredo = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xyz"
    uuid = "0b5c1f0e-8f7a-4c65-9d41-6e0a3c2b1a90"
    httpx.get(f"{nginx}/api/calendario/{segredo}.ics")
    httpx.get(f"{nginx}/api/prontuario/arquivos/{segredo}.{segredo}")
    httpx.get(f"{nginx}/api/consultas/{uuid}")
    log = pasta_nginx / "access.log"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and uuid not in (log.read_text() if log.exists() else ""):
        time.sleep(0.05)
    texto = log.read_text()
    assert '"GET /calendario/***"' in texto  # the path as routed, without /api
    assert '"GET /prontuario/arquivos/***"' in texto
    assert f'"GET /consultas/{uuid}"' in texto
    assert segredo not in texto


def test_cabecalhos_de_seguranca_em_toda_resposta(nginx: str):
    """Issue 15 §5: the app's pages and files, the API's answers (the service's and nginx's
    own) all carry the security headers; an add_header inside a location (Cache-Control)
    must not drop them."""
    from gateway.seguranca import CABECALHOS

    assert "frame-ancestors 'none'" in CABECALHOS["Content-Security-Policy"]
    respostas = [
        httpx.get(nginx + "/"),
        httpx.get(nginx + "/sala/abc"),
        httpx.get(nginx + "/assets/app-1a2b.js"),
        httpx.get(nginx + "/api/auth/.well-known/jwks.json"),
        httpx.get(nginx + "/api/nao-existe"),
        httpx.delete(nginx + "/api/auth/login"),
    ]
    for r in respostas:
        for nome, valor in CABECALHOS.items():
            assert r.headers.get(nome) == valor, (r.url, nome)


def _chaves_de_tentativas(auth_db: str) -> list[str]:
    """The auth service's attempt keys (``ip-login:<address>`` among them)."""
    import asyncio

    import asyncpg

    from libs.db import asyncpg_dsn

    async def ler() -> list[str]:
        conexao = await asyncpg.connect(asyncpg_dsn(auth_db))
        try:
            return [r[0] for r in await conexao.fetch("select chave from auth.tentativas")]
        finally:
            await conexao.close()

    return asyncio.run(ler())


def test_x_forwarded_for_forjado_nao_escolhe_o_ip_visto_pelo_servico(nginx: str, auth_db: str):
    """Issue 15 §3: a client that writes its own X-Forwarded-For does not choose the address
    the service sees (and counts per-IP limits by): nginx, the edge, sends the connection's
    address only, and the service trusts that header from nginx alone (compose.yaml)."""
    forjado = "203.0.113.77"
    for falso in (forjado, f"{forjado}, 198.51.100.1"):
        r = httpx.post(
            nginx + "/api/auth/login",
            json={"email": "ninguem.forjado@example.com", "senha": "Errada#2030"},
            headers={"X-Forwarded-For": falso},
        )
        assert r.status_code == 401, r.text
    chaves = _chaves_de_tentativas(auth_db)
    assert "ip-login:127.0.0.1" in chaves
    assert not [c for c in chaves if forjado in c or "198.51.100.1" in c]


def test_compose_confia_so_no_gateway_para_x_forwarded_for():
    """The services trust X-Forwarded-For only from the gateway's fixed address, never "*"."""
    import yaml

    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    gateway = compose["services"]["gateway"]["networks"]["default"]["ipv4_address"]
    for nome in SERVICES:
        ambiente = compose["services"][nome]["environment"]
        assert ambiente["FORWARDED_ALLOW_IPS"] == gateway != "*", nome
    assert gateway == "${HEALTHMED_IP_GATEWAY:-172.30.80.10}"
    (rede,) = compose["networks"]["default"]["ipam"]["config"]
    assert rede["subnet"] == "${HEALTHMED_REDE:-172.30.80.0/24}"


def test_cookie_de_refresh_e_o_cabecalho_csrf_chegam_ao_auth(nginx: str):
    """Issue 15 §5: the web app's refresh cookie and its X-HealthMed-CSRF header pass nginx
    (nothing strips them): with them auth looks the token up (an unknown one: the session's
    401); without the cookie it says so; without the header it refuses (403)."""
    url = nginx + "/api/auth/refresh"
    csrf = {"X-HealthMed-CSRF": "1"}
    com_cookie = httpx.post(url, headers={**csrf, "Cookie": "healthmed_refresh=" + "x" * 43})
    assert com_cookie.status_code == 401
    assert "Sessão inválida" in com_cookie.json()["detail"]
    sem_cookie = httpx.post(url, headers=csrf)
    assert sem_cookie.status_code == 401 and "cookie" in sem_cookie.json()["detail"]
    sem_cabecalho = httpx.post(url, headers={"Cookie": "healthmed_refresh=" + "x" * 43})
    assert sem_cabecalho.status_code == 403
    # Nor does the configuration hide the Set-Cookie the login and logout answer.
    assert "proxy_hide_header" not in CONF.read_text().lower()
