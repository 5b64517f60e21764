variable "name" {
  description = "Name of the pipeline and prefix of its companions (e.g. healthmed)."
  type        = string
}

variable "repository" {
  description = "GitHub repository (owner/name)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.repository))
    error_message = "repository must be owner/name."
  }
}

variable "branch" {
  description = "Branch that is delivered."
  type        = string
  default     = "main"
}

variable "repository_prefix" {
  description = "ECR repository prefix the images are pushed under (<prefix>/<service>)."
  type        = string
}

variable "environments" {
  description = "Environments in delivery order: cluster, services, and whether a person approves first."
  type = list(object({
    name             = string
    cluster_name     = string
    services         = list(string)
    require_approval = bool
  }))

  validation {
    condition     = length(var.environments) > 0 && var.environments[length(var.environments) - 1].require_approval
    error_message = "The last environment (prod) must require a manual approval."
  }
}

variable "services" {
  description = "Services built by the pipeline (one image repository each)."
  type        = list(string)
}

variable "images_kept" {
  description = "Images kept per repository (how far back a rollback can go)."
  type        = number
  default     = 30
}

variable "test_image" {
  description = "Image of the make test project: Debian with Python 3.11 (pinned version)."
  type        = string
  default     = "public.ecr.aws/docker/library/python:3.11.14-bookworm"

  validation {
    condition     = !can(regex(":latest$", var.test_image))
    error_message = "Pin the test image to a version, never latest."
  }
}

variable "build_image" {
  description = "CodeBuild image (pinned version, not a moving tag)."
  type        = string
  default     = "aws/codebuild/standard:7.0"
}

variable "access_logs_bucket" {
  description = "Bucket receiving the artifact bucket's access logs."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key of artifacts and builds."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key of the build log group."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of build logs."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
