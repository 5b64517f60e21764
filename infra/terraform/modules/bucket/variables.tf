variable "name" {
  description = "Name of the bucket (globally unique: callers add the account id)."
  type        = string
}

variable "kms_key_arn" {
  description = "KMS key of the bucket's default encryption (SSE-KMS with a bucket key); null means SSE-S3 (AES256), only for buckets that receive S3 server access logs or ALB logs. Required, so no caller can forget it."
  type        = string
}

variable "versioning" {
  description = "Whether versioning is enabled (every bucket of the estate is versioned)."
  type        = bool
  default     = true
}

variable "access_logs" {
  description = "Where S3 server access logs of this bucket go (bucket name and key prefix); null only for the access-log bucket itself."
  type = object({
    bucket = string
    prefix = string
  })
}

variable "lifecycle_rules" {
  description = "Lifecycle rules (all enabled): id, optional key prefix (null: every object), transitions, expiration of current objects, expiration of noncurrent versions, and the abort of incomplete multipart uploads."
  type = list(object({
    id                   = string
    prefix               = optional(string)
    transitions          = optional(list(object({ days = number, storage_class = string })), [])
    expiration_days      = optional(number)
    noncurrent_days      = optional(number)
    abort_multipart_days = number
  }))

  validation {
    condition     = length(var.lifecycle_rules) > 0
    error_message = "Every bucket needs at least one lifecycle rule (incomplete multipart uploads, old versions)."
  }
}

variable "policy_documents" {
  description = "The caller's bucket policy documents (aws_iam_policy_document JSON), merged with the statement that denies any request not over TLS."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags of the bucket."
  type        = map(string)
  default     = {}
}
