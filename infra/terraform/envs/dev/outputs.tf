output "app_url" {
  description = "Public URL of the app."
  value       = module.stack.app_url
}

output "cloudfront_domain_name" {
  description = "Where the public host name must point."
  value       = module.stack.cloudfront_domain_name
}

output "cluster_name" {
  description = "ECS cluster of the services."
  value       = module.stack.cluster_name
}

output "task_definitions" {
  description = "Current task definition of each service."
  value       = module.stack.task_definitions
}

output "api_route_keys" {
  description = "Routes of the HTTP API, generated from gateway/rotas.json."
  value       = module.stack.api_route_keys
}

output "runtime_secret_arns" {
  description = "Runtime secrets to fill once after the first apply."
  value       = module.stack.runtime_secret_arns
}

output "database_master_secret_arn" {
  description = "Secret with the RDS master credentials."
  value       = module.stack.database_master_secret_arn
}

output "pipeline_connection_arn" {
  description = "CodeStar connection to confirm once (prod only)."
  value       = module.stack.pipeline_connection_arn
}

output "ses_dkim_records" {
  description = "CNAME records to publish so SES verifies the e-mail domain."
  value       = module.stack.ses_dkim_records
}

output "database_address" {
  description = "Host of the primary database (docs/deploy.md, database users)."
  value       = module.stack.database_address
}

output "database_replica_addresses" {
  description = "Hosts of the read replicas (medico's read URL)."
  value       = module.stack.database_replica_addresses
}

output "web_bucket" {
  description = "Bucket of the web app."
  value       = module.stack.web_bucket
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution (invalidations)."
  value       = module.stack.cloudfront_distribution_id
}
