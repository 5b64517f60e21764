"""The aws profile's edge: the client's address comes from CloudFront (never from a header the
client writes), and CloudFront answers with the same security headers as the other profiles."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import httpx
import pytest
from starlette.types import Receive, Scope, Send

from gateway.seguranca import CABECALHOS, CSP_AWS
from libs.ip_do_cliente import IpDoCliente
from tests.infra.test_terraform import TF, block, one, parse


def _funcao_da_borda() -> str:
    corpo = one("aws_cloudfront_function", "edge", "api_prefix").body["code"]
    return str(corpo).split("\n", 1)[1].rsplit("JS", 1)[0]


def _rodar_funcao(evento: dict[str, Any]) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node ausente: a função do CloudFront (JavaScript) roda no Node")
    programa = _funcao_da_borda() + f"\nconsole.log(JSON.stringify(handler({json.dumps(evento)})));"
    resultado = subprocess.run(  # noqa: S603 - node, our function
        [node, "-e", programa], capture_output=True, text=True, timeout=30, check=True
    )
    return dict(json.loads(resultado.stdout))


def test_a_funcao_do_cloudfront_escreve_o_ip_de_quem_pediu_por_cima_do_forjado():
    evento = {
        "viewer": {"ip": "203.0.113.9"},
        "request": {
            "uri": "/api/auth/login",
            "headers": {"x-healthmed-ip-cliente": {"value": "10.0.0.1"}},
        },
    }
    pedido = _rodar_funcao(evento)
    assert pedido["uri"] == "/auth/login"
    assert pedido["headers"]["x-healthmed-ip-cliente"] == {"value": "203.0.113.9"}


def test_as_tarefas_nao_confiam_no_x_forwarded_for_de_ninguem():
    (locais,) = [
        loc for loc in parse(TF / "stack" / "main.tf")["locals"] if "common_environment" in loc
    ]
    ambiente = locais["common_environment"]
    assert "FORWARDED_ALLOW_IPS" not in ambiente  # uvicorn's default: 127.0.0.1 only
    assert ambiente["HEALTHMED_CABECALHO_IP_CLIENTE"] == "x-healthmed-ip-cliente"


async def _eco(scope: Scope, receive: Receive, send: Send) -> None:
    corpo = json.dumps(scope["client"]).encode()
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": corpo})


@pytest.mark.parametrize(
    ("valor", "esperado"),
    [("203.0.113.9", "203.0.113.9"), ("2001:db8::7", "2001:db8::7"), ("nao-e-ip", "198.51.100.1")],
)
async def test_o_servico_toma_o_ip_do_cabecalho_da_borda(valor: str, esperado: str):
    app = IpDoCliente(_eco, "x-healthmed-ip-cliente")
    transporte = httpx.ASGITransport(app=app, client=("198.51.100.1", 5000))
    async with httpx.AsyncClient(transport=transporte, base_url="http://servico") as cliente:
        resposta = await cliente.get(
            "/", headers={"x-healthmed-ip-cliente": valor, "x-forwarded-for": "10.9.9.9"}
        )
    assert resposta.json()[0] == esperado


def test_cloudfront_responde_com_os_mesmos_cabecalhos_de_seguranca_dos_outros_perfis():
    politica = block(
        one("aws_cloudfront_response_headers_policy", "edge", "security").body,
        "security_headers_config",
    )
    csp = block(politica, "content_security_policy")
    partes = csp["content_security_policy"].removeprefix('${join("; ", [').removesuffix("])}")
    diretivas = [d.strip().strip('"') for d in partes.split('",')]
    assert "; ".join(d.strip().strip('"') for d in diretivas) == CSP_AWS
    assert csp["override"] is False  # a service's stricter policy (a download's sandbox) is kept
    assert block(politica, "frame_options")["frame_option"] == CABECALHOS["X-Frame-Options"]
    assert block(politica, "referrer_policy")["referrer_policy"] == CABECALHOS["Referrer-Policy"]
    assert "content_type_options" in politica
    distribuicao = json.dumps(one("aws_cloudfront_distribution", "edge").body)
    assert distribuicao.count("aws_cloudfront_response_headers_policy.security.id") == 2
