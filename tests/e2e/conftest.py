"""End-to-end fixtures: the real product in a subprocess, driven by Debian's Chromium.

One server (``python -m gateway`` on a free port, its own data directory, a fresh database on
the test PostgreSQL) and one browser serve the whole session; each test gets its own browser
context (clean storage) at a phone or a desktop viewport. Never a downloaded browser: the
tests use ``/usr/bin/chromium`` (``make chromium`` installs Debian's package).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright, expect

from libs.postgres import EmbeddedPostgres, drop_database, ensure_database

# Assertions wait as long as actions do: on a loaded 2-core CI machine a page can take more than
# Playwright's default 5 s to show what a correct build shows.
expect.set_options(timeout=10_000)

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
CHROMIUM = os.environ.get("HEALTHMED_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=pt-BR",
    # The video room: a fake camera and microphone, no permission prompt, and peer connections
    # over this machine's own addresses (no mDNS names, loopback allowed).
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--allow-loopback-in-peer-connection",
    "--disable-features=WebRtcHideLocalIpsWithMdns",
]
# Screenshots go to docs/screenshots/ only when asked (they are committed); otherwise to tmp.
SCREENSHOTS_ENV = "HEALTHMED_SCREENSHOTS"
VIEWPORTS: dict[str, dict[str, int]] = {
    "celular": {"width": 375, "height": 812},
    "desktop": {"width": 1280, "height": 800},
}


@dataclass(frozen=True)
class Servidor:
    """The running product: where the app is, where its API is, and its database."""

    origem: str
    # A ``postgresql://`` URI of the product's database, to arrange what the API cannot do
    # (the passing of time).
    banco: str

    @property
    def api(self) -> str:
        """The API's base URL (ends in ``/api``)."""
        return self.origem + "/api"

    def rotas(self) -> set[str]:
        """The public paths the running API publishes (to skip journeys not built yet)."""
        spec = httpx.get(self.api + "/openapi.json", timeout=10).json()
        return set(spec["paths"])


def _porta_livre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _construir_app() -> None:
    """Build frontend/dist if a source changed (no-op when up to date)."""
    make = shutil.which("make")
    if shutil.which("npm") is None or make is None:
        pytest.fail("npm ou make ausente: instale Node.js e make para construir o aplicativo web")
    subprocess.run([make, "--no-print-directory", "-C", str(FRONTEND), "build"], check=True)  # noqa: S603


def _esperar(url: str, processo: subprocess.Popen[bytes], log: Path) -> None:
    prazo = time.monotonic() + 90
    while time.monotonic() < prazo:
        if processo.poll() is not None:
            pytest.fail(f"o gateway terminou (código {processo.returncode}):\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    pytest.fail(f"o gateway não respondeu em 90 s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def servidor(
    postgres_server: EmbeddedPostgres, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Servidor]:
    """``python -m gateway`` on a free port with a fresh database, stopped at the end."""
    _construir_app()
    dados = tmp_path_factory.mktemp("e2e-dados")
    nome_db = f"healthmed_e2e_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    url = ensure_database(postgres_server.uri(), nome_db, drop=True)
    porta = _porta_livre()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HEALTHMED_PROFILE": "local",
        "HEALTHMED_PORT": str(porta),
        "HEALTHMED_DATA_DIR": str(dados),
        "HEALTHMED_DATABASE_URL": url,
        # The browser tests share one client IP: keep throttling out of their way.
        "HEALTHMED_GATEWAY_LIMITE_POR_SEGUNDO": "100000",
        "HEALTHMED_GATEWAY_RAJADA": "100000",
        "HEALTHMED_FALHAS_POR_IP": "100000",
        "HEALTHMED_RECUPERACOES_POR_IP": "100000",
        "HEALTHMED_LOG_LEVEL": "WARNING",
    }
    log = dados / "gateway.log"
    with log.open("wb") as saida:
        processo = subprocess.Popen(
            [sys.executable, "-m", "gateway"],
            cwd=ROOT,
            env=env,
            stdout=saida,
            stderr=subprocess.STDOUT,
        )
    origem = f"http://127.0.0.1:{porta}"
    try:
        _esperar(origem + "/api/healthz", processo, log)
        yield Servidor(origem, url)
    finally:
        processo.terminate()
        try:
            processo.wait(timeout=20)
        except subprocess.TimeoutExpired:
            processo.kill()
            processo.wait()
        drop_database(postgres_server.uri(), nome_db)


