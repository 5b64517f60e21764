"""Closing the patient's account in the record: shares revoked, the record closed to new
documents and shares, the closing in the patient's access-log chain, idempotent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services.prontuario.domain import auditoria
from services.prontuario.domain.erros import ProntuarioEncerrado, SemCompartilhamento
from services.prontuario.service import documentos, encerramento
from services.prontuario.tests.unit.test_casos_de_uso import Cenario


@pytest.fixture
def c() -> Cenario:
    return Cenario()


async def test_encerrar_revoga_compartilhamentos_ativos_e_registra_na_cadeia(c: Cenario):
    await c.documento()
    ativo = await c.compartilhar(duracao_horas=24.0)
    vencido = await c.compartilhar(duracao_horas=1.0)
    c.relogio.agora += timedelta(hours=2)  # the second one has expired by now

    feito = await encerramento.encerrar(c.ctx, paciente_id=c.paciente.id, ip="10.0.0.9")

    assert feito.compartilhamentos_revogados == 1
    assert c.banco.compartilhamentos[ativo.id].revogado_em == c.relogio.agora
    assert c.banco.compartilhamentos[vencido.id].revogado_em is None
    ultimas = [(a.acao, a.usuario_id, a.ip) for a in c.banco.acessos[-2:]]
    assert ultimas == [
        ("revogacao", c.paciente.id, "10.0.0.9"),
        ("encerramento", c.paciente.id, "10.0.0.9"),
    ]
    # Appended at the end of the patient's chain, linked to the entry before.
    assert c.banco.acessos[-1].mac_anterior == c.banco.acessos[-2].mac
    with pytest.raises(SemCompartilhamento):
        await documentos.listar(c.ctx, usuario=c.medico, paciente_id=c.paciente.id, ip="x")


async def test_encerrar_de_novo_nao_revoga_nem_registra_nada(c: Cenario):
    await c.compartilhar(duracao_horas=24.0)
    await encerramento.encerrar(c.ctx, paciente_id=c.paciente.id, ip="x")
    antes = len(c.banco.acessos)
    feito = await encerramento.encerrar(c.ctx, paciente_id=c.paciente.id, ip="x")
    assert feito.compartilhamentos_revogados == 0
    assert len(c.banco.acessos) == antes
    assert [a.acao for a in c.banco.acessos].count("encerramento") == 1


async def test_prontuario_encerrado_nao_aceita_documento_nem_compartilhamento(c: Cenario):
    doc_id = await c.documento()
    await encerramento.encerrar(c.ctx, paciente_id=c.paciente.id, ip="x")
    with pytest.raises(ProntuarioEncerrado):
        await documentos.pedir_envio(
            c.ctx,
            usuario=c.paciente,
            paciente_id=c.paciente.id,
            nome="novo.pdf",
            categoria="exame",
            tipo_conteudo="application/pdf",
            tamanho=10,
        )
    with pytest.raises(ProntuarioEncerrado):
        await c.compartilhar(duracao_horas=24.0)
    # What was stored stays (kept for the legal retention period).
    assert list(c.banco.documentos) == [doc_id]


def test_encerramento_e_uma_acao_do_registro_de_acessos():
    assert "encerramento" in auditoria.Acao.__args__  # type: ignore[attr-defined]
