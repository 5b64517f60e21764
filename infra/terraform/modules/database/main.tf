# RDS PostgreSQL: Multi-AZ, encrypted with our key, never public, TLS only, IAM authentication,
# automated backups, Performance Insights, deletion protection; master password managed by RDS
# in Secrets Manager (never in the Terraform state). Each service owns one schema in it.
locals {
  # The first replica keeps the name it had when there was only one (no replacement).
  replica_names = [for i in range(var.read_replicas) : i == 0 ? "${var.name}-leitura" : "${var.name}-leitura-${i + 1}"]
  log_exports   = ["postgresql", "upgrade"]
}

# The log groups RDS exports to, created here first: left to RDS, they would keep every line
# forever and without our key. (RDS writes into a group that already exists with that name.)
resource "aws_cloudwatch_log_group" "this" {
  # checkov:skip=CKV_AWS_338: the environment's log_retention_days, as every log group of the estate (365 days in prod, 90 in qa, 30 in dev)
  for_each = toset([for pair in setproduct(concat([var.name], local.replica_names), local.log_exports) : "${pair[0]}/${pair[1]}"])

  name              = "/aws/rds/instance/${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_kms_key_arn
  tags              = var.tags
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
  tags       = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-rds"
  description = "PostgreSQL: so os servicos (regras adicionadas por cada ecs_service)"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_db_parameter_group" "this" {
  name   = var.name
  family = "postgres${split(".", var.engine_version)[0]}"
  tags   = var.tags

  # Clients must speak TLS.
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = tostring(var.slow_query_ms)
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name  = "log_disconnections"
    value = "1"
  }

  # Per-statement statistics for Performance Insights and slow-query hunting.
  parameter {
    name         = "shared_preload_libraries"
    value        = "pg_stat_statements"
    apply_method = "pending-reboot"
  }
}

data "aws_iam_policy_document" "monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  name               = "${var.name}-rds-monitoring"
  assume_role_policy = data.aws_iam_policy_document.monitoring_assume.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = aws_iam_role.monitoring.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "this" {
  # checkov:skip=CKV_AWS_157: multi_az is var.multi_az: true in qa and prod (asserted in tests/infra), off in dev only
  identifier     = var.name
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class
  db_name        = var.database_name
  port           = 5432

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  username                      = var.master_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  iam_database_authentication_enabled = true

  multi_az               = var.multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]
  publicly_accessible    = false
  parameter_group_name   = aws_db_parameter_group.this.name
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  backup_retention_period   = var.backup_retention_days
  backup_window             = "05:00-06:00"
  maintenance_window        = "sun:06:30-sun:07:30"
  copy_tags_to_snapshot     = true
  delete_automated_backups  = false
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "${var.name}-final"

  auto_minor_version_upgrade  = true
  allow_major_version_upgrade = false

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = var.performance_insights_retention_days
  database_insights_mode                = "standard"

  monitoring_interval             = 60
  monitoring_role_arn             = aws_iam_role.monitoring.arn
  enabled_cloudwatch_logs_exports = local.log_exports

  tags = var.tags

  depends_on = [aws_iam_role_policy_attachment.monitoring, aws_cloudwatch_log_group.this]
}

# Reads that may lag go to the replicas where there are some (prod): the medico service's
# search, specialties and public profile (HEALTHMED_DATABASE_URL_LEITURA lists every replica's
# host; each task picks one and moves to another when it is lost; docs/capacity.md).
resource "aws_db_instance" "replica" {
  # checkov:skip=CKV_AWS_157: a read replica; the primary is the Multi-AZ one, and the other replicas carry the reads while a lost one is recreated
  count = var.read_replicas

  identifier          = local.replica_names[count.index]
  replicate_source_db = aws_db_instance.this.identifier
  instance_class      = coalesce(var.replica_instance_class, var.instance_class)
  storage_encrypted   = true
  kms_key_id          = var.kms_key_arn

  vpc_security_group_ids = [aws_security_group.this.id]
  publicly_accessible    = false
  parameter_group_name   = aws_db_parameter_group.this.name

  iam_database_authentication_enabled   = true
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = var.performance_insights_retention_days
  monitoring_interval                   = 60
  monitoring_role_arn                   = aws_iam_role.monitoring.arn
  enabled_cloudwatch_logs_exports       = local.log_exports
  auto_minor_version_upgrade            = true
  copy_tags_to_snapshot                 = true
  deletion_protection                   = true
  skip_final_snapshot                   = true # a replica has nothing the primary lacks
  multi_az                              = false

  tags = var.tags

  depends_on = [aws_cloudwatch_log_group.this]
}
