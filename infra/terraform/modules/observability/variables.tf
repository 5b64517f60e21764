variable "name" {
  description = "Name prefix of alarms, topic and dashboard (e.g. healthmed-prod)."
  type        = string
}

variable "region" {
  description = "Region of the metrics shown on the dashboard."
  type        = string
}

variable "services" {
  description = "Services to watch: name => target group ARN suffix."
  type        = map(object({ target_group_arn_suffix = string }))
}

variable "cluster_name" {
  description = "ECS cluster of the services."
  type        = string
}

variable "alb_arn_suffix" {
  description = "ARN suffix of the ALB."
  type        = string
}

variable "db_instance_identifier" {
  description = "Identifier of the RDS primary."
  type        = string
}

variable "dynamodb_tables" {
  description = "DynamoDB tables watched for throttling."
  type        = list(string)
}

variable "api_id" {
  description = "Id of the HTTP API."
  type        = string
}

variable "alarm_emails" {
  description = "Addresses subscribed to the alarm topic."
  type        = list(string)
  default     = []
}

variable "max_5xx_per_minute" {
  description = "5xx responses per minute per service above which the alarm fires."
  type        = number
  default     = 5
}

variable "p99_latency_seconds" {
  description = "p99 latency per service above which the alarm fires."
  type        = number
  default     = 1
}

variable "db_replica_identifiers" {
  description = "Identifiers of the RDS read replicas (the doctor search reads them): each gets its lag and CPU alarms."
  type        = list(string)
  default     = []
}

variable "db_max_replica_lag_seconds" {
  description = "Replica lag above which the alarm fires: the search shows changes this late."
  type        = number
  default     = 30
}

variable "db_min_free_storage_gib" {
  description = "Free storage under which the database alarm fires."
  type        = number
  default     = 10
}

variable "db_max_connections" {
  description = "Connections above which the database alarm fires."
  type        = number
  default     = 400
}

variable "kms_key_arn" {
  description = "KMS key of the alarm topic."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}

variable "create_cloudtrail" {
  description = "Create the account's CloudTrail trail (one environment per account does)."
  type        = bool
  default     = false
}

variable "trail_retention_days" {
  description = "Days CloudTrail logs are kept in S3."
  type        = number
  default     = 2555
}

variable "documents_bucket_arn" {
  description = "Documents bucket whose object reads and writes CloudTrail records."
  type        = string
}

variable "access_logs_bucket" {
  description = "Bucket receiving the trail bucket's access logs."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key of the trail's log group."
  type        = string
}
