output "pipeline_name" {
  description = "Name of the pipeline."
  value       = aws_codepipeline.this.name
}

output "connection_arn" {
  description = "CodeStar connection to GitHub (confirm it once in the console after the first apply)."
  value       = aws_codestarconnections_connection.this.arn
}

output "artifacts_bucket" {
  description = "Bucket of the pipeline's artifacts."
  value       = module.artifacts.id
}

output "repository_urls" {
  description = "Image repository URL of each service."
  value       = { for k, r in aws_ecr_repository.this : k => r.repository_url }
}
