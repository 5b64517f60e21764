"""The clinical note's rules and the signed documents' inputs, without I/O."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from libs import errors
from services.prontuario.domain.erros import EvolucaoAssinada, EvolucaoNaoAssinada
from services.prontuario.domain.evolucao import Conteudo, Evolucao, normalizar_cid10
from services.prontuario.domain.receituario import Atestado, codigo_valido, novo_codigo

AGORA = datetime(2026, 12, 5, 13, 0, tzinfo=UTC)


def _rascunho() -> Evolucao:
    return Evolucao(
        id=uuid.uuid4(),
        paciente_id=uuid.uuid4(),
        consulta_id=uuid.uuid4(),
        medico_id=uuid.uuid4(),
        conteudo=Conteudo(queixa_principal="Febre", cid10=("R50.9",)),
        criada_em=AGORA,
        atualizada_em=AGORA,
    )


@pytest.mark.parametrize(
    ("digitado", "gravado"),
    [("J06.9", "J06.9"), ("j069", "J06.9"), (" i10 ", "I10"), ("A00.0", "A00.0")],
)
def test_cid10_bem_formado_e_escrito_como_o_datasus(digitado, gravado):
    assert normalizar_cid10(digitado) == gravado


@pytest.mark.parametrize("digitado", ["", "J0", "J06.", "JJ06", "106.9", "J06.99", "J06-9"])
def test_cid10_mal_formado_e_recusado(digitado):
    assert normalizar_cid10(digitado) is None


def test_assinar_trava_o_conteudo_e_sela_o_hash():
    nota = _rascunho()
    nota.editar(Conteudo(queixa_principal="Febre alta"), AGORA + timedelta(minutes=1))
    nota.assinar(AGORA + timedelta(minutes=2))
    assert nota.assinada and nota.sha256 == Conteudo(queixa_principal="Febre alta").sha256()
    with pytest.raises(EvolucaoAssinada):
        nota.editar(Conteudo(queixa_principal="Outra"), AGORA + timedelta(minutes=3))
    with pytest.raises(EvolucaoAssinada):
        nota.assinar(AGORA + timedelta(minutes=3))
    assert nota.conteudo.queixa_principal == "Febre alta"


def test_adendo_so_em_evolucao_assinada_e_preso_a_ela():
    nota = _rascunho()
    with pytest.raises(EvolucaoNaoAssinada):
        nota.adendar(texto="cedo demais", agora=AGORA)
    nota.assinar(AGORA)
    outra = _rascunho()
    outra.conteudo = Conteudo(queixa_principal="Tosse")
    outra.assinar(AGORA)
    a = nota.adendar(texto="Resultado negativo", agora=AGORA + timedelta(hours=1))
    b = outra.adendar(texto="Resultado negativo", agora=AGORA + timedelta(hours=1))
    assert a.assinado_em == AGORA + timedelta(hours=1) and nota.adendos == [a]
    assert a.sha256 != b.sha256  # the same words on another note are another addendum


def test_hash_do_conteudo_muda_com_qualquer_campo():
    base = Conteudo(texto="a", queixa_principal="b", avaliacao="c", plano="d", cid10=("I10",))
    variantes = [
        Conteudo(texto="a ", queixa_principal="b", avaliacao="c", plano="d", cid10=("I10",)),
        Conteudo(texto="a", queixa_principal="b", avaliacao="c", plano="d", cid10=()),
        Conteudo(texto="b", queixa_principal="a", avaliacao="c", plano="d", cid10=("I10",)),
    ]
    assert len({base.sha256(), *(v.sha256() for v in variantes)}) == 4


def test_atestado_com_cid_exige_autorizacao_do_paciente():
    with pytest.raises(errors.DadosInvalidos) as erro:
        Atestado.validado(dias_afastamento=2, cid10="J02.9", autorizacao_cid=False, observacoes="")
    assert erro.value.erros[0].campo == "cid10"
    a = Atestado.validado(dias_afastamento=2, cid10="j029", autorizacao_cid=True, observacoes="")
    assert a.cid10 == "J02.9"
    sem_cid = Atestado.validado(
        dias_afastamento=1, cid10=None, autorizacao_cid=False, observacoes=""
    )
    assert sem_cid.cid10 is None


def test_codigo_de_verificacao_tem_forma_fixa_e_nao_se_repete():
    codigos = {novo_codigo() for _ in range(200)}
    assert len(codigos) == 200 and all(codigo_valido(c) for c in codigos)
    assert not codigo_valido("ABCD-EFGH-IJKL-MNOP")  # I, L, O, U are never used
    assert not codigo_valido("0000-0000-0000")
