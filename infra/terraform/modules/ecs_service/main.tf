# One HealthMed service on Fargate: task definition (read-only root, non-root user, health check,
# secrets from Secrets Manager), service across the private subnets joined to Service Connect and
# to its target group on the ALB, rolling deploys with circuit breaker and rollback, auto scaling
# on CPU and on requests per task, and a task role with only what this service needs.
data "aws_region" "current" {}

locals {
  container_name = var.name
  environment = merge(var.environment, {
    HEALTHMED_HOST = "0.0.0.0"
    HEALTHMED_PORT = tostring(var.container_port)
  })
  # "arn:...:secret:name-AbCd:json-key::" reads one key of a JSON secret; IAM wants the secret.
  secret_arns    = distinct([for arn in values(var.secrets) : join(":", slice(split(":", arn), 0, 7)) if split(":", arn)[2] == "secretsmanager"])
  parameter_arns = [for arn in values(var.secrets) : arn if split(":", arn)[2] == "ssm"]
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/healthmed/${var.cluster_name}/${var.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

# ---------------------------------------------------------------------------- IAM
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# Execution role: what ECS itself needs to start the task (pull the image, write logs, read
# this service's secrets).
resource "aws_iam_role" "execution" {
  name               = "${var.cluster_name}-${var.name}-execucao"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution_secrets" {
  dynamic "statement" {
    for_each = length(local.secret_arns) > 0 ? [1] : []

    content {
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.secret_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.parameter_arns) > 0 ? [1] : []

    content {
      actions   = ["ssm:GetParameters"]
      resources = local.parameter_arns
    }
  }

  statement {
    actions   = ["kms:Decrypt"]
    resources = [var.secrets_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  name   = "ler-segredos"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution_secrets.json
}

# Task role: what the service's code may do, written per service by the caller.
resource "aws_iam_role" "task" {
  name               = "${var.cluster_name}-${var.name}-tarefa"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = var.tags
}

# A boolean decides, not the policy itself: the JSON names resources that exist only after the
# first apply, and a count on an unknown value cannot be planned ("Invalid count argument").
resource "aws_iam_role_policy" "task" {
  count = var.create_task_policy ? 1 : 0

  name   = "servico-${var.name}"
  role   = aws_iam_role.task.id
  policy = var.task_policy_json
}

# ---------------------------------------------------------------------------- task definition
resource "aws_ecs_task_definition" "this" {
  family = "${var.cluster_name}-${var.name}"
  # A replaced revision stays registered (ACTIVE): the pipeline's rollback and a service still on
  # it (ignore_changes below) keep working.
  skip_destroy             = true
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # The root filesystem is read-only; the app writes only to /tmp.
  volume {
    name = "tmp"
  }

  container_definitions = jsonencode([{
    name                   = local.container_name
    image                  = var.image
    essential              = true
    user                   = "10001:10001"
    readonlyRootFilesystem = true
    stopTimeout            = 30
    command                = ["python", "-m", "libs.runner", var.name]

    portMappings = [{
      name          = "http"
      containerPort = var.container_port
      protocol      = "tcp"
      appProtocol   = "http"
    }]

    environment = [for k in sort(keys(local.environment)) : { name = k, value = local.environment[k] }]
    secrets     = [for k in sort(keys(var.secrets)) : { name = k, valueFrom = var.secrets[k] }]

    mountPoints = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]

    healthCheck = {
      command     = ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${var.container_port}/healthz', timeout=2)"]
      interval    = 15
      timeout     = 5
      retries     = 3
      startPeriod = 30
    }

    linuxParameters = {
      initProcessEnabled = true
      capabilities       = { drop = ["ALL"] }
    }

    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = data.aws_region.current.id
        awslogs-stream-prefix = var.name
      }
    }
  }])

  tags = var.tags
}

# ---------------------------------------------------------------------------- load balancing
resource "aws_lb_target_group" "this" {
  # checkov:skip=CKV_AWS_378: TLS ends at the internal ALB; ALB to task is HTTP inside private subnets, between two security groups that allow only that hop
  name                 = substr("${var.cluster_name}-${var.name}", 0, 32)
  port                 = var.container_port
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  # Ready means the service can reach its database: a task that cannot gets no traffic.
  health_check {
    path                = "/readyz"
    matcher             = "200"
    interval            = 15
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = var.tags
}

# API Gateway's integration for this service sets x-healthmed-servico; CloudFront sets the
# origin secret. Both must match.
resource "aws_lb_listener_rule" "this" {
  listener_arn = var.listener_arn
  priority     = var.listener_rule_priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }

  condition {
    http_header {
      http_header_name = "x-healthmed-servico"
      values           = [var.name]
    }
  }

  condition {
    http_header {
      http_header_name = "x-origin-verify"
      values           = [var.origin_verify_secret]
    }
  }

  tags = var.tags
}

# ---------------------------------------------------------------------------- service
resource "aws_ecs_service" "this" {
  name                              = var.name
  cluster                           = var.cluster_arn
  task_definition                   = aws_ecs_task_definition.this.arn
  desired_count                     = var.min_capacity
  launch_type                       = "FARGATE"
  platform_version                  = "LATEST"
  health_check_grace_period_seconds = 60
  propagate_tags                    = "SERVICE"
  enable_execute_command            = false
  wait_for_steady_state             = false

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [var.tasks_security_group_id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = local.container_name
    container_port   = var.container_port
  }

  service_connect_configuration {
    enabled   = true
    namespace = var.service_connect_namespace_arn

    service {
      port_name      = "http"
      discovery_name = var.name

      client_alias {
        port     = var.container_port
        dns_name = var.name
      }

      timeout {
        per_request_timeout_seconds = 15
      }
    }

    log_configuration {
      log_driver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = data.aws_region.current.id
        awslogs-stream-prefix = "${var.name}-service-connect"
      }
    }
  }

  # Auto scaling owns the number of tasks once the service exists. The pipeline owns the running
  # revision: each deploy registers one with the new image outside Terraform, so a later apply
  # must not put the service back on Terraform's revision (an older image). A Terraform change to
  # the task definition (environment, secrets, size) is rolled out by the procedure in
  # docs/deploy.md (update-service to the family's latest revision).
  lifecycle {
    ignore_changes = [desired_count, task_definition]
  }

  depends_on = [aws_lb_listener_rule.this]

  tags = var.tags
}

# ---------------------------------------------------------------------------- auto scaling
resource "aws_appautoscaling_target" "this" {
  service_namespace  = "ecs"
  resource_id        = "service/${var.cluster_name}/${aws_ecs_service.this.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  min_capacity       = var.min_capacity
  max_capacity       = var.max_capacity
}

resource "aws_appautoscaling_policy" "cpu" {
  name               = "${var.name}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.cpu_target_percent
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
  }
}

resource "aws_appautoscaling_policy" "requests" {
  name               = "${var.name}-requisicoes"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this.service_namespace
  resource_id        = aws_appautoscaling_target.this.resource_id
  scalable_dimension = aws_appautoscaling_target.this.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value       = var.requests_per_task_target
    scale_in_cooldown  = 300
    scale_out_cooldown = 60

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${var.alb_arn_suffix}/${aws_lb_target_group.this.arn_suffix}"
    }
  }
}
