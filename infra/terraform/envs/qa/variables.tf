variable "region" {
  description = "Region of the environment (São Paulo keeps health data in Brazil)."
  type        = string
  default     = "sa-east-1"
}

variable "image_tag" {
  description = "Commit SHA of the images to run (set by the pipeline or the operator)."
  type        = string
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate in us-east-1 for the public host name."
  type        = string
}

variable "alb_certificate_arn" {
  description = "ACM certificate in the region for the internal ALB."
  type        = string
}

variable "alarm_emails" {
  description = "Addresses that receive the alarms."
  type        = list(string)
  default     = []
}

variable "email_via_ses" {
  description = "Cognito sends through SES: false on the first apply, true once the DKIM records verified the domain."
  type        = bool
  default     = false
}
