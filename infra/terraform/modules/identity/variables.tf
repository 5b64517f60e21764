variable "name" {
  description = "Name of the user pool (e.g. healthmed-prod)."
  type        = string
}

variable "email_domain" {
  description = "Domain verified in SES from which HealthMed sends e-mail."
  type        = string
}

variable "access_token_minutes" {
  description = "Lifetime of access and id tokens in minutes (the API contract caps it at 15)."
  type        = number
  default     = 15

  validation {
    condition     = var.access_token_minutes >= 5 && var.access_token_minutes <= 15
    error_message = "Access tokens live between 5 and 15 minutes."
  }
}

variable "refresh_token_days" {
  description = "Lifetime of refresh tokens in days."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}

variable "public_origin" {
  description = "Public origin of the web app (https://host), for the password-reset link the CustomMessage trigger writes."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key that encrypts the trigger's CloudWatch log group."
  type        = string
}

variable "email_via_ses" {
  description = "Send the pool's e-mail through the SES identity (true only once SES shows it verified: publish the DKIM records first)."
  type        = bool
  default     = false
}

variable "refresh_retry_grace_seconds" {
  description = "How long a rotated refresh token still works (a retried refresh after a lost answer)."
  type        = number
  default     = 20

  validation {
    condition     = var.refresh_retry_grace_seconds >= 0 && var.refresh_retry_grace_seconds <= 60
    error_message = "Cognito accepts a grace period from 0 to 60 seconds."
  }
}
