"""The whole product in the aws profile (every service), against moto's server: the main
journeys end to end through the public API, as ``make dev-aws`` runs them.

Cognito (identity), S3 + SSE-KMS and DynamoDB (the record), SES (e-mail) are moto; Chime is not
(moto lacks it), so the video link is the built-in room; PostgreSQL stands in for RDS. moto
applies nothing of a presigned POST's policy: our confirmation step is what checks the bytes.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from gateway.app import Gateway, GatewaySettings
from gateway.aws_local import RecursosAws, configuracao, provisionar
from gateway.services import build_apps
from libs import aws
from libs.postgres import drop_database, ensure_database, migrate_all
from libs.settings import Settings
from libs.testing.data import SENHA, novo_cpf, novo_crm, novo_email
from libs.testing.stack import TEST_OVERRIDES, client_for
from services.consulta.tests.api.conftest import daqui

PDF = b"%PDF-1.7\n" + b"1 0 obj << >> endobj\n" * 50 + b"%%EOF\n"


@pytest.fixture(scope="module")
def banco(postgres_server: Any) -> Iterator[str]:
    nome = f"healthmed_test_aws_{os.getpid()}"
    url = ensure_database(postgres_server.uri(), nome, drop=True)
    migrate_all(url)
    yield url
    drop_database(postgres_server.uri(), nome)


@pytest.fixture(scope="module")
def recursos(moto_endpoint: str) -> RecursosAws:
    return provisionar(moto_endpoint, prefixo="healthmed-teste")


@pytest.fixture(scope="module")
async def pilha_aws(
    banco: str, recursos: RecursosAws, test_data_dir: Any
) -> AsyncIterator[Gateway]:
    settings = {**TEST_OVERRIDES, **configuracao(recursos, test_data_dir), "database_url": banco}
    gw = Gateway(GatewaySettings(**settings), build_apps(settings))
    async with gw.lifespan():
        yield gw


def _h(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


@pytest.mark.xdist_group("aws")
async def test_jornadas_principais_no_perfil_aws(pilha_aws, recursos):
    ses = aws.client(Settings(aws_region="sa-east-1", aws_endpoint_url=recursos.endpoint), "ses")
    antes = ses.get_send_quota()["SentLast24Hours"]
    async with client_for(pilha_aws) as api:
        # Register and log in by each identifier (Cognito behind the auth service).
        cpf, email = novo_cpf(), novo_email("paciente-aws")
        r = await api.post(
            "/paciente", json={"nome": "Ana AWS", "email": email, "cpf": cpf, "senha": SENHA}
        )
        assert r.status_code == 201, r.text
        paciente_id = r.json()["id"]
        crm = novo_crm()
        r = await api.post(
            "/medicos",
            json={
                "nome": "Dr. Bruno AWS",
                "crm": crm,
                "uf": "SP",
                "email": novo_email("medico-aws"),
                "senha": SENHA,
                "especialidades": ["cardiologia"],
                "antecedencia_minima_minutos": 0,
            },
        )
        assert r.status_code == 201, r.text
        medico_id = r.json()["id"]
        por_email = (await api.post("/auth/login", json={"email": email, "senha": SENHA})).json()
        por_cpf = await api.post("/auth/login", json={"cpf": cpf, "senha": SENHA})
        assert por_cpf.status_code == 200 and por_cpf.json()["usuario_id"] == paciente_id
        medico = (
            await api.post("/auth/login", json={"crm": crm, "uf": "SP", "senha": SENHA})
        ).json()
        assert medico["papel"] == "medico"
        assert por_email["access_token"].count(".") == 2  # a Cognito JWT, verified by every service

        # Book, accept, link.
        inicio = daqui(minutos=10)
        r = await api.post(
            "/medico/horarios",
            json={
                "inicio": inicio.isoformat(),
                "fim": (inicio + timedelta(minutes=30)).isoformat(),
            },
            headers=_h(medico),
        )
        assert r.status_code == 201, r.text
        horario_id = r.json()["horarios"][0]["id"]
        r = await api.post("/consultas", json={"horario_id": horario_id}, headers=_h(por_email))
        assert r.status_code == 201, r.text
        consulta_id = r.json()["id"]
        r = await api.post(f"/medico/consultas/{consulta_id}/aceitar", headers=_h(medico))
        assert r.status_code == 200 and r.json()["status"] == "confirmada"
        r = await api.post(f"/consultas/{consulta_id}/link", headers=_h(por_email))
        assert r.status_code == 201, r.text
        again = await api.post(f"/consultas/{consulta_id}/link", headers=_h(medico))
        assert again.status_code == 200 and again.json()["url"] == r.json()["url"]
        # Kept in the meetings table (DynamoDB), as in production.
        reunioes = aws.client(
            Settings(aws_region="sa-east-1", aws_endpoint_url=recursos.endpoint), "dynamodb"
        ).get_item(
            TableName=recursos.tabela_reunioes,
            Key={"consulta_id": {"S": consulta_id}},
            ConsistentRead=True,
        )
        assert reunioes["Item"]["url"]["S"] == r.json()["url"]

        # Upload (presigned POST to S3), confirm, share, the doctor downloads the same bytes.
        r = await api.post(
            f"/prontuario/{paciente_id}/upload",
            json={
                "nome": "exame.pdf",
                "categoria": "exame",
                "tipo_conteudo": "application/pdf",
                "tamanho": len(PDF),
            },
            headers=_h(por_email),
        )
        assert r.status_code == 201, r.text
        envio = r.json()
        assert envio["upload"]["metodo"] == "POST"
        async with httpx.AsyncClient(timeout=30) as http:
            enviado = await http.post(
                envio["upload"]["url"],
                data=envio["upload"]["campos"],
                files={"file": ("exame.pdf", PDF, "application/pdf")},
            )
        assert enviado.status_code == 204, enviado.text  # S3's answer to a POST upload
        doc_id = envio["documento"]["id"]
        r = await api.post(
            f"/prontuario/{paciente_id}/documentos/{doc_id}/confirmar", headers=_h(por_email)
        )
        assert r.status_code == 200 and r.json()["status"] == "disponivel", r.text
        r = await api.post(
            f"/prontuario/{paciente_id}/compartilhar",
            json={"medico_id": medico_id, "duracao_horas": 1},
            headers=_h(por_email),
        )
        assert r.status_code == 201, r.text
        r = await api.get(f"/prontuario/{paciente_id}/documentos/{doc_id}", headers=_h(medico))
        assert r.status_code == 200, r.text
        async with httpx.AsyncClient(timeout=30) as http:
            baixado = await http.get(r.json()["download"]["url"])
        assert baixado.status_code == 200 and baixado.content == PDF

        # E-mail through SES: the booking notices leave consulta's outbox, then auth's.
        await pilha_aws.apps["consulta"].state.sincronizador.drenar()
        for _ in range(100):  # auth's dispatcher is woken by the commit; wait for it, bounded
            if ses.get_send_quota()["SentLast24Hours"] > antes:
                break
            await asyncio.sleep(0.05)
        assert ses.get_send_quota()["SentLast24Hours"] > antes

        # Logout is seen by another service at once.
        assert (await api.post("/auth/logout", headers=_h(por_email))).status_code == 204
        assert (await api.get(f"/paciente/{paciente_id}", headers=_h(por_email))).status_code == 401

    # Every service is ready, each checking what it depends on in this profile (prontuario its
    # bucket and table, consulta its meetings table).
    for nome, app in pilha_aws.apps.items():
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://servico"
        ) as http:
            r = await http.get("/readyz")
        assert r.status_code == 200, (nome, r.text)
