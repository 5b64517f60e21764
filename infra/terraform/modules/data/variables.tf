variable "name" {
  description = "Name prefix of buckets and tables (e.g. healthmed-prod)."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key of health data: documents bucket and DynamoDB tables."
  type        = string
}

variable "allowed_origins" {
  description = "Origins of the web app allowed to PUT/GET documents with presigned URLs."
  type        = list(string)
}

variable "documents_ia_after_days" {
  description = "Days after which documents move to Standard-IA."
  type        = number
  default     = 90

  validation {
    condition     = var.documents_ia_after_days >= 30
    error_message = "S3 moves objects to Standard-IA after 30 days at the earliest."
  }
}

variable "noncurrent_version_days" {
  description = "Days a replaced or deleted document version stays recoverable."
  type        = number
  default     = 90
}

variable "log_retention_days" {
  description = "Days access logs are kept."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
