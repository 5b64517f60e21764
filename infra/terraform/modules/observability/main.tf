# Alarms that page someone, and one dashboard: per service (5xx, p99 latency, CPU, healthy
# tasks), the database (CPU, free storage, connections), DynamoDB throttling, API Gateway 5xx.
resource "aws_sns_topic" "this" {
  name              = "${var.name}-alarmes"
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = each.key
}

locals {
  actions = [aws_sns_topic.this.arn]
}

# ---------------------------------------------------------------------------- per service
resource "aws_cloudwatch_metric_alarm" "service_5xx" {
  for_each = var.services

  alarm_name          = "${var.name}-${each.key}-5xx"
  alarm_description   = "${each.key}: respostas 5xx acima de ${var.max_5xx_per_minute}/min por 3 minutos"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 3
  threshold           = var.max_5xx_per_minute
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { LoadBalancer = var.alb_arn_suffix, TargetGroup = each.value.target_group_arn_suffix }
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "service_latency_p99" {
  for_each = var.services

  alarm_name          = "${var.name}-${each.key}-latencia-p99"
  alarm_description   = "${each.key}: p99 acima de ${var.p99_latency_seconds}s por 5 minutos"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  extended_statistic  = "p99"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.p99_latency_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { LoadBalancer = var.alb_arn_suffix, TargetGroup = each.value.target_group_arn_suffix }
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "service_cpu" {
  for_each = var.services

  alarm_name          = "${var.name}-${each.key}-cpu"
  alarm_description   = "${each.key}: CPU media acima de 85% por 10 minutos (auto scaling no teto?)"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 10
  threshold           = 85
  comparison_operator = "GreaterThanThreshold"
  dimensions          = { ClusterName = var.cluster_name, ServiceName = each.key }
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "service_unhealthy" {
  for_each = var.services

  alarm_name          = "${var.name}-${each.key}-sem-tarefas-saudaveis"
  alarm_description   = "${each.key}: nenhuma tarefa saudavel no ALB"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HealthyHostCount"
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 2
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  dimensions          = { LoadBalancer = var.alb_arn_suffix, TargetGroup = each.value.target_group_arn_suffix }
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# ---------------------------------------------------------------------------- database
resource "aws_cloudwatch_metric_alarm" "rds_cpu" {
  alarm_name          = "${var.name}-rds-cpu"
  alarm_description   = "RDS: CPU acima de 80% por 10 minutos"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 10
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  dimensions          = { DBInstanceIdentifier = var.db_instance_identifier }
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# Each read replica carries half of the doctor search at peak and all of it when the other is
# lost (docs/capacity.md): its CPU and how far behind the primary it is.
resource "aws_cloudwatch_metric_alarm" "rds_replica_lag" {
  for_each            = toset(var.db_replica_identifiers)
  alarm_name          = "${var.name}-rds-atraso-${each.key}"
  alarm_description   = "Replica ${each.key}: mais de ${var.db_max_replica_lag_seconds} s atras da primaria por 5 minutos (a busca mostra mudancas atrasadas)"
  namespace           = "AWS/RDS"
  metric_name         = "ReplicaLag"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.db_max_replica_lag_seconds
  comparison_operator = "GreaterThanThreshold"
  dimensions          = { DBInstanceIdentifier = each.key }
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_replica_cpu" {
  for_each            = toset(var.db_replica_identifiers)
  alarm_name          = "${var.name}-rds-cpu-${each.key}"
  alarm_description   = "Replica ${each.key}: CPU acima de 80% por 10 minutos"
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 10
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  dimensions          = { DBInstanceIdentifier = each.key }
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_free_storage" {
  alarm_name          = "${var.name}-rds-armazenamento"
  alarm_description   = "RDS: menos de ${var.db_min_free_storage_gib} GiB livres"
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.db_min_free_storage_gib * 1024 * 1024 * 1024
  comparison_operator = "LessThanThreshold"
  dimensions          = { DBInstanceIdentifier = var.db_instance_identifier }
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rds_connections" {
  alarm_name          = "${var.name}-rds-conexoes"
  alarm_description   = "RDS: mais de ${var.db_max_connections} conexoes (pools das tarefas x tarefas)"
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  threshold           = var.db_max_connections
  comparison_operator = "GreaterThanThreshold"
  dimensions          = { DBInstanceIdentifier = var.db_instance_identifier }
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# ---------------------------------------------------------------------------- DynamoDB, API
# ThrottledRequests exists only per table AND operation (an alarm on TableName alone watches a
# metric that is never published, and never fires). Read and write throttle events are
# published per table: their sum covers every operation.
resource "aws_cloudwatch_metric_alarm" "dynamodb_throttles" {
  for_each = toset(var.dynamodb_tables)

  alarm_name          = "${var.name}-${each.key}-throttling"
  alarm_description   = "DynamoDB ${each.key}: requisicoes limitadas (leituras + escritas)"
  evaluation_periods  = 3
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags

  metric_query {
    id          = "limitadas"
    expression  = "leituras + escritas"
    label       = "Eventos limitados"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = { leituras = "ReadThrottleEvents", escritas = "WriteThrottleEvents" }

    content {
      id = metric_query.key

      metric {
        namespace   = "AWS/DynamoDB"
        metric_name = metric_query.value
        stat        = "Sum"
        period      = 60
        dimensions  = { TableName = each.key }
      }
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "api_5xx" {
  alarm_name          = "${var.name}-api-gateway-5xx"
  alarm_description   = "API Gateway: taxa de 5xx acima de 1% por 5 minutos"
  namespace           = "AWS/ApiGateway"
  metric_name         = "5xx"
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 5
  threshold           = 0.01
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  dimensions          = { ApiId = var.api_id, Stage = "$default" }
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# ---------------------------------------------------------------------------- dashboard
resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = concat(
      [for i, s in keys(var.services) : {
        type   = "metric"
        x      = (i % 3) * 8
        y      = floor(i / 3) * 6
        width  = 8
        height = 6
        properties = {
          title  = s
          region = var.region
          stat   = "Sum"
          period = 60
          metrics = [
            ["AWS/ApplicationELB", "RequestCountPerTarget", "TargetGroup", var.services[s].target_group_arn_suffix, { label = "requisicoes/tarefa" }],
            ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", var.alb_arn_suffix, "TargetGroup", var.services[s].target_group_arn_suffix, { label = "5xx" }],
            ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", var.alb_arn_suffix, "TargetGroup", var.services[s].target_group_arn_suffix, { stat = "p99", label = "p99 (s)", yAxis = "right" }],
          ]
        }
      }],
      [{
        type   = "metric"
        x      = 0
        y      = 12
        width  = 24
        height = 6
        properties = {
          title  = "RDS"
          region = var.region
          period = 60
          metrics = [
            ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", var.db_instance_identifier],
            ["AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", var.db_instance_identifier, { yAxis = "right" }],
          ]
        }
      }]
    )
  })
}

# ---------------------------------------------------------------------------- CloudTrail
# Every API call in the account (who changed what), kept encrypted and tamper-evident. One trail
# per account: created by the environment that owns the account's shared resources.
data "aws_caller_identity" "current" {}

locals {
  trail_name = "${var.name}-trilha"
  trail_arn  = "arn:aws:cloudtrail:${var.region}:${data.aws_caller_identity.current.account_id}:trail/${local.trail_name}"
}

module "trail" {
  source = "../bucket"
  count  = var.create_cloudtrail ? 1 : 0

  name        = "${var.name}-cloudtrail-${data.aws_caller_identity.current.account_id}"
  kms_key_arn = var.kms_key_arn
  access_logs = { bucket = var.access_logs_bucket, prefix = "s3/cloudtrail/" }

  lifecycle_rules = [{
    id                   = "trilha"
    transitions          = [{ days = 90, storage_class = "GLACIER_IR" }]
    expiration_days      = var.trail_retention_days
    noncurrent_days      = 30
    abort_multipart_days = 1
  }]

  policy_documents = [data.aws_iam_policy_document.trail[0].json]
  tags             = var.tags
}

data "aws_iam_policy_document" "trail" {
  count = var.create_cloudtrail ? 1 : 0

  statement {
    sid       = "CloudTrailLeAcl"
    actions   = ["s3:GetBucketAcl"]
    resources = [module.trail[0].arn]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailEscreve"
    actions   = ["s3:PutObject"]
    resources = ["${module.trail[0].arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_cloudwatch_log_group" "trail" {
  count = var.create_cloudtrail ? 1 : 0

  name              = "/healthmed/${var.name}/cloudtrail"
  retention_in_days = 365
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

data "aws_iam_policy_document" "trail_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "trail" {
  count = var.create_cloudtrail ? 1 : 0

  name               = "${var.name}-cloudtrail"
  assume_role_policy = data.aws_iam_policy_document.trail_assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "trail" {
  count = var.create_cloudtrail ? 1 : 0

  name = "escrever-trilha"
  role = aws_iam_role.trail[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.trail[0].arn}:*"
    }]
  })
}

resource "aws_cloudtrail" "this" {
  # checkov:skip=CKV_AWS_252: a notice per delivered log file would flood the alarm topic; the trail is read through CloudWatch Logs
  count = var.create_cloudtrail ? 1 : 0

  name                          = local.trail_name
  s3_bucket_name                = module.trail[0].id
  kms_key_id                    = var.kms_key_arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail[0].arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail[0].arn

  # Reads and writes of health-record documents are data events worth keeping.
  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["${var.documents_bucket_arn}/"]
    }
  }

  tags = var.tags

  # CloudTrail checks the bucket policy when the trail is created.
  depends_on = [module.trail]
}
