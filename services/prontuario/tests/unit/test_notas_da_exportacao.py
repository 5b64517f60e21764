"""The export's notes speak to the patient: no service names."""

from __future__ import annotations

from services.prontuario.service.exportacao import notas_da_exportacao


def test_nota_de_parte_ausente_nao_nomeia_servico():
    notas = notas_da_exportacao(sem_perfil=True, sem_consultas=True)
    assert [n.split(":")[0] for n in notas] == ["perfil.json ausente", "consultas.json ausente"]
    assert not any("serviço" in n for n in notas)


def test_exportacao_completa_nao_tem_notas():
    assert notas_da_exportacao(sem_perfil=False, sem_consultas=False) == []
