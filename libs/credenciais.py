"""The auth service's internal credentials contract, for the services that register people.

Auth keeps every login. The medico and paciente services create one with a profile
(``POST /internal/credenciais``), remove it when the profile could not be stored
(``DELETE /internal/credenciais/{id}``) and keep its e-mail equal to the profile's
(``PUT /internal/credenciais/{id}/email``). Auth's answers become :mod:`libs.errors`::

    errors.Conflito
    └── CredencialEmUso            409: auth already holds that CRM + UF, CPF or e-mail
    errors.DadosInvalidos
    └── CredencialRecusada         422: auth refused a field (a weak password), with its errors
    errors.Proibido
    └── SenhaIncorreta             403: a re-authentication with the wrong password
    errors.ServicoIndisponivel     any other answer, or none

Auth stores a new login *pending* (it does not log in): after the profile commits, the service
confirms it (``POST /internal/credenciais/{id}/confirmar``, :func:`confirmar_conta`); if the
process dies first, auth's reconciliation asks the service about the profile and confirms or
deletes the login. A registration spans two databases, so two context managers keep it from
leaving half of itself behind: :func:`conta_em_criacao` (remove the login when the profile is
not stored) and :func:`email_em_alteracao` (put the old e-mail back when the profile change is
not stored).
They take the service's port, not this client, so that use-case tests run them with a fake.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

import httpx

from libs import errors
from libs.service_client import ServiceClient

_log = logging.getLogger("healthmed.credenciais")


class CredencialEmUso(errors.Conflito):
    """Auth refused: another account holds this identifier; ``campo`` names it
    (``crm``, ``cpf``, ``email``, or ``conta`` when auth's message does not say)."""

    def __init__(self, campo: str, mensagem: str) -> None:
        self.campo = campo
        super().__init__(mensagem)


class CredencialRecusada(errors.DadosInvalidos):
    """Auth refused a field of the login (a password too weak, say), with auth's field errors."""


class SenhaIncorreta(errors.Proibido):
    """Auth refused a re-authentication: not the account's password."""

    def __init__(self) -> None:
        super().__init__("Senha incorreta")


@dataclass(frozen=True)
class Reautenticacao:
    """A change of a credential asked by the person: the current password they typed, and
    the session asking (it survives; the account's other sessions end)."""

    senha: str
    sessao_id: uuid.UUID | None = None


# What auth answers when it refused, and so created nothing (a 429: too many refused
# registrations from that IP).
RECUSAS = (CredencialEmUso, CredencialRecusada, errors.LimiteExcedido)


class CredenciaisAuth:
    """Removing and re-addressing logins over auth's ``/internal/credenciais`` routes.

    Creation depends on the role (which identifier logs in): see :class:`CredenciaisMedico`
    and :class:`CredenciaisPaciente`.
    """

    papel: ClassVar[str]
    # The identifier auth may name in a 409, besides the e-mail.
    identificador: ClassVar[str]

    def __init__(self, client: ServiceClient) -> None:
        self._client = client
        # Only the service of that role registers it: its logs keep the service's name.
        self._log = logging.getLogger(f"healthmed.{self.papel}.credenciais")

    def _erro(self, response: httpx.Response) -> errors.HealthMedError:
        try:
            body: dict[str, Any] = response.json()
        except ValueError:
            body = {}
        detalhe = str(body.get("detail") or "")
        if response.status_code == 409:
            texto = detalhe.lower()
            campo = (
                self.identificador
                if self.identificador in texto
                else "email"
                if "mail" in texto
                else "conta"
            )
            return CredencialEmUso(campo, detalhe or "Conta já cadastrada")
        if response.status_code == 422:
            erros = [
                errors.ErroCampo(str(e.get("campo", "corpo")), str(e.get("mensagem", "")))
                for e in body.get("erros") or []
            ]
            return CredencialRecusada(
                erros or [errors.ErroCampo("senha", detalhe)], detalhe or None
            )
        self._log.error("auth respondeu %s ao serviço %s", response.status_code, self.papel)
        return errors.ServicoIndisponivel()

    async def _criar(self, usuario_id: uuid.UUID, **campos: str | None) -> None:
        body = {"usuario_id": str(usuario_id), "papel": self.papel}
        body.update({k: v for k, v in campos.items() if v is not None})
        response = await self._client.post("auth", "/internal/credenciais", json=body)
        if response.status_code == 429:
            raise errors.LimiteExcedido(int(response.headers.get("retry-after") or 60))
        if response.status_code != 201:
            raise self._erro(response)

    async def remover(self, usuario_id: uuid.UUID) -> None:
        """Remove a login (compensation of a registration); one already gone is fine."""
        response = await self._client.delete("auth", f"/internal/credenciais/{usuario_id}")
        if response.status_code not in (204, 404):
            raise self._erro(response)

    async def confirmar(self, usuario_id: uuid.UUID) -> None:
        """The profile committed: the pending login may log in (idempotent)."""
        response = await self._client.post("auth", f"/internal/credenciais/{usuario_id}/confirmar")
        if response.status_code != 204:
            raise self._erro(response)

    async def alterar_email(
        self, usuario_id: uuid.UUID, email: str, pedido: Reautenticacao | None = None
    ) -> None:
        """Keep the login e-mail (password recovery) equal to the profile's.

        With ``pedido`` (the person changes it), auth checks the password (wrong:
        :class:`SenhaIncorreta`; too many failures: ``errors.LimiteExcedido``), ends the
        account's other sessions (all but the asking one) and e-mails the old address an undo
        link. Without it, a silent put-back (the compensation of a failed profile change)."""
        body: dict[str, Any] = {"email": email}
        if pedido is not None:
            body["senha_atual"] = pedido.senha
            body["sessao_atual"] = str(pedido.sessao_id) if pedido.sessao_id else None
        response = await self._client.put(
            "auth", f"/internal/credenciais/{usuario_id}/email", json=body
        )
        self._sem_reautenticacao_recusada(response)

    async def verificar_senha(self, usuario_id: uuid.UUID, senha: str) -> None:
        """Re-authentication before an irreversible act (closing the account): auth checks
        the password (``POST /internal/credenciais/{id}/verificar``). A wrong one is
        :class:`SenhaIncorreta` (403); too many failures ``errors.LimiteExcedido`` (429)."""
        response = await self._client.post(
            "auth", f"/internal/credenciais/{usuario_id}/verificar", json={"senha": senha}
        )
        self._sem_reautenticacao_recusada(response)

    def _sem_reautenticacao_recusada(self, response: httpx.Response) -> None:
        """204, or the error of a call that re-authenticates (403 wrong password, 429)."""
        if response.status_code == 204:
            return
        if response.status_code == 403:
            raise SenhaIncorreta()
        if response.status_code == 429:
            raise errors.LimiteExcedido(int(response.headers.get("retry-after") or 60))
        raise self._erro(response)

    async def encerrar(self, usuario_id: uuid.UUID) -> None:
        """The account is closed: auth revokes every session (announced to every service) and
        deletes the login (``POST /internal/credenciais/{id}/encerrar``). Idempotent."""
        response = await self._client.post(
            "auth", f"/internal/credenciais/{usuario_id}/encerrar", idempotent=True
        )
        if response.status_code != 204:
            raise self._erro(response)


class CredenciaisMedico(CredenciaisAuth):
    """A doctor's login: CRM + UF and password."""

    papel = "medico"
    identificador = "crm"

    async def criar(
        self, *, usuario_id: uuid.UUID, email: str, senha: str, crm: str, uf: str
    ) -> None:
        """Create a doctor's login (CRM + UF + password)."""
        await self._criar(usuario_id, email=email, senha=senha, crm=crm, uf=uf)


class CredenciaisPaciente(CredenciaisAuth):
    """A patient's login: e-mail or CPF and password."""

    papel = "paciente"
    identificador = "cpf"

    async def criar(
        self, *, usuario_id: uuid.UUID, email: str, senha: str, cpf: str, ip: str | None = None
    ) -> None:
        """Create a patient's login (e-mail or CPF + password); ``ip``, the person's, limits
        refused registrations per IP (:class:`errors.LimiteExcedido`)."""
        await self._criar(usuario_id, email=email, senha=senha, cpf=cpf, ip=ip)


class Removiveis(Protocol):
    """What :func:`conta_em_criacao` needs of a service's credentials port."""

    async def remover(self, usuario_id: uuid.UUID) -> None: ...


class EmailsDeLogin(Protocol):
    """What :func:`email_em_alteracao` needs of a service's credentials port."""

    async def alterar_email(
        self, usuario_id: uuid.UUID, email: str, pedido: Reautenticacao | None = None
    ) -> None: ...


@contextlib.asynccontextmanager
async def conta_em_criacao(
    credenciais: Removiveis, usuario_id: uuid.UUID, *, log: logging.Logger = _log
) -> AsyncIterator[None]:
    """Around "create the login, then commit the profile": no login outlives a failed block.

    If the block fails, the login is removed (best effort: a removal that fails too is logged
    for an operator, and the block's error is raised), unless auth refused the creation
    (:data:`RECUSAS`), which creates nothing. A lost answer or a timeout is not a refusal:
    auth may have created the login, so it is removed.
    """
    try:
        yield
    except RECUSAS:
        raise
    except BaseException:
        log.warning("cadastro falhou depois de pedir credenciais; removendo-as (%s)", usuario_id)
        try:
            await credenciais.remover(usuario_id)
        except Exception:
            log.exception("credenciais órfãs no auth: remova %s manualmente", usuario_id)
        raise


class Confirmaveis(Protocol):
    """What :func:`confirmar_conta` needs of a service's credentials port."""

    async def confirmar(self, usuario_id: uuid.UUID) -> None: ...


async def confirmar_conta(
    credenciais: Confirmaveis, usuario_id: uuid.UUID, *, log: logging.Logger = _log
) -> None:
    """After the profile committed: confirm the login auth created pending.

    Best effort: the registration is done either way; a confirmation that fails (or never
    runs: the process died) is made by auth's reconciliation, which finds the profile."""
    try:
        await credenciais.confirmar(usuario_id)
    except Exception:
        log.warning(
            "confirmação das credenciais %s falhou; a reconciliação do auth a fará", usuario_id
        )


@contextlib.asynccontextmanager
async def email_em_alteracao(
    credenciais: EmailsDeLogin,
    usuario_id: uuid.UUID,
    *,
    antigo: str,
    novo: str,
    pedido: Reautenticacao | None = None,
) -> AsyncIterator[None]:
    """Around "commit the profile's new e-mail": the login gets it first (auth checks the
    current password, ends the other sessions and tells the old address), and gets the old
    one back, silently, if the block fails. Nothing is sent when the e-mail did not change;
    a change without the current password is ``errors.DadosInvalidos`` (422, on the field
    ``senha_atual``) and changes nothing."""
    if novo == antigo:
        yield
        return
    if pedido is None or not pedido.senha:
        # The e-mail is where password recovery goes: changing it is changing a credential.
        raise errors.DadosInvalidos.campo(
            "senha_atual", "Informe a senha atual para trocar o e-mail"
        )
    await credenciais.alterar_email(usuario_id, novo, pedido)
    try:
        yield
    except BaseException:
        await credenciais.alterar_email(usuario_id, antigo)
        raise
