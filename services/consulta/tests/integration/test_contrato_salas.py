"""The contract of the ``Salas`` port (where the meeting links are kept): the same tests against
the consulta schema's table (local and compose) and against DynamoDB on moto's server (aws).
The appointments are real (arranged through the API): the table's rows must point at one."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from libs import aws, errors
from libs.settings import ConfigurationError, Settings
from services.consulta.adapters.salas_banco import SalasNoBanco
from services.consulta.adapters.salas_dynamo import SalasDynamo, criar_tabela
from services.consulta.domain.teleconsulta import Sala
from services.consulta.ports import Ingresso, Salas
from services.consulta.settings import ConsultaSettings
from services.consulta.tests.api.test_teleconsulta import consulta_confirmada


@pytest.fixture(scope="session")
def tabela_reunioes(moto_endpoint: str) -> tuple[Any, str]:
    """A meetings table of this test process on moto's server (unique name)."""
    dynamodb = aws.client(Settings(aws_endpoint_url=moto_endpoint), "dynamodb")
    nome = f"healthmed-reunioes-{uuid.uuid4().hex[:12]}"
    criar_tabela(dynamodb, nome)
    return dynamodb, nome


@pytest.fixture(params=["postgres", "dynamodb"])
def salas(request: pytest.FixtureRequest) -> Salas:
    """Each adapter of the port."""
    if request.param == "postgres":
        agenda = request.getfixturevalue("gateway").apps["consulta"].state.agenda
        return SalasNoBanco(agenda.uow)
    dynamodb, nome = request.getfixturevalue("tabela_reunioes")
    return SalasDynamo(dynamodb, nome)


async def _consulta(api: Any) -> uuid.UUID:
    _, _, consulta = await consulta_confirmada(api)
    return uuid.UUID(consulta["id"])


def _reuniao(consulta_id: uuid.UUID) -> dict[str, Any]:
    meeting_id = str(uuid.uuid4())
    return {
        "MeetingId": meeting_id,
        "ExternalMeetingId": str(consulta_id),
        "MediaRegion": "sa-east-1",
        "MediaPlacement": {"SignalingUrl": f"wss://signal.example/control/{meeting_id}"},
    }


def _participante(usuario_id: uuid.UUID) -> dict[str, Any]:
    return {
        "ExternalUserId": str(usuario_id),
        "AttendeeId": str(uuid.uuid4()),
        "JoinToken": uuid.uuid4().hex,
    }


def _sala(consulta_id: uuid.UUID, reuniao: dict[str, Any] | None = None, geracao: int = 0) -> Sala:
    return Sala(
        consulta_id=consulta_id,
        provedor="chime" if reuniao else "webrtc",
        url=f"https://healthmed.example/sala/{consulta_id}",
        expira_em=datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1),
        reuniao=reuniao,
        geracao=geracao,
    )


async def test_sala_criada_e_lida_com_o_que_foi_guardado(salas, api):
    cid = await _consulta(api)
    assert await salas.sala(cid) is None
    nova = _sala(cid, _reuniao(cid))
    guardada, criada = await salas.criar(nova)
    assert criada
    lida = await salas.sala(cid)
    assert lida is not None
    for sala in (guardada, lida):
        assert (sala.consulta_id, sala.provedor, sala.url) == (cid, "chime", nova.url)
        assert sala.expira_em == nova.expira_em
        assert sala.reuniao == nova.reuniao and sala.reuniao_id == nova.reuniao_id
        assert sala.participantes == {} and sala.geracao == 0
        assert sala.criada_em is not None
    assert await salas.sala(uuid.uuid4()) is None


async def test_sala_sem_reuniao_do_provedor(salas, api):
    cid = await _consulta(api)
    guardada, criada = await salas.criar(_sala(cid))
    assert criada and guardada.reuniao is None and guardada.reuniao_id is None
    lida = await salas.sala(cid)
    assert lida is not None and lida.provedor == "webrtc" and lida.reuniao is None


async def test_segundo_pedido_recebe_a_sala_ja_guardada(salas, api):
    cid = await _consulta(api)
    primeira = _sala(cid, _reuniao(cid))
    await salas.criar(primeira)
    guardada, criada = await salas.criar(_sala(cid, _reuniao(cid)))
    assert not criada
    assert guardada.reuniao == primeira.reuniao


async def test_dois_participantes_ao_mesmo_tempo_recebem_a_mesma_sala(salas, api):
    cid = await _consulta(api)
    a, b = _sala(cid, _reuniao(cid)), _sala(cid, _reuniao(cid))
    (sa, ca), (sb, cb) = await asyncio.gather(salas.criar(a), salas.criar(b))
    assert sorted([ca, cb]) == [False, True]
    assert sa.reuniao == sb.reuniao
    lida = await salas.sala(cid)
    assert lida is not None and lida.reuniao == (a.reuniao if ca else b.reuniao)


