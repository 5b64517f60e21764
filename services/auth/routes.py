"""HTTP of the auth service: parse, call one use case, answer."""

from __future__ import annotations

import dataclasses
import ipaddress
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status

from libs import errors
from libs.auth import CurrentUser, InternalCaller
from services.auth import schemas
from services.auth.domain import identificador
from services.auth.domain.email import EmailDeFora
from services.auth.service import cadastro, fila_de_emails, recuperacao, sessoes, troca_de_email
from services.auth.service.identidade import Identidade

router = APIRouter(tags=["identidade"])
internal = APIRouter(prefix="/internal", include_in_schema=False, dependencies=[InternalCaller])


def _so_desta_maquina(request: Request) -> None:
    """The local profile's inbox holds reset codes: it answers only a browser on this machine
    (a loopback client); anyone else gets the same 404 as a path that does not exist."""
    host = request.client.host if request.client else ""
    try:
        local = ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local:
        raise errors.NaoEncontrado("Recurso não encontrado")


# Mounted only in the local profile (services/auth/app.py), and there only for loopback clients.
dev = APIRouter(tags=["dev"], dependencies=[Depends(_so_desta_maquina)])


async def _ctx(request: Request) -> Identidade:
    ctx: Identidade = request.app.state.identidade
    return ctx


Ctx = Annotated[Identidade, Depends(_ctx)]


def _ip(request: Request) -> str:
    return request.client.host if request.client else "desconhecido"


# The web app's mark (issue 15 §5): on login, "keep the refresh token in the HttpOnly cookie,
# not in the body"; on refresh, "use the cookie". A cross-site page cannot send a custom header
# without a CORS preflight, which this API never grants: with SameSite=Strict, it is the CSRF
# defence of the cookie.
CABECALHO_WEB = "X-HealthMed-CSRF"


def _modo_cookie(request: Request) -> bool:
    return bool(request.headers.get(CABECALHO_WEB))


def _com_cookie(ctx: Identidade, response: Response, tokens: sessoes.Tokens) -> Any:
    """Put the refresh token in the cookie (scoped to the refresh route, never readable by
    scripts) and out of the body, so no script ever sees it."""
    s = ctx.settings
    response.set_cookie(
        s.refresh_cookie_nome,
        tokens.refresh_token,
        max_age=s.refresh_ttl_dias * 86400,
        path=s.refresh_cookie_caminho,
        secure=s.cookie_de_refresh_seguro(),
        httponly=True,
        samesite="strict",
    )
    return dataclasses.replace(tokens, refresh_token="")


def _sem_cookie(ctx: Identidade, response: Response) -> None:
    s = ctx.settings
    response.delete_cookie(
        s.refresh_cookie_nome,
        path=s.refresh_cookie_caminho,
        secure=s.cookie_de_refresh_seguro(),
        httponly=True,
        samesite="strict",
    )


@router.post("/auth/login", response_model=schemas.TokensOut)
async def login(body: schemas.LoginIn, request: Request, response: Response, ctx: Ctx) -> Any:
    """Log in by CRM + UF (doctor), e-mail or CPF (patient). With ``X-HealthMed-CSRF`` (the
    web app) the refresh token goes in an HttpOnly cookie and the body's is empty."""
    tokens = await sessoes.login(ctx, ident=body.identificador(), senha=body.senha, ip=_ip(request))
    return _com_cookie(ctx, response, tokens) if _modo_cookie(request) else tokens


@router.post(
    "/auth/refresh",
    response_model=schemas.TokensOut,
    responses={403: {"description": "Renovação pelo cookie sem o cabeçalho X-HealthMed-CSRF"}},
)
async def refresh(
    request: Request,
    response: Response,
    ctx: Ctx,
    body: Annotated[schemas.RefreshIn | None, Body()] = None,
) -> Any:
    """Exchange a refresh token for new tokens (the refresh token rotates): the one in the
    body (the contract), or, without a body, the web app's cookie, which needs the
    ``X-HealthMed-CSRF`` header (403 without it) and answers with the new one in the cookie."""
    if body is not None:
        return await sessoes.refresh(ctx, refresh_token=body.refresh_token)
    if not _modo_cookie(request):
        raise errors.Proibido(f"Renovação pelo cookie exige o cabeçalho {CABECALHO_WEB}")
    token = request.cookies.get(ctx.settings.refresh_cookie_nome)
    if not token:
        raise errors.NaoAutenticado("Sem o cookie de renovação; faça login novamente")
    return _com_cookie(ctx, response, await sessoes.refresh(ctx, refresh_token=token))


def _bearer(request: Request) -> str:
    # Only after CurrentUser accepted it: the header holds "Bearer <token>".
    return request.headers.get("authorization", "").partition(" ")[2].strip()


@router.post("/auth/logout", status_code=status.HTTP_204_NO_CONTENT)
async def logout(usuario: CurrentUser, request: Request, ctx: Ctx) -> Response:
    """End the current session everywhere."""
    await sessoes.logout(
        ctx, usuario_id=usuario.id, sessao_id=usuario.sessao_id, access_token=_bearer(request)
    )
    resposta = Response(status_code=status.HTTP_204_NO_CONTENT)
    _sem_cookie(ctx, resposta)  # the web app's refresh cookie, if any, is gone too
    return resposta


