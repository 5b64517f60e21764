output "user_pool_id" {
  description = "Id of the user pool."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "ARN of the user pool (for the auth service's IAM policy)."
  value       = aws_cognito_user_pool.this.arn
}

output "client_id" {
  description = "Id of the app client (no secret)."
  value       = aws_cognito_user_pool_client.this.id
}

output "issuer" {
  description = "Issuer of the pool's tokens."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "jwks_url" {
  description = "JWKS of the pool, for the services' token verification."
  value       = "https://${aws_cognito_user_pool.this.endpoint}/.well-known/jwks.json"
}

output "ses_identity_arn" {
  description = "ARN of the SES identity."
  value       = aws_sesv2_email_identity.this.arn
}

output "ses_dkim_records" {
  description = "CNAME records that verify the e-mail domain in SES (Easy DKIM): name => value."
  value = {
    for token in flatten([for a in aws_sesv2_email_identity.this.dkim_signing_attributes : a.tokens]) :
    "${token}._domainkey.${var.email_domain}" => "${token}.dkim.amazonses.com"
  }
}
