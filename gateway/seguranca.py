"""The security headers of every answer of the product, the web app's and the API's alike.

One set for every profile: the local gateway adds them to each answer (:func:`com_cabecalhos`),
the compose nginx is generated with them (``docker/gen_nginx.py``), and CloudFront's
response-headers policy (aws, ``infra/terraform/modules/edge``) carries the same values.

The policy is what the built web app (``frontend/dist``) needs and nothing more: its own
scripts and styles (Vite emits files, no inline script), images and fonts of its own or inlined
(``data:``, the CSS draws a few), ``fetch`` and the video room's signaling WebSocket to the same
origin (``'self'`` covers ``ws:``/``wss:`` of the same host), the camera's stream in a
``<video>`` (``srcObject``: no source to allow); no plugin, no ``<base>``, no form posted
elsewhere, and no page may frame it (clickjacking). A service may send a stricter policy of its
own (a document download: ``sandbox``): it is kept.
"""

from __future__ import annotations

from starlette.types import Message, Send


def _politica(conexoes: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src {conexoes}",
            "media-src 'self' blob:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


# Local and compose: everything the app talks to is its own origin.
CSP = _politica("'self'")
# aws (CloudFront's response-headers policy): the same, plus where the browser itself connects
# there: the Chime SDK meeting (signaling wss://*.chime.aws, media and metrics
# https://*.chime.aws) and the presigned S3 POST of an upload (https://<bucket>.s3.<region>
# .amazonaws.com).
CSP_AWS = _politica("'self' https://*.chime.aws wss://*.chime.aws https://*.amazonaws.com")

CABECALHOS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
_CRUS = [(nome.lower().encode(), valor.encode()) for nome, valor in CABECALHOS.items()]


def com_cabecalhos(send: Send) -> Send:
    """``send`` that adds the security headers to the start of an HTTP answer, keeping any the
    answer already has (a service's own, stricter, policy)."""

    async def enviar(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            presentes = {nome.lower() for nome, _ in headers}
            headers += [(nome, valor) for nome, valor in _CRUS if nome not in presentes]
            message = {**message, "headers": headers}
        await send(message)

    return enviar
