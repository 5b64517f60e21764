variable "environment" {
  description = "Environment name."
  type        = string

  validation {
    condition     = contains(["dev", "qa", "prod"], var.environment)
    error_message = "environment must be dev, qa or prod."
  }
}

variable "azs" {
  description = "The three availability zones of the region."
  type        = list(string)
}

variable "vpc_cidr" {
  description = "CIDR of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "single_nat_gateway" {
  description = "One NAT gateway instead of one per zone (dev only)."
  type        = bool
  default     = false
}

variable "domain_names" {
  description = "Public host names of the app; the first is the origin e-mails point to."
  type        = list(string)
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate (us-east-1) for the public host names."
  type        = string
}

variable "alb_certificate_arn" {
  description = "ACM certificate (this region) of the internal ALB."
  type        = string
}

variable "alb_domain_name" {
  description = "Name on the internal ALB's certificate (verified by API Gateway)."
  type        = string
}

variable "email_domain" {
  description = "Domain HealthMed sends e-mail from (SES)."
  type        = string
}

variable "email_via_ses" {
  description = "Cognito sends through the SES identity (true once SES shows the domain verified; docs/deploy.md)."
  type        = bool
  default     = false
}

variable "db_instance_class" {
  description = "RDS instance class."
  type        = string
}

variable "db_allocated_storage" {
  description = "Initial RDS storage in GiB."
  type        = number
  default     = 50
}

variable "db_multi_az" {
  description = "RDS standby in another zone."
  type        = bool
  default     = true
}

variable "db_read_replicas" {
  description = "How many RDS read replicas; with any, the medico service reads its search from them (secret database-url-leitura, every replica's host)."
  type        = number
  default     = 0
}

variable "db_replica_instance_class" {
  description = "RDS instance class of each read replica; null: the primary's (db_instance_class)."
  type        = string
  default     = null
}

variable "db_connections_alarm" {
  description = "Database connections above which the alarm fires: above what the task pools can open at the autoscaling maxima (tasks x (db_pool_size + db_max_overflow)), below the instance's max_connections."
  type        = number
  default     = 400
}

variable "db_backup_retention_days" {
  description = "Days of RDS automated backups."
  type        = number
  default     = 14
}

variable "services" {
  description = "Size of each service: task CPU/memory and the task count range of auto scaling."
  type = map(object({
    cpu          = number
    memory       = number
    min_capacity = number
    max_capacity = number
  }))

  validation {
    condition     = toset(keys(var.services)) == toset(["auth", "medico", "paciente", "consulta", "prontuario"])
    error_message = "services must size exactly auth, medico, paciente, consulta and prontuario."
  }
}

variable "cpu_target_percent" {
  description = "Average CPU auto scaling keeps each service at."
  type        = number
  default     = 60
}

variable "requests_per_task_target" {
  description = "Requests per task per minute auto scaling keeps each service at: about 70% of the ~28 req/s one vCPU served at p99 < 300 ms in the first load test (docs/capacity.md)."
  type        = number
  default     = 1200
}

variable "image_registry" {
  description = "Registry and prefix of the images (default: this account's ECR, prefix healthmed)."
  type        = string
  default     = null
}

variable "image_tag" {
  description = "Image tag to run: the commit SHA the pipeline built (never latest)."
  type        = string

  validation {
    condition     = var.image_tag != "latest" && can(regex("^[A-Za-z0-9._-]+$", var.image_tag))
    error_message = "image_tag must be an explicit tag (the commit), never latest."
  }
}

variable "api_rate_limit" {
  description = "API Gateway steady-state requests per second per route."
  type        = number
  default     = 2000
}

variable "api_burst_limit" {
  description = "API Gateway burst per route."
  type        = number
  default     = 4000
}

variable "waf_rate_limit_per_5_minutes" {
  description = "Requests per 5 minutes per IP before WAF blocks."
  type        = number
  default     = 2000
}

variable "log_retention_days" {
  description = "Retention of the services' and edge's logs."
  type        = number
  default     = 365
}

variable "alarm_emails" {
  description = "Addresses that receive the alarms."
  type        = list(string)
  default     = []
}

variable "cloudtrail" {
  description = "Create the account's CloudTrail trail here (one environment per account)."
  type        = bool
  default     = false
}

variable "pipeline" {
  description = "The delivery pipeline, created only in the environment that owns it (null elsewhere)."
  type = object({
    repository = string
    branch     = string
    environments = list(object({
      name             = string
      cluster_name     = string
      services         = list(string)
      require_approval = bool
    }))
  })
  default = null
}

variable "tags" {
  description = "Extra tags applied to every resource."
  type        = map(string)
  default     = {}
}
