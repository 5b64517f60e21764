"""Issue 15 §5: every answer of the local gateway, the web app's and the API's, carries the
security headers (CSP with frame-ancestors, X-Frame-Options, nosniff, Referrer-Policy); a
service's own stricter policy (a document download) is kept."""

from __future__ import annotations

import httpx

from gateway.app import Gateway, GatewaySettings
from libs.testing.contas import registrar_paciente
from services.prontuario.tests.api.conftest import PDF, documento_enviado

CSP_DO_APP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def _confere(resposta: httpx.Response, csp: str = CSP_DO_APP) -> None:
    assert resposta.headers["content-security-policy"] == csp, resposta.url
    assert resposta.headers["x-frame-options"] == "DENY"
    assert resposta.headers["x-content-type-options"] == "nosniff"
    assert resposta.headers["referrer-policy"] == "same-origin"


async def test_app_web_tem_os_cabecalhos_de_seguranca(gateway, stack_settings, tmp_path):
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<html>app</html>")
    (dist / "assets" / "app.js").write_text("console.log(1)")
    gw = Gateway(GatewaySettings(**{**stack_settings, "frontend_dir": dist}), gateway.apps)
    transporte = httpx.ASGITransport(app=gw)
    async with httpx.AsyncClient(transport=transporte, base_url="http://t") as c:
        for caminho in ("/", "/sala/123", "/assets/app.js"):
            r = await c.get(caminho)
            assert r.status_code == 200
            _confere(r)
        _confere(await c.post("/"))  # 405 too


async def test_api_tem_os_cabecalhos_de_seguranca(api):
    for r in (
        await api.get("/especialidades"),
        await api.get("/nao/existe"),
        await api.get("/healthz"),
        await api.post("/auth/login", json={"email": "x@example.com", "senha": "errada1234"}),
    ):
        _confere(r)


async def test_download_guarda_a_politica_mais_estrita_do_servico(api):
    paciente = await registrar_paciente(api)
    doc = await documento_enviado(api, paciente, PDF, "application/pdf", "laudo.pdf")
    r = await api.get(
        f"/prontuario/{paciente['id']}/documentos/{doc['id']}", headers=paciente["headers"]
    )
    arquivo = await api.get(r.json()["download"]["url"])
    assert arquivo.status_code == 200
    _confere(arquivo, csp="default-src 'none'; sandbox")