@router.post("/auth/recover", status_code=status.HTTP_202_ACCEPTED)
async def recover(body: schemas.RecoverIn, request: Request, ctx: Ctx) -> dict[str, str]:
    """Ask for a password reset link; always 202."""
    await recuperacao.recuperar(ctx, ident=body.identificador(), ip=_ip(request))
    return {"detail": "Se a conta existir, enviaremos as instruções por e-mail."}


@router.post("/auth/recover/confirm", status_code=status.HTTP_204_NO_CONTENT)
async def recover_confirm(body: schemas.RecoverConfirmIn, ctx: Ctx) -> Response:
    """Set a new password with the e-mailed token."""
    await recuperacao.confirmar_recuperacao(ctx, token=body.token, nova_senha=body.nova_senha)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/auth/email/desfazer",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={400: {"description": "Link inválido, expirado ou já usado"}},
)
async def desfazer_troca_de_email(body: schemas.DesfazerEmailIn, ctx: Ctx) -> Response:
    """Undo a change of e-mail with the link e-mailed to the old address: the old e-mail
    comes back, every session ends and a reset link goes to the old address."""
    await troca_de_email.desfazer_troca_de_email(ctx, token=body.token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/auth/.well-known/jwks.json")
async def jwks(request: Request) -> dict[str, Any]:
    """Public keys that verify access tokens."""
    return sessoes.jwks(request.app.state.keys)


@internal.post("/credenciais", status_code=status.HTTP_201_CREATED)
async def criar_credenciais(body: schemas.CredenciaisIn, ctx: Ctx) -> dict[str, str]:
    """Create the credentials of a new account."""
    crm = identificador.por_crm(body.crm, body.uf) if body.crm and body.uf else None
    await cadastro.criar_credenciais(
        ctx,
        usuario_id=body.usuario_id,
        papel=body.papel,
        email=str(body.email),
        senha=body.senha,
        cpf=body.cpf,
        crm=crm,
        ip=body.ip,
    )
    return {"usuario_id": str(body.usuario_id)}


@internal.delete("/credenciais/{usuario_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remover_credenciais(usuario_id: uuid.UUID, ctx: Ctx) -> Response:
    """Remove credentials (compensation of a failed registration)."""
    await cadastro.remover_credenciais(ctx, usuario_id=usuario_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@internal.post("/credenciais/{usuario_id}/confirmar", status_code=status.HTTP_204_NO_CONTENT)
async def confirmar_credenciais(usuario_id: uuid.UUID, ctx: Ctx) -> Response:
    """The registering service stored the profile: the pending credentials log in."""
    await cadastro.confirmar_credenciais(ctx, usuario_id=usuario_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@internal.put("/credenciais/{usuario_id}/email", status_code=status.HTTP_204_NO_CONTENT)
async def alterar_email(usuario_id: uuid.UUID, body: schemas.EmailIn, ctx: Ctx) -> Response:
    """Keep the login e-mail in step with the profile."""
    await troca_de_email.alterar_email(
        ctx,
        usuario_id=usuario_id,
        email=str(body.email),
        senha_atual=body.senha_atual,
        sessao_atual=body.sessao_atual,
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@internal.post("/credenciais/{usuario_id}/verificar", status_code=status.HTTP_204_NO_CONTENT)
async def verificar_senha(usuario_id: uuid.UUID, body: schemas.SenhaIn, ctx: Ctx) -> Response:
    """Re-authenticate before an irreversible act: 204, or 403 "Senha incorreta"."""
    await sessoes.verificar_senha(ctx, usuario_id=usuario_id, senha=body.senha)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@internal.post("/credenciais/{usuario_id}/encerrar", status_code=status.HTTP_204_NO_CONTENT)
async def encerrar_credenciais(usuario_id: uuid.UUID, ctx: Ctx) -> Response:
    """The account was closed: revoke every session (announced) and delete the credentials."""
    await cadastro.encerrar_credenciais(ctx, usuario_id=usuario_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@internal.post("/emails", status_code=status.HTTP_202_ACCEPTED)
async def enfileirar_emails(body: schemas.EmailsFilaIn, ctx: Ctx) -> dict[str, str]:
    """Queue e-mails for delivery through the profile's mailer (one call per pass of the
    caller's own outbox)."""
    await fila_de_emails.enfileirar_emails(
        ctx,
        [EmailDeFora(e.id, str(e.para), e.assunto, e.corpo) for e in body.itens],
    )
    return {"detail": "E-mails na fila de envio."}


@internal.get("/sessoes/{sessao_id}", response_model=schemas.SessaoOut)
async def sessao(sessao_id: uuid.UUID, ctx: Ctx) -> Any:
    """Whether a session is still alive, and until when."""
    expira_em = await sessoes.validade_da_sessao(ctx, sessao_id=sessao_id)
    return {"ativa": expira_em is not None, "expira_em": expira_em}


@dev.get("/dev/emails", response_model=schemas.EmailsOut)
async def emails(ctx: Ctx, para: Annotated[str | None, Query(max_length=320)] = None) -> Any:
    """Local profile only: the e-mails the system would have sent, newest first."""
    return {"itens": await fila_de_emails.emails_enviados(ctx, para=para)}
