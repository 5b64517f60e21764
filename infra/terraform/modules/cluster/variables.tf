variable "name" {
  description = "Name of the cluster and prefix of its companions (e.g. healthmed-prod)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of the internal ALB."
  type        = list(string)
}

variable "container_port" {
  description = "Port every service container listens on."
  type        = number
  default     = 8000
}

variable "certificate_arn" {
  description = "ACM certificate of the internal ALB's HTTPS listener."
  type        = string
}

variable "database_security_group_id" {
  description = "Security group of the database; the tasks get an ingress rule on it."
  type        = string
}

variable "access_logs_bucket" {
  description = "Bucket receiving the ALB's access logs (prefix alb/)."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key of the log groups and image repositories."
  type        = string
}

variable "secrets_kms_key_arn" {
  description = "KMS key of the runtime secrets."
  type        = string
}

variable "secret_names" {
  description = "Runtime secrets created empty (values set by operators)."
  type        = list(string)
  default     = ["service-token"]
}

variable "log_retention_days" {
  description = "Retention of the cluster's log groups."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
