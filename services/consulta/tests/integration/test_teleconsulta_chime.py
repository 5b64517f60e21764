"""The Chime SDK meetings adapter, on a real ``chime-sdk-meetings`` client driven by botocore's
Stubber (moto has no Chime): the calls and parameters Chime receives, its answers passed on as
they are, the expired meeting created again, throttling and outages. The last tests run the
use cases with this adapter over the real database (appointments arranged through the API)."""

from __future__ import annotations

import uuid
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

from libs import errors
from services.consulta.adapters.reuniao_chime import ReunioesChime
from services.consulta.adapters.salas_banco import SalasNoBanco
from services.consulta.domain.teleconsulta import Sala
from services.consulta.service import teleconsulta
from services.consulta.tests.api.test_teleconsulta import consentir, consulta_confirmada


@pytest.fixture
def chime() -> Any:
    """A real client with a Stubber activated on it (fails on any unexpected call)."""
    cliente = boto3.client(
        "chime-sdk-meetings",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    with Stubber(cliente) as stubber:
        yield cliente, stubber
        stubber.assert_no_pending_responses()


def reuniao(consulta_id: uuid.UUID, meeting_id: str | None = None) -> dict[str, Any]:
    """A Meeting as CreateMeeting/GetMeeting answer it (sa-east-1 media)."""
    meeting_id = meeting_id or str(uuid.uuid4())
    return {
        "MeetingId": meeting_id,
        "ExternalMeetingId": str(consulta_id),
        "MediaRegion": "sa-east-1",
        "MediaPlacement": {
            "AudioHostUrl": "d1ac8b0f5a0b.k.m3.se1.app.chime.aws:3478",
            "AudioFallbackUrl": f"wss://haxrp.m3.se1.app.chime.aws:443/calls/{meeting_id}",
            "SignalingUrl": f"wss://signal.m3.se1.app.chime.aws/control/{meeting_id}",
            "TurnControlUrl": "https://2713.cell.sa-east-1.meetings.chime.aws/v2/turn_sessions",
            "ScreenDataUrl": f"wss://bitpw.m3.se1.app.chime.aws:443/v2/screen/{meeting_id}",
            "ScreenViewingUrl": f"wss://bitpw.m3.se1.app.chime.aws:443/ws/connect?passcode=null&viewer_uuid=null&X-BitHub-Call-Id={meeting_id}",
            "ScreenSharingUrl": f"wss://bitpw.m3.se1.app.chime.aws:443/v2/screen/{meeting_id}",
            "EventIngestionUrl": "https://data.svc.se1.ingest.chime.aws/v1/client-events",
        },
        "MeetingArn": f"arn:aws:chime:us-east-1:123456789012:meeting/{meeting_id}",
    }


def participante(usuario_id: uuid.UUID) -> dict[str, Any]:
    """An Attendee as CreateAttendee answers it."""
    return {
        "ExternalUserId": str(usuario_id),
        "AttendeeId": str(uuid.uuid4()),
        "JoinToken": "ZjI0OTVjYjQtNmNjZi00OWE1LTgzMmEtZGNmZWQ1NTU2NTAyOjMzMjBiZjdl",
        "Capabilities": {"Audio": "SendReceive", "Video": "SendReceive", "Content": "SendReceive"},
    }


def _sala(consulta_id: uuid.UUID, meeting: dict[str, Any] | None, **extra: Any) -> Sala:
    from datetime import UTC, datetime

    return Sala(
        consulta_id=consulta_id,
        provedor="chime",
        url=f"http://127.0.0.1:8000/sala/{consulta_id}",
        expira_em=datetime.now(UTC),
        reuniao=meeting,
        **extra,
    )


def _criacao(stubber: Stubber, consulta_id: uuid.UUID, geracao: int, meeting: dict) -> None:
    stubber.add_response(
        "create_meeting",
        {"Meeting": meeting},
        {
            "ClientRequestToken": f"{consulta_id}-{geracao}",
            "ExternalMeetingId": str(consulta_id),
            "MediaRegion": "sa-east-1",
        },
    )


# The adapter alone --------------------------------------------------------------------------------


async def test_criar_reuniao_com_id_externo_token_idempotente_e_regiao_de_midia(chime):
    cliente, stubber = chime
    consulta_id = uuid.uuid4()
    esperada = reuniao(consulta_id)
    _criacao(stubber, consulta_id, 0, esperada)
    criada = await ReunioesChime(cliente, media_region="sa-east-1").criar(consulta_id, 0)
    assert criada == esperada


async def test_participante_e_criado_uma_vez_por_usuario_e_devolvido_como_o_chime_responde(chime):
    cliente, stubber = chime
    consulta_id, usuario_id = uuid.uuid4(), uuid.uuid4()
    meeting = reuniao(consulta_id)
    attendee = participante(usuario_id)
    stubber.add_response("get_meeting", {"Meeting": meeting}, {"MeetingId": meeting["MeetingId"]})
    stubber.add_response(
        "create_attendee",
        {"Attendee": attendee},
        {"MeetingId": meeting["MeetingId"], "ExternalUserId": str(usuario_id)},
    )
    adaptador = ReunioesChime(cliente)
    ingresso = await adaptador.ingressar(
        _sala(consulta_id, meeting), usuario_id=usuario_id, papel="medico"
    )
    assert ingresso.dados == {"Meeting": meeting, "Attendee": attendee}
    assert ingresso.participante_novo == attendee and ingresso.reuniao_nova is None
    assert ingresso.geracao == 0

    # Known attendee of a live meeting: only GetMeeting, the same attendee back.
    stubber.add_response("get_meeting", {"Meeting": meeting}, {"MeetingId": meeting["MeetingId"]})
    sala = _sala(consulta_id, meeting, participantes={str(usuario_id): attendee})
    de_novo = await adaptador.ingressar(sala, usuario_id=usuario_id, papel="medico")
    assert de_novo.dados["Attendee"] == attendee and de_novo.participante_novo is None


async def test_reuniao_expirada_e_recriada_com_novo_token(chime):
    cliente, stubber = chime
    consulta_id, usuario_id = uuid.uuid4(), uuid.uuid4()
    velha, nova = reuniao(consulta_id), reuniao(consulta_id)
    stubber.add_client_error(
        "get_meeting",
        service_error_code="NotFoundException",
        service_message="The meeting has ended",
        http_status_code=404,
        expected_params={"MeetingId": velha["MeetingId"]},
    )
    _criacao(stubber, consulta_id, 3, nova)
    attendee = participante(usuario_id)
    stubber.add_response(
        "create_attendee",
        {"Attendee": attendee},
        {"MeetingId": nova["MeetingId"], "ExternalUserId": str(usuario_id)},
    )
    antigo = {str(usuario_id): participante(usuario_id)}
    sala = _sala(consulta_id, velha, geracao=2, participantes=antigo)
    ingresso = await ReunioesChime(cliente).ingressar(sala, usuario_id=usuario_id, papel="paciente")
    assert ingresso.reuniao_nova == nova and ingresso.geracao == 3
    assert ingresso.dados == {"Meeting": nova, "Attendee": attendee}


async def test_reuniao_que_acaba_antes_do_participante_e_recriada(chime):
    cliente, stubber = chime
    consulta_id, usuario_id = uuid.uuid4(), uuid.uuid4()
    velha, nova = reuniao(consulta_id), reuniao(consulta_id)
    stubber.add_response("get_meeting", {"Meeting": velha}, {"MeetingId": velha["MeetingId"]})
    stubber.add_client_error(
        "create_attendee",
        service_error_code="NotFoundException",
        service_message="Meeting not found",
        http_status_code=404,
    )
    _criacao(stubber, consulta_id, 1, nova)
    attendee = participante(usuario_id)
    stubber.add_response(
        "create_attendee",
        {"Attendee": attendee},
        {"MeetingId": nova["MeetingId"], "ExternalUserId": str(usuario_id)},
    )
    ingresso = await ReunioesChime(cliente).ingressar(
        _sala(consulta_id, velha), usuario_id=usuario_id, papel="medico"
    )
    assert ingresso.dados["Meeting"] == nova and ingresso.geracao == 1


@pytest.mark.parametrize(
    ("codigo", "http"),
    [("ThrottlingException", 429), ("ServiceUnavailableException", 503)],
)
async def test_chime_sobrecarregado_responde_503_claro(chime, codigo, http):
    cliente, stubber = chime
    stubber.add_client_error(
        "create_meeting",
        service_error_code=codigo,
        service_message="Rate exceeded",
        http_status_code=http,
        expected_params={
            "ClientRequestToken": ANY,
            "ExternalMeetingId": ANY,
            "MediaRegion": "sa-east-1",
        },
    )
    with pytest.raises(errors.ServicoIndisponivel) as erro:
        await ReunioesChime(cliente).criar(uuid.uuid4(), 0)
    assert erro.value.status == 503
    assert "sobrecarregado" in erro.value.detalhe


async def test_falha_ao_consultar_reuniao_nao_cria_outra(chime):
    cliente, stubber = chime
    consulta_id = uuid.uuid4()
    meeting = reuniao(consulta_id)
    stubber.add_client_error(
        "get_meeting", service_error_code="ThrottlingException", http_status_code=429
    )
    with pytest.raises(errors.ServicoIndisponivel):
        await ReunioesChime(cliente).ingressar(
            _sala(consulta_id, meeting), usuario_id=uuid.uuid4(), papel="medico"
        )
    # No CreateMeeting was queued: the Stubber would have failed on it.


async def test_regiao_de_midia_vem_das_configuracoes(chime):
    cliente, stubber = chime
    consulta_id = uuid.uuid4()
    meeting = {**reuniao(consulta_id), "MediaRegion": "us-east-1"}
    stubber.add_response(
        "create_meeting",
        {"Meeting": meeting},
        {
            "ClientRequestToken": f"{consulta_id}-0",
            "ExternalMeetingId": str(consulta_id),
            "MediaRegion": "us-east-1",
        },
    )
    assert await ReunioesChime(cliente, media_region="us-east-1").criar(consulta_id, 0) == meeting


# The use cases with Chime, over the real database ---------------------------------------------


async def test_link_e_sala_no_chime_guardam_reuniao_e_participantes(api, gateway, chime):
    cliente, stubber = chime
    agenda = gateway.apps["consulta"].state.agenda
    tc = teleconsulta.Teleconsulta(
        agenda, ReunioesChime(cliente), SalasNoBanco(agenda.uow), "https://healthmed.example"
    )
    medico, paciente, consulta = await consulta_confirmada(api)
    assert (await consentir(api, paciente, consulta["id"])).status_code == 201
    cid, mid, pid = uuid.UUID(consulta["id"]), uuid.UUID(medico["id"]), uuid.UUID(paciente["id"])

    meeting = reuniao(cid)
    _criacao(stubber, cid, 0, meeting)
    link = await teleconsulta.link(tc, usuario_id=pid, consulta_id=cid)
    assert link.criado and link.sala.provedor == "chime"
    assert link.sala.url == f"https://healthmed.example/sala/{cid}"
    assert link.sala.reuniao == meeting
    # Asking again: the stored meeting, no call to Chime.
    assert not (await teleconsulta.link(tc, usuario_id=mid, consulta_id=cid)).criado

    do_medico = participante(mid)
    stubber.add_response("get_meeting", {"Meeting": meeting}, {"MeetingId": meeting["MeetingId"]})
    stubber.add_response(
        "create_attendee",
        {"Attendee": do_medico},
        {"MeetingId": meeting["MeetingId"], "ExternalUserId": str(mid)},
    )
    entrada = await teleconsulta.entrar(tc, usuario_id=mid, consulta_id=cid)
    assert entrada.dados == {"Meeting": meeting, "Attendee": do_medico}

    do_paciente = participante(pid)
    stubber.add_response("get_meeting", {"Meeting": meeting}, {"MeetingId": meeting["MeetingId"]})
    stubber.add_response(
        "create_attendee",
        {"Attendee": do_paciente},
        {"MeetingId": meeting["MeetingId"], "ExternalUserId": str(pid)},
    )
    assert (await teleconsulta.entrar(tc, usuario_id=pid, consulta_id=cid)).dados[
        "Attendee"
    ] == do_paciente

    # The doctor comes back: the same attendee, kept in the database (no CreateAttendee).
    stubber.add_response("get_meeting", {"Meeting": meeting}, {"MeetingId": meeting["MeetingId"]})
    de_volta = await teleconsulta.entrar(tc, usuario_id=mid, consulta_id=cid)
    assert de_volta.dados["Attendee"] == do_medico

    # The meeting expired: a new one (generation 1), and new attendees on it.
    nova = reuniao(cid)
    stubber.add_client_error(
        "get_meeting", service_error_code="NotFoundException", http_status_code=404
    )
    _criacao(stubber, cid, 1, nova)
    novo_do_medico = participante(mid)
    stubber.add_response(
        "create_attendee",
        {"Attendee": novo_do_medico},
        {"MeetingId": nova["MeetingId"], "ExternalUserId": str(mid)},
    )
    renovada = await teleconsulta.entrar(tc, usuario_id=mid, consulta_id=cid)
    assert renovada.dados == {"Meeting": nova, "Attendee": novo_do_medico}
    stubber.add_response("get_meeting", {"Meeting": nova}, {"MeetingId": nova["MeetingId"]})
    depois = await teleconsulta.entrar(tc, usuario_id=mid, consulta_id=cid)
    assert depois.dados == {"Meeting": nova, "Attendee": novo_do_medico}
