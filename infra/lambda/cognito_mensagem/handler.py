"""Cognito ``CustomMessage`` trigger: the password-reset e-mail carries a link the web app
understands.

The API's ``POST /auth/recover/confirm`` takes one ``token``; on Cognito that token is
``<usuario_id>:<code>`` (the username is the account id), so the e-mail must name both. Cognito
replaces ``{####}`` (``codeParameter``) with the code after this function returns.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

ASSUNTO = "Redefinição de senha - HealthMed"


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    """Rewrite the forgot-password message; leave every other message as Cognito made it."""
    if event.get("triggerSource") != "CustomMessage_ForgotPassword":
        return event
    origem = os.environ["HEALTHMED_PUBLIC_ORIGIN"].rstrip("/")
    usuario = quote(str(event["userName"]), safe="")
    codigo = event["request"]["codeParameter"]
    link = f"{origem}/recuperar-senha?token={usuario}:{codigo}"
    event["response"]["emailSubject"] = ASSUNTO
    event["response"]["emailMessage"] = (
        "<p>Olá,</p><p>Recebemos um pedido para redefinir a sua senha no HealthMed.</p>"
        f'<p><a href="{link}">Redefinir a senha</a></p>'
        f"<p>Ou informe este código no aplicativo: {codigo}</p>"
        "<p>Se não foi você, ignore este e-mail; sua senha continua a mesma.</p>"
    )
    return event
