# HealthMed qa: the stack with the sizes of this environment.
module "stack" {
  source = "../../stack"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment = "qa"
  azs         = ["${var.region}a", "${var.region}b", "${var.region}c"]

  domain_names               = ["qa.healthmed.example.com.br"]
  cloudfront_certificate_arn = var.cloudfront_certificate_arn
  alb_certificate_arn        = var.alb_certificate_arn
  alb_domain_name            = "api-interna.qa.healthmed.example.com.br"
  email_domain               = "qa.healthmed.example.com.br"
  email_via_ses              = var.email_via_ses

  single_nat_gateway = true

  db_instance_class        = "db.t4g.large"
  db_multi_az              = true
  db_read_replicas         = 0
  db_backup_retention_days = 7

  services = {
    auth       = { cpu = 512, memory = 1024, min_capacity = 2, max_capacity = 4 }
    medico     = { cpu = 512, memory = 1024, min_capacity = 2, max_capacity = 4 }
    paciente   = { cpu = 512, memory = 1024, min_capacity = 2, max_capacity = 4 }
    consulta   = { cpu = 512, memory = 1024, min_capacity = 2, max_capacity = 4 }
    prontuario = { cpu = 512, memory = 1024, min_capacity = 2, max_capacity = 4 }
  }
  image_tag = var.image_tag

  api_rate_limit               = 500
  api_burst_limit              = 1000
  waf_rate_limit_per_5_minutes = 2000
  log_retention_days           = 90
  alarm_emails                 = var.alarm_emails
}