async def test_participantes_guardados_sem_perder_o_do_outro(salas, api):
    cid = await _consulta(api)
    sala, _ = await salas.criar(_sala(cid, _reuniao(cid)))
    medico, paciente = uuid.uuid4(), uuid.uuid4()
    do_medico, do_paciente = _participante(medico), _participante(paciente)
    await asyncio.gather(
        salas.guardar_ingresso(sala, medico, Ingresso({}, 0, participante_novo=do_medico)),
        salas.guardar_ingresso(sala, paciente, Ingresso({}, 0, participante_novo=do_paciente)),
    )
    lida = await salas.sala(cid)
    assert lida is not None
    assert lida.participantes == {str(medico): do_medico, str(paciente): do_paciente}


async def test_reuniao_nova_substitui_a_antiga_e_seus_participantes(salas, api):
    cid = await _consulta(api)
    sala, _ = await salas.criar(_sala(cid, _reuniao(cid)))
    medico, paciente = uuid.uuid4(), uuid.uuid4()
    await salas.guardar_ingresso(
        sala, medico, Ingresso({}, 0, participante_novo=_participante(medico))
    )

    nova, do_paciente = _reuniao(cid), _participante(paciente)
    sala.reuniao, sala.geracao = nova, 1
    await salas.guardar_ingresso(
        sala, paciente, Ingresso({}, 1, reuniao_nova=nova, participante_novo=do_paciente)
    )
    lida = await salas.sala(cid)
    assert lida is not None
    assert lida.reuniao == nova and lida.geracao == 1
    assert lida.participantes == {str(paciente): do_paciente}


async def test_renovacao_atrasada_nao_volta_a_reuniao_anterior(salas, api):
    cid = await _consulta(api)
    sala, _ = await salas.criar(_sala(cid, _reuniao(cid)))
    segunda = _reuniao(cid)
    sala.reuniao, sala.geracao = segunda, 2
    await salas.guardar_ingresso(sala, uuid.uuid4(), Ingresso({}, 2, reuniao_nova=segunda))

    # A participant who renewed to generation 1 answers late: nothing of theirs is kept.
    atrasada, quem = _reuniao(cid), uuid.uuid4()
    await salas.guardar_ingresso(
        sala, quem, Ingresso({}, 1, reuniao_nova=atrasada, participante_novo=_participante(quem))
    )
    lida = await salas.sala(cid)
    assert lida is not None
    assert lida.reuniao == segunda and lida.geracao == 2 and lida.participantes == {}


async def test_duas_renovacoes_da_mesma_geracao_guardam_os_dois_participantes(salas, api):
    cid = await _consulta(api)
    sala, _ = await salas.criar(_sala(cid, _reuniao(cid)))
    # The same creation token at the provider: both got the same new meeting.
    nova = _reuniao(cid)
    medico, paciente = uuid.uuid4(), uuid.uuid4()
    do_medico, do_paciente = _participante(medico), _participante(paciente)
    for quem, participante in ((medico, do_medico), (paciente, do_paciente)):
        await salas.guardar_ingresso(
            sala, quem, Ingresso({}, 1, reuniao_nova=nova, participante_novo=participante)
        )
    lida = await salas.sala(cid)
    assert lida is not None
    assert lida.reuniao == nova and lida.geracao == 1
    assert lida.participantes == {str(medico): do_medico, str(paciente): do_paciente}


# Configuration ----------------------------------------------------------------------------------

_AWS = {
    "service_token": "t" * 32,
    "chave_hash": "h" * 32,
    "chave_dados": "d" * 44,
    "cognito_user_pool_id": "sa-east-1_teste",
    "cognito_client_id": "cliente-teste",
}


def test_perfil_aws_sem_tabela_de_reunioes_falha_nomeando_a_variavel(tmp_path):
    with pytest.raises(ConfigurationError, match="HEALTHMED_REUNIOES_TABELA"):
        ConsultaSettings(profile="aws", data_dir=tmp_path, **_AWS)


def test_perfil_aws_guarda_os_links_no_dynamodb_e_o_local_no_banco(tmp_path, moto_endpoint):
    from services.consulta.app import _salas

    aws_ = ConsultaSettings(
        profile="aws",
        data_dir=tmp_path,
        reunioes_tabela="healthmed-prod-reunioes",
        aws_endpoint_url=moto_endpoint,
        **_AWS,
    )
    salas = _salas(aws_, uow=None)
    assert isinstance(salas, SalasDynamo) and salas._tabela == "healthmed-prod-reunioes"
    # Elsewhere the rooms table of the consulta schema, chosen here as every adapter is.
    assert isinstance(_salas(ConsultaSettings(data_dir=tmp_path), uow=None), SalasNoBanco)


async def test_dynamodb_pronto_so_com_a_tabela(tabela_reunioes):
    """Readiness (``/readyz``) reads the table: a missing one is a 503 there, not at the first
    teleconsultation."""
    dynamodb, nome = tabela_reunioes
    await SalasDynamo(dynamodb, nome).pronto()
    with pytest.raises(errors.ServicoIndisponivel):
        await SalasDynamo(dynamodb, f"{nome}-inexistente").pronto()
