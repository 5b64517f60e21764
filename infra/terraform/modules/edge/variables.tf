variable "name" {
  description = "Name prefix of the edge resources (e.g. healthmed-prod)."
  type        = string
}

variable "jwt_issuer" {
  description = "Issuer of the access tokens the API Gateway JWT authorizer accepts (the Cognito user pool's issuer URL)."
  type        = string
}

variable "jwt_audience" {
  description = "Audience the authorizer requires: the Cognito app client id (matched against the access token's client_id)."
  type        = string
}

variable "domain_names" {
  description = "Public host names of the app (CloudFront aliases)."
  type        = list(string)
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate in us-east-1 covering domain_names."
  type        = string

  validation {
    condition     = can(regex("^arn:aws:acm:us-east-1:", var.cloudfront_certificate_arn))
    error_message = "CloudFront only takes certificates from us-east-1."
  }
}

variable "private_subnet_ids" {
  description = "Private subnets of the VPC link."
  type        = list(string)
}

variable "vpc_link_security_group_id" {
  description = "Security group of the VPC link."
  type        = string
}

variable "alb_listener_arn" {
  description = "HTTPS listener of the internal ALB (integration target)."
  type        = string
}

variable "alb_domain_name" {
  description = "Name on the ALB's certificate, verified by API Gateway."
  type        = string
}

variable "origin_verify_secret" {
  description = "Value of x-origin-verify that CloudFront adds to /api requests."
  type        = string
  sensitive   = true
}

variable "throttling_rate_limit" {
  description = "Steady-state requests per second API Gateway accepts per route."
  type        = number
  default     = 2000
}

variable "throttling_burst_limit" {
  description = "Burst of requests API Gateway accepts per route."
  type        = number
  default     = 4000
}

variable "rate_limit_per_5_minutes" {
  description = "Requests one IP address may send in 5 minutes before WAF blocks it."
  type        = number
  default     = 2000

  validation {
    condition     = var.rate_limit_per_5_minutes >= 100
    error_message = "WAF rate limits start at 100 requests per 5 minutes."
  }
}

variable "price_class" {
  description = "CloudFront price class (PriceClass_All includes South America)."
  type        = string
  default     = "PriceClass_All"
}

variable "access_logs_bucket" {
  description = "Bucket receiving the web bucket's access logs."
  type        = string
}

variable "logs_kms_key_arn" {
  description = "KMS key of the API Gateway log group (region of the stack)."
  type        = string
}

variable "waf_logs_kms_key_arn" {
  description = "KMS key in us-east-1 for the WAF log group."
  type        = string
}

variable "web_kms_key_arn" {
  description = "KMS key of the web bucket (its policy lets CloudFront decrypt)."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the edge's log groups."
  type        = number
  default     = 365
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
