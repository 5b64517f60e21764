"""The Cognito CustomMessage trigger: the reset e-mail links with the API's recovery token."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.infra.test_terraform import one

HANDLER = (
    Path(__file__).resolve().parents[2] / "infra" / "lambda" / "cognito_mensagem" / "handler.py"
)


def _handler():
    spec = importlib.util.spec_from_file_location("cognito_mensagem", HANDLER)
    assert spec and spec.loader
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo.handler


def _evento(gatilho: str) -> dict:
    return {
        "triggerSource": gatilho,
        "userName": "5b0c5f1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f",
        "request": {"codeParameter": "{####}", "userAttributes": {"email": "ana@exemplo.com.br"}},
        "response": {"smsMessage": None, "emailMessage": None, "emailSubject": None},
    }


def test_email_de_recuperacao_leva_o_token_usuario_e_codigo(monkeypatch):
    monkeypatch.setenv("HEALTHMED_PUBLIC_ORIGIN", "https://app.healthmed.example/")
    evento = _handler()(_evento("CustomMessage_ForgotPassword"), None)
    mensagem = evento["response"]["emailMessage"]
    link = "https://app.healthmed.example/recuperar-senha?token=5b0c5f1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f:{####}"
    assert link in mensagem
    assert "{####}" in mensagem  # Cognito refuses a message without the code placeholder
    assert evento["response"]["emailSubject"] == "Redefinição de senha - HealthMed"


def test_outras_mensagens_ficam_como_o_cognito_escreve(monkeypatch):
    monkeypatch.setenv("HEALTHMED_PUBLIC_ORIGIN", "https://app.healthmed.example")
    evento = _handler()(_evento("CustomMessage_AdminCreateUser"), None)
    assert evento["response"]["emailMessage"] is None


def test_pool_usa_o_gatilho_e_so_o_cognito_pode_chama_lo():
    pool = one("aws_cognito_user_pool", "identity").body
    (config,) = pool["lambda_config"]
    assert config["custom_message"] == "${aws_lambda_function.mensagem.arn}"
    permissao = one("aws_lambda_permission", "identity", "mensagem").body
    assert permissao["principal"] == "cognito-idp.amazonaws.com"
    assert permissao["source_arn"] == "${aws_cognito_user_pool.this.arn}"
    funcao = one("aws_lambda_function", "identity", "mensagem").body
    assert funcao["handler"] == "handler.handler"
    # The zip that `make lambda` builds from the handler, hashed so a new handler redeploys.
    assert funcao["filename"] == "${local.mensagem_zip}"
    assert funcao["source_code_hash"] == "${filebase64sha256(local.mensagem_zip)}"
    assert zip_da_funcao().endswith("/lambda/build/cognito_mensagem.zip")


def zip_da_funcao() -> str:
    from tests.infra.test_terraform import MODULES, parse

    locais = parse(MODULES / "identity" / "main.tf")["locals"]
    (bloco,) = [b for b in locais if "mensagem_zip" in b]
    return str(bloco["mensagem_zip"])
