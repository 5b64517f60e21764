# The core every service runs on: the ECS Fargate cluster, the Service Connect namespace, the
# internal ALB (reached only through API Gateway's VPC link), the image repositories, the
# security groups between them, and the shared runtime secrets.
resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enhanced"
  }

  configuration {
    execute_command_configuration {
      kms_key_id = var.logs_kms_key_arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }

  tags = var.tags
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    base              = 1
    weight            = 1
  }
}

resource "aws_cloudwatch_log_group" "exec" {
  name              = "/healthmed/${var.name}/ecs-exec"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

# Service Connect: each service reaches the others as http://<service>:8000 with retries,
# outlier detection and per-route metrics from the Envoy sidecar ECS manages.
resource "aws_service_discovery_http_namespace" "this" {
  name        = var.name
  description = "Service Connect do HealthMed (${var.name})"
  tags        = var.tags
}

# ---------------------------------------------------------------------------- security groups
resource "aws_security_group" "vpc_link" {
  # checkov:skip=CKV2_AWS_5: attached to the VPC link in the edge module (another module; checkov does not follow it)
  name        = "${var.name}-vpc-link"
  description = "ENIs do VPC link do API Gateway: so saem para o ALB"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_egress_rule" "vpc_link_to_alb" {
  security_group_id            = aws_security_group.vpc_link.id
  description                  = "HTTPS para o ALB interno"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}

resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "ALB interno: HTTPS so do VPC link; so fala com as tarefas"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "alb_https" {
  security_group_id            = aws_security_group.alb.id
  description                  = "HTTPS do VPC link do API Gateway"
  referenced_security_group_id = aws_security_group.vpc_link.id
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
}

resource "aws_vpc_security_group_egress_rule" "alb_to_tasks" {
  security_group_id            = aws_security_group.alb.id
  description                  = "HTTP para as tarefas"
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
}

# Every task carries this group: the ALB and the other tasks (Service Connect) may reach it.
resource "aws_security_group" "tasks" {
  # checkov:skip=CKV2_AWS_5: attached to every ECS service in the ecs_service module
  name        = "${var.name}-tarefas"
  description = "Tarefas ECS: HTTP do ALB e dos outros servicos; saida HTTPS e PostgreSQL"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "tasks_from_alb" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "HTTP do ALB"
  referenced_security_group_id = aws_security_group.alb.id
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
}

resource "aws_vpc_security_group_ingress_rule" "tasks_from_tasks" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "HTTP entre servicos (Service Connect)"
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
}

resource "aws_vpc_security_group_egress_rule" "tasks_to_tasks" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "HTTP entre servicos (Service Connect)"
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
}

# AWS APIs (through the endpoints or the NAT gateway): ECR, S3, DynamoDB, Cognito, SES, Chime.
resource "aws_vpc_security_group_egress_rule" "tasks_https" {
  security_group_id = aws_security_group.tasks.id
  description       = "HTTPS para as APIs da AWS"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "tasks_postgres" {
  security_group_id            = aws_security_group.tasks.id
  description                  = "PostgreSQL"
  referenced_security_group_id = var.database_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

resource "aws_vpc_security_group_ingress_rule" "database_from_tasks" {
  security_group_id            = var.database_security_group_id
  description                  = "PostgreSQL das tarefas ECS"
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
}

# ---------------------------------------------------------------------------- load balancer
resource "aws_lb" "this" {
  name                       = var.name
  internal                   = true
  load_balancer_type         = "application"
  subnets                    = var.private_subnet_ids
  security_groups            = [aws_security_group.alb.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true
  idle_timeout               = 60

  access_logs {
    bucket  = var.access_logs_bucket
    prefix  = "alb"
    enabled = true
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn

  # Only requests that came through CloudFront and API Gateway (header rules per service) pass.
  default_action {
    type = "fixed-response"

    # The load balancer accepts only five content types (no application/problem+json): the
    # body keeps the problem shape under application/json.
    fixed_response {
      content_type = "application/json"
      message_body = jsonencode({ type = "about:blank", title = "Recurso não encontrado", status = 404 })
      status_code  = "404"
    }
  }

  tags = var.tags
}

# The secret CloudFront adds to every /api request; the listener rules require it, so calling the
# API Gateway endpoint directly (around CloudFront and its WAF) gets nowhere.
#
# Generated by Secrets Manager (no provider but AWS's). A new candidate is drawn at every plan,
# but it reaches the secret only through the write-only argument, whose version is fixed: the
# secret keeps its first value until the version resource is replaced (the rotation in
# docs/operations.md, section 7). CloudFront's header and the listener rules read the value back
# from the secret. (An ephemeral resource would keep the candidate out of the state, but
# Terraform's mocked providers cannot plan one, and the value sits in the state anyway as
# CloudFront's header.)
data "aws_secretsmanager_random_password" "origin_verify" {
  password_length     = 48
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "origin_verify" {
  # checkov:skip=CKV2_AWS_57: rotated by replacing its version in an apply (CloudFront and the ALB must change together), not by a rotation Lambda
  name                    = "${var.name}/origin-verify"
  description             = "HealthMed ${var.name}: header CloudFront adds and the ALB requires"
  kms_key_id              = var.secrets_kms_key_arn
  recovery_window_in_days = 7
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id                = aws_secretsmanager_secret.origin_verify.id
  secret_string_wo         = data.aws_secretsmanager_random_password.origin_verify.random_password
  secret_string_wo_version = 1
}

data "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id  = aws_secretsmanager_secret.origin_verify.id
  version_id = aws_secretsmanager_secret_version.origin_verify.version_id
}

# ---------------------------------------------------------------------------- runtime secrets
# Created empty: their values are written once by the operators (docs/operations.md), so no
# secret ever sits in the Terraform state.
resource "aws_secretsmanager_secret" "this" {
  for_each = toset(var.secret_names)

  name                    = "${var.name}/${each.key}"
  description             = "HealthMed ${var.name}: ${each.key}"
  kms_key_id              = var.secrets_kms_key_arn
  recovery_window_in_days = 30
  tags                    = var.tags
}
