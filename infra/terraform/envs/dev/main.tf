# HealthMed dev: the stack with the sizes of this environment.
module "stack" {
  source = "../../stack"
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment = "dev"
  azs         = ["${var.region}a", "${var.region}b", "${var.region}c"]

  domain_names               = ["dev.healthmed.example.com.br"]
  cloudfront_certificate_arn = var.cloudfront_certificate_arn
  alb_certificate_arn        = var.alb_certificate_arn
  alb_domain_name            = "api-interna.dev.healthmed.example.com.br"
  email_domain               = "dev.healthmed.example.com.br"
  email_via_ses              = var.email_via_ses

  single_nat_gateway = true

  db_instance_class        = "db.t4g.medium"
  db_multi_az              = false
  db_read_replicas         = 0
  db_backup_retention_days = 7

  services = {
    auth       = { cpu = 256, memory = 512, min_capacity = 1, max_capacity = 2 }
    medico     = { cpu = 256, memory = 512, min_capacity = 1, max_capacity = 2 }
    paciente   = { cpu = 256, memory = 512, min_capacity = 1, max_capacity = 2 }
    consulta   = { cpu = 256, memory = 512, min_capacity = 1, max_capacity = 2 }
    prontuario = { cpu = 256, memory = 512, min_capacity = 1, max_capacity = 2 }
  }
  image_tag = var.image_tag

  api_rate_limit               = 200
  api_burst_limit              = 400
  waf_rate_limit_per_5_minutes = 1000
  log_retention_days           = 30
  alarm_emails                 = var.alarm_emails
}
