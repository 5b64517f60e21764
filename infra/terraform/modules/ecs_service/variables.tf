variable "name" {
  description = "Name of the service: one of the five HealthMed services."
  type        = string

  validation {
    condition     = contains(["auth", "medico", "paciente", "consulta", "prontuario"], var.name)
    error_message = "name must be one of auth, medico, paciente, consulta, prontuario."
  }
}

variable "image" {
  description = "Container image, by digest (repo@sha256:...) or by an immutable commit tag; never latest."
  type        = string

  validation {
    condition     = can(regex("@sha256:[0-9a-f]{64}$", var.image)) || (can(regex(":[A-Za-z0-9._-]+$", var.image)) && !can(regex(":latest$", var.image)))
    error_message = "image must be pinned by digest or by an explicit tag other than latest."
  }
}

variable "cpu" {
  description = "Task CPU units (256 = 0.25 vCPU)."
  type        = number

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096], var.cpu)
    error_message = "cpu must be a Fargate size: 256, 512, 1024, 2048 or 4096."
  }
}

variable "memory" {
  description = "Task memory in MiB (must fit the CPU size on Fargate)."
  type        = number

  validation {
    condition     = var.memory >= 512 && var.memory <= 30720 && var.memory % 512 == 0
    error_message = "memory must be a multiple of 512 between 512 and 30720 MiB."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture of the image (X86_64 or ARM64)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "min_capacity" {
  description = "Fewest tasks (at least one per zone in prod)."
  type        = number

  validation {
    condition     = var.min_capacity >= 1
    error_message = "min_capacity must be at least 1."
  }
}

variable "max_capacity" {
  description = "Most tasks auto scaling may run."
  type        = number
}

variable "cpu_target_percent" {
  description = "Average CPU auto scaling keeps the service at."
  type        = number
  default     = 60

  validation {
    condition     = var.cpu_target_percent >= 20 && var.cpu_target_percent <= 90
    error_message = "cpu_target_percent must be between 20 and 90."
  }
}

variable "requests_per_task_target" {
  description = "ALB requests per task per minute auto scaling keeps the service at."
  type        = number
  default     = 3000
}

variable "container_port" {
  description = "Port the container listens on."
  type        = number
  default     = 8000
}

variable "environment" {
  description = "Plain environment variables of the container (no secrets here)."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.environment) : !can(regex("(TOKEN|CHAVE|SECRET|SENHA|PASSWORD|DATABASE_URL)", k))])
    error_message = "Secrets go in var.secrets (Secrets Manager), never in plain environment."
  }
}

variable "secrets" {
  description = "Environment variables read from Secrets Manager or SSM: name => ARN (optionally ARN:json-key::)."
  type        = map(string)
  default     = {}
}

variable "secrets_kms_key_arn" {
  description = "KMS key that encrypts the secrets."
  type        = string
}

variable "create_task_policy" {
  description = "Whether the task role gets task_policy_json (known at plan time, unlike the JSON)."
  type        = bool
  default     = false
}

variable "task_policy_json" {
  description = "IAM policy of the task role (least privilege for this service); required when create_task_policy."
  type        = string
  default     = null

  validation {
    condition     = !var.create_task_policy || var.task_policy_json != null
    error_message = "task_policy_json is required when create_task_policy is true."
  }
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster."
  type        = string
}

variable "cluster_name" {
  description = "Name of the ECS cluster."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the target group."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets the tasks run in (one per zone)."
  type        = list(string)
}

variable "tasks_security_group_id" {
  description = "Security group of the tasks."
  type        = string
}

variable "listener_arn" {
  description = "HTTPS listener of the internal ALB."
  type        = string
}

variable "listener_rule_priority" {
  description = "Priority of this service's listener rule (unique per listener)."
  type        = number
}

variable "alb_arn_suffix" {
  description = "ARN suffix of the ALB (for the request-count scaling metric)."
  type        = string
}

variable "origin_verify_secret" {
  description = "Value of x-origin-verify that CloudFront adds and the listener rule requires."
  type        = string
  sensitive   = true
}

variable "service_connect_namespace_arn" {
  description = "Service Connect namespace the service joins."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key of the log group."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the service's logs."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
