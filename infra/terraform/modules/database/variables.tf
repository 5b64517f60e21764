variable "name" {
  description = "Identifier of the instance and prefix of its companions (e.g. healthmed-prod)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "subnet_ids" {
  description = "Database subnets (no route to the internet), one per zone."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "Multi-AZ needs subnets in at least two zones."
  }
}

variable "engine_version" {
  description = "PostgreSQL version (major or major.minor)."
  type        = string
  default     = "17"
}

variable "instance_class" {
  description = "Instance class of the primary (and of the replica, unless replica_instance_class says otherwise)."
  type        = string
}

variable "replica_instance_class" {
  description = "Instance class of the read replica; null: the primary's. It takes the reads moved to it (the doctor search), so it may differ."
  type        = string
  default     = null
}

variable "database_name" {
  description = "Name of the database that holds one schema per service."
  type        = string
  default     = "healthmed"
}

variable "master_username" {
  description = "Master user; its password is generated and kept by RDS in Secrets Manager."
  type        = string
  default     = "healthmed_admin"
}

variable "allocated_storage" {
  description = "Initial storage in GiB."
  type        = number
  default     = 50
}

variable "max_allocated_storage" {
  description = "Ceiling of storage autoscaling in GiB."
  type        = number
  default     = 500
}

variable "multi_az" {
  description = "Standby in another zone with synchronous replication (required in prod)."
  type        = bool
  default     = true
}

variable "read_replicas" {
  description = "How many read replicas (0: none). With two or more, the loss of one leaves the reads on the others."
  type        = number
  default     = 0

  validation {
    condition     = var.read_replicas >= 0 && var.read_replicas <= 5
    error_message = "RDS allows at most 5 read replicas of one PostgreSQL instance here."
  }
}

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time restore window)."
  type        = number
  default     = 14

  validation {
    condition     = var.backup_retention_days >= 7 && var.backup_retention_days <= 35
    error_message = "Keep between 7 and 35 days of backups."
  }
}

variable "performance_insights_retention_days" {
  description = "Retention of Performance Insights data (7 is free)."
  type        = number
  default     = 7
}

variable "slow_query_ms" {
  description = "Statements slower than this are logged."
  type        = number
  default     = 500
}

variable "kms_key_arn" {
  description = "KMS key for storage, snapshots, Performance Insights and the master secret."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}

variable "logs_kms_key_arn" {
  description = "KMS key of the log groups RDS exports to."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the exported PostgreSQL logs."
  type        = number
  default     = 365
}
