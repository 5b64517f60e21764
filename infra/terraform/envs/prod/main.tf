# HealthMed prod: the stack with the sizes of this environment.
locals {
  services = ["auth", "medico", "paciente", "consulta", "prontuario"]
}

module "stack" {
  source = "../../stack"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment = "prod"
  azs         = ["${var.region}a", "${var.region}b", "${var.region}c"]

  domain_names               = ["healthmed.example.com.br"]
  cloudfront_certificate_arn = var.cloudfront_certificate_arn
  alb_certificate_arn        = var.alb_certificate_arn
  alb_domain_name            = "api-interna.healthmed.example.com.br"
  email_domain               = "healthmed.example.com.br"
  email_via_ses              = var.email_via_ses

  single_nat_gateway = false

  # Measured (docs/capacity.md): ~2 ms of database CPU per request (before issue 14 cut it
  # to 0.2-0.8 ms on the hot routes: the classes keep the margin a lost replica needs), ~6.4 vCPU busy at the
  # 3,200 req/s of 20,000 people. The doctor search (68% of it) reads the replicas: 4.35 vCPU,
  # x1.3 (TLS, Graviton) / 0.6 = 9.4 vCPU, so two 2xlarge (16 vCPU, each at 27% / 35% with the
  # margin). Two, not one 4xlarge, for the same price: when one is lost the other carries the
  # whole search at 54% / 71% until RDS replaces it, instead of the search answering 503.
  # The rest (32%) stays on the primary: 2.05 vCPU, x1.3 / 0.6 = 4.4 vCPU, so 8 (2xlarge; 4
  # would be at 67%). The data fits in memory many times over: the general-purpose class.
  db_instance_class         = "db.m7g.2xlarge"
  db_multi_az               = true
  db_read_replicas          = 2
  db_replica_instance_class = "db.m7g.2xlarge"
  db_backup_retention_days  = 35
  # The pools at the maxima below open at most 100 tasks x 10 (db_pool_size, of which 3 are
  # the direct connections of libs/conexoes_diretas.py) + consulta's LISTEN ~ 1,020 connections
  # on the primary (medico's 14 x 10 more over the replicas); max_connections of a 32 GiB
  # instance is ~3,600. Above 1,300 something leaks.
  db_connections_alarm = 1300

  services = {
    # ~80 vCPU in all for 20,000 simultaneous people: about three times each service's CPU
    # at 60% (the latency margin of docs/capacity.md), re-derived after issue 14 brought a
    # booking to ~1.9 ms of CPU, the listing to ~1 ms and the search to ~0.75 ms (whole stack,
    # bench/custo.py): consulta ~6.5 vCPU, medico ~4.5, auth ~9 (the password check is
    # Cognito's on AWS), paciente and prontuario a few each.
    auth       = { cpu = 1024, memory = 2048, min_capacity = 3, max_capacity = 26 }
    medico     = { cpu = 1024, memory = 2048, min_capacity = 3, max_capacity = 14 }
    paciente   = { cpu = 512, memory = 1024, min_capacity = 3, max_capacity = 20 }
    consulta   = { cpu = 1024, memory = 2048, min_capacity = 3, max_capacity = 20 }
    prontuario = { cpu = 512, memory = 1024, min_capacity = 3, max_capacity = 20 }
  }
  image_tag = var.image_tag

  api_rate_limit               = 2000
  api_burst_limit              = 4000
  waf_rate_limit_per_5_minutes = 2000
  log_retention_days           = 365
  alarm_emails                 = var.alarm_emails
  cloudtrail                   = true

  # The one pipeline lives here: dev, then qa, then (after a person approves) prod.
  pipeline = {
    repository = var.repository
    branch     = "main"
    environments = [
      { name = "dev", cluster_name = "healthmed-dev", services = local.services, require_approval = false },
      { name = "qa", cluster_name = "healthmed-qa", services = local.services, require_approval = false },
      { name = "prod", cluster_name = "healthmed-prod", services = local.services, require_approval = true },
    ]
  }
}
