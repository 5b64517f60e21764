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

  single_nat_gateway = false

  db_instance_class        = "db.r7g.xlarge"
  db_multi_az              = true
  db_read_replica          = true
  db_backup_retention_days = 35

  services = {
    # Maximums sized for 20,000 simultaneous people: ~140 vCPU in all (docs/capacity.md).
    auth       = { cpu = 1024, memory = 2048, min_capacity = 3, max_capacity = 40 }
    medico     = { cpu = 1024, memory = 2048, min_capacity = 3, max_capacity = 40 }
    paciente   = { cpu = 512, memory = 1024, min_capacity = 3, max_capacity = 20 }
    consulta   = { cpu = 1024, memory = 2048, min_capacity = 3, max_capacity = 40 }
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
