"""Teleconsultation rules and the in-process signaling rooms, without a database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from libs import errors
from services.consulta.adapters.reuniao_local import HubDeSinalizacao, url_de_sinalizacao
from services.consulta.domain import teleconsulta as regras
from services.consulta.domain.consulta import Status, horario_de
from services.consulta.tests.unit.fabrica import nova_consulta

INICIO = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def _consulta(status=Status.CONFIRMADA):
    return nova_consulta(status, inicio=INICIO)


def test_sala_abre_exatamente_15_minutos_antes_e_fecha_no_fim():
    c = _consulta()
    regras.exigir_sala_aberta(c, INICIO - timedelta(minutes=15))
    regras.exigir_sala_aberta(c, c.fim - timedelta(seconds=1))
    with pytest.raises(regras.ForaDaJanela) as cedo:
        regras.exigir_sala_aberta(c, INICIO - timedelta(minutes=15, seconds=1))
    assert cedo.value.status == 403
    # The opening time is told in the doctor's time zone (14:00 UTC is 11:00 in São Paulo).
    assert "10:45 de 01/12/2026 (horário de Brasília)" in cedo.value.detalhe
    assert "America/" not in cedo.value.detalhe
    with pytest.raises(regras.ForaDaJanela) as tarde:
        regras.exigir_sala_aberta(c, c.fim)
    assert "já terminou" in tarde.value.detalhe


@pytest.mark.parametrize(
    ("fuso", "nome"),
    [
        ("America/Sao_Paulo", "horário de Brasília"),
        ("America/Manaus", "horário de Manaus"),
        ("America/Cuiaba", "horário de Cuiabá"),
        ("America/Noronha", "horário de Fernando de Noronha"),
        ("America/Porto_Velho", "horário de Porto Velho"),
    ],
)
def test_fuso_tem_o_nome_que_as_pessoas_usam(fuso, nome):
    assert horario_de(fuso) == nome


@pytest.mark.parametrize("status", [Status.PENDENTE, Status.CANCELADA, Status.RECUSADA])
def test_so_consulta_confirmada_tem_sala_e_link(status):
    c = _consulta(status)
    with pytest.raises(regras.LinkIndisponivel) as erro:
        regras.exigir_sala_aberta(c, INICIO)
    assert erro.value.status == 409 and status.value in erro.value.detalhe
    with pytest.raises(regras.LinkIndisponivel):
        regras.exigir_confirmada(c, INICIO - timedelta(days=1))


def test_link_de_consulta_realizada_e_recusado_mas_entrar_depois_do_fim_e_fora_da_janela():
    c = _consulta()
    depois = c.fim + timedelta(minutes=1)
    with pytest.raises(regras.LinkIndisponivel, match="realizada"):
        regras.exigir_confirmada(c, depois)
    with pytest.raises(regras.ForaDaJanela):
        regras.exigir_sala_aberta(c, depois)


def test_url_da_sala_e_da_sinalizacao():
    cid = uuid.uuid4()
    assert regras.url_da_sala("https://healthmed.example/", cid) == (
        f"https://healthmed.example/sala/{cid}"
    )
    assert url_de_sinalizacao("https://healthmed.example", cid) == (
        f"wss://healthmed.example/api/consultas/{cid}/sala/sinalizacao"
    )
    assert url_de_sinalizacao("http://127.0.0.1:8000", cid).startswith("ws://127.0.0.1:8000/")


def test_so_a_versao_atual_do_termo_pode_ser_aceita():
    regras.validar_versao(regras.TERMO_VERSAO)
    with pytest.raises(errors.DadosInvalidos):
        regras.validar_versao("cfm-2314-2022-v0")


def test_consentimento_necessario_responde_428():
    assert regras.ConsentimentoNecessario().status == 428


class _Conexao:
    def __init__(self, falha: bool = False) -> None:
        self.recebidas: list[dict] = []
        self.falha = falha

    async def send_json(self, data, mode="text"):
        if self.falha:
            raise RuntimeError("conexão fechada")
        self.recebidas.append(data)

    async def receive_text(self):
        raise AssertionError("não usado")


async def test_hub_admite_um_de_cada_papel_e_recusa_o_terceiro():
    hub, cid = HubDeSinalizacao(), uuid.uuid4()
    medico, paciente, intruso = _Conexao(), _Conexao(), _Conexao()
    assert await hub.entrar(cid, "medico", medico) == set()
    assert await hub.entrar(cid, "paciente", paciente) == {"medico"}
    assert await hub.entrar(cid, "medico", intruso) is None
    assert await hub.presentes(cid) == {"medico", "paciente"}
    # The refused connection leaving does not take the doctor's place away.
    await hub.sair(cid, "medico", intruso)
    assert await hub.presentes(cid) == {"medico", "paciente"}
    assert await hub.enviar(cid, "paciente", {"tipo": "oferta"})
    assert paciente.recebidas == [{"tipo": "oferta"}]
    await hub.sair(cid, "medico", medico)
    await hub.sair(cid, "paciente", paciente)
    assert await hub.presentes(cid) == set()
    assert not await hub.enviar(cid, "paciente", {"tipo": "oferta"})


async def test_hub_isola_as_salas_e_tolera_conexao_morta():
    hub = HubDeSinalizacao()
    a, b = uuid.uuid4(), uuid.uuid4()
    assert await hub.entrar(a, "medico", _Conexao(falha=True)) == set()
    assert await hub.entrar(b, "medico", _Conexao()) == set()
    assert await hub.presentes(a) == await hub.presentes(b) == {"medico"}
    assert not await hub.enviar(a, "medico", {"tipo": "ice"})


def test_sinalizacao_padrao_e_a_do_postgresql_em_todo_perfil(tmp_path):
    from services.consulta.settings import ConsultaSettings

    # The same default whatever the profile: several processes need the shared relay.
    assert ConsultaSettings.model_fields["sinalizacao"].default == "postgres"
    assert ConsultaSettings(data_dir=tmp_path).sinalizacao == "postgres"


def test_provedor_chime_usa_a_api_em_regiao_do_chime_e_midia_em_sao_paulo(tmp_path):
    from services.consulta.adapters.reuniao_chime import ReunioesChime
    from services.consulta.adapters.reuniao_local import ReunioesWebRTC
    from services.consulta.app import _teleconsulta
    from services.consulta.settings import ConsultaSettings

    chime = _teleconsulta(
        ConsultaSettings(data_dir=tmp_path, teleconsulta_provedor="chime"),
        agenda=None,
        salas=None,
    )
    assert isinstance(chime.reunioes, ReunioesChime) and chime.sinalizacao is None
    assert chime.reunioes.media_region == "sa-east-1"
    assert chime.reunioes.cliente.meta.region_name == "us-east-1"
    assert chime.reunioes.cliente.meta.service_model.service_name == "chime-sdk-meetings"

    hub = HubDeSinalizacao()
    local = _teleconsulta(
        ConsultaSettings(data_dir=tmp_path, ice_servers=[{"urls": "stun:stun.example:3478"}]),
        agenda=None,
        salas=None,
        sinalizacao=hub,
    )
    assert isinstance(local.reunioes, ReunioesWebRTC) and local.sinalizacao is hub
    assert local.ice_servers == [{"urls": "stun:stun.example:3478"}]
