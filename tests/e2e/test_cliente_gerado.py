"""A Python client generated from the live contract works (issue 20 §2).

``openapi-python-client`` (pinned in the Makefile, its own venv ``.venv-cliente``) generates a
client from the running product's ``/api/openapi.json``, as an integrator would; the generator
may warn only about the binary limits named in docs/api-extensoes.md, and the main journeys run
through that client: accounts, login, slots, search, booking, acceptance, the meeting link, and
a document uploaded and shared.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from libs.testing.data import SENHA, novo_cpf, novo_crm, novo_email
from tests.e2e.conftest import Servidor

ROOT = Path(__file__).resolve().parents[2]
GERADOR = ROOT / ".venv-cliente" / "bin" / "openapi-python-client"
PACOTE = "healthmed_cliente"
# openapi-python-client understands binary responses only as application/octet-stream: the
# export's zip is read as one (docs/api-extensoes.md, "Limites conhecidos dos geradores").
CONFIGURACAO = """\
post_hooks: []
content_type_overrides:
  application/zip: application/octet-stream
"""
# What the generator may say: the documented limit (a body with several binary types is not
# generated; integrators send the bytes to the URL that POST /prontuario/{id}/upload answers).
SAIDA_ACEITA = {
    "Warning(s) encountered while generating. Client was generated, but some pieces may be missing",
    "WARNING parsing PUT /prontuario/arquivos/{token} within prontuario. "
    "Endpoint will not be generated.",
    "Unsupported content type application/pdf",
    "Unsupported content type image/jpeg",
    "Unsupported content type image/png",
    "Unsupported content type text/plain",
    "If you believe this was a mistake or this tool is missing a feature you need, please open "
    "an issue at https://github.com/openapi-generators/openapi-python-client/issues/new/choose",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _instalar_gerador() -> None:
    """The generator's venv, from PyPI, by the same Makefile target ``make test`` runs."""
    if not GERADOR.exists():
        make = shutil.which("make")
        assert make, "make ausente"
        objetivo = ".venv-cliente/.installed"
        subprocess.run([make, "--no-print-directory", "-C", str(ROOT), objetivo], check=True)  # noqa: S603


