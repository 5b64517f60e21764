output "app_url" {
  description = "Public URL of the app."
  value       = local.origin
}

output "cloudfront_domain_name" {
  description = "Where the public host names must point (CNAME/alias)."
  value       = module.edge.distribution_domain_name
}

output "cloudfront_distribution_id" {
  description = "Distribution to invalidate after a web deploy."
  value       = module.edge.distribution_id
}

output "web_bucket" {
  description = "Bucket the web app's build is synced to."
  value       = module.edge.web_bucket
}

output "api_route_keys" {
  description = "Routes of the HTTP API (generated from gateway/rotas.json)."
  value       = module.edge.route_keys
}

output "cluster_name" {
  description = "ECS cluster of the services."
  value       = module.cluster.cluster_name
}

output "task_definitions" {
  description = "Current task definition of each service (the migration task runs the same one)."
  value       = { for k, s in module.service : k => s.task_definition_arn }
}

output "database_address" {
  description = "Host name of the RDS primary."
  value       = module.database.address
}

output "database_replica_addresses" {
  description = "Host names of the RDS read replicas (prod), the hosts of the database-url-leitura secret; empty elsewhere."
  value       = module.database.replica_addresses
}

output "database_master_secret_arn" {
  description = "Secret with the RDS master credentials (used once to create the app role)."
  value       = module.database.master_user_secret_arn
}

output "runtime_secret_arns" {
  description = "Runtime secrets to fill once after the first apply (docs/operations.md)."
  value       = module.cluster.secret_arns
}

output "documents_bucket" {
  description = "Bucket of the health-record documents."
  value       = module.data.documents_bucket
}

output "cognito_user_pool_id" {
  description = "Cognito user pool."
  value       = module.identity.user_pool_id
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.observability.alarm_topic_arn
}

output "pipeline_connection_arn" {
  description = "CodeStar connection to confirm in the console (only where the pipeline lives)."
  value       = try(module.pipeline[0].connection_arn, null)
}

output "ses_dkim_records" {
  description = "CNAME records to publish so SES verifies the e-mail domain (then set email_via_ses)."
  value       = module.identity.ses_dkim_records
}
