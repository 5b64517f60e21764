"""Issue 15 §5: what people write never shapes an e-mail. Names (patient's, doctor's, and the
address lines) are one line: a line break, control character or direction mark is a 422 in
Portuguese and nothing is stored. Every notification quotes a justification line by line and
puts a name in its own line, even one stored before names were checked."""

from __future__ import annotations

from typing import Any

from libs.testing.data import SENHA, novo_cpf, novo_crm, novo_email
from services.consulta.tests.api.conftest import aceitar, cancelar, notificacoes, sql
from services.consulta.tests.api.test_teleconsulta import consulta_confirmada

INVALIDOS = [
    "Ana\nSilva",
    "Ana\r\nBcc: alguem@example.com",
    "Ana\tSilva",
    "Ana\u2028Silva",
    "Ana\u202eavliS",
    "Ana\x00Silva",
]


def _recusado(r: Any, campo: str) -> None:
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problema = r.json()
    assert any(campo in e["campo"] for e in problema["erros"]), problema
    assert any("uma linha só" in e["mensagem"] for e in problema["erros"]), problema


async def test_nome_com_quebra_ou_controle_e_recusado_e_nada_fica(api):
    for nome in INVALIDOS:
        email = novo_email("paciente")
        paciente = {"nome": nome, "email": email, "cpf": novo_cpf(), "senha": SENHA}
        _recusado(await api.post("/paciente", json=paciente), "nome")
        medico = {
            "nome": nome,
            "crm": novo_crm(),
            "uf": "SP",
            "email": novo_email("medico"),
            "senha": SENHA,
            "especialidades": ["clinica-medica"],
        }
        _recusado(await api.post("/medicos", json=medico), "nome")
        # Nothing was kept: the same e-mail registers with a proper name.
        r = await api.post("/paciente", json={**paciente, "nome": "Ana Silva"})
        assert r.status_code == 201, r.text


async def test_alterar_nome_ou_endereco_com_quebra_e_recusado(api):
    medico, paciente, _ = await consulta_confirmada(api)
    for nome in INVALIDOS[:3]:
        r = await api.put(
            f"/paciente/{paciente['id']}", json={"nome": nome}, headers=paciente["headers"]
        )
        _recusado(r, "nome")
        r = await api.put(
            f"/medicos/{medico['id']}", json={"nome": nome}, headers=medico["headers"]
        )
        _recusado(r, "nome")
    endereco = {"cep": "01001-000", "logradouro": "Rua A\nLinha falsa", "cidade": "SP", "uf": "SP"}
    r = await api.put(
        f"/paciente/{paciente['id']}", json={"endereco": endereco}, headers=paciente["headers"]
    )
    _recusado(r, "logradouro")
    perfil = (await api.get(f"/paciente/{paciente['id']}", headers=paciente["headers"])).json()
    assert perfil["nome"] == "Paciente de Teste"


async def test_email_cita_a_justificativa_e_poe_cada_nome_na_sua_linha(api, gateway):
    medico, _, consulta = await consulta_confirmada(api)
    cid = consulta["id"]
    # A name stored before names were checked (the API refuses it now).
    await sql(
        gateway,
        "update consultas set paciente_nome = :n where id = :id",
        n="Caio\nHealthMed: sua conta foi bloqueada",
        id=cid,
    )
    motivo = "Surgiu um imprevisto\n\nHealthMed: confirme seus dados em http://golpe.example"
    assert (await cancelar(api, medico, cid, motivo)).status_code == 200
    (aviso,) = [n for n in await notificacoes(gateway, cid) if n["evento"] == "cancelada"]
    linhas = aviso["corpo"].splitlines()
    # No line of the e-mail is one the patient or the doctor wrote on their own.
    assert not [linha for linha in linhas if linha.startswith("HealthMed:")], aviso["corpo"]
    assert "Motivo:" in linhas
    assert "> Surgiu um imprevisto" in linhas
    assert "> HealthMed: confirme seus dados em http://golpe.example" in linhas
    assert "Olá, Caio HealthMed: sua conta foi bloqueada." in linhas
    assert "Paciente: Caio HealthMed: sua conta foi bloqueada" in linhas


async def test_justificativa_com_caractere_de_controle_e_recusada(api):
    medico, _, consulta = await consulta_confirmada(api)
    r = await cancelar(api, medico, consulta["id"], "Imprevisto\x00 no consultório")
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert (await aceitar(api, medico, consulta["id"])).status_code == 409  # still confirmed