@pytest.fixture(scope="module")
def geracao(
    servidor: Servidor, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[list[str], ModuleType]]:
    """Generate the client once from the live contract; its output lines and its package."""
    _instalar_gerador()
    pasta = tmp_path_factory.mktemp("cliente-gerado")
    contrato = pasta / "openapi.json"
    contrato.write_bytes(httpx.get(servidor.api + "/openapi.json", timeout=10).content)
    (pasta / "config.yaml").write_text(CONFIGURACAO)
    feito = subprocess.run(  # noqa: S603
        [
            str(GERADOR),
            "generate",
            "--path",
            str(contrato),
            "--meta",
            "none",
            "--config",
            str(pasta / "config.yaml"),
            "--output-path",
            str(pasta / PACOTE),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=pasta,
    )
    assert feito.returncode == 0, feito.stdout + feito.stderr
    linhas = [
        linha.strip()
        for linha in (feito.stdout + feito.stderr).splitlines()
        if linha.strip() and not linha.startswith("Generating ")
    ]
    sys.path.insert(0, str(pasta))
    try:
        yield linhas, importlib.import_module(PACOTE)
    finally:
        sys.path.remove(str(pasta))
        for nome in [m for m in sys.modules if m == PACOTE or m.startswith(PACOTE + ".")]:
            del sys.modules[nome]


class _Tag:
    """One tag of the generated client: its operations are modules, imported when used."""

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def __getattr__(self, operacao: str) -> Any:
        return importlib.import_module(f"{PACOTE}.api.{self.tag}.{operacao}")


def test_gerador_so_avisa_os_limites_documentados(geracao):
    linhas, _ = geracao
    assert not [linha for linha in linhas if linha not in SAIDA_ACEITA]


def _ok(resposta: Any, status: int) -> Any:
    """The parsed body of an answer that must have this status (its body otherwise)."""
    assert resposta.status_code == status, resposta.content.decode()
    return resposta.parsed


def test_jornada_principal_pelo_cliente_gerado(geracao, servidor: Servidor):
    _, cliente = geracao
    modelos = importlib.import_module(f"{PACOTE}.models")
    identidade, medicos = _Tag("identidade"), _Tag("medicos")
    pacientes, agenda = _Tag("pacientes"), _Tag("agenda")
    teleconsulta, prontuario = _Tag("teleconsulta"), _Tag("prontuario")
    anonimo = cliente.Client(base_url=servidor.api, raise_on_unexpected_status=True)

    def entrar(login: dict[str, str]) -> Any:
        corpo = modelos.LoginIn.from_dict({**login, "senha": SENHA})
        tokens = _ok(identidade.login.sync_detailed(client=anonimo, body=corpo), 200)
        return cliente.AuthenticatedClient(
            base_url=servidor.api, token=tokens.access_token, raise_on_unexpected_status=True
        ), tokens.usuario_id

    # Accounts: a doctor (any specialty of the CFM list) and a patient, then their logins.
    especialidade = (
        _ok(medicos.listar_especialidades.sync_detailed(client=anonimo), 200).itens[0].slug
    )
    crm, nome = novo_crm(), f"Dra. Geradora {novo_crm()}"
    medico = modelos.MedicoCreate.from_dict(
        {
            "nome": nome,
            "crm": crm,
            "uf": "SP",
            "email": novo_email("medica"),
            "senha": SENHA,
            "especialidades": [especialidade],
            "antecedencia_minima_minutos": 0,
        }
    )
    medico_id = _ok(medicos.cadastrar_medico.sync_detailed(client=anonimo, body=medico), 201).id
    email = novo_email("paciente")
    paciente = modelos.PacienteCreate.from_dict(
        {
            "nome": "Paciente do Cliente Gerado",
            "email": email,
            "cpf": novo_cpf(),
            "senha": SENHA,
            "endereco": {
                "cep": "01310-100",
                "logradouro": "Av. Paulista, 1000",
                "cidade": "São Paulo",
                "uf": "SP",
            },
        }
    )
    paciente_id = _ok(
        pacientes.cadastrar_paciente.sync_detailed(client=anonimo, body=paciente), 201
    ).id
    como_medico, _ = entrar({"crm": crm, "uf": "SP"})
    como_paciente, usuario_id = entrar({"email": email})
    assert usuario_id == paciente_id

    # The doctor opens two slots; the patient finds the doctor and the free slots.
    inicio = (datetime.now(UTC) + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    horarios = modelos.HorarioIn.from_dict(
        {
            "inicio": inicio.isoformat(),
            "fim": (inicio + timedelta(hours=1)).isoformat(),
            "duracao_minutos": 30,
        }
    )
    criados = _ok(
        agenda.criar_horarios.sync_detailed(client=como_medico, body=horarios), 201
    ).horarios
    assert [h.status for h in criados] == ["livre", "livre"]
    achados = _ok(
        medicos.buscar_medicos.sync_detailed(
            client=anonimo, especialidade=especialidade, nome=nome
        ),
        200,
    )
    assert [m.id for m in achados.itens] == [medico_id]
    livres = _ok(
        agenda.agenda_do_medico.sync_detailed(
            medico_id, client=anonimo, de=inicio, ate=inicio + timedelta(hours=1)
        ),
        200,
    ).horarios
    assert [h.id for h in livres] == [h.id for h in criados]

    # Booking, a typed Problema for a second booking of the slot, acceptance, the meeting link.
    pedido = modelos.ConsultaIn.from_dict({"horario_id": str(livres[0].id)})
    consulta = _ok(agenda.reservar_consulta.sync_detailed(client=como_paciente, body=pedido), 201)
    assert consulta.status == "pendente"
    repetida = agenda.reservar_consulta.sync_detailed(client=como_paciente, body=pedido)
    assert isinstance(repetida.parsed, modelos.Problema) and repetida.parsed.status == 409
    aceita = _ok(agenda.aceitar_consulta.sync_detailed(consulta.id, client=como_medico), 200)
    assert aceita.status == "confirmada"
    link = _ok(teleconsulta.criar_link.sync_detailed(consulta.id, client=como_paciente), 201)
    assert link.url.endswith(f"/sala/{consulta.id}")

    # A document: asked for, its bytes sent where the answer says, confirmed, shared, read.
    upload = modelos.UploadIn.from_dict(
        {
            "nome": "exame.pdf",
            "categoria": "exame",
            "tipo_conteudo": "application/pdf",
            "tamanho": len(PDF),
        }
    )
    envio = _ok(
        prontuario.pedir_upload.sync_detailed(paciente_id, client=como_paciente, body=upload), 201
    )
    destino = envio.upload
    assert destino.metodo == "PUT", "perfil local: PUT com os cabeçalhos da resposta"
    enviado = como_paciente.get_httpx_client().request(
        destino.metodo, destino.url, content=PDF, headers=destino.cabecalhos.to_dict()
    )
    assert enviado.status_code in (200, 204), enviado.text
    documento = _ok(
        prontuario.confirmar_upload.sync_detailed(
            paciente_id, envio.documento.id, client=como_paciente
        ),
        200,
    )
    assert documento.status == "disponivel"
    partilha = modelos.CompartilharIn.from_dict({"medico_id": str(medico_id), "duracao_horas": 24})
    _ok(
        prontuario.compartilhar.sync_detailed(paciente_id, client=como_paciente, body=partilha), 201
    )
    vistos = _ok(prontuario.listar_documentos.sync_detailed(paciente_id, client=como_medico), 200)
    assert [d.id for d in vistos.documentos] == [documento.id]
    baixa = _ok(
        prontuario.obter_documento.sync_detailed(paciente_id, documento.id, client=como_medico), 200
    )
    token = httpx.URL(baixa.download.url).path.rsplit("/", 1)[1]
    arquivo = _ok(prontuario.baixar_arquivo.sync_detailed(token, client=anonimo), 200)
    assert arquivo.payload.read() == PDF
