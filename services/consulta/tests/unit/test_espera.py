"""Who is told that a slot opened ("Avise-me"), without a database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from libs import errors
from services.consulta.domain import notificacoes
from services.consulta.domain.agenda import Horario
from services.consulta.domain.espera import PedidoDeAviso, a_avisar, validar_ate

AGORA = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
HORIZONTE = timedelta(days=90)
MEDICO = uuid.uuid4()


def _pedido(ate: datetime, *, medico_id: uuid.UUID = MEDICO, antecedencia: int = 120):
    return PedidoDeAviso(
        id=uuid.uuid4(),
        paciente_id=uuid.uuid4(),
        medico_id=medico_id,
        ate=ate,
        medico_nome="Dra. Ana",
        medico_fuso="America/Manaus",
        antecedencia_minima_minutos=antecedencia,
    )


def _horario(inicio: datetime, *, medico_id: uuid.UUID = MEDICO) -> Horario:
    return Horario(uuid.uuid4(), medico_id, inicio, inicio + timedelta(minutes=30))


def _avisados(pedidos, livres, **kw) -> list[PedidoDeAviso]:
    return [a.pedido for a in a_avisar(pedidos, livres, agora=AGORA, horizonte=HORIZONTE, **kw)]


def test_horario_antes_da_data_do_mesmo_medico_avisa():
    pedido = _pedido(AGORA + timedelta(days=5))
    assert _avisados([pedido], [_horario(AGORA + timedelta(days=2))]) == [pedido]


def test_horario_depois_da_data_ou_na_data_nao_avisa():
    ate = AGORA + timedelta(days=5)
    pedido = _pedido(ate)
    assert _avisados([pedido], [_horario(ate), _horario(ate + timedelta(hours=1))]) == []


def test_horario_dentro_da_antecedencia_do_medico_nao_avisa():
    pedido = _pedido(AGORA + timedelta(days=5), antecedencia=120)
    perto = _horario(AGORA + timedelta(minutes=119))
    assert _avisados([pedido], [perto]) == []
    assert _avisados([pedido], [_horario(AGORA + timedelta(minutes=120))]) == [pedido]


def test_horario_de_outro_medico_nao_avisa():
    pedido = _pedido(AGORA + timedelta(days=5))
    assert _avisados([pedido], [_horario(AGORA + timedelta(days=1), medico_id=uuid.uuid4())]) == []


def test_quem_liberou_o_proprio_horario_nao_e_avisado():
    quem_cancelou = _pedido(AGORA + timedelta(days=5))
    outro = _pedido(AGORA + timedelta(days=5))
    livre = [_horario(AGORA + timedelta(days=1))]
    assert _avisados([quem_cancelou, outro], livre, exceto=quem_cancelou.paciente_id) == [outro]


def test_todos_os_que_esperam_sao_avisados_uma_vez_pelo_horario_mais_cedo():
    pedidos = [_pedido(AGORA + timedelta(days=5)), _pedido(AGORA + timedelta(days=3))]
    cedo, tarde = _horario(AGORA + timedelta(days=1)), _horario(AGORA + timedelta(days=2))
    aberturas = a_avisar(pedidos, [tarde, cedo], agora=AGORA, horizonte=HORIZONTE)
    assert [a.pedido for a in aberturas] == pedidos
    assert [a.horario for a in aberturas] == [cedo, cedo]


def test_o_aviso_e_consumido_uma_vez_por_pedido():
    """The notice is keyed by the request: a second opening for the same request (it would be
    consumed already, but a retried job must not double it) is the same e-mail."""
    pedido = _pedido(AGORA + timedelta(days=5))
    (primeira,) = a_avisar(
        [pedido], [_horario(AGORA + timedelta(days=1))], agora=AGORA, horizonte=HORIZONTE
    )
    (segunda,) = a_avisar(
        [pedido], [_horario(AGORA + timedelta(days=2))], agora=AGORA, horizonte=HORIZONTE
    )
    origem = "https://healthmed.example"
    chaves = {notificacoes.horario_aberto(a, origem=origem).chave for a in (primeira, segunda)}
    assert chaves == {f"horario_aberto:{pedido.id}"}


def test_o_email_diz_so_o_medico_a_hora_no_fuso_dele_e_o_link():
    pedido = _pedido(AGORA + timedelta(days=5))
    abertura = a_avisar(
        [pedido],
        [_horario(datetime(2026, 12, 2, 14, 0, tzinfo=UTC))],
        agora=AGORA,
        horizonte=HORIZONTE,
    )[0]
    aviso = notificacoes.horario_aberto(abertura, origem="https://healthmed.example/")
    assert (aviso.usuario_id, aviso.papel, aviso.consulta_id) == (
        pedido.paciente_id,
        "paciente",
        None,
    )
    assert aviso.assunto == "Abriu um horário - HealthMed"
    assert (
        "Abriu um horário com Dra. Ana em 02/12/2026 às 10:00 (horário de Manaus); reserve em "
        f"https://healthmed.example/medicos/{MEDICO}"
    ) in aviso.corpo


@pytest.mark.parametrize(
    ("ate", "mensagem"),
    [
        (AGORA, "futuro"),
        (AGORA - timedelta(days=1), "futuro"),
        (AGORA + HORIZONTE + timedelta(minutes=1), "90 dias"),
        (datetime(2026, 12, 5, 12, 0), "fuso"),
    ],
)
def test_data_do_aviso_no_passado_alem_do_horizonte_ou_sem_fuso_e_recusada(ate, mensagem):
    with pytest.raises(errors.DadosInvalidos) as erro:
        validar_ate(ate, agora=AGORA, horizonte=HORIZONTE)
    assert mensagem in str(erro.value)


def test_data_do_aviso_dentro_do_horizonte_e_aceita():
    assert validar_ate(AGORA + HORIZONTE, agora=AGORA, horizonte=HORIZONTE) == AGORA + HORIZONTE
