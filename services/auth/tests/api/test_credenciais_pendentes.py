"""Credentials of a registration are pending until the registering service confirms them; the
reconciliation settles those whose confirmation never came."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

import httpx
from sqlalchemy import func

from libs.service_client import Endpoint, ServiceClient
from libs.testing.contas import registrar_paciente
from services.auth.adapters.perfis import PerfisHttp
from services.auth.adapters.tables import usuarios
from services.auth.service import cadastro
from services.auth.service.identidade import Identidade
from services.auth.tests.api.conftest import criar_conta


def _auth(gateway: Any) -> tuple[Any, dict[str, str]]:
    auth = gateway.apps["auth"]
    return auth, {"x-service-token": auth.state.settings.secret("service_token")}


def _sem_carencia(gateway: Any, **mudancas: Any) -> Identidade:
    """The running auth's use-case context with a grace period of zero."""
    ctx: Identidade = gateway.apps["auth"].state.identidade
    settings = ctx.settings.model_copy(update={"cadastro_pendente_carencia_segundos": 0})
    return dataclasses.replace(ctx, settings=settings, **mudancas)


async def _confirmar(gateway: Any, usuario_id: str) -> httpx.Response:
    auth, headers = _auth(gateway)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=auth), base_url="http://auth"
    ) as http:
        return await http.post(f"/internal/credenciais/{usuario_id}/confirmar", headers=headers)


async def test_credencial_pendente_nao_entra_com_o_mesmo_401_da_senha_errada(api, gateway):
    conta = await criar_conta(gateway, "paciente", confirmar=False)
    pendente = await api.post("/auth/login", json={"email": conta.email, "senha": conta.senha})
    errada = await api.post("/auth/login", json={"email": conta.email, "senha": "Outra#Senha9"})
    assert pendente.status_code == errada.status_code == 401
    assert pendente.json()["detail"] == errada.json()["detail"]

    assert (await _confirmar(gateway, conta.id)).status_code == 204
    r = await api.post("/auth/login", json={"email": conta.email, "senha": conta.senha})
    assert r.status_code == 200, r.text


async def test_confirmar_e_idempotente_e_credencial_desconhecida_e_404(gateway):
    conta = await criar_conta(gateway, "medico", confirmar=False)
    assert (await _confirmar(gateway, conta.id)).status_code == 204
    assert (await _confirmar(gateway, conta.id)).status_code == 204
    assert (await _confirmar(gateway, str(uuid.uuid4()))).status_code == 404


async def _boas_vindas(api: httpx.AsyncClient, email: str) -> list[dict[str, Any]]:
    r = await api.get("/dev/emails", params={"para": email})
    assert r.status_code == 200, r.text
    return [e for e in r.json()["itens"] if e["assunto"] == cadastro.ASSUNTO_BOAS_VINDAS]


async def test_conta_ativada_recebe_boas_vindas_uma_vez_so(api, gateway):
    """Issue 19: the welcome e-mail leaves when the account starts to work (the registering
    service confirmed it), not while it is pending, and once however often it is confirmed."""
    paciente = await criar_conta(gateway, "paciente", confirmar=False)
    medico = await criar_conta(gateway, "medico", confirmar=False)
    assert await _boas_vindas(api, paciente.email) == []
    for conta in (paciente, medico, paciente, medico):
        assert (await _confirmar(gateway, conta.id)).status_code == 204
    (para_paciente,) = await _boas_vindas(api, paciente.email)
    assert "/buscar" in para_paciente["corpo"]
    (para_medico,) = await _boas_vindas(api, medico.email)
    assert "/agenda" in para_medico["corpo"]
    for email in (para_paciente, para_medico):
        assert email["corpo"].startswith("Olá,\n\nBoas-vindas ao HealthMed!")


async def test_credencial_pendente_nao_recebe_link_de_recuperacao(api, gateway):
    conta = await criar_conta(gateway, "paciente", confirmar=False)
    r = await api.post("/auth/recover", json={"email": conta.email})
    assert r.status_code == 202
    caixa = await api.get("/dev/emails", params={"para": conta.email})
    assert caixa.json()["itens"] == []


async def test_reconciliacao_remove_credencial_sem_perfil_e_libera_os_identificadores(api, gateway):
    orfa = await criar_conta(gateway, "paciente", confirmar=False)
    ctx: Identidade = gateway.apps["auth"].state.identidade
    # Inside the grace period nothing is touched (the registration may still be running).
    assert orfa.id not in {str(i) for i in (await cadastro.reconciliar_pendentes(ctx)).removidas}

    feito = await cadastro.reconciliar_pendentes(_sem_carencia(gateway))
    assert uuid.UUID(orfa.id) in feito.removidas
    assert (await _confirmar(gateway, orfa.id)).status_code == 404
    # The e-mail and CPF are free again: a registration with them succeeds and logs in.
    paciente = await registrar_paciente(api, email=orfa.email, cpf=orfa.cpf)
    r = await api.post("/auth/login", json={"cpf": orfa.cpf, "senha": paciente["senha"]})
    assert r.status_code == 200, r.text


async def test_reconciliacao_confirma_credencial_cujo_perfil_existe(api, gateway):
    paciente = await registrar_paciente(api)
    ctx = _sem_carencia(gateway)
    async with ctx.uow() as uow:
        # As if the confirmation had been lost: the credentials are pending again. (The
        # repository's session is the adapter's, not the port's: hence the ignore.)
        await uow.usuarios.session.execute(  # type: ignore[attr-defined]
            usuarios.update()
            .where(usuarios.c.id == uuid.UUID(paciente["id"]))
            .values(pendente_desde=func.now())
        )
        await uow.commit()
    login = {"email": paciente["email"], "senha": paciente["senha"]}
    assert (await api.post("/auth/login", json=login)).status_code == 401

    assert len(await _boas_vindas(api, paciente["email"])) == 1  # from the registration

    feito = await cadastro.reconciliar_pendentes(ctx)
    assert uuid.UUID(paciente["id"]) in feito.confirmadas
    assert (await api.post("/auth/login", json=login)).status_code == 200
    # Activated by the reconciliation: welcomed then (a truly lost confirmation had sent none;
    # this account, marked pending again by the test, gets a second one).
    assert len(await _boas_vindas(api, paciente["email"])) == 2


async def test_reconciliacao_adia_quando_o_servico_do_perfil_nao_responde(api, gateway):
    conta = await criar_conta(gateway, "medico", confirmar=False)
    fora = ServiceClient(
        {"medico": Endpoint("http://127.0.0.1:9"), "paciente": Endpoint("http://127.0.0.1:9")},
        token="x",
        timeout=0.5,
        retries=0,
    )
    try:
        feito = await cadastro.reconciliar_pendentes(
            _sem_carencia(gateway, perfis=PerfisHttp(fora))
        )
    finally:
        await fora.aclose()
    assert uuid.UUID(conta.id) in feito.adiadas
    assert uuid.UUID(conta.id) not in feito.removidas
    # Still there, still pending: the next round (with the service back) deletes it.
    feito = await cadastro.reconciliar_pendentes(_sem_carencia(gateway))
    assert uuid.UUID(conta.id) in feito.removidas
