"""Several worker processes: what they share is prepared once by the launcher."""

from __future__ import annotations

from gateway import asgi
from gateway.app import Gateway, GatewaySettings
from gateway.services import prepare_shared_state
from libs.coleta import ColetaAposPartida


def test_chave_de_assinatura_e_criada_uma_vez_antes_dos_processos(tmp_path):
    settings = GatewaySettings(data_dir=tmp_path)
    prepare_shared_state(settings)
    prepare_shared_state(settings)
    assert len(list((tmp_path / "keys" / "auth").glob("*.pem"))) == 1


def test_cada_processo_monta_o_produto_a_partir_do_ambiente(tmp_path, monkeypatch):
    monkeypatch.setenv("HEALTHMED_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HEALTHMED_DATABASE_URL", "postgresql://postgres@/healthmed?host=/tmp/x")
    app = asgi.criar()
    assert isinstance(app, ColetaAposPartida)  # the collector is set once it has started
    gateway = app.app
    assert isinstance(gateway, Gateway)
    assert gateway.settings.data_dir == tmp_path
    assert set(gateway.apps) == {"auth", "medico", "paciente", "consulta", "prontuario"}
    assert gateway.settings.database_url.endswith("host=/tmp/x")
