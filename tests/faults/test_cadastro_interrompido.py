"""Faults: the registering process dies in the middle of a registration (issue 9).

A registration spans two services: the profile (paciente or medico) and the login (auth). The
process is "killed" in-process with :class:`ProcessoMorto`, a ``BaseException`` that also stands
for everything a dead process no longer does: once raised, every further call of that process
to auth raises it too, so no compensation reaches auth (as after a SIGKILL, an OOM, a deploy).
What must hold: the login auth kept is pending and does not log in; auth's reconciliation
deletes it when the profile never committed (the same e-mail, CPF, CRM register again) and
confirms it when only the confirmation was lost.
"""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from datetime import date
from typing import Any

import pytest

from libs.testing import data
from libs.testing.contas import registrar_medico, registrar_paciente
from services.auth.service import cadastro as auth
from services.auth.service.identidade import Identidade
from services.medico import service as medico
from services.paciente import service as paciente


class ProcessoMorto(BaseException):
    """The process died here: not an ``Exception``, so ``except Exception`` does not stop it."""


class Processo:
    """The registering process: it dies at ``commit`` or at ``confirmar``; dead, it calls
    nothing any more."""

    def __init__(self, credenciais: Any, *, morre_em: str) -> None:
        self._credenciais = credenciais
        self.morre_em = morre_em
        self.morto = False
        self.usuario_id: uuid.UUID | None = None

    def morrer(self) -> None:
        self.morto = True
        raise ProcessoMorto()

    def _vivo(self) -> None:
        if self.morto:
            raise ProcessoMorto()

    async def criar(self, *, usuario_id: uuid.UUID, **campos: Any) -> None:
        self._vivo()
        self.usuario_id = usuario_id
        await self._credenciais.criar(usuario_id=usuario_id, **campos)  # auth answers 201

    async def remover(self, usuario_id: uuid.UUID) -> None:
        self._vivo()  # the compensation of conta_em_criacao never reaches auth
        await self._credenciais.remover(usuario_id)

    async def confirmar(self, usuario_id: uuid.UUID) -> None:
        self._vivo()
        if self.morre_em == "confirmar":
            self.morrer()
        await self._credenciais.confirmar(usuario_id)

    async def alterar_email(self, usuario_id: uuid.UUID, email: str, *pedido: Any) -> None:
        self._vivo()
        await self._credenciais.alterar_email(usuario_id, email, *pedido)

    def uow(self, fabrica: Any) -> Any:
        """The service's real unit of work, whose commit kills the process if it must."""

        def criar() -> Any:
            uow = fabrica()
            if self.morre_em == "commit":

                async def commit() -> None:
                    self.morrer()

                uow.commit = commit
            return uow

        return criar


def _morrendo(ctx: Any, morre_em: str) -> tuple[Any, Processo]:
    processo = Processo(ctx.credenciais, morre_em=morre_em)
    return dataclasses.replace(ctx, uow=processo.uow(ctx.uow), credenciais=processo), processo


def _auth_sem_carencia(gateway: Any) -> Identidade:
    ctx: Identidade = gateway.apps["auth"].state.identidade
    settings = ctx.settings.model_copy(update={"cadastro_pendente_carencia_segundos": 0})
    return dataclasses.replace(ctx, settings=settings)


def _novo_paciente() -> paciente.NovoPaciente:
    return paciente.NovoPaciente(
        nome="Paciente Interrompida",
        email=data.novo_email("interrompida"),
        cpf=data.novo_cpf(),
        senha=data.SENHA,
        data_nascimento=date(1990, 1, 1),
    )


async def _login(api: Any, **body: str) -> int:
    r = await api.post("/auth/login", json={**body, "senha": data.SENHA})
    return int(r.status_code)


async def test_morte_antes_do_commit_do_paciente_deixa_login_pendente_que_a_reconciliacao_remove(
    api, gateway
):
    ctx, processo = _morrendo(gateway.apps["paciente"].state.pacientes, "commit")
    novo = _novo_paciente()
    with pytest.raises(ProcessoMorto):
        await paciente.cadastrar(ctx, novo)
    assert processo.usuario_id is not None  # auth stored the login before the death

    # Auth kept the login, with no profile behind it: it must not log in nor be recovered.
    assert await _login(api, email=novo.email) == 401
    assert await _login(api, cpf=novo.cpf) == 401
    assert (
        await gateway.apps["paciente"].state.client.get(
            "paciente", f"/internal/pacientes/{processo.usuario_id}"
        )
    ).status_code == 404

    # Within the grace period the reconciliation leaves it (a registration may be running).
    ctx_auth: Identidade = gateway.apps["auth"].state.identidade
    assert processo.usuario_id not in (await auth.reconciliar_pendentes(ctx_auth)).removidas
    feito = await auth.reconciliar_pendentes(_auth_sem_carencia(gateway))
    assert processo.usuario_id in feito.removidas

    # The person tries again with the same e-mail and CPF: it works, and logs in.
    refeito = await registrar_paciente(api, email=novo.email, cpf=novo.cpf)
    assert refeito["id"] != str(processo.usuario_id)
    assert await _login(api, cpf=novo.cpf) == 200


