"""What a first ``terraform apply`` (and the applies after it) would trip on, each fixed and held
here on the parsed configuration. The offline validate and mocked plan
(test_terraform_cli.py) catch what Terraform itself refuses; these catch what only AWS would
refuse or get wrong at apply time, where the plan still passes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]

from libs import runner
from libs.settings import SERVICES
from tests.infra.test_terraform import MODULES, TF, block, blocks, one, parse

ROOT = Path(__file__).resolve().parents[2]


def _stack_local(name: str) -> Any:
    (value,) = [loc[name] for loc in parse(TF / "stack" / "main.tf")["locals"] if name in loc]
    return value


def test_resposta_fixa_do_alb_usa_um_tipo_que_o_balanceador_aceita():
    (acao,) = one("aws_lb_listener", "cluster", "https").body["default_action"]
    tipo = block(acao, "fixed_response")["content_type"]
    assert tipo in {
        "text/plain",
        "text/css",
        "text/html",
        "application/javascript",
        "application/json",
    }


def test_politica_da_tarefa_contada_por_booleano_conhecido_no_plano():
    politica = one("aws_iam_role_policy", "ecs_service", "task").body
    assert "task_policy_json" not in politica["count"]
    assert "var.create_task_policy" in politica["count"]
    chamada = parse(TF / "stack" / "main.tf")["module"]
    (servico,) = [m["service"] for m in chamada if "service" in m]
    assert "keys(local.task_policies)" in servico["create_task_policy"]


def test_cognito_comeca_pelo_email_proprio_e_passa_ao_ses_depois_do_dkim():
    pool = one("aws_cognito_user_pool", "identity").body
    email = block(pool, "email_configuration")
    assert (
        email["email_sending_account"] == '${var.email_via_ses ? "DEVELOPER" : "COGNITO_DEFAULT"}'
    )
    assert email["source_arn"].startswith("${var.email_via_ses ?")
    variaveis = dict(blocks(MODULES / "identity" / "variables.tf", "variable"))
    assert variaveis["email_via_ses"]["default"] is False
    saidas = dict(blocks(MODULES / "identity" / "outputs.tf", "output"))
    assert "_domainkey" in saidas["ses_dkim_records"]["value"]
    for env in ("dev", "qa", "prod"):
        assert "ses_dkim_records" in dict(blocks(TF / "envs" / env / "outputs.tf", "output"))


def test_protecao_contra_ameacas_em_auditoria_porque_o_login_passa_pelo_servidor():
    pool = one("aws_cognito_user_pool", "identity").body
    assert block(pool, "user_pool_add_ons")["advanced_security_mode"] == "AUDIT"
    cliente = one("aws_cognito_user_pool_client", "identity").body
    assert not cliente.get("enable_propagate_additional_user_context_data")


def test_refresh_token_do_cognito_gira_a_cada_uso():
    cliente = one("aws_cognito_user_pool_client", "identity").body
    rotacao = block(cliente, "refresh_token_rotation")
    assert rotacao["feature"] == "ENABLED"
    variaveis = dict(blocks(MODULES / "identity" / "variables.tf", "variable"))
    assert variaveis["refresh_retry_grace_seconds"]["default"] <= 60


def test_balde_de_logs_com_politica_antes_do_alb():
    (saida,) = [
        o["logs_bucket"]
        for o in parse(MODULES / "data" / "outputs.tf")["output"]
        if "logs_bucket" in o
    ]
    assert saida["depends_on"] == ["${module.logs}"]
    alb = one("aws_lb", "cluster").body
    assert block(alb, "access_logs")["bucket"] == "${var.access_logs_bucket}"


def test_servico_ecs_nao_volta_a_revisao_do_terraform_depois_do_pipeline():
    servico = one("aws_ecs_service", "ecs_service").body
    (ciclo,) = servico["lifecycle"]
    assert {"desired_count", "task_definition"} <= set(ciclo["ignore_changes"])
    assert one("aws_ecs_task_definition", "ecs_service").body["skip_destroy"] is True


def test_alarme_de_limitacao_do_dynamodb_soma_metricas_publicadas_por_tabela():
    alarme = one("aws_cloudwatch_metric_alarm", "observability", "dynamodb_throttles").body
    texto = json.dumps(alarme)
    # ThrottledRequests is published only with the Operation dimension too: never by table alone.
    assert "ThrottledRequests" not in texto
    assert "ReadThrottleEvents" in texto and "WriteThrottleEvents" in texto
    (soma,) = [q for q in alarme["metric_query"] if q.get("return_data")]
    assert soma["expression"] == "leituras + escritas"


def test_grupos_de_log_do_rds_criados_antes_com_retencao_e_chave():
    grupo = one("aws_cloudwatch_log_group", "database").body
    assert grupo["name"] == "/aws/rds/instance/${each.key}"
    assert grupo["kms_key_id"] == "${var.logs_kms_key_arn}"
    assert grupo["retention_in_days"] == "${var.log_retention_days}"
    for nome in ("this", "replica"):
        instancia = one("aws_db_instance", "database", nome).body
        assert "${aws_cloudwatch_log_group.this}" in instancia["depends_on"], nome
        assert instancia["enabled_cloudwatch_logs_exports"] == "${local.log_exports}", nome


def _codebuild_policy(nome: str) -> str:
    docs = {
        n: b
        for item in parse(MODULES / "pipeline" / "main.tf")["data"]
        for k, v in item.items()
        if k == "aws_iam_policy_document"
        for n, b in v.items()
    }
    return json.dumps(docs[nome])


def test_um_papel_por_projeto_do_codebuild_e_o_de_testes_sem_poder_algum():
    papel = one("aws_iam_role", "pipeline", "codebuild").body
    assert "for_each" in papel
    projetos = {
        "test": "testes",
        "build": "imagens",
        "migrate": "migracoes",
        "web": "web",
    }
    for recurso, chave in projetos.items():
        corpo = one("aws_codebuild_project", "pipeline", recurso).body
        assert corpo["service_role"] == f'${{aws_iam_role.codebuild["{chave}"].arn}}'
    base = _codebuild_policy("codebuild_base")
    for acao in ("ecr:PutImage", "ecs:RunTask", "iam:PassRole", "s3:DeleteObject"):
        assert acao not in base, acao
    assert "ecs:RunTask" not in _codebuild_policy("codebuild_imagens")
    assert "ecr:PutImage" not in _codebuild_policy("codebuild_migracoes")


def test_run_task_das_migracoes_so_nos_clusters_do_pipeline():
    politica = json.loads(_codebuild_policy("codebuild_migracoes"))
    (rodar,) = [s for s in politica["statement"] if "ecs:RunTask" in s["actions"]]
    assert rodar["actions"] == ["ecs:RunTask"]
    (condicao,) = rodar["condition"]
    assert condicao["variable"] == "ecs:cluster" and condicao["values"] == "${local.clusters}"


def test_build_do_app_web_nao_muda_de_pasta_no_meio_do_shell():
    web = one("aws_codebuild_project", "pipeline", "web").body
    spec = yaml.safe_load(block(web, "source")["buildspec"].split("\n", 1)[1].rsplit("YAML", 1)[0])
    comandos = spec["phases"]["build"]["commands"]
    # buildspec 0.2 runs every command in one shell: a `cd` leaks into the following lines.
    assert not any(re.match(r"\s*cd\s", c) for c in comandos)
    assert any("frontend/dist" in c for c in comandos)


_SEGREDOS_DE_CHAVES = {
    "service_token": "HEALTHMED_SERVICE_TOKEN",
    "chave_hash": "HEALTHMED_CHAVE_HASH",
    "chave_dados": "HEALTHMED_CHAVE_DADOS",
}


@pytest.mark.parametrize("service", SERVICES)
def test_cada_servico_recebe_so_os_seus_segredos_e_a_sua_url_de_banco(service: str):
    entregues = {**_stack_local("common_secrets"), **_stack_local("service_secrets")[service]}
    _, cls = runner.load(service)
    esperados = {_SEGREDOS_DE_CHAVES[n] for n in cls.segredos_exigidos} | {"HEALTHMED_DATABASE_URL"}
    if service == "prontuario":
        esperados.add("HEALTHMED_PRONTUARIO_CHAVE_AUDITORIA")
    assert set(entregues) == esperados
    assert entregues["HEALTHMED_DATABASE_URL"] == f'${{local.secrets["database-url-{service}"]}}'


def test_documentacao_e_terraform_concordam_no_alvo_de_requisicoes_por_tarefa():
    variaveis = dict(blocks(TF / "stack" / "variables.tf", "variable"))
    alvo = variaveis["requests_per_task_target"]["default"]
    operacao = (ROOT / "docs" / "operations.md").read_text()
    assert f"`requests_per_task_target`, {alvo} por padrão" in operacao


def _ambiente_aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **segredos: str) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("HEALTHMED_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HEALTHMED_PROFILE", "aws")
    monkeypatch.setenv("HEALTHMED_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("HEALTHMED_DATABASE_URL", "postgresql://healthmed_x:s@db:5432/healthmed")
    monkeypatch.setenv("HEALTHMED_COGNITO_USER_POOL_ID", "sa-east-1_pool")
    monkeypatch.setenv("HEALTHMED_COGNITO_CLIENT_ID", "cliente")
    for name, value in segredos.items():
        monkeypatch.setenv(f"HEALTHMED_{name.upper()}", value)


def test_medico_parte_sem_a_chave_de_dados_nem_a_de_hash(monkeypatch, tmp_path):
    _ambiente_aws(monkeypatch, tmp_path, service_token="t")
    _, cls = runner.load("medico")
    settings = cls()
    assert settings.chave_dados is None and settings.chave_hash is None


def test_servico_que_usa_a_chave_de_dados_nao_parte_sem_ela(monkeypatch, tmp_path):
    from libs.settings import ConfigurationError

    _ambiente_aws(monkeypatch, tmp_path, service_token="t", chave_hash="h")
    _, cls = runner.load("paciente")
    with pytest.raises(ConfigurationError, match="HEALTHMED_CHAVE_DADOS"):
        cls()


def test_o_roteiro_de_implantacao_so_cita_saidas_e_arquivos_que_existem():
    roteiro = (ROOT / "docs" / "deploy.md").read_text()
    for env in ("dev", "qa", "prod"):
        saidas = set(dict(blocks(TF / "envs" / env / "outputs.tf", "output")))
        citadas = {s for s in re.findall(r"`([a-z_]+)`", roteiro) if s in _saidas_da_pilha()}
        assert citadas and citadas <= saidas, (env, citadas - saidas)
    for caminho in re.findall(r"`((?:infra|docs|tests)/[\w./-]+)`", roteiro):
        if "/build/" not in caminho:  # made by `make lambda`, not kept in git
            assert (ROOT / caminho).exists(), caminho


def _saidas_da_pilha() -> set[str]:
    return set(dict(blocks(TF / "stack" / "outputs.tf", "output")))
