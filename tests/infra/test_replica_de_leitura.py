"""Terraform of the read replicas: only prod has them, only the medico service reads them (the
doctor search, docs/capacity.md), and the prod instance classes follow the measured split of the
database's CPU between the primary and the replicas, also with one replica lost."""

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
    assert "var.db_read_replicas > 0 ? lookup(local.replica_secrets, each.key, {}) : {}" in secrets
    names = module_call("stack", "cluster")["secret_names"]
    assert 'var.db_read_replicas > 0 ? ["database-url-leitura"] : []' in names
    for env in ("dev", "qa"):
        assert module_call(env, "stack")["db_read_replicas"] == 0, env
    assert module_call("prod", "stack")["db_read_replicas"] == 2


_VCPU = {"large": 2, "xlarge": 4, "2xlarge": 8, "4xlarge": 16, "8xlarge": 32}


def test_primaria_e_replicas_de_prod_ficam_abaixo_de_60_por_cento_no_pico():
    """docs/capacity.md: 6.4 vCPU busy at 3,200 req/s, 68% of it the search (on the replicas),
    +30% for what the test did not reproduce, at most 60% CPU on each instance; with one
    replica lost, the others still carry the search below 100% with the margin."""
    prod = module_call("prod", "stack")
    primaria = _VCPU[prod["db_instance_class"].rsplit(".", 1)[1]]
    replica = _VCPU[prod["db_replica_instance_class"].rsplit(".", 1)[1]]
    replicas = prod["db_read_replicas"]
    assert 6.4 * 0.32 * 1.3 / primaria <= 0.6
    assert 6.4 * 0.68 * 1.3 / (replica * replicas) <= 0.6
    assert replicas >= 2
    assert 6.4 * 0.68 * 1.3 / (replica * (replicas - 1)) <= 0.75
    stack_db = module_call("stack", "database")
    assert stack_db["replica_instance_class"] == "${var.db_replica_instance_class}"
    replica_tf = one("aws_db_instance", "database", "replica").body
    assert replica_tf["instance_class"] == (
        "${coalesce(var.replica_instance_class, var.instance_class)}"
    )
    assert replica_tf["count"] == "${var.read_replicas}"
    assert stack_db["read_replicas"] == "${var.db_read_replicas}"


def test_servico_medico_le_a_url_da_replica(monkeypatch, tmp_path):
    monkeypatch.setenv("HEALTHMED_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HEALTHMED_DATABASE_URL_LEITURA", "postgresql://u:x@leitura:5432/healthmed")
    _, cls = runner.load("medico")
    assert cls().database_url_leitura == "postgresql://u:x@leitura:5432/healthmed"


def test_cada_replica_tem_alarmes_de_atraso_e_cpu():
    """Each replica carries half of the search, all of it when the other is lost: an operator
    is told when one falls behind the primary or runs hot."""
    stack_obs = module_call("stack", "observability")
    assert stack_obs["db_replica_identifiers"] == "${module.database.replica_identifiers}"
    for nome, metrica in (("rds_replica_lag", "ReplicaLag"), ("rds_replica_cpu", "CPUUtilization")):
        alarme = one("aws_cloudwatch_metric_alarm", "observability", nome).body
        assert alarme["for_each"] == "${toset(var.db_replica_identifiers)}"
        assert alarme["metric_name"] == metrica
        assert alarme["dimensions"] == {"DBInstanceIdentifier": "${each.key}"}
        assert alarme["alarm_actions"] == "${local.actions}"
