output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "service_connect_namespace_arn" {
  description = "ARN of the Service Connect namespace."
  value       = aws_service_discovery_http_namespace.this.arn
}

output "alb_arn" {
  description = "ARN of the internal ALB."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the ALB (CloudWatch dimension)."
  value       = aws_lb.this.arn_suffix
}

output "listener_arn" {
  description = "ARN of the HTTPS listener (the API Gateway integration target)."
  value       = aws_lb_listener.https.arn
}

output "alb_security_group_id" {
  description = "Security group of the ALB."
  value       = aws_security_group.alb.id
}

output "tasks_security_group_id" {
  description = "Security group every task carries."
  value       = aws_security_group.tasks.id
}

output "vpc_link_security_group_id" {
  description = "Security group of API Gateway's VPC link."
  value       = aws_security_group.vpc_link.id
}

output "origin_verify_secret" {
  description = "Header value CloudFront adds and the ALB requires."
  value       = data.aws_secretsmanager_secret_version.origin_verify.secret_string
  sensitive   = true
}

output "secret_arns" {
  description = "ARN of each runtime secret, by name."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}
