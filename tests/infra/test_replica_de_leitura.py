"""Terraform of the read replica: only prod has one, only the medico service reads it (the doctor
search, docs/capacity.md), and the prod instance classes follow the measured split of the
database's CPU between the primary and the replica."""

from __future__ import annotations

from libs import runner
from tests.infra.test_terraform import _stack_local, module_call, one


def test_medico_le_a_busca_da_replica_so_onde_ela_existe():
    replica = {
        "medico": {
            "HEALTHMED_DATABASE_URL_LEITURA": '${try(local.secrets["database-url-leitura"], null)}'
        }
    }
    assert _stack_local("replica_secrets") == replica
    secrets = module_call("stack", "service")["secrets"]
    assert "var.db_read_replica ? lookup(local.replica_secrets, each.key, {}) : {}" in secrets
    names = module_call("stack", "cluster")["secret_names"]
    assert 'var.db_read_replica ? ["database-url-leitura"] : []' in names
    for env in ("dev", "qa"):
        assert module_call(env, "stack")["db_read_replica"] is False, env
    assert module_call("prod", "stack")["db_read_replica"] is True


_VCPU = {"large": 2, "xlarge": 4, "2xlarge": 8, "4xlarge": 16, "8xlarge": 32}


def test_primaria_e_replica_de_prod_ficam_abaixo_de_60_por_cento_no_pico():
    """docs/capacity.md: 6.4 vCPU busy at 3,200 req/s, 68% of it the search (on the replica),
    +30% for what the test did not reproduce, at most 60% CPU on each instance."""
    prod = module_call("prod", "stack")
    primaria = _VCPU[prod["db_instance_class"].rsplit(".", 1)[1]]
    replica = _VCPU[prod["db_replica_instance_class"].rsplit(".", 1)[1]]
    assert 6.4 * 0.32 * 1.3 / primaria <= 0.6
    assert 6.4 * 0.68 * 1.3 / replica <= 0.6
    stack_db = module_call("stack", "database")
    assert stack_db["replica_instance_class"] == "${var.db_replica_instance_class}"
    assert one("aws_db_instance", "database", "replica").body["instance_class"] == (
        "${coalesce(var.replica_instance_class, var.instance_class)}"
    )


def test_servico_medico_le_a_url_da_replica(monkeypatch, tmp_path):
    monkeypatch.setenv("HEALTHMED_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HEALTHMED_DATABASE_URL_LEITURA", "postgresql://u:x@leitura:5432/healthmed")
    _, cls = runner.load("medico")
    assert cls().database_url_leitura == "postgresql://u:x@leitura:5432/healthmed"