def _existe(caminho: str) -> bool:
    return Path(caminho).exists()


@pytest.fixture(scope="session")
async def navegador() -> AsyncIterator[Browser]:
    """One headless Debian Chromium for the whole session."""
    if not _existe(CHROMIUM):
        pytest.fail(f"{CHROMIUM} ausente: rode `make chromium` (apt-get install chromium)")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
        )
        yield browser
        await browser.close()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    """Each journey runs at a 375 px phone and at a desktop."""
    nome: str = request.param
    return nome


async def novo_contexto(navegador: Browser, origem: str, viewport: str) -> BrowserContext:
    """A fresh browser profile (no storage) as a Brazilian user has it: Brazilian Portuguese,
    São Paulo time, at ``viewport``. Every context of the journeys (and of the screenshots)
    comes from here, so what is tested is what that user sees."""
    ctx = await navegador.new_context(
        base_url=origem,
        viewport=VIEWPORTS[viewport],
        locale="pt-BR",
        timezone_id="America/Sao_Paulo",
        is_mobile=viewport == "celular",
        has_touch=viewport == "celular",
    )
    ctx.set_default_timeout(10_000)
    return ctx


@pytest.fixture
async def contexto(
    navegador: Browser, servidor: Servidor, viewport: str
) -> AsyncIterator[BrowserContext]:
    """A fresh browser profile (see :func:`novo_contexto`)."""
    ctx = await novo_contexto(navegador, servidor.origem, viewport)
    yield ctx
    await ctx.close()


@pytest.fixture
async def pagina(contexto: BrowserContext) -> AsyncIterator[Page]:
    """A page; console errors of the app fail the test (they are bugs), and so does anything
    the Content-Security-Policy blocked (the policy must let the real app work)."""
    page = await contexto.new_page()
    erros: list[str] = []
    page.on("pageerror", lambda exc: erros.append(str(exc)))
    page.on(
        "console",
        lambda m: erros.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield page
    assert not erros, f"erros de JavaScript na página: {erros}"


@pytest.fixture
async def api_real(servidor: Servidor) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the running product's public API (base URL ends in ``/api``)."""
    async with httpx.AsyncClient(base_url=servidor.api, timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def pasta_screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """docs/screenshots when HEALTHMED_SCREENSHOTS=1, a temporary folder otherwise."""
    if os.environ.get(SCREENSHOTS_ENV) == "1":
        pasta = ROOT / "docs" / "screenshots"
        pasta.mkdir(parents=True, exist_ok=True)
        return pasta
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def fotografar(pasta_screenshots: Path, viewport: str) -> Any:
    """``await fotografar(page, "entrar")`` saves ``entrar-celular.png`` (or ``-desktop``)."""

    async def tirar(page: Page, nome: str, *, inteira: bool = True) -> Path:
        destino = pasta_screenshots / f"{nome}-{viewport}.png"
        # From the top, so the sticky header sits where a person sees it.
        await page.evaluate("window.scrollTo(0, 0)")
        await page.evaluate("document.fonts.ready")
        await page.screenshot(path=str(destino), full_page=inteira, animations="disabled")
        return destino

    return tirar


AXE = FRONTEND / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def acessibilidade() -> Any:
    """``await acessibilidade(page)`` fails on serious or critical axe-core violations."""

    async def verificar(page: Page) -> None:
        if not await page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated, not an inline <script>: the app's CSP refuses inline scripts.
            await page.evaluate(AXE.read_text(encoding="utf-8"))
        resultado = await page.evaluate(
            """async () => {
                const r = await axe.run(document, {
                    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
                });
                return r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                alvos: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
            }"""
        )
        assert not resultado, "violações de acessibilidade:\n" + json.dumps(
            resultado, ensure_ascii=False, indent=2
        )

    return verificar
