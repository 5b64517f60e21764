"""The record when its patient closes the account (asked by the paciente service): the doctor
loses access at once, the documents stay (legal retention), and the closing is the last entry
of the patient's access-log chain, which still verifies."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from libs import errors
from libs.testing.data import SENHA
from services.prontuario.comandos import copia_legal
from services.prontuario.service import integridade
from services.prontuario.tests.api.conftest import PDF, compartilhar, documento_enviado


async def test_encerramento_revoga_e_fecha_a_cadeia_com_o_encerramento(
    api: httpx.AsyncClient, gateway: Any, paciente: dict[str, Any], medico: dict[str, Any]
) -> None:
    doc = await documento_enviado(api, paciente, PDF)
    r = await api.post(
        f"/prontuario/{paciente['id']}/compartilhar",
        json={"medico_id": medico["id"], "duracao_horas": 24},
        headers=paciente["headers"],
    )
    assert r.status_code == 201, r.text

    r = await api.post(
        f"/paciente/{paciente['id']}/encerramento",
        json={"senha": SENHA, "confirmacao": "ENCERRAR"},
        headers=paciente["headers"],
    )
    assert r.status_code == 200, r.text
    assert r.json()["compartilhamentos_revogados"] == 1

    r = await api.get(
        f"/prontuario/{paciente['id']}/documentos/{doc['id']}", headers=medico["headers"]
    )
    assert r.status_code == 403
    app = gateway.apps["prontuario"]
    async with app.state.engine.connect() as conn:
        linhas = await conn.execute(
            text(
                "select acao, usuario_id::text as usuario_id from prontuario.acessos_por_paciente"
                " where paciente_id = :p order by seq"
            ),
            {"p": paciente["id"]},
        )
        acoes = [(row.acao, row.usuario_id) for row in linhas]
        guardados = (
            await conn.execute(
                text("select count(*) from prontuario.documentos where paciente_id = :p"),
                {"p": paciente["id"]},
            )
        ).scalar_one()
    assert acoes[-2:] == [("revogacao", paciente["id"]), ("encerramento", paciente["id"])]
    assert guardados == 1  # kept for the legal retention period
    uow = app.state.prontuario.uow
    resultado = await integridade.verificar_integridade(uow, uow()._chave_auditoria)
    assert resultado.quebra is None


async def test_copia_legal_do_prontuario_encerrado_pelo_operador(
    api: httpx.AsyncClient, gateway: Any, paciente: dict[str, Any], medico: dict[str, Any]
) -> None:
    """The operator procedure (docs/operations.md): only a closed record, the documents as they
    were confirmed, and the copy itself in the patient's chain."""
    app = gateway.apps["prontuario"]
    settings = app.state.settings
    doc = await documento_enviado(api, paciente, PDF)
    await compartilhar(api, paciente, medico, documentos=[doc["id"]])
    pid = uuid.UUID(paciente["id"])
    with pytest.raises(errors.Conflito):  # an open account exports its own data in the app
        await copia_legal.copiar(settings, paciente_id=pid, pedido="Ofício 1/2027", operador="ana")
    r = await api.post(
        f"/paciente/{paciente['id']}/encerramento",
        json={"senha": SENHA, "confirmacao": "ENCERRAR"},
        headers=paciente["headers"],
    )
    assert r.status_code == 200, r.text

    dados = await copia_legal.copiar(
        settings, paciente_id=pid, pedido="Ofício 123/2027, 2ª Vara", operador="ana.lima"
    )

    with zipfile.ZipFile(io.BytesIO(dados)) as z:
        (arquivo,) = [n for n in z.namelist() if n.startswith("arquivos/")]
        assert z.read(arquivo) == PDF
        assert "Ofício 123/2027" in z.read("LEIAME.txt").decode()
        acoes = [a["acao"] for a in json.loads(z.read("acessos.json"))]
        (share,) = json.loads(z.read("compartilhamentos.json"))
    assert acoes[0] == "copia_legal" and "encerramento" in acoes
    assert share["medico_id"] == medico["id"] and share["documentos"] == [doc["id"]]
    uow = app.state.prontuario.uow
    assert (await integridade.verificar_integridade(uow, uow()._chave_auditoria)).quebra is None