async def test_processo_morto_antes_do_commit_do_medico_libera_crm_e_email_apos_reconciliacao(
    api, gateway
):
    ctx, processo = _morrendo(gateway.apps["medico"].state.medicos, "commit")
    novo = medico.NovoMedico(
        nome="Dr. Interrompido",
        crm=data.novo_crm(),
        uf="SP",
        email=data.novo_email("interrompido"),
        senha=data.SENHA,
        especialidades=["clinica-medica"],
    )
    with pytest.raises(ProcessoMorto):
        await medico.cadastrar(ctx, novo)
    assert await _login(api, crm=novo.crm, uf="SP") == 401

    # While pending, the same CRM still answers 409 at once (nothing half created).
    r = await api.post(
        "/medicos",
        json={
            "nome": "Outro",
            "crm": novo.crm,
            "uf": "SP",
            "email": data.novo_email("outro"),
            "senha": data.SENHA,
            "especialidades": ["clinica-medica"],
        },
    )
    assert r.status_code == 409, r.text

    feito = await auth.reconciliar_pendentes(_auth_sem_carencia(gateway))
    assert processo.usuario_id in feito.removidas
    refeito = await registrar_medico(api, crm=novo.crm, uf="SP", email=novo.email)
    assert refeito["id"] != str(processo.usuario_id)
    assert await _login(api, crm=novo.crm, uf="SP") == 200


async def test_confirmacao_perdida_apos_o_commit_e_feita_pela_reconciliacao(api, gateway):
    ctx, processo = _morrendo(gateway.apps["paciente"].state.pacientes, "confirmar")
    novo = _novo_paciente()
    with pytest.raises(ProcessoMorto):
        await paciente.cadastrar(ctx, novo)
    assert processo.usuario_id is not None
    # The profile committed; the login is pending until someone confirms it.
    assert (
        await gateway.apps["paciente"].state.client.get(
            "paciente", f"/internal/pacientes/{processo.usuario_id}"
        )
    ).status_code == 200
    assert await _login(api, email=novo.email) == 401

    feito = await auth.reconciliar_pendentes(_auth_sem_carencia(gateway))
    assert processo.usuario_id in feito.confirmadas
    assert processo.usuario_id not in feito.removidas
    r = await api.post("/auth/login", json={"email": novo.email, "senha": data.SENHA})
    assert r.status_code == 200, r.text
    assert r.json()["usuario_id"] == str(processo.usuario_id)


async def test_pedido_cancelado_depois_da_resposta_do_auth_remove_o_login_na_hora(api, gateway):
    """A cancelled request (the client went away) is not a death: the process lives, so the
    compensation removes the login at once, with no reconciliation."""
    real = gateway.apps["paciente"].state.pacientes
    criados: list[uuid.UUID] = []

    class CancelaAposAuth:
        async def criar(self, *, usuario_id: uuid.UUID, **campos: Any) -> None:
            await real.credenciais.criar(usuario_id=usuario_id, **campos)
            criados.append(usuario_id)
            task = asyncio.current_task()
            assert task is not None
            task.cancel()
            await asyncio.sleep(0)  # the cancellation lands here, right after auth answered

        def __getattr__(self, nome: str) -> Any:
            return getattr(real.credenciais, nome)

    novo = _novo_paciente()
    tarefa = asyncio.create_task(
        paciente.cadastrar(dataclasses.replace(real, credenciais=CancelaAposAuth()), novo)
    )
    with pytest.raises(asyncio.CancelledError):
        await tarefa
    assert len(criados) == 1
    assert await _login(api, email=novo.email) == 401
    # No reconciliation needed: the same e-mail and CPF register again right away.
    await registrar_paciente(api, email=novo.email, cpf=novo.cpf)
    assert await _login(api, email=novo.email) == 200
